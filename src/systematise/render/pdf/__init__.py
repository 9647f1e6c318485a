"""The report as a PDF/UA-1 document: laid out in parts with WeasyPrint, joined with pikepdf.

1. :func:`~systematise.render.pdf.parts.plan_parts` cuts the report where it breaks to a new
   page anyway: front matter, editorial sections and overview, each State's chapter, the annexes.
2. The front matter is laid out once to learn how many pages it takes; then every other part,
   in order, each numbered on from the one before, recording where its anchors and bookmarks
   fall. One part's layout is dropped before the next is made, so memory stays that of the
   largest part, and time grows with the number of pages, not with its square. Each part is
   given the printed page of every anchor laid out before it: the annexes, laid out after the
   fiches, print the page of each initiative they list (GCM matrix, thematic index).
3. The front matter is laid out again with the page numbers of the table of contents and of
   the list of figures (the same number of pages: the numbers do not change its length; this
   is checked).
4. :func:`~systematise.render.pdf.merge.join_parts` joins them: pages, tagged structure,
   links across parts, bookmarks.

The PDF's dates are the publication date and its identifier derived from its content, so the
same input gives the same bytes (with ``SOURCE_DATE_EPOCH`` fixing the publication date).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, BinaryIO

from systematise.render.html import Downloads, render_report_html
from systematise.render.pdf.fetcher import AssetsOnlyFetcher, BlockedResourceError, assets_dir
from systematise.render.pdf.layout import LaidOutPart, Renderer
from systematise.render.pdf.merge import join_parts
from systematise.render.pdf.parts import FICHES_PER_PART, Part, plan_parts
from systematise.render.pdf.reuse import PartStore
from systematise.wording.document import Report


class LayoutError(RuntimeError):
    """The parts could not be numbered consistently."""


def write_report_pdf(
    report: Report,
    target: BinaryIO,
    cache: dict[str, Any],
    fiches_per_part: int = FICHES_PER_PART,
    on_part: Callable[[str, int], None] | None = None,
    store: PartStore | None = None,
) -> int:
    """Render ``report`` as PDF into ``target``; the number of pages.

    ``on_part(key, pages)`` is told of each part laid out (for progress and benchmarks).
    ``store``: laid-out parts kept from the last build; a part whose HTML and first page are
    those of a kept one is read back, not laid out again (:mod:`.reuse`).
    """
    renderer = _Reusing(Renderer(cache), store)
    parts = plan_parts(report, fiches_per_part)
    front, body = parts[0], parts[1:]

    def html(part: Part, pages: dict[str, int]) -> str:
        return render_report_html(report, "print", Downloads(), part, pages)

    placeholder = dict.fromkeys(_front_anchors(report), 999)
    front_pages = renderer.lay_out(html(front, placeholder), 1).pages
    laid_out: list[LaidOutPart] = []
    page = front_pages + 1
    #: The printed page of every anchor laid out so far (the first of a name wins).
    pages: dict[str, int] = {}
    for part in body:
        result = renderer.lay_out(html(part, pages), page)
        for name, place in result.anchors.items():
            pages.setdefault(name, page + place.page)
        laid_out.append(result)
        page += result.pages
        if on_part is not None:
            on_part(part.key, result.pages)
    cover = renderer.lay_out(html(front, {a: pages[a] for a in _front_anchors(report)}), 1)
    if cover.pages != front_pages:
        raise LayoutError(
            f"the front matter took {cover.pages} pages with its page numbers, "
            f"{front_pages} without"
        )
    if on_part is not None:
        on_part(front.key, cover.pages)
    join_parts([cover, *laid_out], target)
    return page - 1


class _Reusing:
    """A :class:`Renderer` that first looks a part up in a :class:`PartStore`."""

    def __init__(self, renderer: Renderer, store: PartStore | None) -> None:
        self.renderer = renderer
        self.store = store

    def lay_out(self, html: str, first_page: int) -> LaidOutPart:
        if self.store is None:
            return self.renderer.lay_out(html, first_page)
        key = self.store.key(html, first_page)
        part = self.store.get(key)
        if part is None:
            part = self.renderer.lay_out(html, first_page)
            self.store.put(key, part)
        return part


def _front_anchors(report: Report) -> list[str]:
    """The anchors whose pages the front matter prints: the contents', the figures'."""
    return [
        *(
            anchor
            for item in report.toc
            for anchor in (item.anchor, *(child.anchor for child in item.children))
        ),
        *(chart.anchor for chart in report.charts),
    ]


__all__ = [
    "AssetsOnlyFetcher",
    "BlockedResourceError",
    "LayoutError",
    "PartStore",
    "assets_dir",
    "write_report_pdf",
]
