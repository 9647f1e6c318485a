"""Checking a returned annotated copy: the earlier marks go, the name does not stack.

Focal points fix the annotated copy and send it back. Checked again, the copy must look as if
the original had been checked: fixed cells with the fill they had before (the template's or the
focal point's own), the focal point's own comments kept, one problem sheet, the same name.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName

from systematise.check import check_files
from systematise.config import Settings
from systematise.feedback import write_feedback
from systematise.feedback.marks import (
    AUTHOR,
    ERROR_COLOUR,
    HEADER,
    MARK_PREFIX,
    PROBLEMS_NAME,
    WARNING_COLOUR,
)
from systematise.feedback.write import original_stem
from systematise.schema.lang import Lang
from systematise.xlsx import first_sheet
from tests.support.workbooks import VALID_HEADER, write_md_workbook

LONG = "Descripción suficientemente larga del funcionamiento de la iniciativa. " * 3

# Row 3: title too short (B3). Row 4: completed without end date (AD4), an e-mail in the
# description (AI4), no results (AK4). Row 5 has no problem.
FIXTURE = f"""
| title | description | status | end_date |
|---|---|---|---|
| Plan | {LONG} | in_progress | |
| Registro Nacional de Movilidad | {LONG} Escriba a ana@example.org | completed | |
| Iniciativa sin problemas | {LONG} | in_progress | |
"""
SHEET = "Iniciativas"
#: The focal point's own marks on their workbook before sending it.
OWN_FILL = "00B0F0"
OWN_COMMENT = ("Revisar con el ministerio", "Ana Ejemplo")


def _check(source: Path, out: Path, lang: Lang | None = None) -> tuple[Any, Path]:
    (result,) = check_files([source], Settings())
    (files,) = write_feedback([(source, result)], out, Settings(), lang=lang)
    assert files.annotated is not None
    return result, files.annotated


def _flat(result: Any) -> list[tuple[str | None, str | None, str]]:
    return [(item.sheet, item.cell, item.code) for item in result.problems]


@pytest.fixture
def submitted(tmp_path: Path) -> Path:
    """A workbook as a focal point sends it: a fill and a comment of their own on problem cells,
    and Excel's "Bad" style (the checker's very colour) on a cell without problems."""
    source = write_md_workbook(tmp_path / "MEX-2025.xlsx", FIXTURE)
    workbook = openpyxl.load_workbook(source)
    sheet = workbook[SHEET]
    sheet["AI4"].fill = PatternFill("solid", fgColor=OWN_FILL)
    sheet["B3"].comment = Comment(*OWN_COMMENT)
    sheet["B5"].fill = PatternFill("solid", fgColor=ERROR_COLOUR)
    workbook.save(source)
    return source


def _fix_all_but_end_date(annotated: Path, returned: Path) -> Path:
    """What the focal point does: fix the title and the description, leave the rest."""
    workbook = openpyxl.load_workbook(annotated)
    sheet = workbook[SHEET]
    sheet["B3"] = "Plan Nacional de Movilidad Humana"
    sheet["AI4"] = LONG
    returned.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(returned)
    return returned


def _cell_state(sheet: Any, coordinate: str) -> tuple[Any, ...]:
    cell = sheet[coordinate]
    comment = cell.comment
    return (
        cell.fill.patternType,
        cell.fill.fgColor.rgb,
        None if comment is None else (comment.text, comment.author),
    )


def _our_names(workbook: Any) -> dict[str, str]:
    return {
        name: str(workbook.defined_names[name].attr_text)
        for name in workbook.defined_names
        if name.startswith((MARK_PREFIX, PROBLEMS_NAME))
    }


@pytest.mark.slow
def test_a_returned_copy_is_annotated_afresh(submitted: Path, tmp_path: Path) -> None:
    original = openpyxl.load_workbook(submitted)
    first, annotated = _check(submitted, tmp_path / "first")
    assert annotated.name == "MEX-2025-revisado.xlsx"
    assert [cell for _, cell, _ in _flat(first)] == ["B3", "AD4", "AI4", "AK4"]

    returned = _fix_all_but_end_date(annotated, tmp_path / "returned" / annotated.name)
    second, again = _check(returned, tmp_path / "second")

    assert again.name == "MEX-2025-revisado.xlsx"
    workbook = openpyxl.load_workbook(again)
    assert workbook.sheetnames == ["Problemas", *original.sheetnames]
    sheet, before = workbook[SHEET], original[SHEET]
    # Fixed cells are as the focal point had them: their fill, their comment, nothing of ours.
    assert _cell_state(sheet, "B3") == _cell_state(before, "B3")
    assert sheet["B3"].comment.text == OWN_COMMENT[0]
    assert _cell_state(sheet, "AI4") == _cell_state(before, "AI4")
    assert sheet["AI4"].fill.fgColor.rgb.endswith(OWN_FILL)
    # A cell in the checker's colour that the checker never marked keeps it.
    assert _cell_state(sheet, "B5") == _cell_state(before, "B5")
    # What is still wrong is marked once, not twice.
    for coordinate, colour in (("AD4", ERROR_COLOUR), ("AK4", WARNING_COLOUR)):
        assert sheet[coordinate].fill.fgColor.rgb.endswith(colour)
        text = sheet[coordinate].comment.text
        assert text.startswith(HEADER) and text.count(HEADER) == 1
        assert text.count("Error:") + text.count("Advertencia:") == 1
    summary = workbook["Problemas"]
    listed = {summary.cell(row, 2).value for row in range(5, summary.max_row + 1)}
    assert listed == {cell for _, cell, _ in _flat(second)} == {"AD4", "AK4"}
    names = _our_names(workbook)
    assert names[PROBLEMS_NAME] == "'Problemas'!$A$1"
    assert sorted(v for k, v in names.items() if k != PROBLEMS_NAME) == [
        "'Iniciativas'!$AD$4,'Iniciativas'!$AK$4"
    ]


@pytest.mark.slow
def test_a_fully_fixed_copy_comes_back_as_it_was_sent(submitted: Path, tmp_path: Path) -> None:
    _, annotated = _check(submitted, tmp_path / "first")
    workbook = openpyxl.load_workbook(annotated)
    sheet = workbook[SHEET]
    sheet["B3"] = "Plan Nacional de Movilidad Humana"
    sheet["AI4"] = LONG
    sheet["AD4"] = "12/2023"
    sheet["AK4"] = "Se registraron 12.000 personas y se publicaron cuadros mensuales."
    workbook.save(annotated)
    result, again = _check(annotated, tmp_path / "second")
    assert result.problems == ()
    fixed, original = openpyxl.load_workbook(again), openpyxl.load_workbook(submitted)
    assert fixed.sheetnames == ["Problemas", *original.sheetnames]
    for row in range(1, 6):
        for column in range(1, 53):
            coordinate = fixed[SHEET].cell(row, column).coordinate
            assert _cell_state(fixed[SHEET], coordinate) == _cell_state(
                original[SHEET], coordinate
            ), coordinate
    assert list(_our_names(fixed)) == [PROBLEMS_NAME]


@pytest.mark.slow
def test_the_other_language_replaces_the_problem_sheet(submitted: Path, tmp_path: Path) -> None:
    _, annotated = _check(submitted, tmp_path / "es")
    _, english = _check(annotated, tmp_path / "en", lang="en")
    assert english.name == "MEX-2025-checked.xlsx"
    workbook = openpyxl.load_workbook(english)
    assert workbook.sheetnames[0] == "Problems" and "Problemas" not in workbook.sheetnames
    comment = workbook[SHEET]["AD4"].comment.text
    assert "Warning:" not in comment and "Error:" in comment and "Fecha" not in comment
    _, spanish = _check(english, tmp_path / "es-again", lang="es")
    assert spanish.name == "MEX-2025-revisado.xlsx"
    assert openpyxl.load_workbook(spanish).sheetnames[0] == "Problemas"


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("MEX-2025", "MEX-2025"),
        ("MEX-2025-revisado", "MEX-2025"),
        ("MEX-2025-checked", "MEX-2025"),
        ("MEX-2025-revisado-revisado", "MEX-2025"),
        ("MEX-2025-checked-revisado", "MEX-2025"),
        ("MEX-2025-REVISADO", "MEX-2025"),
        ("MEX-2025-revisado (1)", "MEX-2025"),
        ("MEX-2025-revisado(2)", "MEX-2025"),
        ("MEX-2025-revisado-v2", "MEX-2025"),
        ("MEX-2025_revisado_v3", "MEX-2025"),
        ("MEX-2025-revisado - copia", "MEX-2025"),
        ("MEX-2025-checked copy 2", "MEX-2025"),
        ("MEX-2025 revisado corregido", "MEX-2025"),
        ("MEX-2025-revisado-final", "MEX-2025"),
        ("MEX-2025 (1)", "MEX-2025 (1)"),  # not a copy of ours: kept whole
        ("Plan revisado por la comisión", "Plan revisado por la comisión"),
        ("revisado", "revisado"),
    ],
)
def test_the_name_never_stacks_suffixes(stem: str, expected: str) -> None:
    assert original_stem(stem) == expected


@pytest.mark.slow
def test_renamed_copies_keep_the_plain_name(submitted: Path, tmp_path: Path) -> None:
    _, annotated = _check(submitted, tmp_path / "first")
    for name in ("MEX-2025-revisado (1).xlsx", "MEX-2025-revisado-v2.xlsx"):
        renamed = shutil.copy(annotated, tmp_path / name)
        _, again = _check(Path(renamed), tmp_path / "out" / name.removesuffix(".xlsx"))
        assert again.name == "MEX-2025-revisado.xlsx"


def _as_made_before_the_names(annotated: Path) -> None:
    """The copy as the checker wrote it before it named its marks: no defined names, comments
    without a heading, and a focal point's earlier comment merged into the checker's."""
    workbook = openpyxl.load_workbook(annotated)
    for name in _our_names(workbook):
        del workbook.defined_names[name]
    for cell in (c for row in workbook[SHEET].iter_rows() for c in row):
        comment = cell.comment
        if comment is None:
            continue
        text = comment.text
        if text.startswith(HEADER):
            text = text.removeprefix(HEADER + "\n")
        elif "———" in text:
            earlier, _, messages = text.partition("\n\n——— systematise ———\n")
            text = f"{earlier}\n\n{messages}"
        cell.comment = Comment(text, AUTHOR)
    workbook.save(annotated)


@pytest.mark.slow
def test_a_copy_made_before_the_marks_were_named_is_cleaned(
    submitted: Path, tmp_path: Path
) -> None:
    original = openpyxl.load_workbook(submitted)
    _, annotated = _check(submitted, tmp_path / "first")
    _as_made_before_the_names(annotated)
    returned = _fix_all_but_end_date(annotated, tmp_path / "MEX-2025-revisado.xlsx")
    _, again = _check(returned, tmp_path / "second")
    workbook = openpyxl.load_workbook(again)
    assert workbook.sheetnames == ["Problemas", *original.sheetnames]
    sheet = workbook[SHEET]
    assert sheet["B3"].comment.text == OWN_COMMENT[0]
    assert sheet["B3"].fill.patternType is None
    assert _cell_state(sheet, "B5") == _cell_state(original[SHEET], "B5")
    # Without a record of earlier fills, a fixed cell loses the checker's colour: the
    # template gives its data cells none (the focal point's own fill cannot be known).
    assert sheet["AI4"].fill.patternType is None
    assert sheet["AI4"].comment is None


@pytest.mark.slow
def test_cells_that_moved_or_went_are_followed(submitted: Path, tmp_path: Path) -> None:
    """Office suites move a name's cells with inserted rows and write #REF! for deleted ones."""
    _, annotated = _check(submitted, tmp_path / "first")
    workbook = openpyxl.load_workbook(annotated)
    sheet = workbook[SHEET]
    # Row 3 deleted and the data moved up by one, as a spreadsheet program does it.
    sheet.delete_rows(3)
    for name, formula in _our_names(workbook).items():
        if name.startswith(MARK_PREFIX):
            moved = re.sub(r"\$([A-Z]+)\$3\b", "#REF!", formula)
            moved = re.sub(r"\$([A-Z]+)\$4\b", r"$\1$3", moved)
            workbook.defined_names[name] = DefinedName(name, attr_text=moved)
    sheet["AI3"] = LONG
    workbook.save(annotated)
    result, again = _check(annotated, tmp_path / "second")
    assert {cell for _, cell, _ in _flat(result)} == {"AD3", "AK3"}
    fixed = openpyxl.load_workbook(again)[SHEET]
    assert fixed["AI3"].fill.fgColor.rgb.endswith(OWN_FILL) and fixed["AI3"].comment is None


@pytest.mark.parametrize(
    "formula",
    [
        "'Iniciativas'!$A$1:$XFD$1048576",
        ",".join(f"'Iniciativas'!$A${row}" for row in range(1, 3000)),
        "'No such sheet'!$B$3",
        "#REF!",
        "=SUM(1,2)",
        "'unbalanced!$A$1",
    ],
)
@pytest.mark.slow
def test_hostile_names_in_a_returned_copy_do_no_harm(
    submitted: Path, tmp_path: Path, formula: str
) -> None:
    _, annotated = _check(submitted, tmp_path / "first")
    workbook = openpyxl.load_workbook(annotated)
    for name in ("_systematise_mark_NOT*BASE32_1", "_systematise_mark_ZZZZZZZZ_1"):
        workbook.defined_names[name] = DefinedName(name, attr_text=formula)
    workbook.save(annotated)
    result, again = _check(annotated, tmp_path / "second")
    assert _flat(result) and again.is_file()
    assert openpyxl.load_workbook(again).sheetnames[0] == "Problemas"


@pytest.mark.slow
def test_the_reader_is_not_confused_by_a_returned_copy(submitted: Path, tmp_path: Path) -> None:
    """The problem sheet, the names and the comments are not read as data."""
    first, annotated = _check(submitted, tmp_path / "first")
    again, _ = _check(annotated, tmp_path / "second")
    assert _flat(again) == _flat(first)
    assert again.header == first.header
    assert [(r.row, r.initiative, r.title) for r in again.rows] == [
        (r.row, r.initiative, r.title) for r in first.rows
    ]
    # Moved to the end, renamed or in English, the problem sheet is still not data.
    workbook = openpyxl.load_workbook(annotated)
    workbook.move_sheet("Problemas", offset=len(workbook.sheetnames) - 1)
    workbook["Problemas"].title = "Problems"
    workbook.save(annotated)
    moved, _ = _check(annotated, tmp_path / "third")
    assert _flat(moved) == _flat(first)


@pytest.mark.slow
def test_a_returned_copy_read_by_its_labels_reads_the_same(tmp_path: Path) -> None:
    """Without the hidden keys the reader goes by labels; the problem sheet, which lists field
    labels with text beside them, must still not be taken for the form or the initiatives."""
    header = {
        **VALID_HEADER,
        "submission_date": "2099-01-01",
        "submitting_institution": "",
        "focal_point_email": "not-an-address",
    }
    source = openpyxl.load_workbook(write_md_workbook(tmp_path / "t.xlsx", FIXTURE, header=header))
    pasted = openpyxl.Workbook()
    rows = first_sheet(pasted)
    rows.title = "Hoja1"
    for line in source[SHEET].iter_rows(min_row=2):
        for cell in line:
            if cell.value is not None:
                rows.cell(cell.row - 1, cell.column, cell.value)
    form = pasted.create_sheet("Datos del envío")
    for row in range(1, source["Envío"].max_row + 1):
        form.cell(row, 1, source["Envío"].cell(row, 2).value)
        form.cell(row, 2, source["Envío"].cell(row, 3).value)
    pasted.save(tmp_path / "pegado.xlsx")
    first, annotated = _check(tmp_path / "pegado.xlsx", tmp_path / "first")
    codes = {code for _, _, code in _flat(first)}
    assert {"required", "email_invalid", "date_in_future", "too_short"} <= codes
    again, _ = _check(annotated, tmp_path / "second")
    assert _flat(again) == _flat(first)
    assert again.header == first.header


@pytest.mark.clients
def test_a_copy_saved_by_libreoffice_is_annotated_afresh(submitted: Path, tmp_path: Path) -> None:
    """LibreOffice keeps the names and the comments' text, but not the comments' author."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is not installed")
    original = openpyxl.load_workbook(submitted)
    _, annotated = _check(submitted, tmp_path / "first")
    completed = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "saved"),
            str(annotated),
        ],
        capture_output=True,
        timeout=180,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert completed.returncode == 0, completed.stderr
    saved = tmp_path / "saved" / annotated.name
    assert openpyxl.load_workbook(saved)[SHEET]["AD4"].comment.author != AUTHOR
    returned = _fix_all_but_end_date(saved, saved)
    _, again = _check(returned, tmp_path / "second")
    workbook = openpyxl.load_workbook(again)
    assert workbook.sheetnames == ["Problemas", *original.sheetnames]
    sheet = workbook[SHEET]
    assert sheet["B3"].comment.text == OWN_COMMENT[0]
    assert sheet["B3"].fill.patternType is None
    assert sheet["AI4"].fill.fgColor.rgb.endswith(OWN_FILL)
    assert sheet["AI4"].comment is None
    assert sheet["AD4"].comment.text.count(HEADER) == 1
