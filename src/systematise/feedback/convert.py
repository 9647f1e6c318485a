"""The workbook an annotated copy starts from, for a file that is not an ``.xlsx``.

An ``.ods`` or ``.xls`` cannot be annotated in place (openpyxl writes only ``.xlsx``), so its
cells are carried into an ``.xlsx``: into a fresh template of the same language when the file
was made from the template (it keeps the template's look, dropdowns, help and protection), else
into a plain workbook with the same sheets. Values are carried as values: text that starts with
``=`` stays text, and a formula (whose text calamine does not give) is left empty, as the
problem on that cell says. Runs in the sandbox, like the reading.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from systematise.config import LimitSettings, Settings
from systematise.read.archive import sniff_format
from systematise.read.grid import Book, Format, load_book
from systematise.schema.lang import FocalLang, is_focal_lang
from systematise.template import layout


def _template_lang(book: Book) -> FocalLang | None:
    lang = book.meta.get(layout.PROPERTY_LANG, "")
    if is_focal_lang(lang) and layout.SHEET_NAMES["initiatives"][lang] in book.sheets:
        return lang
    return None


def _start(book: Book) -> Any:
    from openpyxl import Workbook

    from systematise.template.writer import build_workbook

    lang = _template_lang(book)
    if lang is not None:
        return build_workbook(lang, Settings())
    from systematise.xlsx import first_sheet

    workbook = Workbook()
    workbook.remove(first_sheet(workbook))
    return workbook


def _put(sheet: Any, row: int, column: int, value: object) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, dt.timedelta | dt.time):
        value = str(value)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # what was typed, never a live formula


def workbook_for_annotation(source: Path) -> Any:
    """An openpyxl workbook holding the cells of ``source`` (an ``.xlsx``, ``.ods`` or ``.xls``)."""
    import warnings

    import openpyxl

    kind = sniff_format(source)
    if kind in (None, Format.XLSX):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(source, data_only=False, keep_vba=False, keep_links=False)
    assert kind is not None
    book = load_book(source, kind, LimitSettings())
    workbook = _start(book)
    for title, grid in book.sheets.items():
        if title == layout.META_SHEET:
            continue
        sheet = workbook[title] if title in workbook.sheetnames else workbook.create_sheet(title)
        for row, cells in grid.rows.items():
            for column, cell in cells.items():
                _put(sheet, row, column, None if cell.formula else cell.value)
        for merge in grid.merged:
            if ":" in merge.coord:  # a one-cell range merges nothing
                sheet.merge_cells(merge.coord)
    if not workbook.sheetnames:
        workbook.create_sheet("Sheet1")
    return workbook
