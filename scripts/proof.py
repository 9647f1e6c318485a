"""``make proof``: pictures of the whole publication, to look at before it goes out.

Builds the report first (the build keeps every output that is up to date, so this is quick when
nothing changed; ``--no-build`` uses the outputs as they are), then writes into
``<output>/proof/``:

- ``contact-es-1.png``, ``contact-es-2.png``...: every page of the Spanish PDF, numbered, in
  sheets of 40 (8 × 5) at 50 dpi; ``contact-en-*.png`` for the English one;
- ``phone-es-1.png``...: the Spanish HTML report as a 390 px wide phone shows it, the whole
  page cut into 5,000 px lengths laid side by side (8 a sheet) and read left to right;
  ``phone-en-*.png`` and ``phone-index-*.png`` (the landing page) likewise.

It needs poppler's ``pdftoppm`` and Debian's Chromium (``make setup-test`` installs both) and
Playwright (in the development extras). Old pictures are removed first, so the folder holds
only those of this build.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw

if TYPE_CHECKING:
    from playwright.sync_api import Browser, FloatRect

LANGS = ("es", "en")
PHONE_WIDTH = 390
#: Height of one length of a phone page, and how many lengths a sheet holds.
STRIP_HEIGHT = 5000
SHOT_HEIGHT = 3 * STRIP_HEIGHT
STRIPS_PER_SHEET = 8
PAGES_PER_SHEET = 40
COLUMNS = 8
DPI = 50
GAP = 16
LABEL_HEIGHT = 22
BACKGROUND = "#d9dde2"
INK = "#222222"
#: Quiet and offline: no sandbox (containers), no GPU, no background requests, no first run.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class ProofError(Exception):
    """Something the person running ``make proof`` can fix; its text says what."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make proof", description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path("output"), help="build folder")
    parser.add_argument("--no-build", action="store_true", help="use the outputs as they are")
    args = parser.parse_args(argv)
    try:
        written = proof(args.output, build=not args.no_build)
    except ProofError as error:
        print(f"make proof: {error}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


def proof(output: Path, build: bool = True) -> list[Path]:
    """Build when asked, then write every picture into ``output/proof``; the paths written."""
    if build:
        _build(output)
    pages = {lang: output / lang / "report.pdf" for lang in LANGS}
    screens = {
        **{lang: output / lang / "report.html" for lang in LANGS},
        "index": output / "index.html",
    }
    missing = [str(path) for path in (*pages.values(), *screens.values()) if not path.is_file()]
    if missing:
        raise ProofError(f"not built: {', '.join(missing)} (run make report, or drop --no-build)")
    folder = output / "proof"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    written: list[Path] = []
    for lang, pdf in pages.items():
        written += contact_sheets(pdf, folder, f"contact-{lang}")
    with _chromium() as browser:
        for name, html in screens.items():
            written += phone_sheets(browser, html, folder, f"phone-{name}")
    return written


def _build(output: Path) -> None:
    command = [sys.executable, "-m", "systematise", "build", "--quiet", "-o", str(output)]
    if subprocess.run(command, check=False).returncode != 0:
        raise ProofError("the build failed (its messages are above); nothing was pictured")


def contact_sheets(pdf: Path, folder: Path, stem: str) -> list[Path]:
    """Every page of ``pdf`` at :data:`DPI`, numbered, :data:`PAGES_PER_SHEET` a sheet."""
    if shutil.which("pdftoppm") is None:
        raise ProofError("pdftoppm is missing: install poppler-utils (make setup-test does)")
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(Path(scratch) / "page")],
            check=True,
            capture_output=True,
        )
        # pdftoppm pads the page number to the width of the last one: names sort in order.
        pages = [Image.open(path).convert("RGB") for path in sorted(Path(scratch).glob("*.png"))]
    sheets = [pages[i : i + PAGES_PER_SHEET] for i in range(0, len(pages), PAGES_PER_SHEET)]
    written = []
    for number, sheet in enumerate(sheets, start=1):
        first = (number - 1) * PAGES_PER_SHEET + 1
        labels = [str(page) for page in range(first, first + len(sheet))]
        path = folder / f"{stem}-{number}.png"
        _grid(sheet, labels, COLUMNS).save(path)
        written.append(path)
    return written


def phone_sheets(browser: Browser, html: Path, folder: Path, stem: str) -> list[Path]:
    """``html`` at :data:`PHONE_WIDTH` px, the whole page in lengths side by side."""
    page = browser.new_page(viewport={"width": PHONE_WIDTH, "height": 844})
    try:
        page.goto(html.resolve().as_uri(), wait_until="load")
        height = int(page.evaluate("() => document.documentElement.scrollHeight"))
        strips: list[Image.Image] = []
        # Each screenshot lays the whole page out again: few tall ones (under Chromium's
        # 16,384 px), cut into strips here.
        for top in range(0, height, SHOT_HEIGHT):
            clip: FloatRect = {
                "x": 0,
                "y": top,
                "width": PHONE_WIDTH,
                "height": min(SHOT_HEIGHT, height - top),
            }
            shot = Image.open(io.BytesIO(page.screenshot(full_page=True, clip=clip)))
            for cut in range(0, shot.height, STRIP_HEIGHT):
                box = (0, cut, shot.width, min(cut + STRIP_HEIGHT, shot.height))
                strips.append(shot.convert("RGB").crop(box))
    finally:
        page.close()
    written = []
    for number, start in enumerate(range(0, len(strips), STRIPS_PER_SHEET), start=1):
        sheet = strips[start : start + STRIPS_PER_SHEET]
        labels = [f"{(start + i) * STRIP_HEIGHT} px" for i in range(len(sheet))]
        path = folder / f"{stem}-{number}.png"
        _grid(sheet, labels, STRIPS_PER_SHEET).save(path)
        written.append(path)
    return written


def _grid(images: list[Image.Image], labels: list[str], columns: int) -> Image.Image:
    """``images`` in rows of ``columns``, each with its label under it, on a grey ground."""
    width = max(image.width for image in images)
    height = max(image.height for image in images)
    rows = (len(images) + columns - 1) // columns
    across = min(columns, len(images))
    sheet = Image.new(
        "RGB",
        (GAP + across * (width + GAP), GAP + rows * (height + LABEL_HEIGHT + GAP)),
        BACKGROUND,
    )
    draw = ImageDraw.Draw(sheet)
    for index, (image, label) in enumerate(zip(images, labels, strict=False)):
        left = GAP + (index % columns) * (width + GAP)
        top = GAP + (index // columns) * (height + LABEL_HEIGHT + GAP)
        sheet.paste(image, (left, top))
        draw.text((left, top + height + 4), label, fill=INK, font_size=14)
    return sheet


@contextmanager
def _chromium() -> Iterator[Browser]:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise ProofError("Chromium is missing: install chromium (make setup-test does)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise ProofError(
            "Playwright is missing: pip install -e '.[dev]' (make setup-test does)"
        ) from None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


if __name__ == "__main__":
    sys.exit(main())
