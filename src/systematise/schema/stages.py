"""The typed values handed from one pipeline stage to the next.

``check`` produces a :class:`CheckedWorkbook` per file; ``consolidate`` turns those into one
:class:`Dataset`; ``render`` and ``export`` read only the dataset.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from systematise.schema.lang import FocalLang, message_lang
from systematise.schema.models import Initiative, SubmissionHeader
from systematise.schema.problems import Problem, Severity


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CheckedRow(_Frozen):
    """One initiative row: the valid initiative, or None when the row has errors."""

    row: int
    initiative: Initiative | None
    problems: tuple[Problem, ...] = ()
    #: Normalised title, when one could be read, to name excluded rows in reports.
    title: str | None = None
    #: The stable ID the row carried in the workbook's ID column, as typed (not yet checked).
    given_id: str | None = None
    id_cell: str | None = None  # the row's cell in the ID column, when the sheet has one
    #: The row's stable ID, once :mod:`systematise.cycle.ids` has given it one.
    initiative_id: str | None = None


class CheckedWorkbook(_Frozen):
    """What ``check`` found in one file."""

    file: str  # the file's name as the focal point sent it (never a full local path)
    template_lang: FocalLang | None  # language of the template the workbook was made from
    template_version: str | None = None
    template_cycle: str | None = None  # the cycle stamped in the template, when it has one
    header: SubmissionHeader | None  # None when the submission sheet has errors
    rows: tuple[CheckedRow, ...] = ()
    #: Every problem of the file: workbook-level, header and rows, in sheet order.
    problems: tuple[Problem, ...] = ()

    def count(self, severity: Severity) -> int:
        return sum(1 for item in self.problems if item.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def notes(self) -> int:
        """Notes showing how a value was read: neither errors nor warnings."""
        return self.count(Severity.INFO)

    @property
    def message_lang(self) -> FocalLang:
        """The language to address this workbook's focal point in."""
        if self.template_lang is not None:
            return self.template_lang
        return message_lang(self.header.submission_language if self.header else "es")
