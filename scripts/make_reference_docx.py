"""Regenerate ``src/systematise/render/assets/docx/reference.docx``, the DOCX report's styles.

Starts from pandoc's own default reference document (``pandoc --print-default-data-file
reference.docx``, from the pandoc that pypandoc-binary ships), and replaces the styles the
report uses with the house ones: the report's font (Lato) and colour, headings (each part on a
new page), title page, the contents' entries, running header and footer, captions, tables, A4
pages, and the report's own styles that the DOCX
renderer names through ``custom-style`` (fiche labels, kickers, notes...). Editors restyle the
report by changing these styles in Word; the next build keeps their names.

Run: ``python scripts/make_reference_docx.py`` (a test checks the committed file is up to date).
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

TARGET = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "systematise"
    / "render"
    / "assets"
    / "docx"
    / "reference.docx"
)
FONT = "Lato"
ACCENT = "1D4F7C"  # the charts' bar colour
TEXT = "222222"
QUIET = "595959"
STAMP = (2025, 1, 1, 0, 0, 0)
#: A4 (11906 twips) less the side margins of :data:`_SECTION`.
TEXT_WIDTH = 11906 - 2 * 1247

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _fonts() -> str:
    return f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'


def _paragraph_style(
    style_id: str,
    name: str,
    *,
    based_on: str = "Normal",
    next_style: str | None = None,
    custom: bool = True,
    ppr: str = "",
    rpr: str = "",
    extra: str = "",
) -> str:
    attributes = ' w:customStyle="1"' if custom else ""
    following = f'<w:next w:val="{next_style}"/>' if next_style else ""
    return (
        f'<w:style w:type="paragraph"{attributes} w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="{based_on}"/>{following}{extra}'
        f"<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _heading(level: int, size: int, *, page_break: bool, before: int, after: int) -> str:
    ppr = (
        "<w:keepNext/><w:keepLines/>"
        + ("<w:pageBreakBefore/>" if page_break else "")
        + f'<w:spacing w:before="{before}" w:after="{after}"/>'
        + f'<w:outlineLvl w:val="{level - 1}"/>'
    )
    rpr = _fonts() + f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/>'
    rpr += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    return _paragraph_style(
        f"Heading{level}",
        f"heading {level}",
        next_style="BodyText",
        custom=False,
        ppr=ppr,
        rpr=rpr,
        extra=f'<w:link w:val="Heading{level}Char"/><w:uiPriority w:val="9"/>',
    )


def _styles() -> dict[str, str]:
    """Every style this script defines, by style id (replacing pandoc's where ids match)."""
    small = '<w:sz w:val="18"/><w:szCs w:val="18"/>'
    styles = {
        "Normal": (
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
            '<w:name w:val="Normal"/><w:qFormat/>'
            '<w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr>'
            f'<w:rPr>{_fonts()}<w:color w:val="{TEXT}"/>'
            '<w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>'
        ),
        "BodyText": _paragraph_style(
            "BodyText",
            "Body Text",
            custom=False,
            ppr='<w:spacing w:before="0" w:after="120"/>',
            extra='<w:link w:val="BodyTextChar"/>',
        ),
        "Title": _paragraph_style(
            "Title",
            "Title",
            custom=False,
            next_style="Subtitle",
            ppr='<w:spacing w:before="2400" w:after="240" w:line="240" w:lineRule="auto"/>',
            rpr=_fonts() + f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/>'
            '<w:sz w:val="52"/><w:szCs w:val="52"/>',
            extra='<w:link w:val="TitleChar"/><w:uiPriority w:val="10"/>',
        ),
        "Subtitle": _paragraph_style(
            "Subtitle",
            "Subtitle",
            custom=False,
            ppr='<w:spacing w:before="0" w:after="960"/>',
            rpr=_fonts() + f'<w:color w:val="{ACCENT}"/><w:sz w:val="30"/><w:szCs w:val="30"/>',
            extra='<w:link w:val="SubtitleChar"/><w:uiPriority w:val="11"/>',
        ),
        "Author": _paragraph_style(
            "Author",
            "Author",
            next_style="BodyText",
            ppr='<w:spacing w:before="0" w:after="60"/>',
            rpr='<w:sz w:val="24"/><w:szCs w:val="24"/>',
        ),
        "Date": _paragraph_style(
            "Date",
            "Date",
            next_style="BodyText",
            ppr='<w:spacing w:before="240" w:after="60"/>',
            rpr=f'<w:color w:val="{QUIET}"/><w:sz w:val="22"/><w:szCs w:val="22"/>',
        ),
        "Heading1": _heading(1, 36, page_break=True, before=0, after=240),
        "Heading2": _heading(2, 28, page_break=False, before=360, after=120),
        "Heading3": _heading(3, 24, page_break=False, before=360, after=80),
        "Heading4": _heading(4, 21, page_break=False, before=160, after=40),
        "TOCHeading": _paragraph_style(
            "TOCHeading",
            "TOC Heading",
            based_on="Heading1",
            next_style="BodyText",
            custom=False,
            ppr='<w:pageBreakBefore/><w:spacing w:before="0" w:after="240"/>'
            '<w:outlineLvl w:val="9"/>',
            extra='<w:uiPriority w:val="39"/><w:unhideWhenUsed/>',
        ),
        # The table of contents' entries (Word names them "toc 1", "toc 2"): the page number
        # Word adds on updating sits at the right margin after a dotted leader.
        **{
            f"TOC{level}": _paragraph_style(
                f"TOC{level}",
                f"toc {level}",
                next_style="BodyText",
                custom=False,
                ppr=f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
                f'<w:spacing w:before="{before}" w:after="40"/><w:ind w:left="{indent}"/>',
                rpr=rpr,
                extra='<w:uiPriority w:val="39"/><w:unhideWhenUsed/>',
            )
            for level, before, indent, rpr in (
                (1, 120, 0, "<w:b/><w:bCs/>"),
                (2, 0, 284, ""),
            )
        },
        # The running header (the report's title) and the footer (the page number).
        "Header": _paragraph_style(
            "Header",
            "header",
            custom=False,
            ppr='<w:spacing w:before="0" w:after="0"/>',
            rpr=f'<w:color w:val="{QUIET}"/><w:sz w:val="15"/><w:szCs w:val="15"/>',
        ),
        "Footer": _paragraph_style(
            "Footer",
            "footer",
            custom=False,
            ppr='<w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>',
            rpr=f'<w:color w:val="{QUIET}"/><w:sz w:val="17"/><w:szCs w:val="17"/>',
        ),
        "Caption": _paragraph_style(
            "Caption",
            "Caption",
            custom=False,
            ppr='<w:spacing w:before="120" w:after="120"/>',
            rpr=f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/>{small}',
        ),
        "TableCaption": _paragraph_style(
            "TableCaption",
            "Table Caption",
            based_on="Caption",
            ppr="<w:keepNext/>",
        ),
        "ImageCaption": _paragraph_style("ImageCaption", "Image Caption", based_on="Caption"),
        "FicheKicker": _paragraph_style(
            "FicheKicker",
            "Fiche Kicker",
            next_style="BodyText",
            ppr='<w:keepNext/><w:pBdr><w:top w:val="single" w:sz="8" w:space="6" '
            f'w:color="{ACCENT}"/></w:pBdr><w:spacing w:before="360" w:after="0"/>',
            rpr=f'<w:caps/><w:color w:val="{QUIET}"/>{small}',
        ),
        "FicheSummary": _paragraph_style(
            "FicheSummary",
            "Fiche Summary",
            next_style="BodyText",
            ppr='<w:spacing w:before="60" w:after="120"/>',
            rpr='<w:i/><w:iCs/><w:sz w:val="22"/><w:szCs w:val="22"/>',
        ),
        "FicheFact": _paragraph_style(
            "FicheFact",
            "Fiche Fact",
            next_style="BodyText",
            ppr='<w:spacing w:before="0" w:after="40"/>',
        ),
        "LanguageNote": _paragraph_style(
            "LanguageNote",
            "Language Note",
            next_style="BodyText",
            ppr='<w:keepNext/><w:spacing w:before="0" w:after="60"/>',
            rpr=f'<w:i/><w:iCs/><w:color w:val="{QUIET}"/>{small}',
        ),
        "CoverText": _paragraph_style(
            "CoverText",
            "Cover Text",
            ppr='<w:spacing w:before="0" w:after="60"/>',
            rpr=f'<w:color w:val="{ACCENT}"/><w:sz w:val="22"/><w:szCs w:val="22"/>',
        ),
        "LegalTitle": _paragraph_style(
            "LegalTitle",
            "Legal Title",
            next_style="LegalText",
            ppr='<w:pageBreakBefore/><w:spacing w:before="0" w:after="240"/>',
            rpr="<w:b/><w:bCs/>",
        ),
        "LegalText": _paragraph_style(
            "LegalText",
            "Legal Text",
            ppr='<w:spacing w:before="0" w:after="120"/>',
            rpr=small,
        ),
        "FigureNote": _paragraph_style(
            "FigureNote",
            "Figure Note",
            ppr='<w:spacing w:before="0" w:after="200"/>',
            rpr=f'<w:color w:val="{QUIET}"/>{small}',
        ),
        "ChapterFact": _paragraph_style(
            "ChapterFact",
            "Chapter Fact",
            ppr='<w:spacing w:before="0" w:after="40"/>',
            rpr=f'<w:color w:val="{QUIET}"/>',
        ),
        "FicheLabel": (
            '<w:style w:type="character" w:customStyle="1" w:styleId="FicheLabel">'
            '<w:name w:val="Fiche Label"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>'
            f'<w:rPr><w:b/><w:bCs/><w:color w:val="{ACCENT}"/></w:rPr></w:style>'
        ),
        "Hyperlink": (
            '<w:style w:type="character" w:styleId="Hyperlink">'
            '<w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/>'
            f'<w:rPr><w:color w:val="{ACCENT}"/><w:u w:val="single"/></w:rPr></w:style>'
        ),
        "Table": (
            '<w:style w:type="table" w:default="1" w:styleId="Table">'
            '<w:name w:val="Table"/><w:basedOn w:val="TableNormal"/><w:qFormat/>'
            '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>'
            f'<w:top w:val="single" w:sz="8" w:space="0" w:color="{ACCENT}"/>'
            f'<w:bottom w:val="single" w:sz="8" w:space="0" w:color="{ACCENT}"/>'
            '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="D0D7DE"/>'
            '</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/>'
            '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/>'
            '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'
            '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
            "<w:tcPr><w:tcBorders>"
            f'<w:bottom w:val="single" w:sz="8" w:space="0" w:color="{ACCENT}"/>'
            '</w:tcBorders><w:vAlign w:val="bottom"/></w:tcPr></w:tblStylePr></w:style>'
        ),
    }
    return styles


_DOC_DEFAULTS = (
    f"<w:docDefaults><w:rPrDefault><w:rPr>{_fonts()}"
    '<w:sz w:val="21"/><w:szCs w:val="21"/>'
    '<w:lang w:val="es-419" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>'
)


def restyle(styles_xml: str) -> str:
    """pandoc's ``styles.xml`` with the house styles in place of (or beside) its own."""
    text = re.sub(r"<w:docDefaults>.*?</w:docDefaults>", _DOC_DEFAULTS, styles_xml, flags=re.S)
    # Fonts named by the theme (Aptos/Calibri...) give way to the report's font.
    text = re.sub(
        r'<w:rFonts w:asciiTheme="[^"]*"\s+w:eastAsiaTheme="[^"]*"\s+w:hAnsiTheme="[^"]*"\s+'
        r'w:cstheme="[^"]*"\s*/>',
        _fonts(),
        text,
    )
    for style_id, definition in _styles().items():
        pattern = re.compile(rf'<w:style [^>]*w:styleId="{style_id}"[^>]*>.*?</w:style>', re.S)
        if pattern.search(text):
            text = pattern.sub(definition.replace("\\", "\\\\"), text, count=1)
        else:
            text = text.replace("</w:styles>", definition + "\n</w:styles>")
    return text


#: A4 with 2.2 cm side margins and 2.5 cm top and bottom (pandoc's default is US Letter).
_SECTION = (
    '<w:sectPr><w:footnotePr><w:numRestart w:val="eachSect"/></w:footnotePr>'
    '<w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1418" w:right="1247" w:bottom="1418" w:left="1247" w:header="709" '
    'w:footer="709" w:gutter="0"/></w:sectPr>'
)


def repage(document_xml: str) -> str:
    """pandoc's sample ``document.xml`` with an A4 page (pandoc copies its section settings)."""
    return re.sub(r"<w:sectPr>.*?</w:sectPr>", _SECTION, document_xml, flags=re.S)


def default_reference() -> bytes:
    import pypandoc

    pandoc = pypandoc.get_pandoc_path()
    completed = subprocess.run(
        [pandoc, "--print-default-data-file", "reference.docx"],
        check=True,
        capture_output=True,
    )
    return completed.stdout


def build() -> bytes:
    """The reference document's bytes (the same bytes for the same pandoc version)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(default_reference())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in sorted(source.infolist(), key=lambda e: e.filename):
            data = source.read(entry.filename)
            if entry.filename == "word/styles.xml":
                data = restyle(data.decode("utf-8")).encode("utf-8")
            elif entry.filename == "word/document.xml":
                data = repage(data.decode("utf-8")).encode("utf-8")
            info = zipfile.ZipInfo(entry.filename, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    return out.getvalue()


def main() -> int:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(build())
    print(TARGET.relative_to(Path.cwd()) if TARGET.is_relative_to(Path.cwd()) else TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
