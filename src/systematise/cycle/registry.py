"""Stable initiative IDs: the registry of every ID a State's initiatives were ever given.

An initiative keeps its ID (``MEX-03``) when rows are reordered, inserted or deleted, when its
texts are edited, and from one cycle to the next. The ID travels in the workbook itself (a
protected column of the template, filled in the annotated copy and in pre-filled templates); a
row without one is matched to a known initiative of its State by its content (title, acronym,
lead institution, start date), with a warning when the match is uncertain; anything else gets a
new ID of its State that was never used before.

The registry is reviewable text in the project, one YAML file per State
(``registry/MEX.yaml``), written by ``check`` and ``build``. :func:`assign` is a pure function:
the rows of one submission and the State's registry in, each row's ID and the new registry out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from systematise import atomic, yamlfile
from systematise.schema.vocabulary import fold

ID_PATTERN = re.compile(r"^([A-Z]{3})-(\d{2,4})$")
#: A row whose best match scores at least this is the same initiative.
SURE = 0.9
#: From this score up to :data:`SURE`, the match is kept with a warning to check it.
LIKELY = 0.75

_HEADER = (
    "# Stable initiative IDs of one Member State, kept by systematise (check and build).\n"
    "# Each ID is given once and never reused. Review changes like any other file; a hand edit\n"
    "# (say, a wrong match corrected) takes effect at the next `systematise build --force`.\n"
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Known(_Frozen):
    """One initiative the registry knows, with the facts it is recognised by."""

    id: str
    title: str
    acronym: str | None = None
    lead_institution: str | None = None
    start_date: str | None = None
    first_reported: str
    last_reported: str


class StateRegistry(_Frozen):
    country: str
    #: The number the next new ID takes: never lowered, so no ID is ever given twice.
    next_number: int = Field(default=1, ge=1)
    initiatives: tuple[Known, ...] = ()

    def by_id(self) -> dict[str, Known]:
        return {known.id: known for known in self.initiatives}


@dataclass(frozen=True)
class RowFacts:
    """What a submitted row says about which initiative it is."""

    row: int
    given_id: str | None
    title: str | None
    acronym: str | None = None
    lead_institution: str | None = None
    start_date: str | None = None


class How(StrEnum):
    GIVEN = "given"  # the row carried a known ID of its State
    MATCHED = "matched"  # no ID, recognised by its content
    UNCERTAIN = "uncertain"  # no ID, probably this one: the focal point should check
    NEW = "new"  # a new initiative: a new ID


@dataclass(frozen=True)
class Assignment:
    row: int
    id: str
    how: How
    #: For a match: the known title it was matched to, and the score.
    matched_title: str | None = None
    score: float = 0.0
    #: An ID the row carried that could not be used (unknown, another State's, a repeat).
    rejected_id: str | None = None


_STOPWORDS = frozenset(
    [
        "a",
        "al",
        "and",
        "da",
        "das",
        "de",
        "del",
        "des",
        "do",
        "dos",
        "du",
        "e",
        "el",
        "en",
        "et",
        "for",
        "in",
        "la",
        "las",
        "le",
        "les",
        "los",
        "of",
        "on",
        "para",
        "por",
        "sobre",
        "the",
        "to",
        "y",
    ]
)


#: Words nearly every initiative's title has: they say nothing about which one it is.
_GENERIC = frozenset(
    {"inici", "progr", "plan", "siste", "nacio", "natio", "estra", "strat", "proye", "proje"}
)
_NUMBER = re.compile(r"\d+")


def _stems(title: str) -> set[str]:
    """Words that carry meaning, cut to five letters (migración, migratorios → migra)."""
    stems = {word[:5] for word in fold(title).split() if word not in _STOPWORDS}
    return stems - _GENERIC or stems


def title_similarity(first: str, second: str) -> float:
    """0 to 1: the mean of a character-level ratio and the overlap of meaningful words;
    titles naming different numbers (years, phases, laws) are kept apart."""
    a_text, b_text = fold(first), fold(second)
    characters = SequenceMatcher(None, a_text, b_text).ratio()
    a, b = _stems(first), _stems(second)
    words = 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0
    score = (characters + words) / 2
    a_numbers, b_numbers = set(_NUMBER.findall(a_text)), set(_NUMBER.findall(b_text))
    if a_numbers and b_numbers and a_numbers != b_numbers:
        score *= 0.6
    return score


def _similarity(row: RowFacts, known: Known) -> float:
    if not row.title:
        return 0.0
    score = title_similarity(row.title, known.title)
    if row.acronym and known.acronym and fold(row.acronym) == fold(known.acronym):
        score = max(score, 0.7) + 0.2
    if (
        row.lead_institution
        and known.lead_institution
        and fold(row.lead_institution) == fold(known.lead_institution)
    ):
        score += 0.03
    if row.start_date and known.start_date and row.start_date == known.start_date:
        score += 0.03
    return min(score, 1.0)


#: A row carrying a known ID whose title resembles the known one less than this was most
#: likely moved by hand onto another row's ID (the ID column is locked; the data is not).
_MOVED = 0.35


def _same_initiative(row: RowFacts, known: Known) -> bool:
    return not row.title or not known.title or title_similarity(row.title, known.title) >= _MOVED


def _format(country: str, number: int) -> str:
    return f"{country}-{number:02d}"


def assign(
    country: str, rows: Sequence[RowFacts], registry: StateRegistry, cycle: str
) -> tuple[list[Assignment], StateRegistry]:
    """Each row's ID, and the registry with what this submission taught it.

    Independent of row order: given IDs first, then content matches best-first, then new IDs
    in row order.
    """
    known = registry.by_id()
    claimed: set[str] = set()
    result: dict[int, Assignment] = {}
    rejected: dict[int, str] = {}
    for row in rows:
        given = (row.given_id or "").strip().upper() or None
        if given is None:
            continue
        found = ID_PATTERN.match(given)
        usable = (
            found is not None
            and found.group(1) == country
            and given not in claimed
            # A known ID must still name this initiative; an unknown one of the State's own
            # (a registry that lost it, a check without the project's registry) is learnt.
            and (given not in known or _same_initiative(row, known[given]))
        )
        if usable:
            claimed.add(given)
            result[row.row] = Assignment(row.row, given, How.GIVEN)
        else:
            rejected[row.row] = given
    unplaced = [row for row in rows if row.row not in result]
    candidates = sorted(
        (
            (_similarity(row, entry), row.row, entry.id)
            for row in unplaced
            for entry in registry.initiatives
            if entry.id not in claimed
        ),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    for score, row_number, known_id in candidates:
        if score < LIKELY:
            break
        if row_number in result or known_id in claimed:
            continue
        claimed.add(known_id)
        how = How.MATCHED if score >= SURE else How.UNCERTAIN
        result[row_number] = Assignment(
            row_number,
            known_id,
            how,
            matched_title=known[known_id].title,
            score=round(score, 2),
            rejected_id=rejected.get(row_number),
        )
    taken = [int(m.group(2)) for identifier in claimed if (m := ID_PATTERN.match(identifier))]
    number = max(registry.next_number, _highest(registry) + 1, max(taken, default=0) + 1)
    for row in rows:
        if row.row in result:
            continue
        result[row.row] = Assignment(
            row.row, _format(country, number), How.NEW, rejected_id=rejected.get(row.row)
        )
        number += 1
    assignments = [result[row.row] for row in rows]
    return assignments, _learn(country, rows, assignments, registry, cycle, number)


def _highest(registry: StateRegistry) -> int:
    numbers = [int(m.group(2)) for k in registry.initiatives if (m := ID_PATTERN.match(k.id))]
    return max(numbers, default=0)


def _learn(
    country: str,
    rows: Sequence[RowFacts],
    assignments: Sequence[Assignment],
    registry: StateRegistry,
    cycle: str,
    next_number: int,
) -> StateRegistry:
    entries = registry.by_id()
    for row, assignment in zip(rows, assignments, strict=True):
        earlier = entries.get(assignment.id)
        entries[assignment.id] = Known(
            id=assignment.id,
            title=row.title or (earlier.title if earlier else ""),
            acronym=row.acronym or (earlier.acronym if earlier else None),
            lead_institution=row.lead_institution
            or (earlier.lead_institution if earlier else None),
            start_date=row.start_date or (earlier.start_date if earlier else None),
            first_reported=earlier.first_reported if earlier else cycle,
            last_reported=max(cycle, earlier.last_reported) if earlier else cycle,
        )
    ordered = tuple(sorted(entries.values(), key=lambda known: _number(known.id)))
    return StateRegistry(country=country, next_number=next_number, initiatives=ordered)


def _number(identifier: str) -> tuple[int, str]:
    found = ID_PATTERN.match(identifier)
    return (int(found.group(2)), identifier) if found else (10**6, identifier)


# --- the files -------------------------------------------------------------------------------


class RegistryError(Exception):
    """A registry file cannot be used: it names the file and what is wrong."""


def registry_path(folder: Path, country: str) -> Path:
    return folder / f"{country}.yaml"


def load_state(folder: Path, country: str) -> StateRegistry:
    """The registry of ``country`` (an empty one when the State has none yet)."""
    path = registry_path(folder, country)
    if not path.is_file():
        return StateRegistry(country=country)
    try:
        data = yamlfile.safe_load(path.read_text(encoding="utf-8")) or {}
        registry = StateRegistry.model_validate(data)
    except (yaml.YAMLError, ValidationError, UnicodeDecodeError) as error:
        raise RegistryError(f"{path}: {error}") from error
    if registry.country != country:
        raise RegistryError(f"{path}: country {registry.country!r}, expected {country!r}")
    return registry


def save_state(folder: Path, registry: StateRegistry) -> bool:
    """Write the registry of one State if it changed; returns whether it was written."""
    path = registry_path(folder, registry.country)
    text = _HEADER + yaml.safe_dump(
        registry.model_dump(mode="json", exclude_none=True),
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    atomic.write_text(path, text)
    return True
