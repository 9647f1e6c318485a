"""Annotating a workbook with far-apart cells reads only the places it needs.

A hostile file puts one cell at A1 and one at XFD1048576 on a sheet: anything that walks the
rectangle between them makes millions of cells (openpyxl creates a cell for every place it
visits), and writes an empty row for each of them into the annotated copy. The annotation must
take little memory, and the copy stay as small as the file it was made from.
"""

from __future__ import annotations

import re
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from systematise.check import check_files
from systematise.config import Settings
from systematise.feedback.annotate import annotate_workbook
from systematise.feedback.marks import (
    ERROR_COLOUR,
    MAX_LISTED_PROBLEMS,
    SUMMARY_FIRST_ROW,
)
from systematise.schema.problems import Problem, Severity
from systematise.xlsx import cell_places, first_sheet
from tests.support.workbooks import write_md_workbook

LONG = "Descripción suficientemente larga del funcionamiento de la iniciativa. " * 3
FIXTURE = f"""
| title | description | status |
|---|---|---|
| Plan | {LONG} | in_progress |
"""
SHEET = "Iniciativas"
FAR = "XFD1048576"
FILE = "MEX-2025.xlsx"
#: Far more places than any annotated copy of this workbook has cells.
MANY = 100_000


def _sheet_xml(path: Path) -> dict[str, bytes]:
    """Each worksheet's XML in ``path``, by sheet title."""
    workbook = openpyxl.load_workbook(path)
    titles = workbook.sheetnames
    with zipfile.ZipFile(path) as archive:
        names = sorted(
            (n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)),
            key=lambda n: int(re.sub(r"\D", "", n)),
        )
        return {title: archive.read(name) for title, name in zip(titles, names, strict=True)}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Problem]]:
    """A copy made before the marks were named (its problem list is all that says which cells
    the checker marked), with a far cell on the initiatives sheet and on the problem sheet, and
    no dropdowns left on the initiatives sheet (so the annotation reads the key row)."""
    folder = tmp_path_factory.mktemp("far")
    source = write_md_workbook(folder / FILE, FIXTURE)
    (result,) = check_files([source], Settings())
    assert any(item.cell == "B3" for item in result.problems)
    workbook = openpyxl.load_workbook(source)
    sheet = workbook[SHEET]
    sheet.data_validations.dataValidation = []
    sheet[FAR] = "far"
    sheet["C3"].fill = PatternFill("solid", fgColor=ERROR_COLOUR)  # listed: the checker's
    sheet["D3"].fill = PatternFill("solid", fgColor=ERROR_COLOUR)  # not listed: the user's
    problems = workbook.create_sheet("Problemas", 0)
    for column, heading in enumerate(("Hoja", "Celda", "Campo", "Gravedad", "Mensaje"), 1):
        problems.cell(row=SUMMARY_FIRST_ROW - 1, column=column, value=heading)
    problems.cell(row=SUMMARY_FIRST_ROW, column=1, value=SHEET)
    problems.cell(row=SUMMARY_FIRST_ROW, column=2, value="C3")
    problems[FAR] = "far"
    workbook.save(source)
    return source, list(result.problems)


@pytest.mark.slow
def test_far_cells_cost_nothing_and_the_old_list_is_still_read(
    hostile: tuple[Path, list[Problem]], tmp_path: Path
) -> None:
    source, problems = hostile
    target = tmp_path / "MEX-2025-revisado.xlsx"
    tracemalloc.start()
    try:
        annotate_workbook(source, target, problems, "es", "es", SHEET)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    # A few MB; reading the problem sheet's two columns down to its far cell took 470.
    assert peak < 50 * 1024 * 1024
    assert target.stat().st_size < 2 * source.stat().st_size
    xml = _sheet_xml(target)
    assert xml[SHEET].count(b"<c ") < MANY and xml[SHEET].count(b"<row ") < MANY
    assert FAR.encode() in xml[SHEET]
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames[0] == "Problemas"
    assert "Problemas 2" not in workbook.sheetnames  # the earlier problem sheet was recognised
    sheet = workbook[SHEET]
    assert sheet.max_row == 1_048_576 and sheet.max_column == 16_384
    # The earlier list said C3 was the checker's: its colour goes; D3's is the focal point's.
    assert sheet["C3"].fill.patternType is None
    assert sheet["D3"].fill.fgColor.rgb.endswith(ERROR_COLOUR)
    assert sheet["B3"].fill.fgColor.rgb.endswith(ERROR_COLOUR) and sheet["B3"].comment
    # The dropdowns were put back from the key row.
    assert sheet.data_validations.dataValidation


@pytest.mark.slow
def test_the_problem_sheet_stops_at_its_limit(
    hostile: tuple[Path, list[Problem]], tmp_path: Path
) -> None:
    """More problems than a problem sheet lists: errors first, then one line for the rest, and
    the sheet ends within the rows the reader accepts, so the copy can be checked again."""
    source, _ = hostile
    notes = [
        Problem(
            code="understood_as", severity=Severity.INFO, file=FILE, sheet=SHEET, cell=f"E{row}"
        )
        for row in range(3, 3 + MAX_LISTED_PROBLEMS)
    ]
    error = Problem(code="required", severity=Severity.ERROR, file=FILE, sheet=SHEET, cell="B3")
    target = tmp_path / "many.xlsx"
    annotate_workbook(source, target, [*notes, error], "en", "es", SHEET)
    sheet = openpyxl.load_workbook(target, read_only=True)["Problems"]
    rows = list(sheet.iter_rows(min_row=SUMMARY_FIRST_ROW, max_col=2, values_only=True))
    assert rows[0] == (SHEET, "B3")
    assert rows[-1][0] == "And 1 more problem, listed in the report that came with this workbook."
    assert SUMMARY_FIRST_ROW + len(rows) - 1 <= Settings().limits.max_rows


def test_cell_places_are_the_cells_held_within_the_bounds(tmp_path: Path) -> None:
    """A value, a fill without a value, a comment on a cell the sheet's data lacks (as
    LibreOffice saves an empty cell with a comment) and a far cell: each found, and only within
    the bounds."""
    workbook = openpyxl.Workbook()
    sheet = first_sheet(workbook)
    sheet.title = "S"
    sheet["A1"] = 1
    sheet["C3"].fill = PatternFill("solid", fgColor=ERROR_COLOUR)
    sheet["E5"].comment = Comment("systematise:\nNota: x", "systematise")
    sheet[FAR] = "far"
    workbook.create_sheet("Other")["B2"] = "not asked for"
    path = tmp_path / "places.xlsx"
    workbook.save(path)
    _without_cell(path, "E5")
    assert cell_places(path, {"S": (1_048_576, 16_384)}) == {
        "S": [(1, 1), (3, 3), (5, 5), (1_048_576, 16_384)]
    }
    assert cell_places(path, {"S": (5_000, 200), "Other": (1, 1)}) == {
        "S": [(1, 1), (3, 3), (5, 5)],
        "Other": [],
    }
    assert cell_places(path, {"S": (4, 4)}) == {"S": [(1, 1), (3, 3)]}


def _without_cell(path: Path, coordinate: str) -> None:
    """Take ``coordinate``'s element out of the first sheet's data (its comment stays)."""
    name = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as archive:
        parts = {item: archive.read(item) for item in archive.namelist()}
    pattern = rb'<c r="' + coordinate.encode() + rb'"[^>]*?(/>|>.*?</c>)'
    parts[name], count = re.subn(pattern, b"", parts[name])
    assert count == 1
    with zipfile.ZipFile(path, "w") as archive:
        for item, data in parts.items():
            archive.writestr(item, data)
