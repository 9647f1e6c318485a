"""Typed access to openpyxl where its type stubs say less than our use of it knows.

``Workbook.active`` may be ``None`` or a chart sheet in general, and the stubs leave out the
custom document properties; these helpers give the exact types, checked at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.packaging.custom import CustomPropertyList
    from openpyxl.worksheet.worksheet import Worksheet


def first_sheet(workbook: Workbook) -> Worksheet:
    """The worksheet a new workbook starts with (or the active one of a loaded workbook)."""
    from openpyxl.worksheet.worksheet import Worksheet

    sheet = workbook.active
    if not isinstance(sheet, Worksheet):
        raise TypeError("the workbook's active sheet is not a worksheet")
    return sheet


def worksheet(workbook: Workbook, title: str) -> Worksheet:
    """The worksheet named ``title`` (a chart sheet of that name is an error)."""
    from openpyxl.worksheet.worksheet import Worksheet

    sheet = workbook[title]
    if not isinstance(sheet, Worksheet):
        raise TypeError(f"{title!r} is not a worksheet")
    return sheet


def quoted_sheet(title: str) -> str:
    """``title`` as a formula or a link names a sheet: in single quotes, its own doubled."""
    return "'" + title.replace("'", "''") + "'"


def custom_properties(workbook: Workbook) -> CustomPropertyList[Any]:
    """The workbook's custom document properties (``Workbook.custom_doc_props``)."""
    properties: CustomPropertyList[Any] = vars(workbook)["custom_doc_props"]
    return properties


def existing_cells(sheet: Worksheet) -> dict[tuple[int, int], Cell | MergedCell]:
    """The cells ``sheet`` holds, by (row, column): never the rectangle they span.

    openpyxl has no public way to visit only the cells a sheet holds: ``iter_rows`` makes a cell
    for every place of the rectangle it covers, which the sheet then keeps (and writes back when
    saved), so a file with two far-apart cells would cost millions of them. This is the one place
    that reads openpyxl's own table of cells for that; it returns a copy, safe to change the sheet
    while going through it.
    """
    return dict(sheet._cells)
