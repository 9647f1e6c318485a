"""Helpers for the ``check`` tests: check one workbook, flatten its problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from systematise.check import check_files
from systematise.config import Settings
from systematise.schema.stages import CheckedWorkbook
from systematise.template.fill import save_workbook


def flat(workbook: CheckedWorkbook) -> list[tuple[str | None, str | None, str]]:
    """Each problem as (A1 cell, field key, code), in report order."""
    return [(item.cell, item.field, item.code) for item in workbook.problems]


def check_one(path: Path) -> CheckedWorkbook:
    (result,) = check_files([path], Settings())
    return result


@pytest.fixture
def check_workbook(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Save an openpyxl workbook under ``name`` and check it."""

    def run(workbook: Workbook, name: str = "submission.xlsx") -> CheckedWorkbook:
        path = tmp_path / name
        save_workbook(workbook, path)
        return check_one(path)

    return run
