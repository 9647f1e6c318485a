"""Messy workbooks written as Markdown tables, checked end to end: exact cells and codes."""

# Markdown-table fixtures are read as tables, one initiative per line: long lines are the point.
# ruff: noqa: E501

from __future__ import annotations

from collections.abc import Callable

import pytest
from openpyxl import Workbook

from systematise.schema.stages import CheckedWorkbook
from systematise.xlsx import first_sheet
from tests.check.conftest import flat
from tests.support.workbooks import VALID_HEADER, workbook_from_md

Check = Callable[..., CheckedWorkbook]

LONG = (
    "Un texto suficientemente largo para cumplir el mínimo de caracteres que pide el campo, "
    "con detalles sobre el funcionamiento de la iniciativa."
)


@pytest.mark.slow
def test_messy_but_correct_values_raise_only_notes(check_workbook: Check) -> None:
    workbook = workbook_from_md(
        """
| title | thematic_areas.1 | migration_stages.1 | gcm_objectives.1 | status | start_date | end_date | results | budget_amount | budget_currency | beneficiaries | website | partners | description |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| Registro  Único\u00a0de Migrantes | Migration data and statistics | Origen, tránsito | Objetivo 1 | en curso | marzo de 2021 | | | USD 1.250.000 | | 12 500 | www.migracion.gob.mx | OIM; ACNUR | • Primer punto del sistema de registro<br>• Segundo punto: interoperabilidad con otras instituciones del Estado |
| Encuesta de Flujos Fronterizos | DATOS Y ESTADÍSTICAS MIGRATORIAS | destino | 3 | Finalizada | March 2019 | 2022 | Tres rondas publicadas. | 250000 | usd | 1500 | https://example.org/encuesta | | {long} |
| Ventanilla de Regularización | Regularización y documentación | Destination | 7 | Planificada | 15/03/2026 | N/A | | | | - | | | {long} |
| Plan de Retorno Digno | return_reintegration | retorno | Obj 21 | permanente | 1er mars 2018 | | | 1 250 000,50 | EUR | | | | {long} |
""".replace("{long}", LONG),
        lang="es",
    )
    checked = check_workbook(workbook)
    assert checked.errors == checked.warnings == 0
    # Each reading that changed what was typed is shown back; plain ones are not.
    assert flat(checked) == [
        ("R3", "gcm_objectives", "understood_as"),
        ("AB3", "status", "understood_as"),
        ("AU3", "budget_amount", "understood_as"),
        ("AV3", "budget_currency", "currency_from_amount"),
        ("AX3", "website", "understood_as"),
        ("R6", "gcm_objectives", "understood_as"),
        ("AB6", "status", "understood_as"),
    ]
    assert checked.notes == 7
    assert [row.initiative is not None for row in checked.rows] == [True] * 4
    first = checked.rows[0].initiative
    assert first is not None
    assert first.budget_currency == "USD"
    assert str(first.start_date) == "2021-03"
    assert first.migration_stages == ("origin", "transit")
    assert first.description.startswith("- Primer punto")
    assert first.title == "Registro Único de Migrantes"
    assert first.website == "https://www.migracion.gob.mx"


@pytest.mark.slow
def test_planted_problems_each_found_at_its_cell(check_workbook: Check) -> None:
    workbook = workbook_from_md(
        """
| title | initiative_type | gcm_objectives.1 | start_date | end_date | status | results | budget_amount | budget_currency | beneficiaries | website | contact_email | description | sdg_targets |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| Plan | information_system | 1 | 2021 | | in_progress | | | | | | | {long} | |
| Ley Marco de Movilidad Humana | Ley marco | 1 | 2021 | | in_progress | | | | | | | {long} | |
| Censo de Población Migrante | information_system | 1 | 31/02/2021 | | in_progress | | | | | | | {long} | |
| Registro Consular Digital | information_system | 1 | 15/03/21 | | in_progress | | | | | | | {long} | |
| Programa Cerrado sin Fecha | information_system | 1 | 2019 | | completed | | | | | | | {long} | |
| Programa con Fechas Invertidas | information_system | 1 | 2020 | 2018 | in_progress | | | | | | | {long} | |
| Fondo de Integración Local | information_system | 1 | 2021 | | in_progress | | 1.000.000 | | | | | {long} | |
| Atención a Familias Retornadas | information_system | 1 | 2021 | | in_progress | | | | -5 | | | {long} | |
| Portal de Trámites Migratorios | information_system | 1 | 2021 | | in_progress | | | | | ftp://tramites.example.org | | {long} | |
| Red de Oficinas de Enlace | information_system | 1 | 2021 | | in_progress | | | | | | ana@ | {long} | |
| Mesa Técnica Interinstitucional | information_system | 1 | 2021 | | in_progress | | | | | | | {long} Escriba a juan.perez@correo.example.com para más datos. | |
| Ley Marco de Movilidad Humana | information_system | 1 | 2021 | | in_progress | | | | | | | {long} | |
| Observatorio de Migración | information_system | 30 | 2021 | | in_progress | | | | | | | {long} | |
| Sistema de Alertas Tempranas | information_system | 1 | 2021 | | in_progress | | | | | | | {long} | 10.7.2.5 |
| Programa de Becas Migrantes | information_system | 1 | 2021 | | in_progress | | 500 | XYZ | | | | {long} | |
| Archivo Histórico de Migración | information_system | 1 | 1949 | | in_progress | | | | | | | {long} | |
| Resumen con Fórmula | information_system | 1 | 2021 | | in_progress | | | | =1+1 | | | {long} | |
""".replace("{long}", LONG),
        lang="es",
    )
    checked = check_workbook(workbook)
    assert flat(checked) == [
        ("B3", "title", "too_short"),
        ("E4", "initiative_type", "not_in_vocabulary"),
        ("AC5", "start_date", "date_invalid"),
        ("AC6", "start_date", "date_ambiguous"),
        ("AD7", "end_date", "end_date_required"),
        ("AK7", "results", "results_missing"),
        ("AD8", "end_date", "end_before_start"),
        ("AU9", "budget_amount", "understood_as"),
        ("AV9", "budget_currency", "currency_required"),
        ("AT10", "beneficiaries", "number_negative"),
        ("AX11", "website", "url_invalid"),
        ("AZ12", "contact_email", "email_invalid"),
        ("AI13", "description", "personal_data_in_text"),
        ("B14", "title", "duplicate_title"),
        ("R15", "gcm_objectives", "not_in_vocabulary"),
        ("Z16", "sdg_targets", "sdg_target_invalid"),
        ("AV17", "budget_currency", "currency_invalid"),
        ("AC18", "start_date", "date_too_early"),
        ("AT19", "beneficiaries", "formula_in_cell"),
    ]
    valid = [row.row for row in checked.rows if row.initiative is not None]
    assert valid == [13]  # only the row with a warning is kept


def test_slots_too_many_and_duplicate_values(check_workbook: Check) -> None:
    workbook = workbook_from_md(
        """
| title | thematic_areas.1 | thematic_areas.2 | thematic_areas.3 | migration_stages.1 | migration_stages.2 |
|---|---|---|---|---|---|
| Primera iniciativa del envío | migration_data | data_exchange | Salud; Educación | origin | origin |
| Segunda iniciativa del envío | | Salud | | destination | |
""",
        lang="es",
    )
    checked = check_workbook(workbook)
    assert flat(checked) == [
        ("H3", "thematic_areas", "too_many_values"),
        ("J3", "migration_stages", "duplicate_value"),
    ]
    assert checked.rows[1].initiative is not None
    assert checked.rows[1].initiative.thematic_areas == ("health",)


def test_header_problems_point_at_the_form(check_workbook: Check) -> None:
    header = dict(VALID_HEADER, country="Costa Rica", submission_date="2099-01-01")
    header["focal_point_email"] = "sin arroba"
    workbook = workbook_from_md(
        "| title |\n|---|\n| Iniciativa con envío defectuoso |", header=header, lang="es"
    )
    checked = check_workbook(workbook)
    assert flat(checked) == [
        ("C3", "country", "not_in_vocabulary"),
        ("C7", "focal_point_email", "email_invalid"),
        ("C9", "submission_date", "date_in_future"),
    ]
    assert checked.header is None
    message = checked.problems[1].message("es")
    assert "sin arroba" not in message
    assert "Venezuela" in checked.problems[0].message("es")


def _move_and_extend(workbook: Workbook) -> None:
    """Swap two columns, translate a header, add an extra column, a blank and a hidden row."""
    sheet = workbook["Iniciativas"]
    for row in range(1, 6):
        b, e = sheet[f"B{row}"], sheet[f"E{row}"]
        b.value, e.value = e.value, b.value
    sheet["E2"] = "Title of the initiative *"
    sheet["BB2"] = "Observaciones"  # after the last column (the ID column, BA)
    sheet["BB3"] = "nota interna"
    sheet.insert_rows(4)
    sheet.row_dimensions[5].hidden = True


def test_reordered_translated_extra_columns_blank_and_hidden_rows(check_workbook: Check) -> None:
    workbook = workbook_from_md(
        """
| title | start_date |
|---|---|
| Iniciativa en columna movida | 2021 |
| Segunda iniciativa oculta | 2022 |
""",
        lang="es",
    )
    _move_and_extend(workbook)
    checked = check_workbook(workbook)
    assert flat(checked) == [("BB2", None, "unknown_column")]
    assert [row.row for row in checked.rows] == [3, 5]
    titles = [row.initiative.title for row in checked.rows if row.initiative]
    assert titles == ["Iniciativa en columna movida", "Segunda iniciativa oculta"]


@pytest.mark.slow
def test_merged_cells_apply_to_each_row(check_workbook: Check) -> None:
    workbook = workbook_from_md(
        """
| title | lead_institution |
|---|---|
| Primera iniciativa combinada | Instituto Nacional de Migración |
| Segunda iniciativa combinada | |
""",
        lang="es",
    )
    workbook["Iniciativas"].merge_cells("AE3:AE4")
    checked = check_workbook(workbook)
    assert flat(checked) == [("AE3", "lead_institution", "merged_cells")]
    second = checked.rows[1].initiative
    assert second is not None and second.lead_institution == "Instituto Nacional de Migración"


@pytest.mark.slow
def test_english_template_and_old_version(check_workbook: Check) -> None:
    workbook = workbook_from_md("| title |\n|---|\n| National Migration Survey |", lang="en")
    meta = workbook["_systematise"]
    for row in meta.iter_rows(min_row=2):
        if row[0].value == "systematise_template_version":
            row[1].value = "0.9"
    checked = check_workbook(workbook)
    assert checked.template_lang == "en"
    assert flat(checked) == [(None, None, "template_version_unsupported")]
    assert "0.9" in checked.problems[0].message("en")


def test_not_a_template(check_workbook: Check) -> None:
    workbook = Workbook()
    sheet = first_sheet(workbook)
    sheet.append(["Título", "País"])
    sheet.append(["Algo", "México"])
    checked = check_workbook(workbook)
    assert flat(checked) == [(None, None, "columns_not_recognised")]
    assert checked.header is None


@pytest.mark.slow
def test_empty_initiatives_sheet(check_workbook: Check) -> None:
    workbook = workbook_from_md("| title |\n|---|\n", lang="es")
    checked = check_workbook(workbook)
    assert flat(checked) == [(None, None, "no_initiatives")]
