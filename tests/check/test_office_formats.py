"""LibreOffice's own formats: an ``.ods`` or ``.xls`` saved from the template is checked like
the ``.xlsx``, and what is not a workbook at all is named, with how to save one.

The ``.ods`` and ``.xls`` are made by LibreOffice itself (headless ``--convert-to``) from one
sample with errors of many kinds, so the comparison is with what focal points really send.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from systematise.check import check_files
from systematise.config import LimitSettings, Settings
from systematise.feedback import write_feedback
from systematise.schema.problems import Severity
from systematise.schema.stages import CheckedWorkbook
from tests.support.workbooks import write_md_workbook

ERRORS = """
| title | initiative_type | start_date | end_date | status | beneficiaries | website |
|---|---|---|---|---|---|---|
| Registro Nacional de Migrantes | Programa raro | 31/02/2021 | | in_progress | muchos | |
| Mesa interinstitucional | policy_strategy | 2022 | 2021 | completed | 1200 | ftp://x |
| Observatorio regional de datos migratorios | information_system | 2019-05 | | planned | | |
| Plan | programme_project | 1900 | | in_progress | -5 | |
"""


def _libreoffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail("LibreOffice (soffice) is not installed: make test installs it")
    return found


def _convert(source: Path, target_format: str, folder: Path) -> Path:
    profile = (folder / "profile").as_uri()
    completed = subprocess.run(
        [
            _libreoffice(),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            target_format,
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        timeout=240,
        check=False,
    )
    converted = folder / f"{source.stem}.{target_format}"
    assert converted.is_file(), completed.stderr.decode(errors="replace")
    return converted


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same sample with errors as .xlsx, and as LibreOffice saves it in .ods and .xls."""
    folder = tmp_path_factory.mktemp("formats")
    xlsx = write_md_workbook(folder / "source" / "MEX-2025.xlsx", ERRORS)
    workbook = openpyxl.load_workbook(xlsx)
    sheet = workbook["Iniciativas"]
    keys = {cell.value: cell.column for cell in sheet[1] if cell.value}
    sheet.cell(5, keys["budget_amount"]).value = "=2*250000"  # a formula
    sheet.cell(4, keys["budget_currency"]).value = "Pesos"
    sheet.merge_cells(
        start_row=5, start_column=keys["status"], end_row=6, end_column=keys["status"]
    )
    workbook.save(xlsx)
    return {
        "xlsx": xlsx,
        "ods": _convert(xlsx, "ods", folder),
        "xls": _convert(xlsx, "xls", folder),
    }


def _flat(workbook: CheckedWorkbook) -> set[tuple[str | None, str | None, str | None, str]]:
    return {
        (item.sheet, item.cell, item.field, item.code)
        for item in workbook.problems
        if item.code != "annotated_as_xlsx"
    }


@pytest.mark.clients
def test_ods_and_xls_get_the_same_problems_at_the_same_cells(sample: dict[str, Path]) -> None:
    xlsx, ods, xls = check_files([sample["xlsx"], sample["ods"], sample["xls"]], Settings())
    expected = _flat(xlsx)
    codes = {code for *_, code in expected}
    # The sample really has errors of many kinds, a formula and merged cells among them.
    assert {"formula_in_cell", "merged_cells", "not_in_vocabulary", "end_before_start"} <= codes
    assert xlsx.errors >= 6
    assert _flat(ods) == expected
    assert _flat(xls) == expected
    assert [row.row for row in ods.rows] == [row.row for row in xlsx.rows]
    assert ods.template_lang == xls.template_lang == "es"
    for other in (ods, xls):
        assert [p.code for p in other.problems].count("annotated_as_xlsx") == 1
        assert other.errors == xlsx.errors


@pytest.mark.clients
def test_the_feedback_of_an_ods_is_an_annotated_xlsx_and_says_so(
    sample: dict[str, Path], tmp_path: Path
) -> None:
    (result,) = check_files([sample["ods"]], Settings())
    (files,) = write_feedback([(sample["ods"], result)], tmp_path, Settings())
    assert files.annotated is not None
    assert files.annotated.suffix == ".xlsx"
    annotated = openpyxl.load_workbook(files.annotated)
    # Carried into a fresh template: its sheets, and the cells marked where the problems are.
    assert {"Envío", "Iniciativas"} <= set(annotated.sheetnames)
    marked = {
        (item.sheet, item.cell)
        for item in result.problems
        if item.cell and item.severity == Severity.ERROR
    }
    for sheet, cell in marked:
        assert sheet is not None
        if type(annotated[sheet][cell]).__name__ != "MergedCell":
            assert annotated[sheet][cell].comment is not None, (sheet, cell)
    note = next(item for item in result.problems if item.code == "annotated_as_xlsx")
    assert ".ods" in note.message("es") and ".xlsx" in note.message("es")
    assert ".ods" in note.message("en") and ".xlsx" in note.message("en")
    html = files.report_html.read_text(encoding="utf-8")
    assert ".xlsx" in html
    # What was typed comes back as typed, in the cells it was typed in.
    source = openpyxl.load_workbook(sample["xlsx"])["Iniciativas"]
    copy = annotated["Iniciativas"]
    for row in range(3, 7):
        for column in range(1, 12):
            typed = source.cell(row, column).value
            if isinstance(typed, str) and not typed.startswith("="):
                assert copy.cell(row, column).value == typed


def test_ods_and_xls_pass_the_same_archive_checks_and_limits(tmp_path: Path) -> None:
    # A LibreOffice document with a cell far beyond the limits is refused before calamine
    # would allocate the whole rectangle; one with a DTD is refused before any XML parser.
    far = tmp_path / "far.ods"
    content = (
        '<?xml version="1.0"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        '<office:spreadsheet><table:table table:name="Iniciativas">'
        '<table:table-row table:number-rows-repeated="900000"><table:table-cell/></table:table-row>'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p>'
        "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(far, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    dtd = tmp_path / "dtd.ods"
    with zipfile.ZipFile(dtd, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')
    huge = tmp_path / "huge.xls"
    huge.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    settings = Settings(limits=LimitSettings(max_file_bytes=500))
    far_result, dtd_result = check_files([far, dtd], Settings())
    (huge_result,) = check_files([huge], settings)
    assert [p.code for p in far_result.problems] == ["file_rejected"]
    assert far_result.problems[0].params["reason_en"] == "a sheet declares an absurd size"
    assert [p.code for p in dtd_result.problems] == ["file_rejected"]
    assert [p.code for p in huge_result.problems] == ["file_rejected"]


def _csv_from_template(path: Path, lang: str) -> Path:
    from systematise.template import layout

    headers = [column.header(lang) for column in layout.initiative_columns()]  # type: ignore[arg-type]
    path.write_text(";".join(headers) + "\nPlan;x\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "data", "kind_en"),
    [
        ("envio.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        ("plantilla.docx", None, "a Word document"),
        ("carta.odt", None, "a LibreOffice text document (.odt)"),
        ("legacy.doc", None, "a Word document"),
    ],
)
def test_a_document_that_is_not_a_workbook_is_named_in_both_languages(
    tmp_path: Path, name: str, data: bytes | None, kind_en: str
) -> None:
    path = tmp_path / name
    if name.endswith(".docx"):
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", "<w:document/>")
    elif name.endswith(".odt"):
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", "<office:document-content/>")
    elif name.endswith(".doc"):
        header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
        path.write_bytes(header + "WordDocument".encode("utf-16-le"))
    else:
        path.write_bytes(data or b"")
    (result,) = check_files([path], Settings())
    (item,) = result.problems
    assert item.code == "wrong_format"
    assert item.params["kind_en"] == kind_en
    for lang, other in (("es", "en"), ("en", "es")):
        text = item.message(lang)  # type: ignore[arg-type]
        # Both languages: the submitter's cannot be known from a PDF or a Word document.
        assert ("Guardar como" in text) and ("Save As" in text), (lang, other)
        assert "LibreOffice" in text and "Excel" in text
    assert item.message("es").index("Guardar como") < item.message("es").index("Save As")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_csv_saved_from_the_template_is_answered_in_its_language(
    tmp_path: Path, lang: str
) -> None:
    path = _csv_from_template(tmp_path / "MEX.csv", lang)
    (result,) = check_files([path], Settings())
    (item,) = result.problems
    assert item.code == "wrong_format"
    assert result.template_lang == lang
    assert not item.both_languages
    text = item.message(lang)
    assert "CSV" in text
    assert ("Guardar como" in text) == (lang == "es")
    assert ("Save As" in text) == (lang == "en")


def test_a_csv_of_unknown_language_is_answered_in_both(tmp_path: Path) -> None:
    path = tmp_path / "datos.csv"
    path.write_text("a,b,c,d\n1,2,3,4\n", encoding="utf-8")
    (result,) = check_files([path], Settings())
    (item,) = result.problems
    assert item.code == "wrong_format" and item.both_languages
    assert "Guardar como" in item.message("en") and "Save As" in item.message("en")
