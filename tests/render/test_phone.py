"""report.html and the landing page on a phone, in Chromium driven by Playwright.

At 390 px (a common phone) and 320 px (the narrowest WCAG asks to reflow to), in both
languages, with every "figures of this chart" box opened:

- nothing scrolls sideways: the page is no wider than the window, and no element reaches past
  its edges except inside a box that scrolls on its own (the GCM matrix), which a keyboard can
  reach;
- the sticky header stays short (at most 90 px at 390 px);
- a link of the contents brings its heading into view below the header, not under it;
- charts are drawn for the width they are shown at: their text keeps at least 90% of its size.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from systematise.render.html import Downloads
from systematise.render.landing import Published, Thumbnail, render_index_html
from systematise.schema.lang import REPORT_LANGS, Lang
from systematise.wording.document import Report
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS

pytestmark = [
    pytest.mark.clients,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium missing (make test installs it)"),
]

PHONE = 390
WIDTHS = (PHONE, 320)
HEADER_MAX_PX = 90
PAGES = ("es/report.html", "en/report.html", "index.html")

#: Elements reaching past the window's edges, leaving out those inside a box that scrolls
#: sideways on its own (that box itself is checked); and the scrolling boxes a keyboard cannot
#: reach. The skip link waits off-screen on purpose until it is focused.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '');
  const wider = [];
  const unreachable = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.skip-link')) continue;
    const scrolling = scrolls(el) && el.scrollWidth > el.clientWidth;
    if (scrolling && el.tabIndex < 0) unreachable.push(name(el));
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.left >= -1 && box.right <= width + 1) continue;
    let inside = false;
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (scrolls(up)) { inside = true; break; }
    }
    if (!inside) wider.push(name(el) + ' ' + Math.round(box.left) + '..' + Math.round(box.right));
  }
  return {scrollWidth: document.documentElement.scrollWidth, clientWidth: width,
          wider: wider.slice(0, 10), unreachable: unreachable};
}"""


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (18, 60, 99)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def site(
    reports: dict[Lang, Report],
    screen_html: dict[Lang, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """Both reports and the landing page as the build lays them out, with sizes and covers."""
    folder = tmp_path_factory.mktemp("site")
    for lang in REPORT_LANGS:
        (folder / lang).mkdir()
        (folder / lang / "report.html").write_text(screen_html[lang], encoding="utf-8")
    cover = Thumbnail(_png(300, 424), 150, 212)
    sizes = {
        f"{lang}/report.{kind}": 1_234_567 for lang in REPORT_LANGS for kind in ("html", "pdf")
    }
    published = Published(sizes=sizes, covers=dict.fromkeys(REPORT_LANGS, cover))
    downloads = Downloads(pdf=True, docx=True, data=True)
    landing = render_index_html(reports, downloads, published, "sistematizacion@sela.example.org")
    (folder / "index.html").write_text(landing, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def _open(browser: Any, page_path: Path, width: int) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(page_path.as_uri(), wait_until="load")
    return page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_nothing_scrolls_sideways(browser: Any, site: Path, name: str, width: int) -> None:
    page = _open(browser, site / name, width)
    try:
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        found = page.evaluate(OVERFLOW)
    finally:
        page.close()
    assert found["scrollWidth"] <= found["clientWidth"] == width
    assert found["wider"] == []
    assert found["unreachable"] == []


@pytest.mark.parametrize("lang", REPORT_LANGS)
def test_the_header_is_short_on_a_phone(browser: Any, site: Path, lang: Lang) -> None:
    page = _open(browser, site / lang / "report.html", PHONE)
    try:
        height = page.evaluate("() => document.querySelector('.site-bar').offsetHeight")
        sticky = page.evaluate(
            "() => getComputedStyle(document.querySelector('.site-bar')).position"
        )
    finally:
        page.close()
    assert sticky == "sticky"
    assert height <= HEADER_MAX_PX


#: Where the heading a contents link leads to is, against the header's bottom edge.
HEADING_PLACE = """() => {
  const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  const headings = 'h1, h2, h3, h4';
  const heading = target.matches(headings) ? target : target.querySelector(headings);
  return {
    top: heading.getBoundingClientRect().top,
    bottom: heading.getBoundingClientRect().bottom,
    header: document.querySelector('.site-bar').getBoundingClientRect().bottom,
    window: window.innerHeight,
  };
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", REPORT_LANGS)
def test_a_contents_link_shows_its_heading_below_the_header(
    browser: Any, site: Path, lang: Lang, width: int
) -> None:
    page = _open(browser, site / lang / "report.html", width)
    hidden = []
    try:
        links = page.locator("#contents a")
        assert links.count() > 5
        for index in range(links.count()):
            link = links.nth(index)
            anchor = link.get_attribute("href")
            link.click()
            page.wait_for_function("anchor => location.hash === anchor", arg=anchor)
            place = page.evaluate(HEADING_PLACE)
            if not place["header"] <= place["top"] and place["bottom"] <= place["window"]:
                hidden.append((anchor, round(place["top"]), round(place["header"])))
    finally:
        page.close()
    assert hidden == []


@pytest.mark.parametrize("lang", REPORT_LANGS)
def test_charts_keep_their_text_size_on_a_phone(browser: Any, site: Path, lang: Lang) -> None:
    page = _open(browser, site / lang / "report.html", PHONE)
    try:
        scales = page.evaluate(
            "() => [...document.querySelectorAll('.chart img')].map("
            "img => img.getBoundingClientRect().width / img.naturalWidth)"
        )
    finally:
        page.close()
    assert len(scales) == 7
    assert min(scales) >= 0.9, scales
