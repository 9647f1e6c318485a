"""The PDF's parts: the report cut where it already breaks to a new page.

WeasyPrint keeps a whole document's layout in memory (about 2 MB a page) and some of its work
grows with the square of the page count, so one 700-page document needs 1.6 GB and a
7,000-page one does not finish in reasonable time. The PDF is therefore laid out part by part
(:mod:`systematise.render.pdf.layout`) and the parts joined (:mod:`systematise.render.pdf.merge`).

Every cut falls where the report breaks to a new page anyway (before an editorial section, a
State's chapter, an annex), so the pages are those of one document; the one exception is a
chapter of more than :data:`FICHES_PER_PART` initiatives, which continues on a new page after
every that many fiches. Each part names the running heads it opens with, since the headings
that set them may lie in an earlier part.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from systematise.wording.annexes import IndexGroup, MatrixGroup
from systematise.wording.document import Chapter, Report
from systematise.wording.editorial import Section
from systematise.wording.fiches import Fiche

#: The most fiches one part lays out: about 70 pages, 200 MB of WeasyPrint's memory.
FICHES_PER_PART = 50
#: The most rows of the GCM matrix in one part (a table costs WeasyPrint about 10 MB a page).
MATRIX_ROWS_PER_PART = 200
#: The most entries of the thematic index in one part.
INDEX_ENTRIES_PER_PART = 400

Group = TypeVar("Group")


@dataclass(frozen=True)
class Part:
    """One separately laid-out document of the PDF; the template shows only these pieces."""

    key: str
    front: bool = False
    sections: tuple[Section, ...] = ()
    overview: bool = False
    chapters_heading: bool = False
    chapter: Chapter | None = None
    fiches: tuple[Fiche, ...] = ()
    #: The chapter began in an earlier part: no chapter heading here.
    continued: bool = False
    closing_sections: tuple[Section, ...] = ()
    annexes_heading: bool = False
    annexes: tuple[str, ...] = ()
    #: The rows of the GCM matrix or the entries of the thematic index this part shows, when
    #: it shows that annex; whether it opens the annex (heading) and closes it (totals).
    matrix: tuple[MatrixGroup, ...] = ()
    theme_index: tuple[IndexGroup, ...] = ()
    slice_opens: bool = True
    slice_closes: bool = True
    #: The running heads on the part's first page, when no heading of the part sets them.
    running_chapter: str = ""
    running_state: str = ""


def plan_parts(report: Report, fiches_per_part: int = FICHES_PER_PART) -> list[Part]:
    """The report's parts in reading order; the first is the front matter (cover, legal, TOC)."""
    parts = [Part("front", front=True)]
    if report.sections:
        parts.append(Part("sections", sections=report.sections, overview=True))
    else:
        parts.append(Part("overview", overview=True))
    if not report.chapters:
        parts.append(Part("chapters", chapters_heading=True))
    for number, chapter in enumerate(report.chapters):
        chunks = [
            chapter.fiches[start : start + fiches_per_part]
            for start in range(0, len(chapter.fiches), fiches_per_part)
        ] or [()]
        for index, fiches in enumerate(chunks):
            parts.append(
                Part(
                    f"chapter-{number + 1}-{index + 1}",
                    chapters_heading=number == 0 and index == 0,
                    chapter=chapter,
                    fiches=fiches,
                    continued=index > 0,
                    # The first part opens with the heading that sets them.
                    running_chapter="" if number == 0 and index == 0 else report.chapters_title,
                    running_state="" if number == 0 and index == 0 else chapter.title,
                )
            )
    if report.closing_sections:
        parts.append(Part("closing", closing_sections=report.closing_sections))
    parts.extend(_annex_parts(report))
    return parts


def _annex_parts(report: Report) -> list[Part]:
    """The GCM matrix and the thematic index in slices, then the short annexes together."""
    annexes = report.annexes
    gcm, themes, *rest = annexes.keys
    heading = annexes.heading
    parts = []
    matrix = _slices(
        annexes.matrix,
        lambda group: group.rows,
        lambda group, rows: replace(group, rows=rows),
        MATRIX_ROWS_PER_PART,
    )
    for index, groups in enumerate(matrix):
        parts.append(
            Part(
                f"annex-{gcm}-{index + 1}",
                annexes_heading=index == 0,
                annexes=(gcm,),
                matrix=groups,
                slice_opens=index == 0,
                slice_closes=index == len(matrix) - 1,
                running_chapter="" if index == 0 else heading,
            )
        )
    index_slices = _slices(
        annexes.theme_index,
        lambda group: group.entries,
        lambda group, entries: replace(group, entries=entries),
        INDEX_ENTRIES_PER_PART,
    )
    for index, entries in enumerate(index_slices):
        parts.append(
            Part(
                f"annex-{themes}-{index + 1}",
                annexes=(themes,),
                theme_index=entries,
                slice_opens=index == 0,
                slice_closes=index == len(index_slices) - 1,
                running_chapter=heading,
            )
        )
    parts.append(Part("annexes-other", annexes=tuple(rest), running_chapter=heading))
    return parts


def _slices(
    groups: Sequence[Group],
    items: Callable[[Group], tuple[Any, ...]],
    with_items: Callable[[Group, tuple[Any, ...]], Group],
    per_part: int,
) -> list[tuple[Group, ...]]:
    """``groups`` cut into slices of at most ``per_part`` items; a group may span slices."""
    slices: list[tuple[Group, ...]] = []
    current: list[Group] = []
    room = per_part
    for group in groups:
        rows = items(group)
        start = 0
        while True:
            taken = rows[start : start + room]
            current.append(with_items(group, taken))
            start += len(taken)
            room -= len(taken)
            if room == 0:
                slices.append(tuple(current))
                current, room = [], per_part
            if start >= len(rows):
                break
    if current or not slices:
        slices.append(tuple(current))
    return slices
