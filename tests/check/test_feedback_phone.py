"""The feedback page (``report.html``) on a phone, in Chromium driven by Playwright.

A focal point often opens the feedback from a mail on a phone. At 390 px and 320 px, in every
language a focal point may work in, nothing scrolls sideways: the problems table becomes one
labelled block per problem instead of five columns wider than the screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from systematise.config import Settings
from systematise.feedback import write_feedback
from systematise.schema.lang import FOCAL_LANGS, FocalLang
from tests.check.conftest import check_one
from tests.check.test_focal_languages import PLANTED
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.support.workbooks import VALID_HEADER, write_md_workbook

pytestmark = [
    pytest.mark.clients,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium missing (make test installs it)"),
]

WIDTHS = (390, 320)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[FocalLang, Path]:
    """One feedback page per focal-point language, for a workbook with planted errors."""
    folder = tmp_path_factory.mktemp("phone")
    header = {**VALID_HEADER, "country": "HTI", "submission_language": "fr"}
    path = write_md_workbook(folder / "HTI-2025.xlsx", PLANTED["fr"], header=header, lang="fr")
    checked = check_one(path)
    assert checked.errors > 0
    found: dict[FocalLang, Path] = {}
    for lang in FOCAL_LANGS:
        (files,) = write_feedback([(path, checked)], folder / lang, Settings(), lang=lang)
        found[lang] = files.report_html
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_feedback_page_never_scrolls_sideways(
    pages: dict[FocalLang, Path], browser: Any, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        for lang, html in pages.items():
            page.goto(html.as_uri())
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{lang}: the page is {scroll} px wide at {width} px"
            # Each problem still says which cell and field it is about, in the page's language.
            label = page.evaluate(
                "getComputedStyle(document.querySelector('td.where'), '::before').content"
            )
            assert label not in ("none", "normal", '""'), lang
    finally:
        page.close()
