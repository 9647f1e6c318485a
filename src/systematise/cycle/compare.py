"""What changed since the last cycle: each initiative new, continuing or no longer reported.

The closing cycle's archive keeps the public facts of every initiative it published
(``cycles/<year>/initiatives.json``, written by ``cycle new``). Matched by stable ID, an
initiative of this cycle is *new*, *updated* (its status, dates, summary or results changed) or
*unchanged*; one of the last cycle that is not reported again is *no longer reported*; and one
whose status became "completed" since says so.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from systematise.consolidate.models import Entry
from systematise.cycle.nextcycle import INITIATIVES_FILE, YEAR, public_facts

#: The facts whose change makes a continuing initiative "updated".
_COMPARED = ("title", "status", "start_date", "end_date", "summary", "results")


class Change(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    DROPPED = "dropped"  # reported last cycle, not this one


@dataclass(frozen=True)
class Compared:
    id: str
    country: str
    title: str
    change: Change
    completed_since: bool = False  # completed now, not completed last cycle


@dataclass(frozen=True)
class Comparison:
    previous: str  # the cycle compared with
    items: tuple[Compared, ...] = field(default_factory=tuple)

    def count(self, change: Change) -> int:
        return sum(1 for item in self.items if item.change == change)

    @property
    def completed_since(self) -> int:
        return sum(1 for item in self.items if item.completed_since)

    def of(self, identifier: str) -> Compared | None:
        return next((item for item in self.items if item.id == identifier), None)


def previous_cycle(cycles_folder: Path, current: str) -> Path | None:
    """The archive of the latest cycle before ``current`` that has a summary, if any."""
    if not cycles_folder.is_dir() or not YEAR.match(current):
        return None
    earlier = [
        child
        for child in cycles_folder.iterdir()
        if child.is_dir()
        and YEAR.match(child.name)
        and int(child.name) < int(current)
        and (child / INITIATIVES_FILE).is_file()
    ]
    return max(earlier, key=lambda child: int(child.name), default=None)


def load_previous(archive: Path) -> tuple[str, dict[str, Mapping[str, object]]]:
    """The archived cycle's name and its published initiatives by ID."""
    data = json.loads((archive / INITIATIVES_FILE).read_text(encoding="utf-8"))
    facts = {str(item["id"]): item for item in data.get("initiatives", [])}
    return str(data.get("cycle", archive.name)), facts


def compare(
    previous: str, before: Mapping[str, Mapping[str, object]], entries: Iterable[Entry]
) -> Comparison:
    items: list[Compared] = []
    seen: set[str] = set()
    for entry in entries:
        now = public_facts(entry)
        seen.add(entry.id)
        old = before.get(entry.id)
        title = entry.initiative.title
        if old is None:
            items.append(Compared(entry.id, entry.country, title, Change.NEW))
            continue
        changed = any(now.get(key) != old.get(key) for key in _COMPARED)
        completed = now.get("status") == "completed" and old.get("status") != "completed"
        change = Change.UPDATED if changed else Change.UNCHANGED
        items.append(Compared(entry.id, entry.country, title, change, completed))
    for identifier, old in before.items():
        if identifier not in seen:
            items.append(
                Compared(
                    identifier,
                    str(old.get("country", "")),
                    str(old.get("title", "")),
                    Change.DROPPED,
                )
            )
    return Comparison(previous, tuple(items))
