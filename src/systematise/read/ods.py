"""What calamine does not say about an ``.ods``: where its formulas, merged cells and
percentages are.

The spreadsheet's ``content.xml`` is streamed once with defusedxml (no entities, no DTD),
counting rows and columns through LibreOffice's repeat attributes, and keeping nothing but the
places of formula cells, of cells spanning others and of numbers shown as percentages. A cell
that holds something beyond the limits raises :class:`~systematise.read.grid.SheetTooLarge`
before calamine loads the sheet (calamine keeps every sheet as a dense rectangle, so a far cell
would cost its whole area).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from systematise.config import LimitSettings

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_T = f"{{{_TABLE}}}"
_CELLS = (f"{_T}table-cell", f"{_T}covered-table-cell")


@dataclass
class OdsExtras:
    #: sheet name → (row, column) of each formula cell, 1-based.
    formulas: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    #: sheet name → merged ranges.
    merged: dict[str, list[Any]] = field(default_factory=dict)
    #: sheet name → (row, column) of each number shown as a percentage ("50 %" typed).
    percentages: dict[str, set[tuple[int, int]]] = field(default_factory=dict)


def _count(element: Any, name: str) -> int:
    try:
        return max(1, int(element.get(f"{_T}{name}", "1")))
    except ValueError:
        return 1


def _holds_something(element: Any) -> bool:
    return bool(
        element.get(f"{{{_OFFICE}}}value-type") or element.get(f"{_T}formula") or len(element)
    )


def scan_ods(path: Path, limits: LimitSettings) -> OdsExtras:
    """Formula cells, merged ranges and percentages of the ``.ods`` at ``path``."""
    from defusedxml.ElementTree import iterparse

    from systematise.read.grid import Merge, SheetTooLarge

    extras = OdsExtras()
    sheet = ""
    row = column = 0
    row_repeat = 1
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
        for event, element in iterparse(stream, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_T}table":
                    sheet = str(element.get(f"{_T}name", ""))
                    row = 0
                    extras.formulas.setdefault(sheet, set())
                    extras.merged.setdefault(sheet, [])
                    extras.percentages.setdefault(sheet, set())
                elif tag == f"{_T}table-row":
                    row_repeat = _count(element, "number-rows-repeated")
                    column = 0
                continue
            if tag in _CELLS:
                repeat = _count(element, "number-columns-repeated")
                if _holds_something(element):
                    if row + row_repeat > limits.max_rows or column + repeat > limits.max_columns:
                        raise SheetTooLarge
                    if element.get(f"{_T}formula"):
                        for offset in range(repeat):
                            for down in range(row_repeat):
                                extras.formulas[sheet].add((row + down + 1, column + offset + 1))
                    elif element.get(f"{{{_OFFICE}}}value-type") == "percentage":
                        for offset in range(repeat):
                            for down in range(row_repeat):
                                extras.percentages[sheet].add((row + down + 1, column + offset + 1))
                spanned_columns = _count(element, "number-columns-spanned")
                spanned_rows = _count(element, "number-rows-spanned")
                if tag == f"{_T}table-cell" and (spanned_columns > 1 or spanned_rows > 1):
                    if row + row_repeat + spanned_rows > limits.max_rows + 1:
                        raise SheetTooLarge
                    # LibreOffice writes identical rows once, with a repeat count.
                    extras.merged[sheet].extend(
                        Merge(
                            row + down + 1,
                            column + 1,
                            row + down + spanned_rows,
                            column + spanned_columns,
                        )
                        for down in range(row_repeat)
                    )
                column += repeat
                element.clear()
            elif tag == f"{_T}table-row":
                row += row_repeat
                element.clear()
    return extras
