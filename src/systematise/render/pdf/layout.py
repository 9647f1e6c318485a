"""Laying one part of the PDF out with WeasyPrint, and what the joining needs to know of it.

A part is laid out with its first page numbered where the previous part ended. What the later
steps need is taken from WeasyPrint's document before it is written and dropped: the page count,
where each anchor and bookmark lies (in PDF units), and the PDF itself.

Links to another part's anchors would be dropped by WeasyPrint ("No anchor for internal URI
reference"), so such anchors are declared on the part's first page before it is written: the
links keep their named destination, and :mod:`systematise.render.pdf.merge` points every name at
the page that really holds it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from systematise.render.pdf.fetcher import AssetsOnlyFetcher, assets_dir
from systematise.render.pdf.lang_tags import install as tag_element_languages

# A text in another language than the report's is tagged with it (lang → /Lang).
tag_element_languages()

#: PDF units per CSS pixel.
SCALE = 0.75


@dataclass(frozen=True)
class Place:
    """A point in the PDF: the page's index in its part, and x, y from the page's bottom-left."""

    page: int
    x: float
    y: float


@dataclass(frozen=True)
class Bookmark:
    level: int
    label: str
    place: Place
    closed: bool


@dataclass
class LaidOutPart:
    pdf: bytes
    pages: int
    #: Each anchor of the part (the first of a name wins, as in WeasyPrint).
    anchors: dict[str, Place] = field(default_factory=dict)
    bookmarks: list[Bookmark] = field(default_factory=list)


class Renderer:
    """Lays parts out one after the other, sharing fonts and images between them."""

    def __init__(self, cache: dict[str, Any]) -> None:
        self.cache = cache
        self.fonts = FontConfiguration()
        self.fetcher = AssetsOnlyFetcher(assets_dir())

    def lay_out(self, html: str, first_page: int) -> LaidOutPart:
        """The part in ``html`` as PDF/UA-1, its first page numbered ``first_page``."""
        numbering = CSS(
            string=f"@page :first {{ counter-reset: page {first_page}; }}",
            font_config=self.fonts,
        )
        document = HTML(
            string=html, base_url=assets_dir().as_uri() + "/", url_fetcher=self.fetcher
        ).render(
            font_config=self.fonts,
            stylesheets=[numbering],
            pdf_variant="pdf/ua-1",
            cache=self.cache,
        )
        part = LaidOutPart(pdf=b"", pages=len(document.pages))
        targets: set[str] = set()
        for index, page in enumerate(document.pages):
            height = page.height
            for name, (x, y, _, _) in page.anchors.items():
                part.anchors.setdefault(name, Place(index, x * SCALE, (height - y) * SCALE))
            for level, label, (x, y), state in page.bookmarks:
                place = Place(index, x * SCALE, (height - y) * SCALE)
                part.bookmarks.append(Bookmark(level, label, place, state == "closed"))
            targets.update(target for kind, target, _, _ in page.links if kind == "internal")
        if document.pages:
            elsewhere = targets - part.anchors.keys()
            document.pages[0].anchors.update(dict.fromkeys(sorted(elsewhere), (0, 0, 0, 0)))
        buffer = io.BytesIO()
        document.write_pdf(buffer, pdf_variant="pdf/ua-1", custom_metadata=False, cache=self.cache)
        part.pdf = buffer.getvalue()
        return part
