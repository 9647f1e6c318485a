"""The data dictionary speaks to data users: meaning, type and unit, allowed values, missing values.

Each column's description (in ``datapackage.json`` and the xlsx's ``fields`` sheet) must say
what a value is without the focal points' instructions from the template ("Optional: your own
reference", "Choose one from the list"), in both languages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from systematise.config import Settings
from systematise.export import write_open_data
from systematise.export.columns import SEPARATOR, Column, open_data_columns
from systematise.export.dictionary import MEANINGS, NAMED_VALUES_MAX, UNITS
from systematise.export.opendata import DICTIONARY_SHEET, package_descriptor
from systematise.schema.fieldmeta import field_specs
from systematise.schema.models import Initiative, SubmissionHeader
from systematise.schema.vocabulary import vocabulary
from tests.export.sample import sample_dataset

COLUMNS = open_data_columns()

#: Words that address the person filling in the template, not a reader of the data.
FILLING_IN = {
    "en": re.compile(
        r"\b(you|your|choose|fill|write|give the|optional|if you)\b"
        r"|characters\)|\(\d+ to \d+ characters",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"\b(usted|su propia|elija|escriba|rellene|complete|indique|opcional|si escribe)\b"
        r"|caracteres\)|\(de \d+ a \d+ caracteres",
        re.IGNORECASE,
    ),
}


def _focal_point_help() -> dict[str, tuple[str, str]]:
    specs = (*field_specs(SubmissionHeader), *field_specs(Initiative))
    return {spec.key: (spec.helps["es"], spec.helps["en"]) for spec in specs}


@pytest.mark.parametrize("column", COLUMNS, ids=lambda column: column.name)
def test_every_column_is_described_for_data_users(column: Column) -> None:
    es, en = column.description
    assert es != en, "the Spanish description is not translated"
    for lang, text in (("es", es), ("en", en)):
        found = FILLING_IN[lang].search(text)
        assert found is None, f"{lang}: {found.group(0)!r} in {text!r}"
    help_es, help_en = _focal_point_help().get(column.name, ("", ""))
    assert not help_en or help_en not in en
    assert not help_es or help_es not in es


def test_every_field_has_a_meaning_written_for_it() -> None:
    """A new field of the contract cannot reach the open data explained only by its title."""
    for column in COLUMNS:
        assert column.labels_of is not None or column.name in MEANINGS, column.name
    assert set(MEANINGS) <= {column.name for column in COLUMNS}


@pytest.mark.parametrize("column", COLUMNS, ids=lambda column: column.name)
def test_type_unit_values_and_missing_are_stated(column: Column) -> None:
    es, en = column.description
    assert "Type: " in en and "Tipo: " in es
    if column.multi:
        assert f"'{SEPARATOR.strip()}'" in en and "an array in JSON" in en
    if column.required:
        assert "Never empty." in en and "Nunca vacío." in es
    else:
        assert "empty cell in CSV and XLSX" in en and "celda vacía en CSV y XLSX" in es
        assert ("empty array in JSON" if column.multi else "null in JSON") in en
    if column.name in UNITS:
        assert "Unit: " in en and "Unidad: " in es
    if column.vocabulary and column.type != "boolean":
        terms = vocabulary(column.vocabulary).terms
        listed = en.split("Allowed values: ", 1)[1]
        assert all(re.search(rf"(^|[ ,;]){re.escape(t.code)}\b", listed) for t in terms)
        if len(terms) <= NAMED_VALUES_MAX:
            assert all(t.label("en") in listed for t in terms)
            assert all(t.label("es") in es for t in terms)
        else:
            assert f"{column.name}_es" in listed


def test_numbers_have_their_unit() -> None:
    numeric = {column.name for column in COLUMNS if column.type in ("integer", "number")}
    assert numeric == set(UNITS)


@pytest.mark.slow
def test_the_package_and_the_workbook_carry_the_dictionary(tmp_path: Path) -> None:
    write_open_data(sample_dataset(), Settings(), tmp_path)
    data = tmp_path / "data"
    sheet = load_workbook(data / "initiatives.xlsx", read_only=True)[DICTIONARY_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("name", "title_es", "title_en", "type", "description_es", "description_en")
    by_name = {row[0]: row for row in rows[1:]}
    assert list(by_name) == [column.name for column in COLUMNS]
    for column in COLUMNS:
        assert by_name[column.name][4:] == column.description
        assert by_name[column.name][3] == ("list" if column.multi else column.type)
    files = {name: (data / name).read_bytes() for name in ("initiatives.csv", "initiatives.json")}
    files["initiatives.xlsx"] = (data / "initiatives.xlsx").read_bytes()
    descriptor = package_descriptor(Settings(), "2025", files, COLUMNS)
    fields = descriptor["resources"][0]["schema"]["fields"]
    for field, column in zip(fields, COLUMNS, strict=True):
        assert field["x-description"] == {"es": column.description[0], "en": column.description[1]}
