"""Map a workbook's cells to field keys: by the machine keys the template recorded, else by labels.

Runs inside the sandbox (:mod:`systematise.read.sandbox`), after the archive checks, on a
:class:`~systematise.read.grid.Book` (an ``.xlsx``, ``.ods`` or ``.xls``). Only cells that exist
are visited. Columns are found by the keys in the hidden key row, wherever they are; the
submission form by the keys in its hidden column A. A workbook that lost them (rows pasted into a
fresh workbook, title rows put above the headers) is read by its header labels, in either
language and any column order, with a warning saying so; one whose headers match neither gets a
problem naming what is missing. Merged cells give their value to every row they cover (with a
warning); hidden rows are read like any other; a formula is flagged, never evaluated.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from systematise.config import LimitSettings
from systematise.i18n import N_
from systematise.read.archive import sniff_format
from systematise.read.grid import Book, Format, GridCell, Merge, Sheet, SheetTooLarge, load_book
from systematise.read.raw import RawCell, RawRow, RawWorkbook
from systematise.schema.lang import FOCAL_LANGS, FocalLang, is_focal_lang
from systematise.schema.problems import Problem, Severity, in_every_lang, problem
from systematise.schema.vocabulary import fold
from systematise.template import layout

__all__ = ["SheetTooLarge", "read_workbook"]

#: How far down a sheet the key row (and how far the form's keys) may have been pushed.
_KEY_ROW_SEARCH = 10
_FORM_SEARCH = 80
_MIN_KEYS = 3
#: How far down the header row may be when there is no key row (title rows above it).
_LABEL_ROW_SEARCH = 30
_FORM_LABEL_COLUMNS = 10
_FORMAT_NAMES: dict[Format, str] = {
    Format.ODS: N_("a LibreOffice (.ods)"),
    Format.XLS: N_("an Excel 97-2003 (.xls)"),
}
#: Sheets the checker itself adds to an annotated copy: never data.
_PROBLEM_SHEET_PREFIXES = ("problemas", "problems", "problèmes")


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    letter: str = get_column_letter(column)
    return letter


def _raw(cell: GridCell, limits: LimitSettings, coordinate: str | None = None) -> RawCell:
    coordinate = coordinate or f"{_letter(cell.column)}{cell.row}"
    if cell.formula:
        return RawCell(coordinate, None, None, formula=True)
    raw = cell.value
    if isinstance(raw, str) and len(raw) > limits.max_cell_chars:
        raw = raw[: limits.max_cell_chars + 1]
    number_format = cell.number_format if isinstance(raw, int | float | dt.date) else None
    return RawCell(coordinate, raw, number_format)


def _text(value: object) -> str:
    return str(value).strip() if value is not None else ""


def _label_key(text: object) -> str:
    """A header or form label as a matching key: no required mark, case or accents."""
    return fold(_text(text).removesuffix("*"))


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


def _column_labels() -> dict[str, list[layout.Column]]:
    """Header key → the initiative columns it can name, in slot order.

    A header is recognised as the template writes it in either language ("Área temática 2",
    "Title *"), and a multi-value field's label alone ("Área temática") names its next slot.
    """
    found: dict[str, list[layout.Column]] = defaultdict(list)
    for column in layout.initiative_columns():
        for lang in FOCAL_LANGS:
            for text in (column.header(lang), column.spec.label(lang)):
                bucket = found[_label_key(text)]
                if column not in bucket:
                    bucket.append(column)
    return found


def _form_labels() -> dict[str, layout.Column]:
    return {
        _label_key(text): column
        for column in layout.submission_rows()
        for lang in FOCAL_LANGS
        for text in (column.header(lang), column.spec.label(lang))
    }


def _find_key_row(sheet: Sheet, keys: Iterable[str]) -> int | None:
    known = set(keys)
    for row in sorted(r for r in sheet.rows if r <= _KEY_ROW_SEARCH):
        if sum(_text(c.value) in known for c in sheet.rows[row].values()) >= _MIN_KEYS:
            return row
    return None


def _columns_by_labels(sheet: Sheet, row: int) -> dict[int, layout.Column]:
    labels = _column_labels()
    columns: dict[int, layout.Column] = {}
    for column_number, cell in sorted(sheet.rows.get(row, {}).items()):
        for candidate in labels.get(_label_key(cell.value), ()):
            if candidate not in columns.values():
                columns[column_number] = candidate
                break
    return columns


def _find_label_row(sheet: Sheet) -> tuple[int, dict[int, layout.Column]] | None:
    """The row whose cells name the most template columns (at least a few), near the top."""
    best: tuple[int, dict[int, layout.Column]] | None = None
    for row in sorted(r for r in sheet.rows if r <= _LABEL_ROW_SEARCH):
        columns = _columns_by_labels(sheet, row)
        if len(columns) >= _MIN_KEYS and (best is None or len(columns) > len(best[1])):
            best = (row, columns)
    return best


def _form_column_rows(sheet: Sheet, keys: Iterable[str]) -> dict[str, int] | None:
    known = set(keys)
    rows: dict[str, int] = {}
    for row in sorted(r for r in sheet.rows if r <= _FORM_SEARCH):
        cell = sheet.cell(row, layout.FORM_KEY_COLUMN)
        key = _text(cell.value) if cell is not None else ""
        if key in known and key not in rows:
            rows[key] = row
    return rows if len(rows) >= _MIN_KEYS else None


def _form_by_labels(sheet: Sheet) -> dict[str, tuple[int, int]] | None:
    """Field key → (row, column) of its answer: the cell right of its label."""
    labels = _form_labels()
    found: dict[str, tuple[int, int]] = {}
    for row in sorted(r for r in sheet.rows if r <= _FORM_SEARCH):
        for column_number, cell in sorted(sheet.rows[row].items()):
            if column_number > _FORM_LABEL_COLUMNS:
                break
            column = labels.get(_label_key(cell.value))
            if column is not None and column.key not in found:
                found[column.key] = (row, column_number + 1)
    return found if len(found) >= _MIN_KEYS else None


def _labels_lang(sheet: Sheet, row: int) -> FocalLang | None:
    """The language most of a header row's labels are written in, if one clearly is."""
    texts = {_label_key(cell.value) for cell in sheet.rows.get(row, {}).values()}
    return layout.labels_lang(texts.__contains__)


def _id_by_label(sheet: Sheet, row: int) -> int | None:
    headers = {_label_key(text) for text in layout.ID_HEADERS.values()}
    for column_number, cell in sorted(sheet.rows.get(row, {}).items()):
        if _label_key(cell.value) in headers:
            return column_number
    return None


def _label(column: layout.Column) -> Mapping[str, str]:
    return column.spec.labels


def _is_problem_sheet(title: str) -> bool:
    return title.casefold().startswith(_PROBLEM_SHEET_PREFIXES)


def _examples(columns: Iterable[layout.Column], lang: FocalLang) -> str:
    """The first required headers of ``columns``, quoted as the message's language does."""
    headers = [column.header(lang) for column in columns if column.spec.required][:3]
    return ", ".join(_QUOTES[lang].format(header) for header in headers)


#: How each language quotes a header in a message.
_QUOTES: dict[FocalLang, str] = {"es": "«{}»", "en": "'{}'", "pt": "“{}”", "fr": "«\u00a0{}\u00a0»"}


def _in_every_lang(
    columns: tuple[layout.Column, ...], sheet: dict[FocalLang, str], lang: FocalLang | None
) -> dict[str, str | int]:
    """The ``sheet`` and ``examples`` parameters of a problem, in every language: the sheet
    named as the workbook names it when its language is known."""
    params: dict[str, str | int] = {}
    for each in FOCAL_LANGS:
        params[f"sheet_{each}"] = sheet[lang or each]
        params[f"examples_{each}"] = _examples(columns, each)
    return params


class _Initiatives:
    """Where the initiatives are: their sheet, header row and columns; key row if there is one."""

    def __init__(
        self,
        title: str,
        header_row: int,
        columns: dict[int, layout.Column],
        by_labels: bool,
        id_column: int | None,
    ) -> None:
        self.title = title
        self.header_row = header_row
        self.columns = columns
        self.by_labels = by_labels
        self.id_column = id_column


class _Reader:
    def __init__(self, book: Book, file: str, limits: LimitSettings) -> None:
        self.book = book
        self.file = file
        self.limits = limits
        self.problems: list[Problem] = []

    def template_lang(self) -> FocalLang | None:
        lang = self.book.meta.get(layout.PROPERTY_LANG, "")
        if is_focal_lang(lang):
            return lang
        for candidate in FOCAL_LANGS:
            if layout.SHEET_NAMES["initiatives"][candidate] in self.book.sheets:
                return candidate
        return None

    def _ordered(self, kind: str) -> list[Sheet]:
        named = layout.SHEET_NAMES[kind].values()
        lists = layout.SHEET_NAMES["lists"].values()  # the template's vocabularies, never data
        return sorted(
            (
                sheet
                for title, sheet in self.book.sheets.items()
                if title != layout.META_SHEET
                and not _is_problem_sheet(title)
                and title not in lists
            ),
            key=lambda sheet: sheet.title not in named,
        )

    def find_initiatives(self) -> _Initiatives | None:
        keys = _initiative_keys()
        sheets = self._ordered("initiatives")
        for sheet in sheets:
            key_row = _find_key_row(sheet, keys)
            if key_row is not None:
                columns: dict[int, layout.Column] = {}
                id_column: int | None = None
                for column_number, cell in sorted(sheet.rows[key_row].items()):
                    key = _text(cell.value)
                    if key in keys and keys[key] not in columns.values():
                        columns[column_number] = keys[key]
                    elif key == layout.ID_KEY and id_column is None:
                        id_column = column_number
                return _Initiatives(sheet.title, key_row + 1, columns, False, id_column)
        found: _Initiatives | None = None
        for sheet in sheets:
            labelled = _find_label_row(sheet)
            if labelled is not None and (found is None or len(labelled[1]) > len(found.columns)):
                row, columns = labelled
                found = _Initiatives(sheet.title, row, columns, True, _id_by_label(sheet, row))
        if found is not None:
            self.problems.append(
                problem(
                    "read_by_labels",
                    file=self.file,
                    sheet=found.title,
                    cell=f"A{found.header_row}",
                    row=found.header_row,
                )
            )
        return found

    def find_form(self, initiatives: str | None) -> tuple[str, dict[str, tuple[int, int]]] | None:
        keys = _form_keys()
        sheets = [sheet for sheet in self._ordered("submission") if sheet.title != initiatives]
        for sheet in sheets:
            rows = _form_column_rows(sheet, keys)
            if rows is not None:
                return sheet.title, {
                    key: (row, layout.FORM_VALUE_COLUMN) for key, row in rows.items()
                }
        for sheet in sheets:
            places = _form_by_labels(sheet)
            if places is not None:
                first = min(row for row, _ in places.values())
                self.problems.append(
                    problem(
                        "form_read_by_labels",
                        file=self.file,
                        sheet=sheet.title,
                        cell=f"A{first}",
                        row=first,
                    )
                )
                return sheet.title, places
        return None

    def read_form(self, title: str, places: dict[str, tuple[int, int]]) -> dict[str, RawCell]:
        sheet = self.book.sheets[title]
        header: dict[str, RawCell] = {}
        for key, column in _form_keys().items():
            place = places.get(key)
            if place is None:
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
            row, column_number = place
            cell = sheet.cell(row, column_number)
            coordinate = f"{_letter(column_number)}{row}"
            header[key] = _raw(cell, self.limits) if cell is not None else RawCell(coordinate)
        return header

    def read_initiatives(self, found: _Initiatives) -> tuple[RawRow, ...]:
        sheet = self.book.sheets[found.title]
        columns = found.columns
        header_row, first_row = found.header_row, found.header_row + 1
        key_row = None if found.by_labels else header_row - 1
        self._missing_columns(found.title, _initiative_keys(), columns)
        known = set(columns) | ({found.id_column} if found.id_column else set())
        self._unknown_columns(sheet, known, key_row, header_row, first_row)
        merged = self._merged(sheet, columns, first_row)
        data_rows = sorted({r for r in sheet.rows if r >= first_row} | {r for r, _ in merged})
        rows: list[RawRow] = []
        for row in data_rows:
            fields: dict[str, list[RawCell]] = defaultdict(list)
            for column_number, column in sorted(columns.items(), key=lambda item: item[1].slot):
                coordinate = f"{_letter(column_number)}{row}"
                cell = sheet.cell(row, column_number)
                if (row, column_number) in merged:
                    raw = _raw(merged[(row, column_number)], self.limits, coordinate)
                elif cell is not None:
                    raw = _raw(cell, self.limits)
                else:
                    raw = RawCell(coordinate)
                fields[column.spec.key].append(raw)
            record = RawRow(row, {key: tuple(cells) for key, cells in fields.items()})
            if not record.empty:
                id_cell = f"{_letter(found.id_column)}{row}" if found.id_column else None
                given_id = self._given_id(sheet, found, row)
                rows.append(replace(record, given_id=given_id, id_cell=id_cell))
        return tuple(rows)

    @staticmethod
    def _given_id(sheet: Sheet, found: _Initiatives, row: int) -> str | None:
        if found.id_column is None:
            return None
        cell = sheet.cell(row, found.id_column)
        text = _text(cell.value if cell is not None and not cell.formula else None)
        return text[:20] or None

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
        sheet: Sheet,
        columns: set[int],
        key_row: int | None,
        header_row: int,
        first_row: int,
    ) -> None:
        used: set[int] = set()
        for row, row_cells in sheet.rows.items():
            if row < first_row:
                continue
            for column_number, cell in row_cells.items():
                if column_number not in columns and (cell.formula or _text(cell.value)):
                    used.add(column_number)
        for column_number in sorted(used):
            header_cell = sheet.cell(header_row, column_number)
            key_cell = sheet.cell(key_row, column_number) if key_row is not None else None
            header = _text(header_cell.value if header_cell is not None else None)
            header = header or _text(key_cell.value if key_cell is not None else None)
            letter = _letter(column_number)
            self.problems.append(
                problem(
                    "unknown_column",
                    file=self.file,
                    sheet=sheet.title,
                    cell=f"{letter}{header_row}",
                    header=(header or letter)[:80],
                )
            )

    def _merged(
        self, sheet: Sheet, columns: dict[int, layout.Column], first_row: int
    ) -> dict[tuple[int, int], GridCell]:
        """(row, column) → anchor cell, for cells of data rows covered by a merged range."""
        covered: dict[tuple[int, int], GridCell] = {}
        for merge in sorted(sheet.merged, key=lambda m: (m.min_row, m.min_col)):
            if merge.max_row < first_row:
                continue
            if merge.max_row - merge.min_row > self.limits.max_rows:
                raise SheetTooLarge
            anchor = sheet.cell(merge.min_row, merge.min_col)
            column = columns.get(merge.min_col)
            self.problems.append(_merged_problem(self.file, sheet.title, merge, column))
            if anchor is None or merge.min_row < first_row:
                continue
            for row in range(merge.min_row + 1, merge.max_row + 1):
                covered[(row, merge.min_col)] = anchor
        return covered


def _merged_problem(file: str, title: str, merge: Merge, column: layout.Column | None) -> Problem:
    return problem(
        "merged_cells",
        file=file,
        sheet=title,
        cell=f"{_letter(merge.min_col)}{merge.min_row}",
        row=merge.min_row,
        field=column.spec.key if column is not None else None,
        label=_label(column) if column is not None else None,
        range=merge.coord,
    )


def read_workbook(path: Path, file: str, limits: LimitSettings) -> RawWorkbook:
    """The raw cells of the workbook at ``path`` (``file`` is the name used in problems)."""
    kind = sniff_format(path)
    if kind is None:
        raise ValueError("not a workbook")  # the archive checks let nothing else through
    book = load_book(path, kind, limits)
    reader = _Reader(book, file, limits)
    if kind != Format.XLSX:
        reader.problems.append(
            problem(
                "annotated_as_xlsx",
                file=file,
                per_lang=in_every_lang("format", _FORMAT_NAMES[kind]),
            )
        )
    lang = reader.template_lang()
    version = book.meta.get(layout.PROPERTY_TEMPLATE_VERSION) or None
    cycle = book.meta.get(layout.PROPERTY_CYCLE) or None
    base = RawWorkbook(
        file=file, usable=False, template_lang=lang, template_version=version, template_cycle=cycle
    )
    if version is not None:
        version_problem = _version_problem(file, version)
        if version_problem is not None:
            reader.problems.append(version_problem)
            if version_problem.severity == Severity.ERROR:
                return _with(base, reader.problems)
    initiatives = reader.find_initiatives()
    names = layout.SHEET_NAMES
    if initiatives is None:
        reader.problems.append(
            problem(
                "columns_not_recognised",
                file=file,
                per_lang=_in_every_lang(layout.initiative_columns(), names["initiatives"], lang),
            )
        )
        return _with(base, reader.problems)
    if lang is None and initiatives.by_labels:
        lang = _labels_lang(book.sheets[initiatives.title], initiatives.header_row)
    form = reader.find_form(initiatives.title)
    header: dict[str, RawCell] = {}
    if form is None:
        reader.problems.append(
            problem(
                "form_not_recognised",
                file=file,
                per_lang=_in_every_lang(layout.submission_rows(), names["submission"], lang),
            )
        )
    else:
        header = reader.read_form(*form)
    rows = reader.read_initiatives(initiatives)
    return RawWorkbook(
        file=file,
        usable=True,
        template_lang=lang,
        template_version=version,
        template_cycle=cycle,
        epoch_1904=book.epoch_1904,
        submission_sheet=form[0] if form else None,
        initiatives_sheet=initiatives.title,
        header=header,
        rows=tuple(rows),
        problems=tuple(reader.problems),
    )


def _with(base: RawWorkbook, problems: list[Problem]) -> RawWorkbook:
    return RawWorkbook(
        file=base.file,
        usable=False,
        template_lang=base.template_lang,
        template_version=base.template_version,
        template_cycle=base.template_cycle,
        problems=tuple(problems),
    )
