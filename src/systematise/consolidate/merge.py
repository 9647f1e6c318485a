"""Merge checked workbooks into one :class:`Dataset`.

Ids are the stable IDs ``check`` gave each row from the registry (:mod:`systematise.cycle.ids`):
an initiative keeps its ID when rows move, change or go, and from one cycle to the next. (A
result made without them falls back on ``ISO3-NN``, NN numbering the State's rows in order.)
A workbook left out as a State's second file (:mod:`systematise.validate.batch`)
publishes nothing: it is listed as excluded, with the reason, and its other problems are not
reported (they are about a file that is not used).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence, Set

from systematise.consolidate.models import Dataset, Entry, ExcludedRow, Provenance
from systematise.schema.fieldmeta import field_specs
from systematise.schema.models import Initiative
from systematise.schema.problems import Problem, problem
from systematise.schema.stages import CheckedWorkbook
from systematise.template.layout import SHEET_NAMES, initiative_columns


def _title_column_letter() -> str:
    from openpyxl.utils import get_column_letter

    keys = [column.key for column in initiative_columns()]
    letter: str = get_column_letter(keys.index("title") + 1)
    return letter


def consolidate(
    cycle: str,
    workbooks: Sequence[CheckedWorkbook],
    *,
    left_out: Set[int] = frozenset(),
    batch_problems: Sequence[Problem] = (),
) -> Dataset:
    """One dataset from every workbook: valid rows in, rows with errors listed as excluded.

    ``left_out``: positions of workbooks not to publish (a State's other files);
    ``batch_problems``: problems of the batch as a whole (files that are not workbooks).
    """
    usable = sorted(
        (
            wb
            for index, wb in enumerate(workbooks)
            if wb.header is not None and index not in left_out
        ),
        key=lambda wb: (wb.header.country if wb.header else "", wb.file),
    )
    entries: list[Entry] = []
    excluded: list[ExcludedRow] = []
    numbers: Counter[str] = Counter()
    for workbook in usable:
        header = workbook.header
        assert header is not None  # filtered above
        sheet = SHEET_NAMES["initiatives"][workbook.template_lang or "es"]
        for checked in workbook.rows:
            numbers[header.country] += 1
            if checked.initiative is None:
                excluded.append(
                    ExcludedRow(
                        file=workbook.file,
                        country=header.country,
                        row=checked.row,
                        title=checked.title,
                        problems=checked.problems,
                    )
                )
                continue
            entries.append(
                Entry(
                    id=checked.initiative_id or f"{header.country}-{numbers[header.country]:02d}",
                    country=header.country,
                    text_lang=header.submission_language,
                    initiative=checked.initiative,
                    provenance=Provenance(file=workbook.file, sheet=sheet, row=checked.row),
                    submitting_institution=header.submitting_institution,
                    contact_consent=header.consent_publish_contact,
                    cycle=cycle,
                    first_reported=cycle,
                )
            )
    for index, workbook in enumerate(workbooks):
        if index in left_out:
            excluded.append(
                ExcludedRow(
                    file=workbook.file,
                    country=workbook.header.country if workbook.header else None,
                    row=None,
                    title=None,
                    problems=_left_out_reasons(workbook),
                )
            )
        elif workbook.header is None:
            excluded.append(
                ExcludedRow(
                    file=workbook.file,
                    country=None,
                    row=None,
                    title=None,
                    problems=tuple(p for p in workbook.problems if p.severity == "error"),
                )
            )
    problems = [
        p
        for index, wb in enumerate(workbooks)
        for p in (_left_out_reasons(wb) if index in left_out else wb.problems)
    ]
    problems.extend(_titles_across_submissions(entries))
    problems.extend(batch_problems)
    return Dataset(
        cycle=cycle,
        entries=tuple(entries),
        submissions=tuple(wb.header for wb in usable if wb.header is not None),
        excluded=tuple(excluded),
        problems=tuple(problems),
    )


def _left_out_reasons(workbook: CheckedWorkbook) -> tuple[Problem, ...]:
    return tuple(p for p in workbook.problems if p.code == "duplicate_submission")


def _titles_across_submissions(entries: Sequence[Entry]) -> list[Problem]:
    """A warning on each initiative whose title another State's submission also uses."""
    by_title: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_title[entry.initiative.title.casefold()].append(entry)
    spec = next(s for s in field_specs(Initiative) if s.key == "title")
    letter = _title_column_letter()
    found: list[Problem] = []
    for group in by_title.values():
        files = {entry.provenance.file for entry in group}
        if len(files) < 2:
            continue
        for entry in group:
            other = next(e for e in group if e.provenance.file != entry.provenance.file)
            found.append(
                problem(
                    "duplicate_title_across",
                    file=entry.provenance.file,
                    sheet=entry.provenance.sheet,
                    cell=f"{letter}{entry.provenance.row}",
                    row=entry.provenance.row,
                    field="title",
                    label=spec.labels,
                    other=other.provenance.file,
                )
            )
    return found


__all__ = ["consolidate"]
