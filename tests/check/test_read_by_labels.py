"""A workbook that lost the template's hidden keys is read by its labels; a batch never stops.

Focal points paste their rows into a fresh workbook, put title rows above the headers, or
reorder and translate columns. The reader then recognises the columns by their header labels
(either language, any order) and the form by its field labels, and says so in a warning; a
workbook whose headers match neither gets one clear problem naming what is missing.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from systematise.check import check_files
from systematise.cli import app
from systematise.config import Settings
from systematise.schema.problems import Severity
from systematise.schema.stages import CheckedWorkbook
from systematise.template import layout
from systematise.xlsx import first_sheet

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "ARG-2025.xlsx"


def _initiatives(result: CheckedWorkbook) -> list[dict[str, object]]:
    return [row.initiative.model_dump() for row in result.rows if row.initiative is not None]


@pytest.fixture(scope="module")
def original() -> CheckedWorkbook:
    (result,) = check_files([SAMPLE], Settings())
    assert result.errors == 0 and len(result.rows) >= 3
    return result


def _without_key_row(target: Path, title_rows: int = 2) -> Path:
    workbook = openpyxl.load_workbook(SAMPLE)
    sheet = workbook["Iniciativas"]
    sheet.delete_rows(layout.KEY_ROW)
    sheet.insert_rows(1, title_rows)
    sheet["A1"] = "Iniciativas de la República Argentina"
    sheet["A2"] = "Ciclo 2025"
    workbook.save(target)
    return target


def _pasted_into_fresh_workbook(target: Path, lang: str, reverse: bool) -> Path:
    """Rows and form pasted (values only) into a new workbook, headers in ``lang``."""
    source = openpyxl.load_workbook(SAMPLE)
    initiatives = source["Iniciativas"]
    keys = [cell.value for cell in initiatives[layout.KEY_ROW]]
    by_key = {column.key: column for column in layout.initiative_columns()}
    fresh = openpyxl.Workbook()
    data = first_sheet(fresh)
    data.title = "Hoja1" if lang == "es" else "Sheet1"
    order = list(range(len(keys)))
    if reverse:
        order.reverse()
    data.cell(1, 1, "Cuadro de iniciativas")
    for out_column, column in enumerate(order, start=1):
        key = str(keys[column])
        header = by_key[key].header(lang) if key in by_key else None  # type: ignore[arg-type]
        data.cell(3, out_column, header)
        for row in range(layout.FIRST_DATA_ROW, initiatives.max_row + 1):
            value = initiatives.cell(row, column + 1).value
            if value is not None:
                data.cell(row - layout.FIRST_DATA_ROW + 4, out_column, value)
    form = fresh.create_sheet("Datos del envío")
    labels = {column.key: column.header(lang) for column in layout.submission_rows()}  # type: ignore[arg-type]
    submission = source["Envío"]
    for row in range(1, submission.max_row + 1):
        form_key = submission.cell(row, layout.FORM_KEY_COLUMN).value
        if isinstance(form_key, str) and form_key in labels:
            form.cell(row, 1, labels[form_key])
            form.cell(row, 2, submission.cell(row, layout.FORM_VALUE_COLUMN).value)
    fresh.save(target)
    return target


@pytest.mark.slow
def test_rows_under_title_rows_without_the_key_row_are_read_by_their_headers(
    tmp_path: Path, original: CheckedWorkbook
) -> None:
    (result,) = check_files([_without_key_row(tmp_path / "ARG.xlsx")], Settings())
    codes = [item.code for item in result.problems]
    assert "read_by_labels" in codes
    warning = next(item for item in result.problems if item.code == "read_by_labels")
    assert warning.severity == Severity.WARNING
    assert warning.sheet == "Iniciativas" and warning.row == 3
    assert "Iniciativas" in warning.message("es") and "3" in warning.message("en")
    assert result.errors == 0, [item.message("en") for item in result.problems]
    assert _initiatives(result) == _initiatives(original)


@pytest.mark.parametrize(("lang", "reverse"), [("en", True), ("es", False), ("es", True)])
def test_rows_pasted_into_a_fresh_workbook_are_read_in_any_order_and_language(
    tmp_path: Path, original: CheckedWorkbook, lang: str, reverse: bool
) -> None:
    path = _pasted_into_fresh_workbook(tmp_path / "ARG.xlsx", lang, reverse)
    (result,) = check_files([path], Settings())
    codes = {item.code for item in result.problems}
    assert {"read_by_labels", "form_read_by_labels"} <= codes
    assert result.errors == 0, [item.message("en") for item in result.problems]
    assert result.template_lang == lang  # the feedback speaks the headers' language
    assert result.header is not None and result.header.country == "ARG"
    assert _initiatives(result) == _initiatives(original)


def test_headers_that_match_no_template_get_one_clear_problem(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = first_sheet(workbook)
    for column, header in enumerate(("Nombre del proyecto", "Año", "Monto", "Notas"), start=1):
        sheet.cell(1, column, header)
        sheet.cell(2, column, f"valor {column}")
    path = tmp_path / "propio.xlsx"
    workbook.save(path)
    (result,) = check_files([path], Settings())
    (item,) = result.problems
    assert item.code == "columns_not_recognised"
    assert item.severity == Severity.ERROR
    assert not item.missing_placeholders()
    # Names what is missing: the key row, and headers such as the template's own.
    assert "«Título de la iniciativa *»" in item.message("es")
    assert "'Title of the initiative *'" in item.message("en")
    assert "sheet 'Initiatives'" in item.message("en")  # each language names its own sheet


@pytest.mark.slow
def test_one_bad_file_never_stops_the_batch(tmp_path: Path) -> None:
    """Before, a workbook without the key row stopped the console with KeyError: 'sheet',
    and no feedback was written for any file of the batch."""
    folder = tmp_path / "returned"
    folder.mkdir()
    (folder / "ARG-2025.xlsx").write_bytes(SAMPLE.read_bytes())
    broken = openpyxl.Workbook()
    first_sheet(broken)["A1"] = "Lista de iniciativas"
    first_sheet(broken)["A2"] = "Plan nacional"
    broken.save(folder / "BRA-2025.xlsx")
    _pasted_into_fresh_workbook(folder / "CHL-2025.xlsx", "en", reverse=True)
    (folder / "COL-2025.pdf").write_bytes(b"%PDF-1.7\n")
    out = tmp_path / "feedback"
    result = CliRunner().invoke(
        app, ["check", str(folder), str(folder / "COL-2025.pdf"), "-o", str(out)]
    )
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 1, result.output
    for name in ("ARG-2025", "BRA-2025", "CHL-2025", "COL-2025"):
        assert (out / name / "report.json").is_file(), name
        assert (out / name / "report.html").is_file(), name
    assert "BRA-2025.xlsx" in result.output and "COL-2025.pdf" in result.output


@pytest.mark.slow
def test_problems_of_real_files_fill_their_messages(tmp_path: Path) -> None:
    """Every problem raised on the sample cycle and on broken files renders whole."""
    samples = sorted(SAMPLE.parent.glob("*.xlsx"))
    made = [
        _without_key_row(tmp_path / "a.xlsx"),
        _pasted_into_fresh_workbook(tmp_path / "b.xlsx", "en", reverse=True),
    ]
    empty = openpyxl.Workbook()
    empty.save(tmp_path / "c.xlsx")
    (tmp_path / "d.csv").write_text("título;país\nPlan;MEX\n", encoding="utf-8")
    (tmp_path / "e.xlsx").write_bytes(b"PK\x03\x04 broken")
    paths = [*samples, *made, tmp_path / "c.xlsx", tmp_path / "d.csv", tmp_path / "e.xlsx"]
    seen: set[str] = set()
    for result in check_files(paths, Settings()):
        for item in result.problems:
            seen.add(item.code)
            assert not item.missing_placeholders(), (result.file, item.code)
            for lang in ("es", "en"):
                assert "…" not in item.message(lang)
    assert {"read_by_labels", "columns_not_recognised", "wrong_format"} <= seen
