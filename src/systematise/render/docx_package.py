"""The Word package pandoc wrote, finished for publication.

pandoc writes the document's text and styles; what a publisher's DOCX needs beyond that is added
here, in the package's XML:

- the table of contents, after the legal page, as Word's TOC field whose result already holds
  the entries (each a link to its heading), so they show as soon as the file is opened; the
  field is marked dirty, so Word offers to update it (page numbers) when it opens the file;
- the front matter (title page, legal page, contents) as a section of its own with no header or
  footer; the body's pages carry the report's title as running header and the page number
  (Word's PAGE field) in the footer, as the PDF does;
- codes (``GUY-01``, ``SIST-MIG``, ``1-25``) joined by Word's non-breaking hyphen, so a line
  never ends inside one;
- every table as wide as the text;
- the report's font (Lato, SIL OFL 1.1) embedded, obfuscated as the standard requires (Latin
  subset, the same the HTML carries), so Word and LibreOffice show the same letters on machines
  that do not have it;
- the publication date as the core properties' created and modified dates, and fixed zip
  timestamps: the same report gives the same bytes.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from systematise.config import Settings
from systematise.render.fontcache import kept_subset
from systematise.render.fonts import FACES, FAMILY

#: The bookmark pandoc writes around the contents' title: the table of contents goes there.
CONTENTS_ANCHOR = "contents"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_HEADER_ID = "rIdRunningHeader"
_FOOTER_ID = "rIdPageFooter"


@dataclass(frozen=True)
class TocEntry:
    """A heading the table of contents lists: its level (1, 2), bookmark and text."""

    level: int
    anchor: str
    text: str


@dataclass(frozen=True)
class Finish:
    """What the package needs from the report: its title, contents' title and entries."""

    title: str
    contents_title: str
    entries: Sequence[TocEntry]
    toc_depth: int


# --- the table of contents -------------------------------------------------------------------


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _field_runs(kind: str, *, dirty: bool = False) -> str:
    flag = ' w:dirty="true"' if dirty else ""
    return f'<w:r><w:fldChar w:fldCharType="{kind}"{flag}/></w:r>'


def contents_xml(finish: Finish) -> str:
    """The table of contents: Word's TOC field, its result already holding the entries."""
    instruction = f' TOC \\o "1-{finish.toc_depth}" \\h \\z \\u '
    start = (
        _field_runs("begin", dirty=True)
        + f'<w:r><w:instrText xml:space="preserve">{escape(instruction)}</w:instrText></w:r>'
        + _field_runs("separate")
    )
    paragraphs = [
        f'<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr>{_run(finish.contents_title)}</w:p>'
    ]
    entries = list(finish.entries)
    if not entries:
        paragraphs.append(f"<w:p>{start}{_field_runs('end')}</w:p>")
    for index, entry in enumerate(entries):
        anchor = quoteattr(entry.anchor)
        link = f'<w:hyperlink w:anchor={anchor} w:history="1">{_run(entry.text)}</w:hyperlink>'
        first = start if index == 0 else ""
        last = _field_runs("end") if index == len(entries) - 1 else ""
        paragraphs.append(
            f'<w:p><w:pPr><w:pStyle w:val="TOC{entry.level}"/></w:pPr>{first}{link}{last}</w:p>'
        )
    return (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        "<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>"
        + "".join(paragraphs)
        + "</w:sdtContent></w:sdt>"
    )


_CONTENTS = re.compile(
    rf'<w:bookmarkStart w:id="(\d+)" w:name="{CONTENTS_ANCHOR}" ?/>.*?'
    r'<w:bookmarkEnd w:id="\1" ?/>',
    re.S,
)


# --- sections, header and footer ---------------------------------------------------------------

_PAGE = re.compile(r"<w:pgSz [^>]*/>\s*<w:pgMar [^>]*/>", re.S)


def _pieces(document: str, finish: Finish) -> Iterator[str]:
    """``document`` in order, in pieces of about :data:`_PIECE` characters cut after a
    paragraph, with the contents in their place, the front matter made a section without header
    or footer, and the body's section given both. Nothing is copied whole: the document of a
    few thousand fiches is tens of megabytes."""
    contents = list(_CONTENTS.finditer(document))
    if len(contents) != 1:
        raise ValueError(f"expected one place for the contents, found {len(contents)}")
    place = contents[0]
    section = document.rfind("<w:sectPr>") + len("<w:sectPr>")
    page = _PAGE.search(document, section, document.find("</w:sectPr>", section))
    if section < place.end() or page is None:
        raise ValueError("the document's last section has no page size or margins")
    front = (
        f'<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/>{page.group(0)}</w:sectPr></w:pPr></w:p>'
    )
    yield from _slices(document, 0, place.start())
    yield contents_xml(finish) + front
    yield from _slices(document, place.end(), section)
    yield (
        f'<w:headerReference w:type="default" r:id="{_HEADER_ID}"/>'
        f'<w:footerReference w:type="default" r:id="{_FOOTER_ID}"/>'
    )
    yield from _slices(document, section, len(document))


_PIECE = 1 << 20


def _slices(document: str, start: int, end: int) -> Iterator[str]:
    while start < end:
        cut = document.find("</w:p>", min(start + _PIECE, end), end)
        stop = end if cut < 0 else cut + len("</w:p>")
        yield document[start:stop]
        start = stop


def _header(finish: Finish) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="{_W}" '
        f'xmlns:r="{_R}"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>{_run(finish.title)}'
        "</w:p></w:hdr>"
    )


def _footer() -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="{_W}" '
        f'xmlns:r="{_R}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
        + _field_runs("begin")
        + '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        + _field_runs("separate")
        + _run("1")
        + _field_runs("end")
        + "</w:p></w:ftr>"
    )


# --- codes and tables --------------------------------------------------------------------------

_TEXT = re.compile(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")
#: U+2011, what the text may already hold for a hyphen that must not break.
NON_BREAKING_HYPHEN = "\u2011"
_CODE = re.compile(r"(?<![\w\-\u2011])[A-Z0-9]+(?:[-\u2011][A-Z0-9]+)+(?![\w\-\u2011])")


def _join_codes(document: str) -> str:
    """Each code's hyphens (and any U+2011 in the text) as Word's non-breaking hyphen."""

    def text(match: re.Match[str]) -> str:
        content = _CODE.sub(
            lambda code: code.group(0).replace("-", NON_BREAKING_HYPHEN), match.group(2)
        )
        if NON_BREAKING_HYPHEN not in content:
            return match.group(0)
        return "<w:noBreakHyphen/>".join(
            f'<w:t xml:space="preserve">{piece}</w:t>' if piece else ""
            for piece in content.split(NON_BREAKING_HYPHEN)
        )

    return _TEXT.sub(text, document)


_TABLE_WIDTH = re.compile(r"<w:tblW [^>]*/>")
_GRID = re.compile(r"<w:tblGrid>(.*?)</w:tblGrid>", re.S)
_GRID_COLUMN = re.compile(r'<w:gridCol w:w="(\d+)" ?/>')
_MARGINS = re.compile(r'<w:pgSz [^>]*w:w="(\d+)"[^>]*/>\s*<w:pgMar ([^>]*)/>')


def _text_width(document: str) -> int:
    page = _MARGINS.search(document)
    if page is None:
        raise ValueError("the document has no page size")
    margins = dict(re.findall(r'w:(\w+)="(\d+)"', page.group(2)))
    return int(page.group(1)) - int(margins.get("left", 0)) - int(margins.get("right", 0))


def _full_width_tables(document: str, width: int) -> str:
    """Every table as wide as the text (``width``); its columns keep their proportions."""

    def grid(match: re.Match[str]) -> str:
        columns = [int(value) for value in _GRID_COLUMN.findall(match.group(1))]
        total = sum(columns) or 1
        scaled = [round(column * width / total) for column in columns]
        if scaled:
            scaled[-1] = width - sum(scaled[:-1])
        return "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{c}"/>' for c in scaled) + "</w:tblGrid>"

    document = _TABLE_WIDTH.sub('<w:tblW w:type="pct" w:w="5000"/>', document)
    return _GRID.sub(grid, document)


# --- the embedded font -------------------------------------------------------------------------

#: Word's name for each face (``w:embedRegular``...), by weight and style.
_EMBED = {
    (400, "normal"): "Regular",
    (700, "normal"): "Bold",
    (400, "italic"): "Italic",
    (700, "italic"): "BoldItalic",
}


@dataclass(frozen=True)
class _EmbeddedFace:
    kind: str
    part: str
    relationship: str
    key: str
    data: bytes


def _font_key(file: str) -> str:
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"systematise:{file}")).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """ECMA-376 part 1, 17.8.1: the font's first 32 bytes XORed with the key's 16, reversed."""
    secret = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ secret[index % 16] for index, byte in enumerate(data[:32]))
    return head + data[32:]


def _embedded_faces() -> list[_EmbeddedFace]:
    faces = []
    for number, face in enumerate(FACES, start=1):
        key = _font_key(face.file)
        faces.append(
            _EmbeddedFace(
                kind=_EMBED[(face.weight, face.style)],
                part=f"fonts/font{number}.odttf",
                relationship=f"rIdFont{number}",
                key=key,
                data=obfuscate(kept_subset(face.file, None), key),
            )
        )
    return faces


def _font_table(font_table: str, faces: list[_EmbeddedFace]) -> str:
    embeds = "".join(
        f'<w:embed{face.kind} r:id="{face.relationship}" w:fontKey="{face.key}"/>'
        for face in sorted(faces, key=lambda face: _EMBED_ORDER.index(face.kind))
    )
    entry = (
        f'<w:font w:name="{FAMILY}"><w:panose1 w:val="020F0502020204030203"/>'
        '<w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/>'
        f"{embeds}</w:font>"
    )
    font_table = re.sub(rf'<w:font w:name="{FAMILY}">.*?</w:font>', "", font_table, flags=re.S)
    if 'xmlns:r="' not in font_table:
        font_table = font_table.replace("<w:fonts ", f'<w:fonts xmlns:r="{_R}" ', 1)
    return font_table.replace("</w:fonts>", entry + "</w:fonts>")


#: The order of the ``w:embed*`` elements in a font's entry (the schema's sequence).
_EMBED_ORDER = ("Regular", "Bold", "Italic", "BoldItalic")


def _font_relationships(faces: list[_EmbeddedFace]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="{face.relationship}" Type="{_RELATIONSHIP}font" '
            f'Target="{face.part}"/>'
            for face in faces
        )
        + "</Relationships>"
    )


# --- the package -------------------------------------------------------------------------------

_DATA_URI_DESCRIPTION = re.compile(rb'(<pic:cNvPr [^>]*descr=")data:[^"]*(")')


def _write_document(
    target: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes, finish: Finish
) -> None:
    """``word/document.xml``, finished piece by piece into ``target``."""
    # pandoc repeats an image's source as its picture's description: for a data: URI that is
    # the whole PNG again, in base64.
    document = _DATA_URI_DESCRIPTION.sub(rb"\1\2", data).decode("utf-8")
    width = _text_width(document)
    with target.open(info, "w") as stream:
        for piece in _pieces(document, finish):
            stream.write(_join_codes(_full_width_tables(piece, width)).encode("utf-8"))


def _relationships(rels: str) -> str:
    added = (
        f'<Relationship Id="{_HEADER_ID}" Type="{_RELATIONSHIP}header" Target="header1.xml"/>'
        f'<Relationship Id="{_FOOTER_ID}" Type="{_RELATIONSHIP}footer" Target="footer1.xml"/>'
    )
    return rels.replace("</Relationships>", added + "</Relationships>")


def _content_types(types: str) -> str:
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    added = (
        '<Default Extension="odttf" '
        'ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont"/>'
        f'<Override PartName="/word/header1.xml" ContentType="{main}.header+xml"/>'
        f'<Override PartName="/word/footer1.xml" ContentType="{main}.footer+xml"/>'
    )
    return types.replace("</Types>", added + "</Types>")


def _settings(settings_xml: str) -> str:
    """Word keeps the fonts embedded when an editor saves the file."""
    if "<w:embedTrueTypeFonts" in settings_xml:
        return settings_xml
    return re.sub(r"(<w:zoom [^>]*/>)", r"\1<w:embedTrueTypeFonts/>", settings_xml, count=1)


def _core(core: str, moment: str) -> str:
    for element in ("created", "modified"):
        core = re.sub(
            rf"(<dcterms:{element}[^>]*>)[^<]*(</dcterms:{element}>)",
            rf"\g<1>{moment}\g<2>",
            core,
        )
    return core


def finish_package(data: bytes, settings: Settings, finish: Finish) -> bytes:
    """The DOCX pandoc wrote (``data``), finished as the module says."""
    day = settings.report.date()
    moment = f"{day.isoformat()}T00:00:00Z"
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    faces = _embedded_faces()
    out = io.BytesIO()

    def member(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    def put(target: zipfile.ZipFile, name: str, content: bytes) -> None:
        target.writestr(member(name), content)

    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            content = source.read(entry.filename)
            name = entry.filename
            if name == "word/document.xml":
                _write_document(target, member(name), content, finish)
                continue
            if name == "word/_rels/document.xml.rels":
                content = _relationships(content.decode("utf-8")).encode("utf-8")
            elif name == "[Content_Types].xml":
                content = _content_types(content.decode("utf-8")).encode("utf-8")
            elif name == "word/fontTable.xml":
                content = _font_table(content.decode("utf-8"), faces).encode("utf-8")
            elif name == "word/settings.xml":
                content = _settings(content.decode("utf-8")).encode("utf-8")
            elif name == "docProps/core.xml":
                content = _core(content.decode("utf-8"), moment).encode("utf-8")
            elif name in ("word/header1.xml", "word/footer1.xml"):
                continue
            put(target, name, content)
        put(target, "word/header1.xml", _header(finish).encode("utf-8"))
        put(target, "word/footer1.xml", _footer().encode("utf-8"))
        put(target, "word/_rels/fontTable.xml.rels", _font_relationships(faces).encode("utf-8"))
        for face in faces:
            put(target, f"word/{face.part}", face.data)
    return out.getvalue()
