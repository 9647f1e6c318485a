"""``make proof`` (scripts/proof.py): contact sheets of the PDF, the HTML at a phone's width."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image
from pypdf import PdfReader

from systematise.resources import project_root
from systematise.schema.lang import Lang

pytestmark = [pytest.mark.slow, pytest.mark.clients]


def _proof() -> ModuleType:
    root = project_root()
    assert root is not None, "scripts/ is in a source checkout"
    spec = importlib.util.spec_from_file_location("proof", root / "scripts" / "proof.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils missing")
@pytest.mark.slow
def test_every_pdf_page_is_on_a_contact_sheet(pdfs: dict[Lang, Path], tmp_path: Path) -> None:
    proof = _proof()
    pages = len(PdfReader(pdfs["es"]).pages)
    sheets = proof.contact_sheets(pdfs["es"], tmp_path, "contact-es")
    expected = -(-pages // proof.PAGES_PER_SHEET)
    assert [path.name for path in sheets] == [f"contact-es-{n}.png" for n in range(1, expected + 1)]
    first = Image.open(sheets[0])
    across = min(pages, proof.COLUMNS)
    # An A4 page at 50 dpi is about 413 px wide: ``across`` of them side by side, and rows.
    assert first.width >= across * 400
    rows = -(-min(pages, proof.PAGES_PER_SHEET) // proof.COLUMNS)
    assert first.height >= rows * 580


@pytest.mark.slow
def test_the_phone_picture_is_the_whole_page_at_390_px(
    screen_html: dict[Lang, str], tmp_path: Path
) -> None:
    proof = _proof()
    if shutil.which("chromium") is None and shutil.which("chromium-browser") is None:
        pytest.skip("Chromium missing (make setup-test installs it)")
    page = tmp_path / "report.html"
    page.write_text(screen_html["en"], encoding="utf-8")
    with proof._chromium() as browser:
        sheets = proof.phone_sheets(browser, page, tmp_path, "phone-en")
        check = browser.new_page(viewport={"width": proof.PHONE_WIDTH, "height": 844})
        check.goto(page.as_uri())
        height = check.evaluate("() => document.documentElement.scrollHeight")
        check.close()
    strips = -(-height // proof.STRIP_HEIGHT)
    assert len(sheets) == -(-strips // proof.STRIPS_PER_SHEET)
    first = Image.open(sheets[0])
    across = min(strips, proof.STRIPS_PER_SHEET)
    assert first.width == proof.GAP + across * (proof.PHONE_WIDTH + proof.GAP)
    # Not blank: the page's navy site bar is at the top of the first length.
    assert first.getpixel((proof.GAP + 5, proof.GAP + 5)) != first.getpixel((2, 2))


def test_a_missing_build_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _proof().main(["--output", str(tmp_path), "--no-build"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("make proof: not built:") and error.count("\n") == 1
