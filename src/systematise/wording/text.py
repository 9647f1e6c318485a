"""Submitted free text as safe HTML: escaped, with its paragraphs and bullet lines kept.

Focal points paste text from word processors. Nothing in it is ever interpreted as markup
(HTML, Markdown or template syntax are shown literally): each line is escaped, blank-line
separated blocks and single lines become paragraphs, and consecutive lines that start with a
bullet ("- ", "• ", "* ", "– ", "· ") become one list. URLs in free text stay text; only the
``website`` field becomes a link, and only for http(s) (:func:`safe_link`).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import Markup, escape

_BULLET = re.compile(r"^[-•*–·▪◦]\s+")


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    """The text as ("p", [line]) and ("ul", [items]) blocks."""
    blocks: list[tuple[str, list[str]]] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            blocks.append(("", []))
            continue
        bullet = _BULLET.match(line)
        if bullet:
            item = line[bullet.end() :].strip()
            if blocks and blocks[-1][0] == "ul":
                blocks[-1][1].append(item)
            else:
                blocks.append(("ul", [item]))
        else:
            blocks.append(("p", [line]))
    return [block for block in blocks if block[0]]


def plain_text_html(text: str) -> Markup:
    """``text`` as escaped ``<p>`` and ``<ul>`` elements."""
    parts: list[str] = []
    for kind, lines in _blocks(text):
        if kind == "ul":
            items = "".join(f"<li>{escape(line)}</li>" for line in lines)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{escape(lines[0])}</p>")
    return Markup("".join(parts))


def safe_link(url: str) -> str | None:
    """``url`` when it is an http(s) address with a host, else None (shown as text)."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None
