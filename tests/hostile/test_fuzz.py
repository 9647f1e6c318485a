"""Fuzzing the reader and the normalisers with generated workbooks (bounded budget).

Each example starts from a good filled-in template, then writes random values of random types
(text, numbers, dates, booleans, formulas, vocabulary labels, empty) into random initiative
columns and submission fields, adds random extra sheets and merges random cells. Whatever comes
out, ``check_files`` must not raise and must return one result for the file whose problems all
have catalogued codes, point inside the sheet, and read in Spanish and in English.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import column_index_from_string, get_column_letter

from systematise.check import check_files
from systematise.config import Settings
from systematise.schema.lang import FOCAL_LANGS
from systematise.schema.problems import CATALOGUE, placeholders
from systematise.template import layout
from systematise.template.archive import workbook_bytes
from tests.hostile import files

INITIATIVE_KEYS = [column.key for column in layout.initiative_columns()]
FORM_KEYS = [column.key for column in layout.submission_rows()]
_CELL = re.compile(r"^([A-Z]{1,3})([1-9][0-9]*)$")

_text = st.text(max_size=120).map(lambda s: ILLEGAL_CHARACTERS_RE.sub("", s))
_tricky = st.sampled_from(
    [
        "=1+1",
        '=HYPERLINK("http://127.0.0.1:9/","x")',
        "N/A",
        "-",
        "2021-03",
        "03/2021",
        "marzo 2021",
        "31/02/2021",
        "Sí",
        "No",
        "Yes",
        "MEX",
        "México",
        "USD 1.250.000",
        "1,234.5",
        "1.234,5",
        "12%",
        "www.example.org",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ana@example.org",
        "+52 55 1234 5678",
        "1. Datos exactos y desglosados",
        "a; b; c",
        "\n\n",
        "x" * 40_000,
    ]
)
VALUES = st.one_of(
    st.none(),
    _text,
    _tricky,
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2200, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2200, 1, 1)),
)
SHEET_TITLES = st.text(
    alphabet=st.characters(blacklist_characters="[]:*?/\\'", blacklist_categories=("Cs", "Cc")),
    min_size=1,
    max_size=31,
)


def _without_lang(key: str) -> str:
    """``understood_pt`` → ``understood``: a parameter given per language fills one name."""
    name, _, suffix = key.rpartition("_")
    return name if name and suffix in FOCAL_LANGS else key


@st.composite
def mutations(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "cells": draw(
            st.lists(
                st.tuples(
                    st.integers(min_value=layout.FIRST_DATA_ROW, max_value=8),
                    st.sampled_from(INITIATIVE_KEYS),
                    VALUES,
                ),
                max_size=25,
            )
        ),
        "form": draw(st.lists(st.tuples(st.sampled_from(FORM_KEYS), VALUES), max_size=5)),
        "sheets": draw(st.lists(SHEET_TITLES, max_size=3, unique_by=str.casefold)),
        "merges": draw(
            st.lists(
                st.tuples(
                    st.integers(min_value=1, max_value=10),
                    st.integers(min_value=1, max_value=60),
                    st.integers(min_value=0, max_value=3),
                    st.integers(min_value=0, max_value=3),
                ),
                max_size=2,
            )
        ),
    }


def _mutated_workbook(mutation: dict[str, Any]) -> bytes:
    workbook = files.good_workbook()
    sheet = files.initiatives_sheet(workbook)
    for row, key, value in mutation["cells"]:
        sheet.cell(row=row, column=files.column_of(sheet, key)).value = value
    form = workbook[layout.SHEET_NAMES["submission"]["es"]]
    rows = {
        cell.value: cell.row
        for cell in form[get_column_letter(layout.FORM_KEY_COLUMN)]
        if cell.value
    }
    for key, value in mutation["form"]:
        form.cell(row=rows[key], column=layout.FORM_VALUE_COLUMN).value = value
    for title in mutation["sheets"]:
        if title not in workbook.sheetnames:
            workbook.create_sheet(title)["A1"] = title
    for row, column, down, across in mutation["merges"]:
        first = f"{get_column_letter(column)}{row}"
        last = f"{get_column_letter(column + across)}{row + down}"
        if first != last:
            sheet.merge_cells(f"{first}:{last}")
    return workbook_bytes(workbook)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutation=mutations())
@pytest.mark.slow
def test_check_never_raises_and_every_problem_is_well_formed(mutation: dict[str, Any]) -> None:
    limits = Settings().limits
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.xlsx"
        try:
            data = _mutated_workbook(mutation)
        except (ValueError, TypeError):  # openpyxl refused to write it: nothing to read
            return
        path.write_bytes(data)
        results = check_files([path], Settings())
    assert len(results) == 1
    (result,) = results
    assert result.file == "fuzzed.xlsx"
    for item in result.problems:
        assert item.code in CATALOGUE
        assert item.file == "fuzzed.xlsx"
        given_names = {_without_lang(key) for key in item.params}
        for lang in FOCAL_LANGS:
            template = CATALOGUE[item.code].text(lang)
            assert placeholders(template) <= given_names | {"label"}, (item.code, item.params)
            assert item.message(lang)
        if item.cell is not None:
            found = _CELL.match(item.cell)
            assert found, item.cell
            assert column_index_from_string(found.group(1)) <= limits.max_columns
            assert int(found.group(2)) <= limits.max_rows
            assert item.sheet is not None
    for row in result.rows:
        assert layout.FIRST_DATA_ROW <= row.row <= limits.max_rows
