"""A workbook as the reader sees it: sheets of cells that exist, whatever program wrote it.

Excel's ``.xlsx`` is opened with openpyxl; LibreOffice's ``.ods`` and the legacy ``.xls`` with
python-calamine. Both become a :class:`Book`: for each sheet, the cells that hold something
(never the rectangle a sheet declares), its merged ranges, and the template's version stamps.
A formula is flagged, never evaluated. Runs inside the sandbox (:mod:`systematise.read.sandbox`),
after the archive checks; a sheet with a cell beyond the limits raises :class:`SheetTooLarge`.

calamine gives values only: the places of formulas (and, in an ``.ods``, of merged cells) are
read from the file itself (:mod:`systematise.read.ods`, :mod:`systematise.read.xls`). What is
lost is the number format, so a date typed into a date cell of an ``.ods`` or ``.xls`` is always
a full date (an ``.xlsx`` formatted "mm/yyyy" gives a month).
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from systematise.config import LimitSettings
from systematise.read.raw import CellValue
from systematise.template import layout
from systematise.xlsx import cell_places

_META_ROWS = 50


class SheetTooLarge(Exception):  # noqa: N818 - a signal for the sandbox, not an error to show
    """A sheet holds cells beyond the limits."""


class Format(StrEnum):
    """What a file really is, judged by its bytes, never by its name."""

    XLSX = "xlsx"
    ODS = "ods"
    XLS = "xls"


@dataclass(frozen=True)
class GridCell:
    row: int
    column: int
    value: CellValue
    formula: bool = False
    number_format: str | None = None


@dataclass(frozen=True)
class Merge:
    min_row: int
    min_col: int
    max_row: int
    max_col: int

    @property
    def coord(self) -> str:
        from openpyxl.utils import get_column_letter

        first = f"{get_column_letter(self.min_col)}{self.min_row}"
        last = f"{get_column_letter(self.max_col)}{self.max_row}"
        return first if first == last else f"{first}:{last}"


@dataclass
class Sheet:
    title: str
    #: row → column → cell, for cells that exist.
    rows: dict[int, dict[int, GridCell]] = field(default_factory=lambda: defaultdict(dict))
    merged: list[Merge] = field(default_factory=list)

    def cell(self, row: int, column: int) -> GridCell | None:
        return self.rows.get(row, {}).get(column)

    def add(self, cell: GridCell, limits: LimitSettings) -> None:
        if cell.row > limits.max_rows or cell.column > limits.max_columns:
            raise SheetTooLarge
        self.rows[cell.row][cell.column] = cell


@dataclass
class Book:
    format: Format
    sheets: dict[str, Sheet]  # in the workbook's order
    #: Version stamps: the meta sheet's key/value pairs, else the custom document properties.
    meta: dict[str, str]
    epoch_1904: bool = False

    @property
    def sheetnames(self) -> list[str]:
        return list(self.sheets)


def _scalar(value: Any) -> CellValue:
    if value is None or isinstance(
        value, str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta
    ):
        return value
    return str(value)


def _text(value: object) -> str:
    return str(value).strip() if value is not None else ""


def _meta_from_sheets(sheets: dict[str, Sheet]) -> dict[str, str]:
    found: dict[str, str] = {}
    sheet = sheets.get(layout.META_SHEET)
    if sheet is None:
        return found
    for row in sorted(r for r in sheet.rows if r <= _META_ROWS):
        key = sheet.cell(row, 1)
        if key is None:
            continue
        value = sheet.cell(row, 2)
        found[_text(key.value)] = _text(value.value if value is not None else None)
    return found


def _from_openpyxl(path: Path, limits: LimitSettings) -> Book:
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(
            path, read_only=False, data_only=False, keep_vba=False, keep_links=False
        )
    for worksheet in workbook.worksheets:
        # The furthest cells the sheet holds (the rectangle it declares is not trusted).
        if worksheet.max_row > limits.max_rows or worksheet.max_column > limits.max_columns:
            raise SheetTooLarge
    # Only the cells that exist: iterating the sheets' rectangles would make a cell for each place.
    places = cell_places(
        path, {sheet.title: (sheet.max_row, sheet.max_column) for sheet in workbook.worksheets}
    )
    sheets: dict[str, Sheet] = {}
    for worksheet in workbook.worksheets:
        sheet = Sheet(worksheet.title)
        for row, column in places.get(worksheet.title, ()):
            cell = worksheet.cell(row=row, column=column)
            formula = cell.data_type == "f"
            value = None if formula else _scalar(cell.value)
            number_format = cell.number_format if isinstance(value, int | float | dt.date) else None
            sheet.add(GridCell(row, column, value, formula, number_format), limits)
        for cell_range in worksheet.merged_cells.ranges:
            if cell_range.max_row - cell_range.min_row > limits.max_rows:
                raise SheetTooLarge
            sheet.merged.append(
                Merge(
                    cell_range.min_row, cell_range.min_col, cell_range.max_row, cell_range.max_col
                )
            )
        sheets[worksheet.title] = sheet
    meta = _meta_from_sheets(sheets)
    for prop in getattr(workbook, "custom_doc_props", ()):
        meta.setdefault(str(prop.name), _text(prop.value))
    return Book(Format.XLSX, sheets, meta, epoch_1904=workbook.epoch == CALENDAR_MAC_1904)


def _calamine_value(value: Any) -> CellValue:
    if isinstance(value, str) and value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        # openpyxl reads a whole number as int: keep the two readers alike.
        return int(value)
    return _scalar(value)


def _from_calamine(path: Path, limits: LimitSettings, kind: Format) -> Book:
    from python_calamine import CalamineWorkbook

    from systematise.read.ods import OdsExtras, scan_ods

    if kind == Format.ODS:
        extras = scan_ods(path, limits)
    else:
        from systematise.read.xls import scan_xls

        formula_places, percent_places = scan_xls(path)
        extras = OdsExtras(formulas=formula_places, percentages=percent_places)
    sheets: dict[str, Sheet] = {}
    with CalamineWorkbook.from_path(str(path)) as workbook:
        for name in workbook.sheet_names:
            calamine_sheet = workbook.get_sheet_by_name(name)
            end = calamine_sheet.end
            if end is not None and (
                end[0] + 1 > limits.max_rows or end[1] + 1 > limits.max_columns
            ):
                raise SheetTooLarge
            sheet = Sheet(name)
            formulas = extras.formulas.get(name, set())
            percentages = extras.percentages.get(name, set())
            for row_index, values in enumerate(calamine_sheet.to_python(skip_empty_area=False)):
                for column_index, raw in enumerate(values):
                    row, column = row_index + 1, column_index + 1
                    if (row, column) in formulas:
                        sheet.add(GridCell(row, column, None, formula=True), limits)
                        continue
                    value = _calamine_value(raw)
                    if value is not None:
                        # (calamine drops number formats; a percentage keeps a percent one)
                        shown_as = "0%" if (row, column) in percentages else None
                        sheet.add(GridCell(row, column, value, number_format=shown_as), limits)
            for row, column in formulas:
                if sheet.cell(row, column) is None:
                    sheet.add(GridCell(row, column, None, formula=True), limits)
            ranges = calamine_sheet.merged_cell_ranges
            if ranges is not None:
                for (first_row, first_col), (last_row, last_col) in ranges:
                    sheet.merged.append(
                        Merge(first_row + 1, first_col + 1, last_row + 1, last_col + 1)
                    )
            else:
                sheet.merged.extend(extras.merged.get(name, ()))
            sheets[name] = sheet
    return Book(kind, sheets, _meta_from_sheets(sheets))


def load_book(path: Path, kind: Format, limits: LimitSettings) -> Book:
    """The workbook at ``path``, already sniffed as ``kind`` by the archive checks."""
    if kind == Format.XLSX:
        return _from_openpyxl(path, limits)
    return _from_calamine(path, limits, kind)
