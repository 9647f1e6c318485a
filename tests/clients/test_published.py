"""Real clients on a real build's outputs: axe-core in Chromium, the Nu HTML Checker, poppler, qpdf.

The build is the shared hostile cycle (:mod:`tests.hostile.cycle`): a few workbooks written with
the fill API, whose text carries markup and template syntax, so the pages checked here are the
hardest the report can meet. LibreOffice on the templates, the annotated workbook and the DOCX is
tested where those are made (``tests/template``, ``tests/check``, ``tests/docx``); poppler on the
fixture PDFs in ``tests/render``. ``make test`` installs every client: a missing one fails.

- axe-core (WCAG 2.1 A and AA rules) on both reports and the landing page: no serious or
  critical violation; the page makes no request while it is checked;
- vnu (``--errors-only``): no error on any of the three pages;
- ``pdffonts``: every font of both PDFs embedded; ``qpdf --check``: both PDFs sound.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.cycle import HostileBuild, hostile_build
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = ("index.html", "es/report.html", "en/report.html")
PDFS = ("es/report.pdf", "en/report.pdf")

pytestmark = [pytest.mark.clients, pytest.mark.slow]


def _need(tool: str | Path | None, what: str) -> str:
    if tool is None or (isinstance(tool, Path) and not tool.is_file()):
        pytest.fail(f"{what} is missing: run `make setup-test`")
    return str(tool)


@pytest.fixture(scope="module")
def cycle() -> HostileBuild:
    return hostile_build()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    chromium = _need(CHROMIUM, "Chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def _axe(browser: Any, page_path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """axe-core's violations on ``page_path``, and the requests the page tried to make."""
    source = Path(_need(AXE, "axe-core (npm ci)")).read_text(encoding="utf-8")
    # The page's CSP forbids every script; bypass it for axe only (it is injected, not loaded).
    context = browser.new_context(bypass_csp=True, java_script_enabled=True)
    requests: list[str] = []

    def refuse(route: Any) -> None:
        if not route.request.url.startswith("file:"):
            requests.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    try:
        context.route("**/*", refuse)
        page = context.new_page()
        page.goto(page_path.as_uri(), wait_until="load")
        page.evaluate(source)
        result: dict[str, Any] = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
    finally:
        context.close()
    return result["violations"], requests


@pytest.mark.parametrize("page", PAGES)
def test_axe_finds_no_serious_or_critical_violation(
    cycle: HostileBuild, browser: Any, page: str
) -> None:
    violations, requests = _axe(browser, cycle.output / page)
    serious = [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"][:3]])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert requests == []


def test_axe_control_page_shows_the_check_sees_violations(browser: Any, tmp_path: Path) -> None:
    page = tmp_path / "control.html"
    page.write_text(
        '<!doctype html><html><head><title>x</title></head><body><img src="data:,">'
        '<p style="color:#eee;background:#fff">faint</p></body></html>',
        encoding="utf-8",
    )
    violations, _ = _axe(browser, page)
    assert {"html-has-lang", "image-alt", "color-contrast"} <= {v["id"] for v in violations}


def _vnu(files: list[Path]) -> list[dict[str, Any]]:
    java = _need(shutil.which("java"), "Java (for vnu)")
    completed = subprocess.run(
        [java, "-jar", _need(VNU, "vnu-jar (npm ci)"), "--errors-only", "--format", "json"]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = completed.stderr.strip() or completed.stdout.strip()
    messages: list[dict[str, Any]] = json.loads(output)["messages"]
    return messages


def test_vnu_reports_no_error(cycle: HostileBuild, tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text("<!doctype html><html><p><div></p>", encoding="utf-8")
    messages = _vnu([*(cycle.output / page for page in PAGES), control])
    errors = [
        (Path(m.get("url", "")).name, m.get("lastLine"), m.get("message"))
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
    assert [e for e in errors if e[0] != "control.html"] == []
    assert any(e[0] == "control.html" for e in errors)  # vnu did check something


@pytest.mark.parametrize("pdf", PDFS)
def test_every_font_of_the_built_pdf_is_embedded(cycle: HostileBuild, pdf: str) -> None:
    pdffonts = _need(shutil.which("pdffonts"), "poppler-utils (pdffonts)")
    listing = subprocess.run(
        [pdffonts, str(cycle.output / pdf)], check=True, capture_output=True, text=True, timeout=60
    ).stdout.splitlines()
    assert listing[0].split()[:2] == ["name", "type"]
    fonts = listing[2:]
    assert fonts
    emb = listing[0].index("emb")
    assert [line for line in fonts if line[emb : emb + 3] != "yes"] == []


@pytest.mark.parametrize("pdf", PDFS)
def test_qpdf_check_passes(cycle: HostileBuild, pdf: str) -> None:
    qpdf = _need(shutil.which("qpdf"), "qpdf")
    completed = subprocess.run(
        [qpdf, "--check", str(cycle.output / pdf)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "No syntax or stream encoding errors found" in completed.stdout
