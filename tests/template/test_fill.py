"""Filling a template as a person would, and the Markdown-table fixtures built on it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from systematise.config import Settings
from systematise.schema.lang import Lang
from systematise.template import layout
from systematise.template.fill import fill_workbook, save_workbook
from systematise.template.writer import INSTRUCTIONS_NOTE_ROW
from systematise.xlsx import custom_properties
from tests.support.workbooks import (
    VALID_HEADER,
    md_table_to_rows,
    workbook_from_md,
    write_md_workbook,
)


def _row(workbook: Workbook, lang: Lang, row: int = layout.FIRST_DATA_ROW) -> dict[str, object]:
    """Machine key → value of one initiatives row, read through the key row."""
    sheet: Worksheet = workbook[layout.SHEET_NAMES["initiatives"][lang]]
    keys = [cell.value for cell in sheet[layout.KEY_ROW]]
    values = [cell.value for cell in sheet[row]]
    return {str(k): v for k, v in zip(keys, values, strict=True) if v is not None}


def _form(workbook: Workbook, lang: Lang) -> dict[str, object]:
    sheet: Worksheet = workbook[layout.SHEET_NAMES["submission"][lang]]
    found: dict[str, object] = {}
    for row in sheet.iter_rows(min_row=layout.FORM_FIRST_ROW):
        key = row[layout.FORM_KEY_COLUMN - 1].value
        value = row[layout.FORM_VALUE_COLUMN - 1].value
        if key and value is not None:
            found[str(key)] = value
    return found


def test_codes_become_labels_in_the_template_language() -> None:
    initiative = {
        "initiative_type": "programme_project",
        "gcm_objectives": [1, 23],
        "data_exchange": True,
        "uses_foresight": "no",
        "status": "completed",
    }
    es = _row(fill_workbook("es", {}, [initiative], Settings()), "es")
    en = _row(fill_workbook("en", {}, [initiative], Settings()), "en")
    assert es["initiative_type"] == "Programa o proyecto"
    assert en["initiative_type"] == "Programme or project"
    assert str(es["gcm_objectives.1"]).startswith("1. ")
    assert str(en["gcm_objectives.2"]).startswith("23. ")
    assert (es["data_exchange"], es["uses_foresight"]) == ("Sí", "No")
    assert (en["data_exchange"], en["uses_foresight"]) == ("Yes", "No")


def test_form_values() -> None:
    form = _form(fill_workbook("es", VALID_HEADER, [], Settings()), "es")
    assert form["country"] == "México"
    assert form["submission_language"] == "Español"
    assert form["consent_publish_contact"] == "No"
    assert form["submission_date"] == "15/10/2025"  # typed into a text cell, day first


def test_lists_spread_over_slots_and_overflow_into_the_last() -> None:
    areas = ["migration_data", "data_exchange", "labour_migration", "health", "education"]
    row = _row(fill_workbook("en", {}, [{"thematic_areas": areas}], Settings()), "en")
    assert row["thematic_areas.1"] == "Migration data and statistics"
    assert row["thematic_areas.2"] == "Data exchange and interoperability"
    assert row["thematic_areas.3"] == "Labour migration; Health; Education"


@pytest.mark.slow
def test_dates_as_people_type_them() -> None:
    initiative = {"start_date": "2021-03", "end_date": "2024-12-31"}
    row = _row(fill_workbook("es", {}, [initiative], Settings()), "es")
    assert row["start_date"] == "03/2021"
    assert row["end_date"] == "31/12/2024"  # the template's date cells are text cells
    row = _row(fill_workbook("es", {}, [{"end_date": dt.date(2024, 12, 31)}], Settings()), "es")
    assert row["end_date"] == dt.date(2024, 12, 31)  # a date object: a real date cell
    row = _row(fill_workbook("es", {}, [{"start_date": "2019"}], Settings()), "es")
    assert row["start_date"] == "2019"


def test_messy_values_pass_through_untouched() -> None:
    initiative = {
        "initiative_type": "Programa o proyecto",
        "start_date": "marzo 2021",
        "budget_amount": "USD 1.250.000",
        "thematic_areas": "Datos; salud",
        "partners": ["OIM", "ACNUR"],
        "beneficiaries": "12500",
    }
    row = _row(fill_workbook("en", {}, [initiative], Settings()), "en")
    assert row["initiative_type"] == "Programa o proyecto"
    assert row["start_date"] == "marzo 2021"
    assert row["budget_amount"] == "USD 1.250.000"
    assert row["thematic_areas.1"] == "Datos; salud"
    assert row["partners"] == "OIM; ACNUR"
    assert row["beneficiaries"] == 12500  # a plain number becomes a number, as in Excel


@pytest.mark.slow
def test_unknown_key_is_an_error() -> None:
    with pytest.raises(KeyError, match="not_a_field"):
        fill_workbook("es", {}, [{"not_a_field": "x"}], Settings())
    with pytest.raises(KeyError, match="title"):
        fill_workbook("es", {"title": "x"}, [], Settings())


def test_illustrative_mark(tmp_path: Path) -> None:
    workbook = fill_workbook("en", VALID_HEADER, [], Settings(), mark_illustrative=True)
    path = tmp_path / "sample.xlsx"
    save_workbook(workbook, path, dt.datetime(2025, 10, 15, 12))
    loaded = load_workbook(path)
    properties = {prop.name: prop.value for prop in custom_properties(loaded)}
    assert properties[layout.PROPERTY_ILLUSTRATIVE] is True
    rows = loaded[layout.META_SHEET].iter_rows(min_row=2, values_only=True)
    meta = {str(row[0]): row[1] for row in rows}
    assert meta[layout.PROPERTY_ILLUSTRATIVE] == "true"
    note = loaded["Instructions"].cell(row=INSTRUCTIONS_NOTE_ROW, column=1).value
    assert note == "Illustrative sample data; not an official submission."
    assert loaded.properties.modified == dt.datetime(2025, 10, 15, 12)
    unmarked = fill_workbook("es", VALID_HEADER, [], Settings())
    assert layout.PROPERTY_ILLUSTRATIVE not in {p.name for p in custom_properties(unmarked)}


def test_md_table_to_rows() -> None:
    rows = md_table_to_rows(
        """
        | title         | partners          | start_date |
        |:--------------|-------------------|-----------:|
        | Uno \\| dos   | OIM<br>ACNUR      | 2021       |
        | Tres          |                   |            |
        """
    )
    assert rows == [
        {"title": "Uno | dos", "partners": "OIM\nACNUR", "start_date": "2021"},
        {"title": "Tres", "partners": "", "start_date": ""},
    ]
    with pytest.raises(ValueError, match="cells"):
        md_table_to_rows("| a | b |\n|---|---|\n| 1 |")


@pytest.mark.slow
def test_workbook_from_md_completes_rows_and_reads_back(tmp_path: Path) -> None:
    path = write_md_workbook(
        tmp_path / "fixture.xlsx",
        """
        | title                       | thematic_areas               | gcm_objectives.2 | summary |
        |-----------------------------|------------------------------|------------------|---------|
        | Registro Único de Migrantes | health; education            |                  | corto   |
        | Segundo título              | Salud                        | 7                |         |
        """,
        lang="es",
    )
    workbook = load_workbook(path)
    first, second = _row(workbook, "es"), _row(workbook, "es", layout.FIRST_DATA_ROW + 1)
    assert first["title"] == "Registro Único de Migrantes"
    assert (first["thematic_areas.1"], first["thematic_areas.2"]) == ("Salud", "Educación")
    assert first["summary"] == "corto"
    assert first["status"] == "En ejecución"  # from VALID_INITIATIVE
    assert second["thematic_areas.1"] == "Salud"
    assert str(second["gcm_objectives.2"]).startswith("7. ")
    assert "gcm_objectives.1" not in second  # a slot column replaces the field's default
    assert "summary" not in second  # an empty cell clears the default
    assert _form(workbook, "es")["country"] == "México"
    bare = workbook_from_md("| title |\n|---|\n| Solo |", complete=False, lang="en")
    assert _row(bare, "en") == {"title": "Solo"}
