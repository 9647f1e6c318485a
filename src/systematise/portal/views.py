"""What the pages and the API show of the records: uploads, their problems, the status table.

Plain functions over the database and the stored check results; no request, no HTML.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from systematise.cycle.decisions import Decision
from systematise.cycle.status import CycleStatus, cycle_status
from systematise.portal import db
from systematise.schema.lang import FocalLang
from systematise.schema.stages import CheckedWorkbook


@dataclass(frozen=True)
class Upload:
    id: int
    iso3: str
    name: str
    stored: str
    sha256: str
    size: int
    received: str
    status: str  # pending, checking, done, failed
    checked: str | None
    errors: int | None
    warnings: int | None
    initiatives: int | None
    feedback: str | None
    annotated: str | None
    decision: str | None
    decision_note: str | None
    decided: str | None

    @property
    def waiting(self) -> bool:
        return self.status in ("pending", "checking")


_COLUMNS = (
    "id, iso3, name, stored, sha256, size, received, status, checked, errors, warnings, "
    "initiatives, feedback, annotated, decision, decision_note, decided"
)


def _upload(row: sqlite3.Row) -> Upload:
    return Upload(**{key: row[key] for key in row.keys()})  # noqa: SIM118 - sqlite3.Row


def uploads(data: Path, cycle: str, iso3: str | None = None, limit: int = 500) -> list[Upload]:
    """The cycle's uploads, newest first: one State's, or everyone's (``iso3`` None: the
    editor). Earlier cycles' uploads stay in the data folder, out of these lists."""
    where, params = ("AND iso3 = ?", (iso3,)) if iso3 is not None else ("", ())
    with db.reading(data) as connection:
        rows = connection.execute(
            f"SELECT {_COLUMNS} FROM uploads WHERE cycle = ? {where} ORDER BY id DESC LIMIT ?",
            (cycle, *params, limit),
        ).fetchall()
    return [_upload(row) for row in rows]


def upload(data: Path, upload_id: int, iso3: str | None = None) -> Upload | None:
    """One upload; with ``iso3``, only if it is that State's (anything else: None)."""
    query = f"SELECT {_COLUMNS} FROM uploads WHERE id = ?"
    params: tuple[Any, ...] = (upload_id,)
    if iso3 is not None:
        query, params = query + " AND iso3 = ?", (upload_id, iso3)
    with db.reading(data) as connection:
        row = connection.execute(query, params).fetchone()
    return None if row is None else _upload(row)


def checked_workbook(data: Path, upload_id: int) -> CheckedWorkbook | None:
    with db.reading(data) as connection:
        row = connection.execute(
            "SELECT workbook_json FROM uploads WHERE id = ? AND status = 'done'", (upload_id,)
        ).fetchone()
    if row is None or row["workbook_json"] is None:
        return None
    return CheckedWorkbook.model_validate_json(row["workbook_json"])


def problems(workbook: CheckedWorkbook, lang: FocalLang) -> list[dict[str, Any]]:
    """Each problem as the page shows it: severity, where, what."""
    from systematise.feedback.report_json import problem_dict

    return [problem_dict(item, lang) for item in workbook.problems]


def other_state(workbook: CheckedWorkbook, iso3: str) -> str | None:
    """The State a workbook says it is from, when that is not the State of the link it was
    uploaded with (it is then never counted as that State's submission)."""
    header = workbook.header
    return header.country if header is not None and header.country != iso3 else None


def latest_checked(data: Path, cycle: str) -> dict[str, Upload]:
    """Each State's newest checked upload."""
    found: dict[str, Upload] = {}
    for item in uploads(data, cycle, limit=100_000):
        if item.status == "done" and item.iso3 not in found:
            found[item.iso3] = item
    return found


def accepted(data: Path, cycle: str) -> dict[str, Upload]:
    """Each State's newest approved upload: the cycle's submissions."""
    found: dict[str, Upload] = {}
    for item in uploads(data, cycle, limit=100_000):
        if item.decision == "approved" and item.iso3 not in found:
            found[item.iso3] = item
    return found


def status_table(data: Path, cycle: str) -> CycleStatus:
    """:func:`systematise.cycle.status.cycle_status` of each State's newest checked upload,
    with the decision taken on it."""
    import datetime as dt

    latest = latest_checked(data, cycle)
    files: list[Path] = []
    workbooks: list[CheckedWorkbook] = []
    decisions: dict[str, Decision] = {}
    for iso3, item in sorted(latest.items()):
        workbook = checked_workbook(data, item.id)
        if workbook is None or other_state(workbook, iso3):
            continue
        files.append(data / item.stored)
        workbooks.append(workbook.model_copy(update={"file": Path(item.stored).name}))
        if item.decision in ("approved", "rejected") and item.decided:
            decisions[iso3] = Decision(
                decision=item.decision,
                note=item.decision_note or "",
                file=Path(item.stored).name,
                sha256=item.sha256[:16],
                date=dt.date.fromisoformat(item.decided[:10]),
            )
    published: dict[str, int] = {}
    for index, workbook in enumerate(workbooks):
        if workbook.header is not None:
            published.setdefault(workbook.header.country, index)
    return cycle_status(cycle, files, workbooks, published=published, decisions=decisions)


def decide(data: Path, upload_id: int, verdict: str, note: str) -> bool:
    """Record the editor's verdict on a checked upload; False when there is no such upload."""
    with db.transaction(data) as connection:
        cursor = connection.execute(
            "UPDATE uploads SET decision = ?, decision_note = ?, decided = ? "
            "WHERE id = ? AND status = 'done'",
            (verdict, note[:2000], db.now(), upload_id),
        )
        return cursor.rowcount == 1


@dataclass(frozen=True)
class Build:
    id: int
    status: str
    started: str
    finished: str | None
    uploads: str


def builds(data: Path, limit: int = 20) -> list[Build]:
    with db.reading(data) as connection:
        rows = connection.execute(
            "SELECT id, status, started, finished, uploads FROM builds ORDER BY id DESC LIMIT ?",
            (limit,),
        ).fetchall()
    return [Build(**{key: row[key] for key in row.keys()}) for row in rows]  # noqa: SIM118
