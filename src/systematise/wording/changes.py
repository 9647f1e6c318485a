"""What changed since the last cycle, worded for the report: figures and a table.

Made from the dataset's :class:`~systematise.consolidate.models.Comparison` (present only when
an earlier cycle is archived): how many initiatives are new, continuing (updated or unchanged)
or no longer reported, how many were completed since, and one row per initiative.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from systematise.consolidate.models import Change, Dataset
from systematise.i18n import fill
from systematise.schema.lang import Lang
from systematise.schema.reference import member_states
from systematise.wording.fiches import anchor_of
from systematise.wording.formatting import Formatter


@dataclass(frozen=True)
class ChangeRow:
    id: str
    anchor: str | None  # the fiche's anchor; None for an initiative no longer reported
    country: str
    title: str
    change: str
    completed_since: bool


@dataclass(frozen=True)
class Changes:
    title: str
    intro: str
    figures: tuple[tuple[str, str], ...]
    rows: tuple[ChangeRow, ...]


def change_labels(gettext: Callable[[str], str]) -> dict[Change, str]:
    _ = gettext
    return {
        Change.NEW: _("New"),
        Change.UPDATED: _("Continuing, updated"),
        Change.UNCHANGED: _("Continuing, unchanged"),
        Change.DROPPED: _("No longer reported"),
    }


def build_changes(
    dataset: Dataset, lang: Lang, formatter: Formatter, gettext: Callable[[str], str]
) -> Changes | None:
    """The section's content, or None when there is no earlier cycle to compare with."""
    comparison = dataset.comparison
    if comparison is None:
        return None
    _ = gettext
    labels = change_labels(gettext)
    states = member_states()
    order = {change: index for index, change in enumerate(Change)}
    items = sorted(
        comparison.items,
        key=lambda item: (
            (order[item.change], states[item.country].name(lang), item.id)
            if item.country in states
            else (order[item.change], item.country, item.id)
        ),
    )
    rows = tuple(
        ChangeRow(
            id=item.id,
            anchor=None if item.change == Change.DROPPED else anchor_of(item.id),
            country=states[item.country].name(lang) if item.country in states else item.country,
            title=item.title,
            change=labels[item.change],
            completed_since=item.completed_since,
        )
        for item in items
    )
    continuing = comparison.count(Change.UPDATED) + comparison.count(Change.UNCHANGED)
    figures = (
        (labels[Change.NEW], formatter.number(comparison.count(Change.NEW))),
        (_("Continuing"), formatter.number(continuing)),
        (labels[Change.UPDATED], formatter.number(comparison.count(Change.UPDATED))),
        (labels[Change.DROPPED], formatter.number(comparison.count(Change.DROPPED))),
        (_("Completed since"), formatter.number(comparison.completed_since)),
    )
    intro = fill(
        _(
            "Compared with the {previous} cycle, by the initiatives' stable identifiers: an "
            "initiative is continuing when its Member State reported it again (updated when its "
            "status, dates, summary or results changed), and no longer reported when it is "
            "absent this cycle."
        ),
        previous=comparison.previous,
    )
    title = fill(_("What changed since the {previous} cycle"), previous=comparison.previous)
    return Changes(title=title, intro=intro, figures=figures, rows=rows)
