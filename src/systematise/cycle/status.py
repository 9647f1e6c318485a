"""Where every Member State stands in the cycle: one row per State of the reference list.

A State's *state* comes from the file that would be published for it (of two files, the one
:mod:`systematise.validate.batch` chooses): not submitted, submitted with errors, submitted
with warnings, or valid. Beside it, the editor's *decision* (approved or rejected, with a
note), kept in the project as reviewable text (:mod:`systematise.cycle.decisions`); a decision
taken on another version of the file is shown as outdated. Duplicates, files of another cycle,
stale translations and the folder's strays (files that are not workbooks, or whose State cannot
be told) are flagged.

The focal point's contact is in the table for the editor: this view is never published.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from systematise.cycle.decisions import Decision
from systematise.schema.problems import UNUSABLE_CODES
from systematise.schema.reference import member_states
from systematise.schema.stages import CheckedWorkbook

_ISO3_PREFIX = re.compile(r"^([A-Za-z]{3})(?![A-Za-z])")


class State(StrEnum):
    NOT_SUBMITTED = "not_submitted"
    ERRORS = "errors"
    WARNINGS = "warnings"
    VALID = "valid"


class Flag(StrEnum):
    DUPLICATE = "duplicate"  # more than one file for the State
    OTHER_CYCLE = "other_cycle"  # a file made from another cycle's template
    UNREADABLE = "unreadable"  # a file of the State that could not be read at all
    DECISION_OUTDATED = "decision_outdated"  # decided on another version of the file
    STALE_TRANSLATIONS = "stale_translations"


@dataclass(frozen=True)
class Contact:
    """The focal point, for the editor only."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class StateStatus:
    iso3: str
    name_es: str
    name_en: str
    state: State
    decision: Decision | None = None
    file: str | None = None
    other_files: tuple[str, ...] = ()
    submission_date: dt.date | None = None
    template_version: str | None = None
    template_cycle: str | None = None
    initiatives: int = 0  # rows that will be published
    rows: int = 0  # rows read
    errors: int = 0
    warnings: int = 0
    stale_translations: int = 0
    contact: Contact = field(default_factory=Contact)
    flags: tuple[Flag, ...] = ()

    def name(self, lang: str) -> str:
        return self.name_es if lang == "es" else self.name_en


@dataclass(frozen=True)
class Stray:
    """A file of the folder that belongs to no State: not a workbook, or no State named."""

    file: str
    reason: str  # "not_a_workbook", "no_state", "not_a_member"


@dataclass(frozen=True)
class CycleStatus:
    cycle: str
    states: tuple[StateStatus, ...]
    strays: tuple[Stray, ...]

    def count(self, state: State) -> int:
        return sum(1 for item in self.states if item.state == state)


def file_digest(path: Path) -> str:
    """The short SHA-256 a decision records, to notice a later version of the file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _state_of(workbook: CheckedWorkbook) -> State:
    if workbook.errors:
        return State.ERRORS
    if workbook.warnings:
        return State.WARNINGS
    return State.VALID


def _guess_country(workbook: CheckedWorkbook) -> str | None:
    if workbook.header is not None:
        return workbook.header.country
    found = _ISO3_PREFIX.match(Path(workbook.file).stem)
    return found.group(1).upper() if found else None


def cycle_status(
    cycle: str,
    files: Sequence[Path],
    workbooks: Sequence[CheckedWorkbook],
    *,
    published: Mapping[str, int],
    not_workbooks: Sequence[Path] = (),
    decisions: Mapping[str, Decision] | None = None,
    stale: Mapping[str, int] | None = None,
) -> CycleStatus:
    """The status of every Member State.

    ``files[i]`` gave ``workbooks[i]``; ``published`` maps a State to the position of the file
    that is published for it (the batch's rule for duplicates); ``stale`` counts each State's
    stale translations.
    """
    decisions = decisions or {}
    stale = stale or {}
    states = member_states()
    by_country: dict[str, list[int]] = {}
    strays: list[Stray] = [Stray(path.name, "not_a_workbook") for path in not_workbooks]
    for index, workbook in enumerate(workbooks):
        country = _guess_country(workbook)
        if country is None:
            strays.append(Stray(workbook.file, "no_state"))
        elif country not in states:
            strays.append(Stray(workbook.file, "not_a_member"))
        else:
            by_country.setdefault(country, []).append(index)
    rows: list[StateStatus] = []
    for iso3, member in states.items():
        positions = by_country.get(iso3, [])
        decision = decisions.get(iso3)
        if not positions:
            rows.append(
                StateStatus(
                    iso3, member.name_es, member.name_en, State.NOT_SUBMITTED, decision=decision
                )
            )
            continue
        chosen = published.get(iso3, positions[-1])
        if chosen not in positions:
            chosen = positions[-1]
        workbook = workbooks[chosen]
        flags: list[Flag] = []
        if len(positions) > 1:
            flags.append(Flag.DUPLICATE)
        if any(_other_cycle(workbooks[i], cycle) for i in positions):
            flags.append(Flag.OTHER_CYCLE)
        if any(_unreadable(workbooks[i]) for i in positions):
            flags.append(Flag.UNREADABLE)
        digest = file_digest(files[chosen]) if files[chosen].is_file() else None
        if decision is not None and (
            decision.file != workbook.file or (digest and decision.sha256 != digest)
        ):
            flags.append(Flag.DECISION_OUTDATED)
        if stale.get(iso3):
            flags.append(Flag.STALE_TRANSLATIONS)
        header = workbook.header
        rows.append(
            StateStatus(
                iso3=iso3,
                name_es=member.name_es,
                name_en=member.name_en,
                state=_state_of(workbook),
                decision=decision,
                file=workbook.file,
                other_files=tuple(workbooks[i].file for i in positions if i != chosen),
                submission_date=header.submission_date if header else None,
                template_version=workbook.template_version,
                template_cycle=workbook.template_cycle,
                initiatives=sum(1 for row in workbook.rows if row.initiative is not None),
                rows=len(workbook.rows),
                errors=workbook.errors,
                warnings=workbook.warnings,
                stale_translations=stale.get(iso3, 0),
                contact=Contact(
                    header.focal_point_name if header else None,
                    str(header.focal_point_email) if header else None,
                    header.focal_point_phone if header else None,
                ),
                flags=tuple(flags),
            )
        )
    return CycleStatus(cycle, tuple(rows), tuple(strays))


def _other_cycle(workbook: CheckedWorkbook, cycle: str) -> bool:
    return workbook.template_cycle is not None and workbook.template_cycle != cycle


def _unreadable(workbook: CheckedWorkbook) -> bool:
    return any(item.code in UNUSABLE_CODES for item in workbook.problems)
