"""The PDFs of the fixture cycle: structure, language, fonts, tagging and metadata."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from systematise.schema.lang import REPORT_LANGS, Lang

poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def _text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.parametrize("lang", REPORT_LANGS)
@pytest.mark.slow
def test_page_count_and_bookmarks(lang: Lang, pdfs: dict[Lang, Path]) -> None:
    reader = PdfReader(pdfs[lang])
    assert 12 <= len(reader.pages) <= 40
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    expected = {
        "es": ["Presentación", "Panorama regional", "Iniciativas por Estado Miembro", "Anexos"],
        "en": ["Foreword", "Regional overview", "Initiatives by Member State", "Annexes"],
    }[lang]
    for title in expected:
        assert title in titles
    nested = [item for item in reader.outline if isinstance(item, list)]
    assert any(
        getattr(child, "title", "") == "Mexico" or getattr(child, "title", "") == "México"
        for group in nested
        for child in group
    )


@pytest.mark.parametrize("lang", REPORT_LANGS)
@pytest.mark.slow
def test_tagged_with_metadata(lang: Lang, pdfs: dict[Lang, Path]) -> None:
    reader = PdfReader(pdfs[lang])
    root = reader.root_object
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]) == lang
    info = reader.metadata
    assert info is not None
    assert info.title and info.title.startswith(
        "Sistematización" if lang == "es" else "Systematization"
    )
    assert info.author == (
        "Secretaría Permanente del SELA" if lang == "es" else "Permanent Secretariat of SELA"
    )
    assert info.subject and "SELA" in info.subject
    assert "/Keywords" in info and "migra" in str(info["/Keywords"])


@poppler
@pytest.mark.clients
@pytest.mark.parametrize("lang", REPORT_LANGS)
@pytest.mark.slow
def test_text_in_the_right_language_with_toc_page_numbers(
    lang: Lang, pdfs: dict[Lang, Path]
) -> None:
    text = _text(pdfs[lang])
    if lang == "es":
        assert "Índice" in text and "Anexo 1. Objetivos del PMM e iniciativas" in text
        assert "(texto original en portugués)" in text
        assert "Contents" not in text
    else:
        assert "Contents" in text and "Annex 1. GCM objectives and initiatives" in text
        assert "(original text in Portuguese)" in text
        assert "Índice" not in text
    toc = text.split("\f")[2]
    assert any(line.rstrip()[-1:].isdigit() for line in toc.splitlines() if ". ." in line)


@poppler
@pytest.mark.clients
@pytest.mark.parametrize("lang", REPORT_LANGS)
@pytest.mark.slow
def test_every_font_is_embedded_and_is_the_project_font(lang: Lang, pdfs: dict[Lang, Path]) -> None:
    listing = subprocess.run(
        ["pdffonts", str(pdfs[lang])], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert listing
    for line in listing:
        assert "Lato" in line.split()[0]
        assert " yes yes yes " in line  # embedded, subset, unicode map


@pytest.mark.slow
def test_same_input_gives_the_same_bytes(pdfs: dict[Lang, Path], tmp_path: Path) -> None:
    import io

    from systematise.render.pdf import write_report_pdf
    from tests.render.conftest import make_reports
    from tests.render.fixture import fixture_settings

    report = make_reports(fixture_settings())["es"]
    buffer = io.BytesIO()
    write_report_pdf(report, buffer, {})
    assert buffer.getvalue() == pdfs["es"].read_bytes()
