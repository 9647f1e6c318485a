"""Typed access to openpyxl where its type stubs say less than our use of it knows.

``Workbook.active`` may be ``None`` or a chart sheet in general, and the stubs leave out the
custom document properties; these helpers give the exact types, checked at run time.
:func:`cell_places` finds the cells a sheet holds without making any.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from pathlib import Path
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


def quoted_sheet(title: str) -> str:
    """``title`` as a formula or a link names a sheet: in single quotes, its own doubled."""
    return "'" + title.replace("'", "''") + "'"


def custom_properties(workbook: Workbook) -> CustomPropertyList[Any]:
    """The workbook's custom document properties (``Workbook.custom_doc_props``)."""
    properties: CustomPropertyList[Any] = vars(workbook)["custom_doc_props"]
    return properties


def cell_places(
    source: Path, bounds: Mapping[str, tuple[int, int]]
) -> dict[str, list[tuple[int, int]]]:
    """(row, column) of each cell the ``.xlsx`` file ``source`` holds, for each sheet named in
    ``bounds`` and within its (last row, last column), in row order: never every place of the
    rectangle. A sheet holds a cell when its data has it (a value, a format) or a comment is on it.

    A loaded sheet has no public way to visit only the cells it holds: ``iter_rows`` makes a
    cell for every place of the rectangle it covers, which the sheet then keeps (and writes back
    when saved), so a file with two far-apart cells would cost millions of them. The file is
    read again in openpyxl's read-only mode instead, which streams each sheet's rows and fills
    the places between cells with one shared empty cell: it makes nothing in the loaded sheets.
    Its time grows with the rows the file has times the columns read, so callers bound each sheet
    by the loaded sheet's ``max_row`` and ``max_column`` and by the limits they apply; a sheet not
    in ``bounds`` is not read. Read-only mode skips comments: their places are read from each
    sheet's comments part, as ``load_workbook`` does.
    """
    import warnings

    from openpyxl.cell.read_only import EmptyCell
    from openpyxl.reader.excel import ExcelReader

    places: dict[str, list[tuple[int, int]]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = ExcelReader(source, read_only=True, data_only=True, keep_links=False)
        reader.read()  # what load_workbook(read_only=True) does, keeping the reader
    workbook = reader.wb
    try:
        commented = _comment_places(reader)
        for sheet in workbook.worksheets:
            if sheet.title not in bounds:
                continue
            last_row, last_column = bounds[sheet.title]
            found: list[tuple[int, int]] = []
            # The rows between the file's rows all come as one empty row: looked at once.
            blank: object = None
            for row in sheet.iter_rows(min_row=1, max_row=last_row, min_col=1, max_col=last_column):
                if row is blank:
                    continue
                held = [
                    (cell.row, cell.column)
                    for cell in row
                    if not isinstance(cell, EmptyCell) and cell.row and cell.column
                ]
                if not held:
                    blank = row
                found.extend(held)
            more = {
                (row, column)
                for row, column in commented.get(sheet.title, ())
                if row <= last_row and column <= last_column
            }.difference(found)
            places[sheet.title] = sorted([*found, *more]) if more else found
    finally:
        workbook.close()
    return places


def _comment_places(reader: Any) -> dict[str, list[tuple[int, int]]]:
    """(row, column) of each comment, by sheet title, from a read ``ExcelReader``'s archive."""
    from openpyxl.comments.comment_sheet import CommentSheet
    from openpyxl.packaging.relationship import get_dependents
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.xml.constants import COMMENTS_NS
    from openpyxl.xml.functions import fromstring

    found: dict[str, list[tuple[int, int]]] = {}
    for sheet, rel in reader.parser.find_sheets():
        folder, name = posixpath.split(str(rel.target))
        rels_path = posixpath.join(folder, "_rels", f"{name}.rels")  # as openpyxl finds them
        if "chartsheet" in rel.Type or rels_path not in reader.valid_files:
            continue
        for comments in get_dependents(reader.archive, rels_path).find(COMMENTS_NS):
            if comments.target not in reader.valid_files:
                continue
            tree = CommentSheet.from_tree(fromstring(reader.archive.read(comments.target)))
            for record in tree.commentList if tree is not None else ():
                try:
                    found.setdefault(str(sheet.name), []).append(coordinate_to_tuple(record.ref))
                except (TypeError, ValueError):
                    continue  # not a cell's reference: load_workbook would have failed on it
    return found
