"""DOCX: structure, styles, language, TOC, properties, safety, and LibreOffice opening it."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from systematise.config import ReportSettings, Settings
from systematise.i18n import translations
from systematise.render.docx import REFERENCE_DOCX, docx_bytes, editor_notes, write_docx
from systematise.render.docx_package import obfuscate
from systematise.schema.lang import Lang
from tests.docx.reports import make_reports
from tests.export.sample import sample_dataset, with_initiative

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = Settings(report=ReportSettings(publication_date=dt.date(2025, 11, 20)))

HOSTILE = (
    "Plain **not bold** and [a link](javascript:alert(1)) and <script>alert(1)</script>.\n\n"
    '`{=openxml}` <w:p><w:r><w:t>INJECTED</w:t></w:r></w:p> <img src="/etc/hostname"> '
    '<a href="file:///etc/passwd">local</a> {{ 7*7 }} ```{=openxml}\n<w:p/>\n```'
)


#: Lines of long codes: some line would end inside one if its hyphens could break.
CODES = "Related: " + ", ".join(f"SIST-MIG-{2000 + n}-{n:04d}" for n in range(120)) + "."


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[Lang, Path]:
    dataset = sample_dataset(("MEX", "BRA", "TTO"))
    entries = list(dataset.entries)
    entries[0] = with_initiative(entries[0], challenges=HOSTILE)
    entries[1] = with_initiative(entries[1], challenges=CODES)
    dataset = dataset.model_copy(update={"entries": tuple(entries)})
    out = tmp_path_factory.mktemp("docx")
    paths = write_docx(dataset, make_reports(dataset, SETTINGS), SETTINGS, out)
    assert paths == [out / "es" / "report.docx", out / "en" / "report.docx"]
    return {"es": paths[0], "en": paths[1]}


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def _paragraphs(document_xml: str) -> list[tuple[str, str]]:
    """(paragraph style, text) of every paragraph."""
    found = []
    for paragraph in re.findall(r"<w:p[ >].*?</w:p>", document_xml, flags=re.S):
        style = re.search(r'<w:pStyle w:val="([^"]+)"', paragraph)
        text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", paragraph))
        found.append((style.group(1) if style else "", text))
    return found


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    )


@pytest.mark.parametrize(
    ("lang", "overview", "chapter"),
    [("es", "Panorama regional", "México"), ("en", "Regional overview", "Mexico")],
)
@pytest.mark.slow
def test_headings(documents: dict[Lang, Path], lang: Lang, overview: str, chapter: str) -> None:
    paragraphs = _paragraphs(_part(documents[lang], "word/document.xml"))
    level1 = [_unescape(text) for style, text in paragraphs if style == "Heading1"]
    level2 = [_unescape(text) for style, text in paragraphs if style == "Heading2"]
    level3 = [_unescape(text) for style, text in paragraphs if style == "Heading3"]
    assert overview in level1
    assert chapter in level2
    assert any("Boletín Mensual" in title or "Monthly Bulletin" in title for title in level3)
    assert level1[-1] in ("Anexos", "Annexes")


@pytest.mark.slow
def test_styles_come_from_the_reference_document(documents: dict[Lang, Path]) -> None:
    reference = _part(REFERENCE_DOCX, "word/styles.xml")
    defined = set(re.findall(r'w:styleId="([^"]+)"', reference))
    document = _part(documents["es"], "word/document.xml")
    used = set(re.findall(r'<w:(?:pStyle|rStyle) w:val="([^"]+)"', document))
    assert used <= defined, used - defined
    for house in ("FicheLabel", "FicheKicker", "FicheSummary", "FicheFact", "LegalText"):
        assert house in used, house
    styles = _part(documents["es"], "word/styles.xml")
    assert 'w:ascii="Lato"' in styles
    assert re.search(r'<w:pgSz w:h="16838" w:w="11906" ?/>', document)  # A4


@pytest.mark.parametrize(("lang", "tag"), [("es", "es-419"), ("en", "en")])
@pytest.mark.slow
def test_document_language(documents: dict[Lang, Path], lang: Lang, tag: str) -> None:
    styles = _part(documents[lang], "word/styles.xml")
    assert re.search(rf'<w:lang [^>]*w:val="{tag}"', styles)
    assert f"<dc:language>{tag}</dc:language>" in _part(documents[lang], "docProps/core.xml")
    # Portuguese text shown untranslated is tagged as Portuguese.
    assert '<w:lang w:val="pt"' in _part(documents[lang], "word/document.xml")


def _order(document_xml: str) -> list[str]:
    return [style for style, _text in _paragraphs(document_xml)]


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.slow
def test_legal_page_comes_before_the_contents(documents: dict[Lang, Path], lang: Lang) -> None:
    styles = _order(_part(documents[lang], "word/document.xml"))
    assert styles.count("TOCHeading") == 1
    assert styles.index("LegalTitle") < styles.index("TOCHeading") < styles.index("Heading1")
    assert styles.index("Title") < styles.index("LegalTitle")


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.slow
def test_contents_show_their_entries(documents: dict[Lang, Path], lang: Lang) -> None:
    """The TOC field's result already lists every heading of levels 1 and 2, each a link to it;
    the field is dirty, so Word offers to update it (page numbers) when it opens the file."""
    document = _part(documents[lang], "word/document.xml")
    instructions = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", document)
    assert [text.split()[0] for text in instructions] == ["TOC"]
    assert "fldSimple" not in document
    assert re.search(r'<w:fldChar w:fldCharType="begin" w:dirty="true"/>', document)
    paragraphs = _paragraphs(document)
    headings = [
        (style[-1], text) for style, text in paragraphs if style in ("Heading1", "Heading2")
    ]
    entries = [(style[-1], text) for style, text in paragraphs if style in ("TOC1", "TOC2")]
    assert len(entries) > 10
    assert entries == headings
    anchors = re.findall(r'<w:hyperlink w:anchor="([^"]+)"', document.split("</w:sdt>")[0])
    bookmarks = set(re.findall(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"', document))
    assert len(anchors) == len(entries) and set(anchors) <= bookmarks
    # The field ends in the contents: nothing after it is part of it.
    contents = document[document.index("<w:sdt>") : document.index("</w:sdt>")]
    assert contents.count('w:fldCharType="end"') == 1


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.slow
def test_no_note_for_editors_inside_the_document(documents: dict[Lang, Path], lang: Lang) -> None:
    text = _unescape(
        "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", _part(documents[lang], "word/document.xml")))
    )
    for phrase in (
        "borre esta nota",
        "delete this note",
        "Nota para la edición",
        "Note for editors",
    ):
        assert phrase not in text
    # It is in the build report instead, in both languages, when a DOCX was written.
    (note,) = editor_notes(["es/report.html", f"{lang}/report.docx"])
    assert note["message_es"].startswith("DOCX: el índice ya muestra")
    assert note["message_en"].startswith("DOCX: the table of contents")
    assert editor_notes(["es/report.html", "es/report.pdf"]) == []


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.slow
def test_running_header_and_page_numbers(documents: dict[Lang, Path], lang: Lang) -> None:
    path = documents[lang]
    document = _part(path, "word/document.xml")
    sections = re.findall(r"<w:sectPr>.*?</w:sectPr>", document, flags=re.S)
    assert len(sections) == 2
    front, body = sections
    assert "headerReference" not in front and "footerReference" not in front
    assert document.index(front) < document.index('<w:pStyle w:val="Heading1"')
    relationships = _part(path, "word/_rels/document.xml.rels")
    for kind, part in (("header", "header1.xml"), ("footer", "footer1.xml")):
        (rid,) = re.findall(rf'<w:{kind}Reference w:type="default" r:id="([^"]+)"/>', body)
        assert re.search(rf'Id="{rid}" Type="[^"]+/{kind}" Target="{part}"', relationships)
        types = _part(path, "[Content_Types].xml")
        assert f'PartName="/word/{part}" ContentType="' in types
    title = getattr(SETTINGS.report.title, lang)
    header = _unescape(
        "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", _part(path, "word/header1.xml")))
    )
    assert header == title
    footer = _part(path, "word/footer1.xml")
    assert re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", footer) == [" PAGE "]


_CODE_WITH_HYPHEN = re.compile(r"(?<![\w-])[A-Z0-9]+(?:-[A-Z0-9]+)+(?![\w-])")


@pytest.mark.slow
def test_codes_are_never_split_at_the_hyphen(documents: dict[Lang, Path]) -> None:
    for path in documents.values():
        document = _part(path, "word/document.xml")
        texts = re.findall(r"<w:t[^>]*>([^<]*)</w:t>", document)
        assert not [text for text in texts if _CODE_WITH_HYPHEN.search(text)]
        # The kicker of a fiche: "BRA-01 · Brasil" with Word's non-breaking hyphen.
        assert re.search(
            r'<w:t xml:space="preserve">BRA</w:t><w:noBreakHyphen/><w:t xml:space="preserve">01 ',
            document,
        )
        assert (
            "GUY</w:t><w:noBreakHyphen/>" in document or "TTO</w:t><w:noBreakHyphen/>" in document
        )


@pytest.mark.slow
def test_tables_are_as_wide_as_the_text(documents: dict[Lang, Path]) -> None:
    document = _part(documents["en"], "word/document.xml")
    tables = re.findall(r"<w:tbl>.*?</w:tblGrid>", document, flags=re.S)
    assert len(tables) > 5
    text_width = 11906 - 2 * 1247  # A4 less the side margins
    for table in tables:
        assert re.findall(r"<w:tblW [^>]*/>", table) == ['<w:tblW w:type="pct" w:w="5000"/>']
        columns = [int(width) for width in re.findall(r'<w:gridCol w:w="(\d+)"', table)]
        assert sum(columns) == text_width, columns


@pytest.mark.slow
def test_the_report_font_is_embedded(documents: dict[Lang, Path]) -> None:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    path = documents["es"]
    table = _part(path, "word/fontTable.xml")
    (lato,) = re.findall(r'<w:font w:name="Lato">.*?</w:font>', table, flags=re.S)
    embeds = re.findall(r'<w:embed(\w+) r:id="([^"]+)" w:fontKey="(\{[0-9A-F-]+\})"/>', lato)
    assert [kind for kind, _rid, _key in embeds] == ["Regular", "Bold", "Italic", "BoldItalic"]
    relationships = dict(
        re.findall(
            r'Id="([^"]+)" Type="[^"]+/font" Target="([^"]+)"',
            _part(path, "word/_rels/fontTable.xml.rels"),
        )
    )
    assert 'Extension="odttf"' in _part(path, "[Content_Types].xml")
    assert "<w:embedTrueTypeFonts/>" in _part(path, "word/settings.xml")
    with zipfile.ZipFile(path) as archive:
        for kind, rid, key in embeds:
            data = archive.read("word/" + relationships[rid])
            assert not data.startswith(b"\x00\x01\x00\x00")  # obfuscated, as Word expects
            font = TTFont(io.BytesIO(obfuscate(data, key)))  # the same XOR undoes it
            assert font["name"].getDebugName(1) == "Lato"
            assert font["name"].getDebugName(2).replace(" ", "") == kind


@pytest.mark.slow
def test_every_part_is_well_formed_xml(documents: dict[Lang, Path]) -> None:
    from xml.etree import ElementTree

    for path in documents.values():
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.endswith((".xml", ".rels")):
                    ElementTree.fromstring(archive.read(name))  # raises if it is not


@pytest.mark.slow
def test_core_properties(documents: dict[Lang, Path]) -> None:
    core = _unescape(_part(documents["en"], "docProps/core.xml"))
    report = SETTINGS.report
    assert f"<dc:title>{report.title.en}</dc:title>".replace("'", "&#39;") in core.replace(
        "'", "&#39;"
    )
    assert "<dc:creator>Latin American and Caribbean Economic System (SELA)" in core
    assert f"<dc:subject>{report.subtitle_text('en')}" in core
    assert "<cp:keywords>migration, public policy" in core
    assert ">2025-11-20T00:00:00Z</dcterms:created>" in core
    assert ">2025-11-20T00:00:00Z</dcterms:modified>" in core


@pytest.mark.slow
def test_spanish_tables_are_not_labelled_by_pandoc(documents: dict[Lang, Path]) -> None:
    document = _part(documents["es"], "word/document.xml")
    text = _unescape("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", document)))
    assert "Cuadro" not in text
    caption = translations("report", "es").gettext("Data for figure {number}: {title}")
    title = translations("report", "es").gettext("Initiatives by Member State")
    assert caption.format(number=1, title=title) in text  # the report's own, as in HTML
    assert "data:image" not in document  # images are parts, not repeated in attributes


@pytest.mark.slow
def test_no_external_relationship_but_web_links(documents: dict[Lang, Path]) -> None:
    for path in documents.values():
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            rels = [name for name in names if name.endswith(".rels")]
            for name in rels:
                for attributes in re.findall(
                    r"<Relationship ([^>]*)>", archive.read(name).decode()
                ):
                    if 'TargetMode="External"' in attributes:
                        assert attributes.count("/relationships/hyperlink") == 1, attributes
                        assert re.search(r'Target="https?://', attributes), attributes
        media = [name for name in names if name.startswith("word/media/")]
        assert media and all(name.endswith(".png") for name in media)


@pytest.mark.slow
def test_hostile_text_is_shown_literally(documents: dict[Lang, Path]) -> None:
    document = _part(documents["es"], "word/document.xml")
    text = _unescape("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", document)))
    assert "**not bold**" in text
    assert "[a link](javascript:alert(1))" in text
    assert "<script>alert(1)</script>" in text
    assert "<w:p><w:r><w:t>INJECTED</w:t></w:r></w:p>" in text
    assert "<w:t>INJECTED</w:t>" not in document  # not live markup
    assert "javascript:" not in _part(documents["es"], "word/_rels/document.xml.rels")
    assert "file:" not in _part(documents["es"], "word/_rels/document.xml.rels")


@pytest.mark.slow
def test_same_report_gives_same_bytes() -> None:
    dataset = sample_dataset(("TTO",))
    report = make_reports(dataset, SETTINGS)["en"]
    assert docx_bytes(report, SETTINGS) == docx_bytes(report, SETTINGS)


def test_reference_docx_is_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_reference_docx", ROOT / "scripts" / "make_reference_docx.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == REFERENCE_DOCX.read_bytes(), "run scripts/make_reference_docx.py"


@dataclass(frozen=True)
class Rendered:
    """A DOCX as LibreOffice lays it out: each page's text, and the fonts the PDF carries."""

    pages: list[str]
    fonts: set[str]


def _resources(page: Any) -> Any:
    return page["/Resources"]


@pytest.fixture(scope="module")
def rendered(
    documents: dict[Lang, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[Lang, Rendered]:
    """Both DOCX converted to PDF by LibreOffice (headless), in one run."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    from pypdf import PdfReader

    folder = tmp_path_factory.mktemp("libreoffice")
    sources = []
    for lang, path in documents.items():
        sources.append(folder / f"{lang}.docx")
        shutil.copyfile(path, sources[-1])
    completed = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, sources),
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    result: dict[Lang, Rendered] = {}
    for lang in documents:
        pdf = folder / f"{lang}.pdf"
        assert pdf.is_file(), completed.stderr.decode(errors="replace")
        reader = PdfReader(pdf)
        fonts = {
            str(font.get_object()["/BaseFont"]).split("+")[-1]
            for page in reader.pages
            for font in (_resources(page).get("/Font") or {}).values()
        }
        result[lang] = Rendered([page.extract_text() or "" for page in reader.pages], fonts)
    return result


@pytest.mark.clients
@pytest.mark.parametrize(("lang", "contents"), [("es", "Índice"), ("en", "Contents")])
def test_libreoffice_shows_front_matter_header_and_page_numbers(
    rendered: dict[Lang, Rendered], lang: Lang, contents: str
) -> None:
    pages = rendered[lang].pages
    assert len(pages) > 10
    title = " ".join(getattr(SETTINGS.report.title, lang).split())
    lines = [[line.strip() for line in page.splitlines() if line.strip()] for page in pages]
    # Title page, legal page, contents: no running header, no page number.
    assert " ".join(lines[0]).startswith(title[:30])
    legal = translations("report", lang).gettext("Document reference")
    assert any(line.startswith(legal) for line in lines[1])
    assert lines[2][0] == contents
    for page in lines[:3]:
        assert not page[-1].isdigit()
    # The contents list the parts and the States (entries, though Word numbers them).
    overview = translations("report", lang).gettext("Regional overview")
    assert overview in lines[2] and ("México" in lines[2] or "Mexico" in lines[2])
    # Every later page: the report's title on top, its number at the bottom.
    for number, page in enumerate(lines[3:], start=4):
        assert page[0] == title, number
        assert page[-1] == str(number)


@pytest.mark.clients
def test_libreoffice_uses_the_embedded_font(rendered: dict[Lang, Rendered]) -> None:
    """Lato is not installed here: LibreOffice can only have it from the DOCX."""
    for document in rendered.values():
        assert {"Lato-Regular", "Lato-Bold", "Lato-Italic"} <= document.fonts
        assert document.fonts <= {"Lato-Regular", "Lato-Bold", "Lato-Italic", "Lato-BoldItalic",
                                  "OpenSymbol"}  # fmt: skip


@pytest.mark.clients
def test_libreoffice_never_ends_a_line_inside_a_code(rendered: dict[Lang, Rendered]) -> None:
    for document in rendered.values():
        text = "\n".join(document.pages)
        assert re.search(r"MEX[-‑]0\d", text)  # the codes are there, with their hyphen
        assert re.search(r"SIST[-‑]MIG[-‑]2119[-‑]0119", text)
        assert not re.findall(r"[A-Z0-9][-‑]\n", text)


@pytest.mark.slow
def test_reading_the_report_in_batches_gives_the_same_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from systematise.render import docx

    dataset = sample_dataset(("MEX", "BRA", "TTO"))
    report = make_reports(dataset, SETTINGS)["en"]
    monkeypatch.setattr(docx, "HTML_BATCH_CHARS", 10**9)  # all of it at once
    (whole,) = (json.loads(ast) for ast in docx.document_asts(report, SETTINGS))
    whole_docx = docx.docx_bytes(report, SETTINGS)
    monkeypatch.setattr(docx, "HTML_BATCH_CHARS", 1)  # every fiche, heading, section alone
    batches = [json.loads(ast) for ast in docx.document_asts(report, SETTINGS)]
    assert len(batches) > 10
    assert [block for batch in batches for block in batch["blocks"]] == whole["blocks"]
    assert batches[0]["meta"] == whole["meta"]
    assert all(batch["meta"] == {} for batch in batches[1:])
    with (
        zipfile.ZipFile(io.BytesIO(whole_docx)) as one,
        zipfile.ZipFile(io.BytesIO(docx.docx_bytes(report, SETTINGS))) as many,
    ):
        assert many.namelist() == one.namelist()
        for name in one.namelist():
            assert many.read(name) == one.read(name), name
