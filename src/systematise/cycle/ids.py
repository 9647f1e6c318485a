"""Give every checked row its stable ID, from the registry of its State.

:class:`IdBook` holds the registries of the States met in a batch: loaded from the project's
``registry/`` folder (or empty, for a check that keeps nothing), updated as workbooks are
stamped, and written back by :meth:`IdBook.save`. A row whose ID had to be guessed from its
content, or whose typed ID could not be used, gets a warning at its ID cell so the focal point
(and the editor) can see it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from systematise.config import Settings
from systematise.cycle.registry import (
    Assignment,
    How,
    RowFacts,
    StateRegistry,
    assign,
    load_state,
    save_state,
)
from systematise.schema.problems import Problem, problem
from systematise.schema.stages import CheckedRow, CheckedWorkbook
from systematise.template import layout

_ID_LABEL: dict[str, str] = {str(lang): text for lang, text in layout.ID_HEADERS.items()}


class IdBook:
    """The registries of the States of one batch; ``folder`` None keeps them in memory only,
    and ``keep`` False reads them without ever writing (files from outside the submissions
    folder are given the registry's IDs, but teach it nothing)."""

    def __init__(self, folder: Path | None, cycle: str, *, keep: bool = True) -> None:
        self.folder = folder
        self.cycle = cycle
        self.keep = keep
        self._states: dict[str, StateRegistry] = {}
        self._changed: set[str] = set()

    def state(self, country: str) -> StateRegistry:
        if country not in self._states:
            found = (
                load_state(self.folder, country)
                if self.folder is not None
                else StateRegistry(country=country)
            )
            self._states[country] = found
        return self._states[country]

    def stamp(self, workbook: CheckedWorkbook) -> CheckedWorkbook:
        """``workbook`` with an ID on every row, and a warning where one was guessed."""
        if workbook.header is None or not workbook.rows:
            return workbook
        country = workbook.header.country
        facts = [_facts(row) for row in workbook.rows]
        assignments, learnt = assign(country, facts, self.state(country), self.cycle)
        if learnt != self._states[country]:
            self._states[country] = learnt
            self._changed.add(country)
        sheet = _initiatives_sheet(workbook)
        rows: list[CheckedRow] = []
        added: list[Problem] = []
        for row, assignment in zip(workbook.rows, assignments, strict=True):
            found = _problems(workbook.file, sheet, row, assignment)
            added.extend(found)
            rows.append(
                row.model_copy(
                    update={"initiative_id": assignment.id, "problems": row.problems + found}
                )
            )
        return workbook.model_copy(
            update={"rows": tuple(rows), "problems": workbook.problems + tuple(added)}
        )

    def stamp_all(self, workbooks: Sequence[CheckedWorkbook]) -> list[CheckedWorkbook]:
        """Each workbook stamped; files of one State in name order, so results never depend
        on the order files were given in."""
        order = sorted(range(len(workbooks)), key=lambda index: workbooks[index].file)
        stamped: dict[int, CheckedWorkbook] = {}
        for index in order:
            stamped[index] = self.stamp(workbooks[index])
        return [stamped[index] for index in range(len(workbooks))]

    def save(self) -> list[str]:
        """Write the registries that changed; returns their States (nothing without a folder)."""
        if self.folder is None or not self.keep:
            return []
        written = [
            country
            for country in sorted(self._changed)
            if save_state(self.folder, self._states[country])
        ]
        self._changed.clear()
        return written


def _facts(row: CheckedRow) -> RowFacts:
    initiative = row.initiative
    if initiative is None:
        return RowFacts(row=row.row, given_id=row.given_id, title=row.title)
    return RowFacts(
        row=row.row,
        given_id=row.given_id,
        title=initiative.title,
        acronym=initiative.acronym,
        lead_institution=initiative.lead_institution,
        start_date=str(initiative.start_date),
    )


def _initiatives_sheet(workbook: CheckedWorkbook) -> str:
    return layout.SHEET_NAMES["initiatives"][workbook.template_lang or "es"]


def _problems(
    file: str, sheet: str, row: CheckedRow, assignment: Assignment
) -> tuple[Problem, ...]:
    found: list[Problem] = []
    if assignment.rejected_id is not None:
        found.append(
            problem(
                "id_not_recognised",
                file=file,
                sheet=sheet,
                cell=row.id_cell,
                row=row.row,
                field=layout.ID_KEY,
                label=_ID_LABEL,
                given=assignment.rejected_id,
                id=assignment.id,
            )
        )
    if assignment.how == How.UNCERTAIN:
        found.append(
            problem(
                "id_uncertain_match",
                file=file,
                sheet=sheet,
                cell=row.id_cell,
                row=row.row,
                field=layout.ID_KEY,
                label=_ID_LABEL,
                id=assignment.id,
                known_title=(assignment.matched_title or "")[:80],
            )
        )
    return tuple(found)


def project_ids(settings: Settings, files: Sequence[Path], in_project: bool) -> IdBook:
    """The IDs of a command's batch: the project's registry, kept only when every file is one
    of the project's submissions; outside a project, IDs given afresh and kept nowhere."""
    folder = settings.paths.registry if in_project else None
    submissions = settings.paths.submissions.resolve()
    keep = all(submissions in path.resolve().parents for path in files)
    return IdBook(folder, settings.report.cycle, keep=keep)
