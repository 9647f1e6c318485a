"""What the reader hands to validation: each field's cells, with their raw values and A1 places.

Nothing here is normalised. Values are what openpyxl read (text, number, date, bool), formulas
are flagged, never evaluated. These objects cross a process boundary, so they are plain,
picklable dataclasses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from systematise.schema.lang import FocalLang
from systematise.schema.problems import Problem

CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta | None


@dataclass(frozen=True)
class RawCell:
    """One cell: its A1 coordinate, its value, its number format, whether it held a formula."""

    cell: str
    value: CellValue = None
    number_format: str | None = None
    formula: bool = False

    @property
    def empty(self) -> bool:
        if self.formula:
            return False
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass(frozen=True)
class RawRow:
    """One initiative row: for each field key, one cell per slot column present, in slot order."""

    row: int
    cells: dict[str, tuple[RawCell, ...]]
    #: The stable ID the row carries in the template's ID column, if any, and that cell.
    given_id: str | None = None
    id_cell: str | None = None

    @property
    def empty(self) -> bool:
        return all(cell.empty for cells in self.cells.values() for cell in cells)


@dataclass(frozen=True)
class RawWorkbook:
    """One workbook as read. ``usable`` is False when only ``problems`` can be reported."""

    file: str
    usable: bool
    template_lang: FocalLang | None = None
    template_version: str | None = None
    #: The cycle stamped in the template (``systematise_cycle``), if any.
    template_cycle: str | None = None
    epoch_1904: bool = False
    submission_sheet: str | None = None
    initiatives_sheet: str | None = None
    #: Submission form: field key → its answer cell (column C of the field's row).
    header: dict[str, RawCell] = field(default_factory=dict)
    rows: tuple[RawRow, ...] = ()
    #: Workbook-level problems found while reading (unknown columns, merged cells...).
    problems: tuple[Problem, ...] = ()
