"""Filling a fresh template the way a person would: for fixtures, sample workbooks, benchmarks.

:func:`fill_workbook` takes a submission's fields and its initiatives as plain mappings keyed by
machine keys, and writes them into a new template:

- a vocabulary code is written as its dropdown label in the template's language (``"yes"`` →
  "Sí", ``"MEX"`` → "México", ``1`` → "1. Datos exactos y desglosados"); ``True``/``False`` in
  a yes/no field as "Sí"/"No" ("Yes"/"No");
- a list for a multi-value field is spread over its dropdown columns; values beyond the last
  column are joined with "; " in the last one. A string of codes separated by ";" is spread the
  same way; a column key (``thematic_areas.2``) writes that one column;
- a list for a text-list field (partners, SDG targets) is joined with "; ";
- dates are typed as a person types them into the template's text-formatted date cells:
  ``"2021"`` stays text, ``"2021-03"`` becomes the text "03/2021", ``"2021-03-15"`` the text
  "15/03/2021"; a ``date`` object is written as a real date cell (what a spreadsheet program
  makes of a date typed into a cell formatted as a date);
- a plain number typed as text in a number field becomes a number, as Excel would make it;
- anything else is written as given, so messy values ("marzo 2021", "USD 1.250.000", a label
  in another language) reach the reader untouched.

``mark_illustrative`` stamps the workbook as invented sample data (custom property and meta
entry ``illustrative_sample``, and a visible note on the instructions sheet).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.packaging.custom import BoolProperty
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from systematise.atomic import write_bytes
from systematise.config import Settings
from systematise.schema.fieldmeta import FieldSpec
from systematise.schema.lang import FocalLang
from systematise.schema.partial_date import PartialDate
from systematise.schema.vocabulary import vocabulary
from systematise.template import layout
from systematise.template.archive import workbook_bytes
from systematise.template.texts import text
from systematise.template.writer import (
    DATE_FORMAT,
    INSTRUCTIONS_NOTE_ROW,
    NOTE_FONT,
    build_workbook,
)
from systematise.xlsx import custom_properties

LIST_JOINER = "; "
_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^\d{4}$")
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def fill_workbook(
    lang: FocalLang,
    header: Mapping[str, object],
    rows: Sequence[Mapping[str, object]],
    settings: Settings,
    *,
    mark_illustrative: bool = False,
) -> Workbook:
    """A new template in ``lang`` holding ``header`` on the form and ``rows`` as initiatives.

    Keys are machine keys (field keys, or column keys such as ``thematic_areas.2``); an
    unknown key raises ``KeyError``.
    """
    workbook = build_workbook(lang, settings)
    _fill_form(workbook[layout.SHEET_NAMES["submission"][lang]], lang, header)
    sheet = workbook[layout.SHEET_NAMES["initiatives"][lang]]
    for offset, initiative in enumerate(rows):
        _fill_row(sheet, lang, layout.FIRST_DATA_ROW + offset, initiative)
    if mark_illustrative:
        _mark_illustrative(workbook, lang)
    return workbook


def save_workbook(workbook: Workbook, path: Path, moment: dt.datetime | None = None) -> None:
    """Save atomically; ``moment`` fixes the document's timestamps (reproducible bytes)."""
    write_bytes(path, workbook_bytes(workbook, moment))


def _fill_form(sheet: Worksheet, lang: FocalLang, header: Mapping[str, object]) -> None:
    rows = {
        column.key: (row, column.spec)
        for row, column in enumerate(layout.submission_rows(), start=layout.FORM_FIRST_ROW)
    }
    for key, value in header.items():
        if key not in rows:
            raise KeyError(f"{key!r} is not a field of the submission sheet")
        row, spec = rows[key]
        _put(sheet, row, layout.FORM_VALUE_COLUMN, _as_typed(spec, value, lang))


def _fill_row(
    sheet: Worksheet, lang: FocalLang, row: int, initiative: Mapping[str, object]
) -> None:
    columns = layout.initiative_columns()
    by_key = {column.key: (index, column) for index, column in enumerate(columns, start=1)}
    slots_of: dict[str, list[int]] = {}
    for index, column in enumerate(columns, start=1):
        slots_of.setdefault(column.spec.key, []).append(index)
    for key, value in initiative.items():
        if key in slots_of and len(slots_of[key]) > 1:
            spec = columns[slots_of[key][0] - 1].spec
            for index, item in zip(slots_of[key], _spread(spec, value, lang), strict=False):
                _put(sheet, row, index, item)
        elif key in by_key:
            index, column = by_key[key]
            _put(sheet, row, index, _as_typed(column.spec, value, lang))
        elif key == layout.ID_KEY:
            _put(sheet, row, len(columns) + 1, value)  # the locked ID column, after the rest
        else:
            raise KeyError(f"{key!r} is neither a field nor a column of the initiatives sheet")


def _put(sheet: Worksheet, row: int, column: int, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str | int | float | dt.date | dt.time | dt.timedelta):
        raise TypeError(f"{value!r} cannot be written into a cell")
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT


def _spread(spec: FieldSpec, value: object, lang: FocalLang) -> list[object]:
    """The cell values of a multi-value field, one per slot."""
    if isinstance(value, str) and LIST_JOINER.strip() in value:
        parts = [part.strip() for part in value.split(LIST_JOINER.strip()) if part.strip()]
        if spec.vocabulary and all(part in vocabulary(spec.vocabulary).codes for part in parts):
            value = parts
    if not isinstance(value, list | tuple):
        return [_as_typed(spec, value, lang)]
    items = [_as_typed(spec, item, lang) for item in value]
    if len(items) > spec.slots:
        extra = items[spec.slots - 1 :]
        items = [*items[: spec.slots - 1], LIST_JOINER.join(str(item) for item in extra)]
    return items


def _as_typed(spec: FieldSpec, value: object, lang: FocalLang) -> object:
    """What a person would leave in the cell for ``value``."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        if spec.vocabulary == "yes_no":
            return vocabulary("yes_no").label("yes" if value else "no", lang)
        return value
    if spec.vocabulary and isinstance(value, str | int):
        terms = vocabulary(spec.vocabulary)
        if str(value) in terms.codes:
            return terms.label(str(value), lang)
        return value
    if spec.kind in ("date", "partial_date"):
        return _as_date(value)
    if spec.kind == "text_list" and isinstance(value, list | tuple):
        return LIST_JOINER.join(str(item) for item in value)
    if (
        spec.kind in ("integer", "decimal")
        and isinstance(value, str)
        and _PLAIN_NUMBER.match(value.strip())
    ):
        return float(value) if "." in value else int(value)
    return value


def _as_date(value: object) -> object:
    if isinstance(value, PartialDate):
        value = str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        return value
    stripped = value.strip()
    if found := _FULL_DATE.match(stripped):
        year, month, day = found.groups()
        return f"{day}/{month}/{year}"  # typed into the template's text-formatted date cell
    if found := _YEAR_MONTH.match(stripped):
        return f"{found.group(2)}/{found.group(1)}"
    if _YEAR.match(stripped):
        return stripped
    return value


def _mark_illustrative(workbook: Workbook, lang: FocalLang) -> None:
    custom_properties(workbook).append(BoolProperty(name=layout.PROPERTY_ILLUSTRATIVE, value=True))
    workbook[layout.META_SHEET].append([layout.PROPERTY_ILLUSTRATIVE, "true"])
    instructions = workbook[layout.SHEET_NAMES["instructions"][lang]]
    note = instructions.cell(row=INSTRUCTIONS_NOTE_ROW, column=1)
    note.value = text("illustrative_note", lang)
    note.font = NOTE_FONT
    note.alignment = Alignment(vertical="center")
    instructions.row_dimensions[INSTRUCTIONS_NOTE_ROW].height = 22
