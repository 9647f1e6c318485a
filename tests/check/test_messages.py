"""Messages a focal point can act on: values quoted, readings shown back, counts in plain words.

A value that was not understood is quoted (the failing part of a multi-value cell, shortened,
never a personal field's); every normalisation that changed what was typed is a note
(``understood_as``, severity ``info``) that leaves the counts of errors and warnings alone.
"""

# Markdown-table fixtures are read as tables, one initiative per line: long lines are the point.
# ruff: noqa: E501

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from rich.console import Console
from typer.testing import CliRunner

from systematise.check import check_files
from systematise.cli import app
from systematise.config import Settings
from systematise.feedback import write_feedback
from systematise.feedback.console import print_results
from systematise.normalise.issue import SHOWN_MAX, Issue, shown
from systematise.schema.lang import Lang
from systematise.schema.models import Initiative, SubmissionHeader
from systematise.schema.problems import Severity
from systematise.schema.stages import CheckedWorkbook
from systematise.template import layout
from systematise.validate.record import _safe, specs_of
from tests.check.conftest import flat
from tests.support.workbooks import VALID_HEADER, workbook_from_md, write_md_workbook

Check = Callable[..., CheckedWorkbook]


def _messages(checked: CheckedWorkbook, lang: Lang = "es") -> dict[tuple[str | None, str], str]:
    """Each problem's message by (cell, code)."""
    return {(item.cell, item.code): item.message(lang) for item in checked.problems}


def test_values_not_understood_are_quoted_with_the_failing_part(check_workbook: Check) -> None:
    workbook = workbook_from_md(
        """
| title | initiative_type | thematic_areas.1 | start_date | budget_amount | budget_currency | beneficiaries | website | sdg_targets |
|---|---|---|---|---|---|---|---|---|
| Ley Marco de Movilidad Humana | Ley marco | Salud; Deportes<br>• Educación | pronto | aprox. 500 | dólares canadienses | 12,5 | ftp://tramites.example.org | 10.7; ODS 19.1 |
| Registro Consular Digital | information_system | health | 15/03/21 | -5 | | | | |
""",
        lang="es",
    )
    checked = check_workbook(workbook)
    messages = _messages(checked)
    assert "«Ley marco» no está en la lista" in messages[("E3", "not_in_vocabulary")]
    # The multi-value cell: only the part that failed is named; the others were read.
    part = messages[("F3", "not_in_vocabulary")]
    assert "«Deportes»" in part and "Salud" not in part.split("lista")[0]
    assert checked.rows[0].initiative is None
    assert "«pronto» no es una fecha válida" in messages[("AC3", "date_invalid")]
    assert "«aprox. 500» no es un número" in messages[("AU3", "number_invalid")]
    assert "«dólares canadienses»" in messages[("AV3", "currency_invalid")]  # as typed
    assert "«12,5» no es un número entero" in messages[("AT3", "not_integer")]
    assert "«ftp://tramites.example.org»" in messages[("AX3", "url_invalid")]
    assert "«19.1» no es una meta" in messages[("Z3", "sdg_target_invalid")]
    assert "«15/03/21» es ambigua" in messages[("AC4", "date_ambiguous")]
    assert "«-5» es negativo" in messages[("AU4", "number_negative")]
    english = _messages(checked, "en")
    assert "'Ley marco' is not in the list" in english[("E3", "not_in_vocabulary")]


@pytest.mark.slow
def test_each_failing_part_of_a_cell_gets_its_own_message(check_workbook: Check) -> None:
    workbook = workbook_from_md(
        "| title | target_populations.1 |\n|---|---|\n| Censo de Población Migrante | Personas migrantes en general; Turistas; Estudiantes |",
        lang="es",
    )
    checked = check_workbook(workbook)
    quoted = [item.params["value"] for item in checked.problems if item.code == "not_in_vocabulary"]
    assert quoted == ["Turistas", "Estudiantes"]


def test_long_quotations_are_shortened() -> None:
    long = "Programa nacional " + "muy largo " * 30
    quoted = shown(long)
    assert len(quoted) <= SHOWN_MAX and quoted.endswith("…")
    assert long.startswith(quoted[:-1])
    assert shown("línea uno\nlínea\u200b dos") == "línea uno línea dos"
    assert shown(dt.date(2025, 3, 5)) == "05/03/2025"
    assert shown(44256.0) == "44256"


@pytest.mark.slow
def test_a_personal_field_is_never_quoted_and_personal_data_is_masked(
    check_workbook: Check,
) -> None:
    spec = specs_of(SubmissionHeader)["focal_point_name"]
    assert _safe(spec, Issue("not_in_vocabulary", {"value": "Ana Pérez"})) == Issue("invalid_value")
    note = Issue("understood_as", {"value": "Ana", "understood_es": "A", "understood_en": "A"})
    assert _safe(spec, note) is None  # a note about a personal value is dropped, not an error
    address = "https://example.org/?to=ana.perez@correo.example.com"
    shown_back = _safe(
        specs_of(Initiative)["website"],
        Issue(
            "understood_as", {"value": address, "understood_es": address, "understood_en": address}
        ),
    )
    assert shown_back is not None and "ana.perez" not in str(shown_back.params)
    workbook = workbook_from_md(
        "| title | website | initiative_type |\n|---|---|---|\n| Portal de Trámites | escriba a ana.perez@correo.example.com | llamar al +52 55 1234 5678 |",
        lang="es",
    )
    checked = check_workbook(workbook)
    text = json.dumps([item.params for item in checked.problems], ensure_ascii=False)
    text += " ".join(item.message(lang) for item in checked.problems for lang in ("es", "en"))
    assert "ana.perez@correo.example.com" not in text and "1234 5678" not in text
    assert {item.code for item in checked.problems} >= {"url_invalid", "not_in_vocabulary"}


@pytest.mark.slow
def test_readings_that_change_what_was_typed_are_shown_back(check_workbook: Check) -> None:
    workbook = workbook_from_md(
        """
| title | initiative_type | status | start_date | end_date | budget_amount | budget_currency | beneficiaries | website |
|---|---|---|---|---|---|---|---|---|
| Sistema de Alertas Tempranas | Programa/proyecto | en curso | 05/03/2021 | | $800.000.000 | dólares | 1,250 | www.gob.mx/alertas |
| Registro Consular Digital | information_system | in_progress | 15/03/2021 | | US$ 30,000 | | 1250 | https://www.gob.mx/registro |
| Encuesta de Flujos Fronterizos | information_system | completed | 44256 | 2022 | 250000 | USD | | |
""",
        lang="es",
    )
    checked = check_workbook(workbook)
    assert checked.errors == 0 and checked.warnings == 1  # results_missing, row 5
    notes = {
        (item.cell, item.code): item for item in checked.problems if item.severity == Severity.INFO
    }
    understood = {cell: item.params for (cell, _), item in notes.items()}
    assert understood["E3"]["understood_es"] == "Programa o proyecto"
    assert understood["AB3"]["understood_en"] == "In progress"
    assert understood["AC3"] == {
        "value": "05/03/2021",
        "understood_es": "5 de marzo de 2021",
        "understood_en": "5 March 2021",
        "understood_pt": "5 de março de 2021",
        "understood_fr": "5 mars 2021",
    }
    assert understood["AU3"]["understood_es"] == "800\u00a0000\u00a0000"
    assert understood["AV3"]["understood_es"] == "USD"  # "dólares"
    assert understood["AT3"]["understood_en"] == "1\u00a0250"  # a thousands separator, not 1.25
    assert understood["AX3"]["understood_es"] == "https://www.gob.mx/alertas"
    assert ("AV4", "currency_from_amount") in notes
    assert understood["AC5"]["understood_es"] == "1 de marzo de 2021"  # a serial number
    # Plain readings say nothing: a day-first date that cannot be swapped, plain digits, ISO codes.
    assert not set(understood) & {"AC4", "AT4", "AX4", "AU5", "AV5", "AD5"}
    assert "se entendió como «Programa o proyecto»" in notes[("E3", "understood_as")].message("es")
    assert [row.initiative is not None for row in checked.rows] == [True, True, True]
    first = checked.rows[0].initiative
    assert first is not None and first.budget_amount == 800_000_000 and first.beneficiaries == 1250


def test_a_currency_named_twice_differently_is_a_warning(check_workbook: Check) -> None:
    workbook = workbook_from_md(
        "| title | budget_amount | budget_currency |\n|---|---|---|\n| Fondo de Integración Local | EUR 1.000 | USD |",
        lang="es",
    )
    checked = check_workbook(workbook)
    assert ("AV3", "budget_currency", "currency_conflict") in flat(checked)
    (conflict,) = [item for item in checked.problems if item.code == "currency_conflict"]
    assert "EUR" in conflict.message("en") and "USD" in conflict.message("en")
    initiative = checked.rows[0].initiative
    assert initiative is not None and initiative.budget_currency == "USD"


def test_the_form_date_cell_is_text_and_read_day_first(check_workbook: Check) -> None:
    workbook = workbook_from_md(
        "| title |\n|---|\n| Iniciativa con fecha de envío |",
        header=dict(VALID_HEADER, submission_date="05/03/2025"),
        lang="en",
    )
    form = workbook[layout.SHEET_NAMES["submission"]["en"]]
    assert form["C9"].value == "05/03/2025"
    assert form["C9"].number_format == "@"  # typed text stays text in any office suite
    checked = check_workbook(workbook)
    assert checked.header is not None and checked.header.submission_date == dt.date(2025, 3, 5)
    assert flat(checked) == [("C9", "submission_date", "understood_as")]
    assert "5 March 2025" in checked.problems[0].message("en")


@pytest.mark.slow
def test_a_real_date_in_the_form_is_accepted_and_shown_back_when_swappable(
    check_workbook: Check,
) -> None:
    """An older template (date-formatted cell) or a pasted date: the office suite chose the order."""
    swappable = workbook_from_md(
        "| title |\n|---|\n| Iniciativa con fecha de envío |",
        header=dict(VALID_HEADER, submission_date=dt.date(2025, 3, 5)),
        lang="es",
    )
    checked = check_workbook(swappable)
    assert checked.header is not None and checked.header.submission_date == dt.date(2025, 3, 5)
    assert flat(checked) == [("C9", "submission_date", "date_cell_read")]
    assert "5 de marzo de 2025" in checked.problems[0].message("es")
    clear = workbook_from_md(
        "| title |\n|---|\n| Iniciativa con fecha de envío |",
        header=dict(VALID_HEADER, submission_date=dt.datetime(2025, 3, 15, 10, 30)),
        lang="es",
    )
    assert flat(check_workbook(clear)) == []


@pytest.mark.slow
def test_notes_do_not_fail_a_strict_check_and_counts_read_naturally(tmp_path: Path) -> None:
    write_md_workbook(
        tmp_path / "in" / "notes.xlsx",
        "| title | status |\n|---|---|\n| Iniciativa con sinónimo | en curso |",
        lang="es",
    )
    result = CliRunner().invoke(
        app, ["check", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--strict"]
    )
    assert result.exit_code == 0, result.output
    # One Spanish workbook: the summary is in Spanish, with singular forms where they belong.
    assert "Se revisó 1 archivo: 0 errores, 0 advertencias, 1 nota" in result.output
    report = json.loads((tmp_path / "out" / "notes" / "report.json").read_text(encoding="utf-8"))
    assert report["passed"] is True
    assert report["counts"]["notes"] == 1 and report["counts"]["warnings"] == 0
    assert report["problems"][0]["severity"] == "info"
    annotated = openpyxl.load_workbook(tmp_path / "out" / "notes" / "notes-revisado.xlsx")
    cell = annotated["Iniciativas"]["AB3"]
    assert cell.comment is not None and "Nota:" in cell.comment.text
    assert cell.fill.fill_type is None  # a note alone does not colour the cell
    assert annotated["Problemas"]["A1"].value == "0 errores, 0 advertencias, 1 nota"


@pytest.mark.slow
def test_console_summaries_use_plural_forms_in_the_report_language(tmp_path: Path) -> None:
    one = write_md_workbook(tmp_path / "one.xlsx", "| title |\n|---|\n| Plan |", lang="en")
    two = write_md_workbook(
        tmp_path / "two.xlsx", "| title | start_date |\n|---|---|\n| Plan | pronto |", lang="en"
    )
    results = check_files([one, two], Settings())
    console = Console(record=True, width=200)
    print_results(console, results)
    output = console.export_text()
    assert "one.xlsx: 1 error, 0 warnings" in output
    assert "two.xlsx: 2 errors, 0 warnings" in output
    assert "Checked 2 files: 3 errors, 0 warnings" in output
    console = Console(record=True, width=200)
    print_results(console, results[:1], lang="es")
    assert "Se revisó 1 archivo: 1 error, 0 advertencias" in console.export_text()


@pytest.mark.slow
def test_quoted_values_stay_text_in_every_view(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script>[bold red]x[/]"
    source = write_md_workbook(
        tmp_path / "h.xlsx",
        f"| title | initiative_type |\n|---|---|\n| Iniciativa hostil | {hostile} |",
        lang="es",
    )
    results = check_files([source], Settings())
    (files,) = write_feedback([(source, results[0])], tmp_path / "out", Settings())
    html = files.report_html.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    console = Console(record=True, width=400)
    print_results(console, results)
    assert "[bold red]x[/]" in console.export_text()  # shown, not read as console markup
    assert files.annotated is not None
    sheet = openpyxl.load_workbook(files.annotated)["Problemas"]
    messages = [sheet.cell(row, 5).value for row in range(5, sheet.max_row + 1)]
    assert any("«<script>alert(1)</script>[bold red]x[/]»" in str(text) for text in messages)
