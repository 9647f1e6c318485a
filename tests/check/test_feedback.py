"""Feedback files: the annotated workbook, report.json, report.html, safe folder names."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from systematise.check import check_files
from systematise.config import Settings
from systematise.feedback import write_feedback
from systematise.feedback.annotate import ERROR_COLOUR, WARNING_COLOUR
from systematise.feedback.names import safe_name, safe_names
from tests.support.workbooks import write_md_workbook

LONG = "Descripción suficientemente larga del funcionamiento de la iniciativa. " * 3

FIXTURE = f"""
| title | start_date | description | end_date | status |
|---|---|---|---|---|
| Plan | 2021 | {LONG} | | in_progress |
| <script>alert(1)</script> Registro | 2021 | {LONG} Escriba a ana@example.org | | completed |
| Iniciativa sin problemas | 2021 | {LONG} | | in_progress |
"""


@pytest.fixture
def feedback(tmp_path: Path) -> tuple[Path, Path]:
    source = write_md_workbook(tmp_path / "México envío.xlsx", FIXTURE, lang="es")
    results = check_files([source], Settings())
    (files,) = write_feedback([(source, results[0])], tmp_path / "out", Settings())
    assert files.annotated is not None
    return source, files.annotated


@pytest.mark.slow
def test_annotated_workbook_marks_cells_and_lists_problems(feedback: tuple[Path, Path]) -> None:
    source, annotated = feedback
    assert annotated.parent.name == "Mexico_envio"
    assert annotated.name == "México envío-revisado.xlsx"
    original = openpyxl.load_workbook(source)
    workbook = openpyxl.load_workbook(annotated)
    assert workbook.sheetnames[0] == "Problemas"
    assert workbook.sheetnames[1:] == original.sheetnames
    sheet = workbook["Iniciativas"]
    assert sheet["B3"].fill.fgColor.rgb.endswith(ERROR_COLOUR)
    assert "demasiado corto" in sheet["B3"].comment.text
    assert sheet["AI4"].fill.fgColor.rgb.endswith(WARNING_COLOUR)
    assert sheet["AD4"].fill.fgColor.rgb.endswith(ERROR_COLOUR)
    # Values, formats and dropdowns are untouched.
    for row in range(1, 6):
        for column in range(1, 53):
            assert sheet.cell(row, column).value == original["Iniciativas"].cell(row, column).value
    assert len(sheet.data_validations.dataValidation) == len(
        original["Iniciativas"].data_validations.dataValidation
    )
    assert sheet["B5"].comment is None
    summary = workbook["Problemas"]
    links = [summary.cell(row, 2).hyperlink for row in range(5, summary.max_row + 1)]
    assert [link.location for link in links if link] == [
        "'Iniciativas'!B3",
        "'Iniciativas'!AD4",
        "'Iniciativas'!AI4",
        "'Iniciativas'!AK4",
    ]


@pytest.mark.slow
def test_reports_json_and_html(tmp_path: Path, feedback: tuple[Path, Path]) -> None:
    folder = feedback[1].parent
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert report["counts"] == {
        "errors": 2,
        "warnings": 2,
        "notes": 0,
        "initiatives": 3,
        "valid_initiatives": 1,
    }
    assert [p["code"] for p in report["problems"]] == [
        "too_short",
        "end_date_required",
        "personal_data_in_text",
        "results_missing",
    ]
    assert "ana@example.org" not in (folder / "report.json").read_text(encoding="utf-8")
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in html
    assert "Qué corregir en su libro" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "ana@example.org" not in html


def test_lang_override_writes_english(tmp_path: Path) -> None:
    source = write_md_workbook(tmp_path / "a.xlsx", FIXTURE, lang="es")
    results = check_files([source], Settings())
    (files,) = write_feedback([(source, results[0])], tmp_path / "out", Settings(), lang="en")
    html = files.report_html.read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "What to fix in your workbook" in html
    assert files.annotated is not None and files.annotated.name == "a-checked.xlsx"


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd.xlsx", "passwd"),
        ("MEX 2025 (v2).xlsx", "MEX_2025_v2"),
        ("..xlsx", "xlsx"),
        ("...", "workbook"),
        ("CON.xlsx", "workbook_CON"),
        ("<img src=x>.xlsm", "img_src_x"),
        ("Perú—envío final.xlsx", "Peru_envio_final"),
    ],
)
def test_safe_names(name: str, safe: str) -> None:
    assert safe_name(name) == safe


def test_safe_names_are_unique() -> None:
    assert safe_names(["a.xlsx", "a.xlsm", "A.xlsx"]) == ["a", "a-2", "A-3"]


@pytest.mark.clients
def test_annotated_workbook_opens_in_libreoffice(
    tmp_path: Path, feedback: tuple[Path, Path]
) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is not installed")
    profile = tmp_path / "profile"
    completed = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(feedback[1]),
        ],
        capture_output=True,
        timeout=180,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert completed.returncode == 0, completed.stderr
    pdfs = list((tmp_path / "pdf").glob("*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].stat().st_size > 1000


@pytest.mark.slow
def test_dropdowns_dropped_by_openpyxl_are_put_back(tmp_path: Path) -> None:
    source = write_md_workbook(tmp_path / "a.xlsx", FIXTURE, lang="es")
    expected = len(openpyxl.load_workbook(source)["Iniciativas"].data_validations.dataValidation)
    stripped = openpyxl.load_workbook(source)
    stripped["Iniciativas"].data_validations.dataValidation = []
    stripped.save(source)
    results = check_files([source], Settings())
    (files,) = write_feedback([(source, results[0])], tmp_path / "out", Settings())
    assert files.annotated is not None
    annotated = openpyxl.load_workbook(files.annotated)["Iniciativas"]
    assert len(annotated.data_validations.dataValidation) == expected
