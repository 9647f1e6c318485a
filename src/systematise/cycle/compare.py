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
from pathlib import Path

from systematise.consolidate.models import Change, Compared, Comparison, Dataset, Entry
from systematise.cycle.nextcycle import INITIATIVES_FILE, YEAR, public_facts

__all__ = [
    "Change",
    "Compared",
    "Comparison",
    "compare",
    "load_previous",
    "previous_cycle",
    "with_history",
]

#: The facts whose change makes a continuing initiative "updated".
_COMPARED = ("title", "status", "start_date", "end_date", "summary", "results")


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
            items.append(
                Compared(id=entry.id, country=entry.country, title=title, change=Change.NEW)
            )
            continue
        changed = any(now.get(key) != old.get(key) for key in _COMPARED)
        completed = now.get("status") == "completed" and old.get("status") != "completed"
        change = Change.UPDATED if changed else Change.UNCHANGED
        items.append(
            Compared(
                id=entry.id,
                country=entry.country,
                title=title,
                change=change,
                completed_since=completed,
            )
        )
    for identifier, old in before.items():
        if identifier not in seen:
            items.append(
                Compared(
                    id=identifier,
                    country=str(old.get("country", "")),
                    title=str(old.get("title", "")),
                    change=Change.DROPPED,
                )
            )
    return Comparison(previous=previous, items=tuple(items))


def with_history(dataset: Dataset, registry: Path | None, cycles: Path | None) -> Dataset:
    """``dataset`` with each entry's first cycle (from the registry) and, when an earlier
    cycle is archived in ``cycles``, what changed since."""
    from systematise.cycle.registry import RegistryError, load_state

    first: dict[str, str] = {}
    if registry is not None:
        for country in dataset.countries():
            try:
                known = load_state(registry, country)
            except RegistryError:
                continue
            first.update({item.id: item.first_reported for item in known.initiatives})
    entries = tuple(
        entry.model_copy(update={"first_reported": first.get(entry.id, dataset.cycle)})
        for entry in dataset.entries
    )
    comparison = None
    archive = previous_cycle(cycles, dataset.cycle) if cycles is not None else None
    if archive is not None:
        name, facts = load_previous(archive)
        comparison = compare(name, facts, entries)
    return dataset.model_copy(update={"entries": entries, "comparison": comparison})
