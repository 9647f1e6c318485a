"""Hostile translators' workbooks, made by code from a real export filled in as a translator would.

Byte-level makers break the archive or its XML with the builders of :mod:`tests.hostile.files`;
cell-level makers put hostile content where someone with the file could type it (formulas, huge
texts, a forged meta sheet). Every maker is a pure function of its arguments.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from systematise.config import PathSettings, Settings
from systematise.consolidate.models import Dataset
from systematise.translations import export_workbook
from systematise.translations.workbook import COLUMNS, FIRST_ROW, META_SHEET
from tests.hostile import files
from tests.hostile.files import Targets

#: The parts of a filled-in translators' workbook (openpyxl writes the sheets in order).
TEXTS_ENTRY = "xl/worksheets/sheet2.xml"
META_ENTRY = "xl/worksheets/sheet3.xml"
SHARED_STRINGS = "xl/sharedStrings.xml"
XML_PARTS = {
    "texts": TEXTS_ENTRY,
    "sharedstrings": SHARED_STRINGS,
    "workbook": "xl/workbook.xml",
    "core": "docProps/core.xml",
}


def column(key: str) -> int:
    return [name for name, _width in COLUMNS].index(key) + 1


def translation_of(entry_id: str, field: str) -> str:
    return f"TRANSLATED {entry_id} {field}\n\nSecond paragraph."


def filled_bytes(dataset: Dataset, folder: Path, lang: str = "en") -> bytes:
    """The export into ``lang``, every row translated, saved again by openpyxl."""
    path = folder / f"export-{lang}.xlsx"
    settings = Settings(paths=PathSettings(translations=folder / "unused"))
    export_workbook(dataset, settings, "en" if lang == "en" else "es", path)
    book = load_workbook(path)
    sheet = book.worksheets[1]
    for row in range(FIRST_ROW, sheet.max_row + 1):
        entry_id = sheet.cell(row=row, column=column("id")).value
        field = sheet.cell(row=row, column=column("field")).value
        text = translation_of(str(entry_id), str(field))
        sheet.cell(row=row, column=column("translation")).value = text
    return _saved(book)


def _saved(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def edited(data: bytes, change: Callable[[Workbook], None]) -> bytes:
    """``data`` opened with openpyxl, changed, saved again."""
    book = load_workbook(io.BytesIO(data))
    change(book)
    return _saved(book)


def texts_sheet(book: Workbook) -> Worksheet:
    sheet: Worksheet = book.worksheets[1]
    return sheet


def set_cell(key: str, value: str, row: int = FIRST_ROW) -> Callable[[Workbook], None]:
    """A change writing ``value`` into ``key``'s cell of a text row (``=...`` is a formula)."""

    def change(book: Workbook) -> None:
        texts_sheet(book).cell(row=row, column=column(key)).value = value

    return change


def set_meta(key: str, value: str) -> Callable[[Workbook], None]:
    def change(book: Workbook) -> None:
        meta = book[META_SHEET]
        for cells in meta.iter_rows(min_row=2):
            if cells[0].value == key:
                cells[1].value = value

    return change


def drop_column(key: str) -> Callable[[Workbook], None]:
    def change(book: Workbook) -> None:
        texts_sheet(book).delete_cols(column(key))

    return change


# --- byte level ------------------------------------------------------------------------------


def bomb(data: bytes, entry: str = TEXTS_ENTRY, megabytes: int = 40) -> bytes:
    return files.rewrite(data, {entry: lambda _old: b"\0" * (megabytes * 1024 * 1024)})


def declared_dimension(data: bytes, ref: str) -> bytes:
    def change(old: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), old)

    return files.rewrite(data, {TEXTS_ENTRY: change})


def far_cell(data: bytes, coordinate: str) -> bytes:
    """A cell at ``coordinate`` and no declared dimension (only parsing can see it)."""
    row = re.sub(r"^[A-Z]+", "", coordinate)

    def change(old: bytes) -> bytes:
        old = re.sub(rb"<dimension [^>]*/>", b"", old)
        far = f'<row r="{row}"><c r="{coordinate}" t="inlineStr"><is><t>x</t></is></c></row>'
        return old.replace(b"</sheetData>", far.encode() + b"</sheetData>")

    return files.rewrite(data, {TEXTS_ENTRY: change})


def many_entries(data: bytes, count: int = 600) -> bytes:
    return files.rewrite(data, extra={f"xl/media/pad{i}.bin": b"x" for i in range(count)})


def duplicate_entry(data: bytes) -> bytes:
    def duplicate(entries: list[zipfile.ZipInfo]) -> None:
        entries.append(copy.copy(next(i for i in entries if i.filename == TEXTS_ENTRY)))

    return files.rewrite(data, directory=duplicate)


def overlapping_entries(data: bytes) -> bytes:
    def overlap(entries: list[zipfile.ZipInfo]) -> None:
        twin = copy.copy(next(i for i in entries if i.filename == TEXTS_ENTRY))
        twin.filename = twin.orig_filename = "xl/worksheets/sheet99.xml"
        entries.append(twin)

    return files.rewrite(data, directory=overlap)


def size_lie(data: bytes, declared: int) -> bytes:
    def lie(entries: list[zipfile.ZipInfo]) -> None:
        next(i for i in entries if i.filename == TEXTS_ENTRY).file_size = declared

    return files.rewrite(data, directory=lie)


def with_shared_strings(data: bytes) -> bytes:
    """``data`` with a shared-strings part declared (openpyxl wrote the texts inline)."""
    return files._with_shared_strings(data)


def xml_attack(data: bytes, kind: str, part: str, targets: Targets) -> bytes:
    if part == "sharedstrings":
        data = with_shared_strings(data)
    return files.rewrite(data, {XML_PARTS[part]: lambda old: files.poison_xml(old, kind, targets)})
