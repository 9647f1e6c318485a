"""report.html: accessible structure, self-contained, linked to the other language and downloads."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser

import pytest
from markupsafe import escape

from systematise.http_headers import REPORT_CSP
from systematise.schema.lang import REPORT_LANGS, Lang


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))


def _parse(html: str) -> _Outline:
    outline = _Outline()
    outline.feed(html)
    return outline


@pytest.mark.parametrize("lang", REPORT_LANGS)
@pytest.mark.slow
def test_headings_in_order_and_one_h1(lang: Lang, screen_html: dict[Lang, str]) -> None:
    levels = _parse(screen_html[lang]).headings
    assert levels.count(1) == 1 and levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"heading level jumps from h{before} to h{after}"


@pytest.mark.parametrize("lang", REPORT_LANGS)
@pytest.mark.slow
def test_landmarks_lang_alt_and_table_headers(lang: Lang, screen_html: dict[Lang, str]) -> None:
    html = screen_html[lang]
    tags = _parse(html).tags
    names = [tag for tag, _ in tags]
    assert f'<html lang="{lang}">' in html
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in names
    assert all(attrs.get("alt") for tag, attrs in tags if tag == "img")
    assert all(attrs.get("scope") for tag, attrs in tags if tag == "th")


@pytest.mark.parametrize("lang", REPORT_LANGS)
@pytest.mark.slow
def test_self_contained(lang: Lang, screen_html: dict[Lang, str]) -> None:
    html = screen_html[lang]
    assert f'content="{escape(REPORT_CSP)}"' in html
    tags = _parse(html).tags
    assert not [attrs for tag, attrs in tags if tag in ("link", "script", "iframe", "object")]
    sources = [attrs[key] for _, attrs in tags for key in ("src", "srcset") if attrs.get(key)]
    assert sources and all(str(src).startswith("data:") for src in sources)
    assert not re.search(r"url\((?!\"?data:)", html)
    assert not re.search(r"@import", html)


@pytest.mark.slow
def test_links_to_other_language_and_downloads(screen_html: dict[Lang, str]) -> None:
    es = screen_html["es"]
    assert 'href="../en/report.html" hreflang="en" lang="en">English<' in es
    assert 'href="../es/report.html" hreflang="es" lang="es">Español<' in screen_html["en"]
    for target in ('href="report.pdf"', 'href="report.docx"', 'href="../index.html#data-es"'):
        assert target in es
