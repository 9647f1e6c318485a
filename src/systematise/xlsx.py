"""Typed access to openpyxl where its type stubs say less than our use of it knows.

``Workbook.active`` may be ``None`` or a chart sheet in general, and the stubs leave out the
custom document properties; these helpers give the exact types, checked at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl import Workbook
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


def custom_properties(workbook: Workbook) -> CustomPropertyList[Any]:
    """The workbook's custom document properties (``Workbook.custom_doc_props``)."""
    properties: CustomPropertyList[Any] = vars(workbook)["custom_doc_props"]
    return properties
