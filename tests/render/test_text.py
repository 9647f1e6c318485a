"""Submitted free text is plain text: escaped, paragraphs and bullet lines kept, no markup."""

from __future__ import annotations

import pytest

from systematise.wording.text import plain_text_html, safe_link


def test_paragraphs_and_bullets_keep_their_structure() -> None:
    html = plain_text_html("First line.\nSecond line.\n\n- one\n• two\n\nAfter.")
    assert str(html) == (
        "<p>First line.</p><p>Second line.</p><ul><li>one</li><li>two</li></ul><p>After.</p>"
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("**bold** _it_", "**bold** _it_"),
        ("{{ 7*7 }} {% if x %}", "{{ 7*7 }} {% if x %}"),
        ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
        ('<img src="file:///etc/hostname">', "&lt;img src=&#34;file:///etc/hostname&#34;&gt;"),
        ("```{=openxml}\n<w:p/>\n```", "```{=openxml}</p><p>&lt;w:p/&gt;</p><p>```"),
    ],
)
def test_markup_is_shown_literally(text: str, shown: str) -> None:
    assert shown in str(plain_text_html(text))


def test_numbered_lines_stay_paragraphs() -> None:
    assert str(plain_text_html("1. first\n2. second")) == "<p>1. first</p><p>2. second</p>"


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://www.gob.mx/inm", "https://www.gob.mx/inm"),
        ("http://example.org/a?b=1", "http://example.org/a?b=1"),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("ftp://example.org", None),
        ("https://", None),
        ("data:text/html,<b>x</b>", None),
    ],
)
def test_only_http_links_are_clickable(url: str, link: str | None) -> None:
    assert safe_link(url) == link
