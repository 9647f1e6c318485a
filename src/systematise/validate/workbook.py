"""Validate a raw workbook: the submission form, every initiative row, the rules across rows.

Problems come out in sheet order: the workbook's own (template, columns, merged cells), then
the submission form's, then each row's from left to right.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from systematise.normalise.issue import Issue
from systematise.read.raw import RawWorkbook
from systematise.schema.models import Initiative, SubmissionHeader
from systematise.schema.problems import CATALOGUE, Problem, Severity, problem
from systematise.schema.stages import CheckedRow, CheckedWorkbook
from systematise.schema.vocabulary import fold
from systematise.template.layout import SHEET_NAMES
from systematise.validate.record import Finding, specs_of, validate_record


def _coordinates(cell: str | None) -> tuple[int, int] | None:
    """(row, column) of an A1 reference such as ``C7``; None for anything else."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
    from openpyxl.utils.exceptions import CellCoordinatesException

    try:
        letters, row = coordinate_from_string(cell or "")
        return row, column_index_from_string(letters)
    except (ValueError, CellCoordinatesException):
        return None


def _row_number(cell: str | None) -> int | None:
    found = _coordinates(cell)
    return found[0] if found else None


def _problems(
    findings: Iterable[Finding], file: str, sheet: str, model: type[Initiative | SubmissionHeader]
) -> list[Problem]:
    specs = specs_of(model)
    ordered = sorted(findings, key=lambda f: _coordinates(f.cell) or (0, 0))
    return [
        issue_problem(
            finding.issue,
            file=file,
            sheet=sheet,
            cell=finding.cell,
            field=finding.field,
            label=specs[finding.field].labels,
        )
        for finding in ordered
    ]


def issue_problem(
    issue: Issue,
    *,
    file: str,
    sheet: str | None = None,
    cell: str | None = None,
    field: str | None = None,
    label: Mapping[str, str] | None = None,
) -> Problem:
    """The problem for a normaliser's or validator's issue, placed in a file, sheet and cell."""
    return Problem(
        code=issue.code,
        severity=CATALOGUE[issue.code].severity,
        file=file,
        sheet=sheet,
        cell=cell,
        row=_row_number(cell),
        field=field,
        labels=dict(label or {}),
        params=dict(issue.params),
    )


def validate_workbook(raw: RawWorkbook) -> CheckedWorkbook:
    """Everything wrong with one workbook, and its valid header and initiatives."""
    problems: list[Problem] = list(raw.problems)
    if not raw.usable or raw.initiatives_sheet is None:
        return CheckedWorkbook(
            file=raw.file,
            template_lang=raw.template_lang,
            template_version=raw.template_version,
            template_cycle=raw.template_cycle,
            header=None,
            problems=tuple(problems),
        )
    header: SubmissionHeader | None = None
    if raw.submission_sheet is not None:
        form = validate_record(
            SubmissionHeader,
            {key: (cell,) for key, cell in raw.header.items()},
            epoch_1904=raw.epoch_1904,
        )
        header = form.instance
        problems.extend(_problems(form.findings, raw.file, raw.submission_sheet, SubmissionHeader))
    rows: list[CheckedRow] = []
    first_title: dict[str, int] = {}
    for raw_row in raw.rows:
        result = validate_record(Initiative, raw_row.cells, epoch_1904=raw.epoch_1904)
        findings = list(result.findings)
        title = result.outcomes["title"].value
        instance = result.instance
        if isinstance(title, str):
            key = fold(title)
            if key in first_title:
                cell = result.outcomes["title"].cells[0] if result.outcomes["title"].cells else None
                findings.append(_duplicate_title(cell, first_title[key]))
                instance = None
            else:
                first_title[key] = raw_row.row
        row_problems = _problems(findings, raw.file, raw.initiatives_sheet, Initiative)
        if any(item.severity == Severity.ERROR for item in row_problems):
            instance = None
        rows.append(
            CheckedRow(
                row=raw_row.row,
                initiative=instance,
                problems=tuple(row_problems),
                title=title if isinstance(title, str) else None,
                given_id=raw_row.given_id,
                id_cell=raw_row.id_cell,
            )
        )
        problems.extend(row_problems)
    if not rows:
        problems.append(problem("no_initiatives", file=raw.file, sheet=raw.initiatives_sheet))
    return CheckedWorkbook(
        file=raw.file,
        template_lang=raw.template_lang,
        template_version=raw.template_version,
        template_cycle=raw.template_cycle,
        header=header,
        rows=tuple(rows),
        problems=tuple(problems),
    )


def _duplicate_title(cell: str | None, other_row: int) -> Finding:
    return Finding("title", cell, Issue("duplicate_title", {"other_row": other_row}))


def initiatives_sheet_name(workbook: CheckedWorkbook) -> str:
    return SHEET_NAMES["initiatives"][workbook.template_lang or "es"]
