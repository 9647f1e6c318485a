"""The consolidated dataset: what the renderers and exporters read, and nothing else."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from systematise.schema.models import Initiative, SubmissionHeader
from systematise.schema.problems import Problem


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Provenance(_Frozen):
    """Where a published initiative came from."""

    file: str
    sheet: str
    row: int


class Entry(_Frozen):
    """One published initiative, with the submission facts it needs."""

    id: str  # the stable ID from the registry (MEX-03): kept across submissions and cycles
    country: str  # ISO3
    text_lang: str  # language its free text is written in (es, en, pt, fr)
    initiative: Initiative
    provenance: Provenance
    submitting_institution: str
    #: The submission's consent to publish contact data (contact_name, contact_email).
    contact_consent: bool
    #: The cycle this entry was reported in, and the first cycle the initiative was reported in
    #: (the registry's; this cycle when it is new).
    cycle: str = ""
    first_reported: str | None = None


class Change(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    DROPPED = "dropped"  # reported last cycle, not this one


class Compared(_Frozen):
    id: str
    country: str
    title: str
    change: Change
    completed_since: bool = False  # completed now, not completed last cycle


class Comparison(_Frozen):
    """What changed since the last cycle (:mod:`systematise.cycle.compare`)."""

    previous: str  # the cycle compared with
    items: tuple[Compared, ...] = ()

    def count(self, change: Change) -> int:
        return sum(1 for item in self.items if item.change == change)

    @property
    def completed_since(self) -> int:
        return sum(1 for item in self.items if item.completed_since)

    def of(self, identifier: str) -> Compared | None:
        return next((item for item in self.items if item.id == identifier), None)


class ExcludedRow(_Frozen):
    """An initiative row left out of the report, and why."""

    file: str
    country: str | None
    row: int | None  # None when the whole workbook was unusable
    title: str | None
    problems: tuple[Problem, ...]


class Dataset(_Frozen):
    """All valid initiatives of a cycle, in a stable order (country, then row)."""

    cycle: str
    entries: tuple[Entry, ...]
    submissions: tuple[SubmissionHeader, ...]
    excluded: tuple[ExcludedRow, ...]
    #: Every problem found while checking, errors and warnings, for the build report.
    problems: tuple[Problem, ...]
    #: What changed since the last archived cycle, when there is one.
    comparison: Comparison | None = None

    def countries(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(entry.country for entry in self.entries))
