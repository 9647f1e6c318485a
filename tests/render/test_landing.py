"""The landing page: what each file is before it is downloaded, and figures that inform.

Each language's part gives every file's format and size in that language's number format, the
cover of the PDF as a thumbnail made from the PDF itself, the publication date, publisher,
document reference, licence and contact; its key figures say what the cycle covers, never a
shortfall ("15%", "0 excluded").
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from systematise.config import ReportSettings, Settings, contact_href
from systematise.render.html import Downloads
from systematise.render.landing import (
    DATA_FILES,
    REPORT_FILES,
    Published,
    cover_thumbnail,
    file_size,
    published_files,
    render_index_html,
)
from systematise.schema.lang import REPORT_LANGS, Lang
from systematise.wording.document import Report
from tests.render.conftest import make_reports
from tests.render.fixture import fixture_settings

DOWNLOADS = Downloads(pdf=True, docx=True, data=True)
CONTACT = "sistematizacion@sela.example.org"
SIZES = {
    **{f"{lang}/report.html": 1_344_911 for lang in REPORT_LANGS},
    **{f"{lang}/report.pdf": 1_313_976 for lang in REPORT_LANGS},
    **{f"{lang}/report.docx": 605_179 for lang in REPORT_LANGS},
    "data/initiatives.csv": 165_359,
    "data/initiatives.json": 287_891,
    "data/initiatives.xlsx": 73_387,
    "data/datapackage.json": 156_213,
}


class _Parts(HTMLParser):
    """The text of each language's part, and its links and images."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.text: dict[str, str] = {}
        self.links: dict[str, list[str]] = {}
        self.images: dict[str, list[dict[str, str | None]]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "section" and "landing-part" in (found.get("class") or ""):
            self.lang = found["lang"]
        if self.lang and tag == "a":
            self.links.setdefault(self.lang, []).append(found.get("href") or "")
        if self.lang and tag == "img":
            self.images.setdefault(self.lang, []).append(found)

    def handle_data(self, data: str) -> None:
        if self.lang:
            self.text[self.lang] = self.text.get(self.lang, "") + data


def _parts(html: str) -> _Parts:
    parts = _Parts()
    parts.feed(html)
    return parts


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def landing(reports: dict[Lang, Report], pdfs: dict[Lang, Path]) -> _Parts:
    covers = {lang: cover_thumbnail(pdfs[lang].read_bytes()) for lang in REPORT_LANGS}
    return _parts(render_index_html(reports, DOWNLOADS, Published(SIZES, covers), CONTACT))


def test_file_sizes_in_each_locale() -> None:
    assert file_size(1_313_976, "es_419") == "1.3 MB"
    assert file_size(1_313_976, "es") == "1,3 MB"
    assert file_size(1_313_976, "en") == "1.3 MB"
    assert file_size(605_179, "es") == "605 kB"
    assert file_size(12, "en") == "1 kB"
    assert file_size(1_234_567_890, "es") == "1.234,6 MB"


@pytest.mark.slow
def test_every_file_is_shown_with_its_format_and_size(landing: _Parts) -> None:
    shown = {
        "es": ("HTML · 1.3 MB", "PDF · 1.3 MB", "DOCX · 605 kB", "CSV · 165 kB", "XLSX · 73 kB"),
        "en": ("HTML · 1.3 MB", "PDF · 1.3 MB", "DOCX · 605 kB", "JSON · 288 kB", "JSON · 156 kB"),
    }
    for lang in REPORT_LANGS:
        text = _flat(landing.text[lang])
        assert all(item in text for item in shown[lang]), text
        for pattern in (*REPORT_FILES, *DATA_FILES):
            assert pattern.format(lang=lang) in landing.links[lang]


@pytest.mark.usefixtures("no_charts")
def test_sizes_follow_the_reports_locale() -> None:
    settings = fixture_settings()
    spain = settings.report.locale.model_copy(update={"es": "es"})
    reports = make_reports(
        settings.model_copy(update={"report": settings.report.model_copy(update={"locale": spain})})
    )
    text = _parts(render_index_html(reports, DOWNLOADS, Published(SIZES), None)).text
    assert "PDF · 1,3 MB" in _flat(text["es"]) and "PDF · 1.3 MB" in _flat(text["en"])


@pytest.mark.slow
def test_publication_details_and_contact(landing: _Parts, reports: dict[Lang, Report]) -> None:
    for lang in REPORT_LANGS:
        report = reports[lang]
        text = _flat(landing.text[lang])
        for value in (report.date, report.author, report.document_reference, report.licence_title):
            assert value in text, (lang, value)
        assert CONTACT in text
        assert report.licence_url in landing.links[lang]
        assert f"mailto:{CONTACT}" in landing.links[lang]
    assert "Fecha de publicación" in landing.text["es"] and "Licence" in landing.text["en"]


@pytest.mark.slow
def test_no_contact_without_the_setting(reports: dict[Lang, Report]) -> None:
    html = render_index_html(reports, DOWNLOADS, Published(SIZES), None)
    assert "mailto:" not in html and "Contacto" not in html


def test_contact_is_an_address_or_a_web_page() -> None:
    assert contact_href("publicaciones@sela.org") == "mailto:publicaciones@sela.org"
    assert contact_href("https://www.sela.org/es/contacto") == "https://www.sela.org/es/contacto"
    for wrong in ("Juan", "www.sela.org", "javascript:alert(1)", "mailto:x@sela.org", "a b@c.org"):
        with pytest.raises(ValueError):
            contact_href(wrong)
    with pytest.raises(ValueError):
        ReportSettings(contact="ftp://sela.org")
    assert Settings().report.contact is None


@pytest.mark.slow
def test_the_cover_thumbnail_is_the_pdfs_first_page(
    landing: _Parts, pdfs: dict[Lang, Path]
) -> None:
    for lang in REPORT_LANGS:
        thumbnail = cover_thumbnail(pdfs[lang].read_bytes())
        image = Image.open(io.BytesIO(thumbnail.png))
        assert image.format == "PNG" and image.width == 2 * thumbnail.width == 300
        assert abs(image.height / image.width - 297 / 210) < 0.02  # A4, portrait
        darkest, lightest = image.convert("L").getextrema()
        assert isinstance(darkest, int) and isinstance(lightest, int)
        assert lightest - darkest > 100  # a drawn page, not a blank one
        (cover,) = landing.images[lang]
        assert cover["src"] == thumbnail.data_uri and cover["alt"]
        assert (cover["width"], cover["height"]) == (str(thumbnail.width), str(thumbnail.height))
    assert cover_thumbnail(pdfs["es"].read_bytes()) == cover_thumbnail(pdfs["es"].read_bytes())


@pytest.mark.slow
def test_published_files_finds_what_is_there(pdfs: dict[Lang, Path], tmp_path: Path) -> None:
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "report.pdf").write_bytes(pdfs["es"].read_bytes())
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "initiatives.csv").write_bytes(b"id\r\n")

    def find(relative: str) -> Path | None:
        return tmp_path / relative if (tmp_path / relative).is_file() else None

    found = published_files(find)
    assert found.sizes == {"es/report.pdf": pdfs["es"].stat().st_size, "data/initiatives.csv": 4}
    assert set(found.covers) == {"es"}


@pytest.mark.slow
def test_key_figures_inform_and_never_read_as_a_shortfall(landing: _Parts) -> None:
    for lang in REPORT_LANGS:
        text = _flat(landing.text[lang])
        assert "%" not in text
        assert not re.search(r"(?<![\d.,])0 ", text)
    es, en = _flat(landing.text["es"]), _flat(landing.text["en"])
    assert "Objetivos del PMM abordados" in es and "GCM objectives addressed" in en
    assert re.search(r"(?<!\d)\d+ of 23\b", en) and re.search(r"(?<!\d)\d+ de 23\b", es)
    assert "Instituciones" in es and "Institutions" in en
    # The fixture's untranslated texts are named by language, not counted as missing.
    assert "(Spanish and Portuguese)" in en and "(inglés y portugués)" in es
