"""Map a workbook's cells to field keys, by the machine keys the template recorded.

Runs inside the sandbox (:mod:`systematise.read.sandbox`), after the archive checks. Only cells
that exist are visited (never the rectangle a sheet declares). Columns are found by the keys in
the hidden key row, wherever they are; the submission form by the keys in its hidden column A.
Merged cells give their value to every row they cover (with a warning); hidden rows are read
like any other; a formula is flagged, never evaluated.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from systematise.config import LimitSettings
from systematise.read.raw import CellValue, RawCell, RawRow, RawWorkbook
from systematise.schema.lang import Lang, is_lang
from systematise.schema.problems import Problem, Severity, problem
from systematise.template import layout

#: How far down a sheet the key row (and how far the form's keys) may have been pushed.
_KEY_ROW_SEARCH = 10
_FORM_SEARCH = 80
_MIN_KEYS = 3

_Cells = dict[int, dict[int, Any]]  # row → column → openpyxl cell


class SheetTooLarge(Exception):  # noqa: N818 - a signal for the sandbox, not an error to show
    """A sheet holds cells beyond the limits."""


def _by_row(sheet: Any, limits: LimitSettings) -> _Cells:
    rows: _Cells = defaultdict(dict)
    for (row, column), cell in sheet._cells.items():
        if row > limits.max_rows or column > limits.max_columns:
            raise SheetTooLarge
        rows[row][column] = cell
    return rows


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    letter: str = get_column_letter(column)
    return letter


def _raw(cell: Any, limits: LimitSettings, value: Any = None, use_value: bool = False) -> RawCell:
    coordinate = f"{_letter(cell.column)}{cell.row}"
    if cell.data_type == "f":
        return RawCell(coordinate, None, None, formula=True)
    raw: CellValue = value if use_value else cell.value
    if isinstance(raw, str) and len(raw) > limits.max_cell_chars:
        raw = raw[: limits.max_cell_chars + 1]
    elif raw is not None and not isinstance(
        raw, str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta
    ):
        raw = str(raw)
    number_format = cell.number_format if isinstance(raw, int | float | dt.date) else None
    return RawCell(coordinate, raw, number_format)


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def _meta(workbook: Any) -> dict[str, str]:
    """Version stamps from the meta sheet, else from the custom document properties."""
    found: dict[str, str] = {}
    if layout.META_SHEET in workbook.sheetnames:
        sheet = workbook[layout.META_SHEET]
        for (row, column), cell in sheet._cells.items():
            if column == 1 and row <= 50:
                value = sheet._cells.get((row, 2))
                found[_text(cell.value)] = _text(value.value if value is not None else None)
    for prop in getattr(workbook, "custom_doc_props", ()):
        found.setdefault(str(prop.name), _text(prop.value))
    return found


def _version_tuple(version: str) -> tuple[int, ...] | None:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return None


def _version_problem(file: str, found: str) -> Problem | None:
    current = layout.TEMPLATE_VERSION
    if found == current:
        return None
    if found in layout.READABLE_TEMPLATE_VERSIONS:
        return problem("template_version_old", file=file, found=found, current=current)
    mine, theirs = _version_tuple(current), _version_tuple(found)
    if mine is not None and theirs is not None and theirs > mine:
        return problem("template_version_newer", file=file, found=found, current=current)
    return problem("template_version_unsupported", file=file, found=found, current=current)


def _initiative_keys() -> dict[str, layout.Column]:
    return {column.key: column for column in layout.initiative_columns()}


def _form_keys() -> dict[str, layout.Column]:
    return {column.key: column for column in layout.submission_rows()}


def _find_key_row(cells: _Cells, keys: Iterable[str]) -> int | None:
    known = set(keys)
    for row in sorted(r for r in cells if r <= _KEY_ROW_SEARCH):
        if sum(_text(c.value) in known for c in cells[row].values()) >= _MIN_KEYS:
            return row
    return None


def _form_column_rows(cells: _Cells, keys: Iterable[str]) -> dict[str, int] | None:
    known = set(keys)
    rows: dict[str, int] = {}
    for row in sorted(r for r in cells if r <= _FORM_SEARCH):
        cell = cells[row].get(layout.FORM_KEY_COLUMN)
        key = _text(cell.value) if cell is not None else ""
        if key in known and key not in rows:
            rows[key] = row
    return rows if len(rows) >= _MIN_KEYS else None


def _label(column: layout.Column) -> tuple[str, str]:
    return column.spec.label_es, column.spec.label_en


class _Reader:
    def __init__(self, workbook: Any, file: str, limits: LimitSettings) -> None:
        self.workbook = workbook
        self.file = file
        self.limits = limits
        self.problems: list[Problem] = []
        self.cells = {title: _by_row(workbook[title], limits) for title in workbook.sheetnames}

    def template_lang(self, meta: dict[str, str]) -> Lang | None:
        lang = meta.get(layout.PROPERTY_LANG, "")
        if is_lang(lang):
            return lang
        for candidate in ("es", "en"):
            if layout.SHEET_NAMES["initiatives"][candidate] in self.workbook.sheetnames:
                return candidate
        return None

    def find_initiatives(self) -> tuple[str, int] | None:
        keys = _initiative_keys()
        ordered = sorted(
            self.workbook.sheetnames,
            key=lambda t: t not in layout.SHEET_NAMES["initiatives"].values(),
        )
        for title in ordered:
            row = _find_key_row(self.cells[title], keys)
            if row is not None:
                return title, row
        return None

    def find_form(self) -> tuple[str, dict[str, int]] | None:
        keys = _form_keys()
        for title in self.workbook.sheetnames:
            if title == layout.META_SHEET:
                continue
            rows = _form_column_rows(self.cells[title], keys)
            if rows is not None:
                return title, rows
        return None

    def read_form(self, title: str, rows: dict[str, int]) -> dict[str, RawCell]:
        sheet_cells = self.cells[title]
        header: dict[str, RawCell] = {}
        for key, column in _form_keys().items():
            row = rows.get(key)
            if row is None:
                severity = Severity.ERROR if column.spec.required else Severity.WARNING
                self.problems.append(
                    problem(
                        "missing_column",
                        file=self.file,
                        sheet=title,
                        field=key,
                        label=_label(column),
                        severity=severity,
                    )
                )
                continue
            cell = sheet_cells[row].get(layout.FORM_VALUE_COLUMN)
            coordinate = f"{_letter(layout.FORM_VALUE_COLUMN)}{row}"
            header[key] = _raw(cell, self.limits) if cell is not None else RawCell(coordinate)
        return header

    def read_initiatives(self, title: str, key_row: int) -> tuple[RawRow, ...]:
        sheet = self.workbook[title]
        sheet_cells = self.cells[title]
        header_row, first_row = key_row + 1, key_row + 2
        known = _initiative_keys()
        columns: dict[int, layout.Column] = {}
        for column_number, cell in sorted(sheet_cells[key_row].items()):
            key = _text(cell.value)
            if key in known and known[key] not in columns.values():
                columns[column_number] = known[key]
        self._missing_columns(title, known, columns)
        self._unknown_columns(title, sheet_cells, columns, key_row, header_row, first_row)
        merged = self._merged(sheet, title, columns, first_row)
        data_rows = sorted({r for r in sheet_cells if r >= first_row} | {r for r, _ in merged})
        rows: list[RawRow] = []
        for row in data_rows:
            fields: dict[str, list[RawCell]] = defaultdict(list)
            for column_number, column in sorted(columns.items(), key=lambda item: item[1].slot):
                cell = sheet_cells.get(row, {}).get(column_number)
                if (row, column_number) in merged:
                    anchor = merged[(row, column_number)]
                    raw = _raw(anchor, self.limits)
                    raw = RawCell(
                        f"{_letter(column_number)}{row}", raw.value, raw.number_format, raw.formula
                    )
                elif cell is not None:
                    raw = _raw(cell, self.limits)
                else:
                    raw = RawCell(f"{_letter(column_number)}{row}")
                fields[column.spec.key].append(raw)
            record = RawRow(row, {key: tuple(cells) for key, cells in fields.items()})
            if not record.empty:
                rows.append(record)
        return tuple(rows)

    def _missing_columns(
        self, title: str, known: dict[str, layout.Column], columns: dict[int, layout.Column]
    ) -> None:
        present = {column.key for column in columns.values()}
        for key, column in known.items():
            if key in present:
                continue
            required = column.spec.required and column.slot == 1
            self.problems.append(
                problem(
                    "missing_column",
                    file=self.file,
                    sheet=title,
                    field=column.spec.key,
                    label=_label(column),
                    severity=Severity.ERROR if required else Severity.WARNING,
                )
            )

    def _unknown_columns(
        self,
        title: str,
        sheet_cells: _Cells,
        columns: dict[int, layout.Column],
        key_row: int,
        header_row: int,
        first_row: int,
    ) -> None:
        used: set[int] = set()
        for row, row_cells in sheet_cells.items():
            if row < first_row:
                continue
            for column_number, cell in row_cells.items():
                if column_number not in columns and (cell.data_type == "f" or _text(cell.value)):
                    used.add(column_number)
        for column_number in sorted(used):
            header_cell = sheet_cells.get(header_row, {}).get(column_number)
            key_cell = sheet_cells.get(key_row, {}).get(column_number)
            header = _text(header_cell.value if header_cell is not None else None)
            header = header or _text(key_cell.value if key_cell is not None else None)
            letter = _letter(column_number)
            self.problems.append(
                problem(
                    "unknown_column",
                    file=self.file,
                    sheet=title,
                    cell=f"{letter}{header_row}",
                    header=(header or letter)[:80],
                )
            )

    def _merged(
        self, sheet: Any, title: str, columns: dict[int, layout.Column], first_row: int
    ) -> dict[tuple[int, int], Any]:
        """(row, column) → anchor cell, for cells of data rows covered by a merged range."""
        covered: dict[tuple[int, int], Any] = {}
        for cell_range in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
            if cell_range.max_row < first_row:
                continue
            if cell_range.max_row - cell_range.min_row > self.limits.max_rows:
                raise SheetTooLarge
            anchor = sheet._cells.get((cell_range.min_row, cell_range.min_col))
            column = columns.get(cell_range.min_col)
            self.problems.append(
                problem(
                    "merged_cells",
                    file=self.file,
                    sheet=title,
                    cell=f"{_letter(cell_range.min_col)}{cell_range.min_row}",
                    row=cell_range.min_row,
                    field=column.spec.key if column is not None else None,
                    label=_label(column) if column is not None else None,
                    range=cell_range.coord,
                )
            )
            if anchor is None or cell_range.min_row < first_row:
                continue
            for row in range(cell_range.min_row + 1, cell_range.max_row + 1):
                covered[(row, cell_range.min_col)] = anchor
        return covered


def read_workbook(path: Path, file: str, limits: LimitSettings) -> RawWorkbook:
    """The raw cells of the workbook at ``path`` (``file`` is the name used in problems)."""
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(
            path, read_only=False, data_only=False, keep_vba=False, keep_links=False
        )
    reader = _Reader(workbook, file, limits)
    meta = _meta(workbook)
    lang = reader.template_lang(meta)
    version = meta.get(layout.PROPERTY_TEMPLATE_VERSION) or None
    base = RawWorkbook(file=file, usable=False, template_lang=lang, template_version=version)
    if version is not None:
        version_problem = _version_problem(file, version)
        if version_problem is not None:
            reader.problems.append(version_problem)
            if version_problem.severity == Severity.ERROR:
                return _with(base, reader.problems)
    initiatives = reader.find_initiatives()
    form = reader.find_form()
    names = layout.SHEET_NAMES
    if initiatives is None:
        expected = names["initiatives"][lang or "es"]
        reader.problems.append(problem("not_a_template", file=file, sheet=expected))
        return _with(base, reader.problems)
    header: dict[str, RawCell] = {}
    if form is None:
        expected = names["submission"][lang or "es"]
        reader.problems.append(problem("not_a_template", file=file, sheet=expected))
    else:
        header = reader.read_form(*form)
    rows = reader.read_initiatives(*initiatives)
    return RawWorkbook(
        file=file,
        usable=True,
        template_lang=lang,
        template_version=version,
        epoch_1904=workbook.epoch == CALENDAR_MAC_1904,
        submission_sheet=form[0] if form else None,
        initiatives_sheet=initiatives[0],
        header=header,
        rows=rows,
        problems=tuple(reader.problems),
    )


def _with(base: RawWorkbook, problems: list[Problem]) -> RawWorkbook:
    return RawWorkbook(
        file=base.file,
        usable=False,
        template_lang=base.template_lang,
        template_version=base.template_version,
        problems=tuple(problems),
    )
