"""What calamine does not say about a legacy ``.xls``: where its formula cells are, and which
numbers are shown as percentages.

The workbook's ``Workbook`` stream (read with olefile from the compound file) is a list of BIFF
records. The globals name each sheet and where its records start (``BOUNDSHEET``), and give each
cell style's number format (``XF``, ``FORMAT``); a sheet's ``FORMULA`` records give the row and
column of each formula cell, its ``NUMBER``, ``RK`` and ``MULRK`` records the style of each
number. Nothing else is interpreted, and every length is checked against the stream, so a
hostile file can only end the walk early.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

_BOF, _EOF, _BOUNDSHEET, _FORMULA = 0x0809, 0x000A, 0x0085, 0x0006
_FORMAT, _XF, _NUMBER, _RK, _MULRK = 0x041E, 0x00E0, 0x0203, 0x027E, 0x00BD
_HEADER = struct.Struct("<HH")
#: Excel's built-in percent formats (0% and 0.00%).
_PERCENT_FORMATS = frozenset({9, 10})


def _records(data: bytes, start: int) -> list[tuple[int, bytes]]:
    """The records from ``start`` to the substream's end (EOF), or to the data's end."""
    records: list[tuple[int, bytes]] = []
    position = start
    while position + _HEADER.size <= len(data):
        kind, length = _HEADER.unpack_from(data, position)
        body = data[position + _HEADER.size : position + _HEADER.size + length]
        position += _HEADER.size + length
        records.append((kind, body))
        if kind == _EOF:
            break
    return records


def _sheet_name(body: bytes) -> str | None:
    if len(body) < 8:
        return None
    count, high_byte = body[6], body[7] & 0x01
    raw = body[8 : 8 + count * (2 if high_byte else 1)]
    return raw.decode("utf-16-le" if high_byte else "latin-1", errors="replace")


def _format_text(body: bytes) -> str:
    """A ``FORMAT`` record's format string (BIFF8: a 16-bit length, a flags byte)."""
    if len(body) < 5:
        return ""
    count, high_byte = struct.unpack_from("<H", body, 2)[0], body[4] & 0x01
    raw = body[5 : 5 + count * (2 if high_byte else 1)]
    return raw.decode("utf-16-le" if high_byte else "latin-1", errors="replace")


def _percent_styles(records: list[tuple[int, bytes]]) -> set[int]:
    """Indexes of the cell styles (``XF``) whose number format shows a percentage."""
    percent = set(_PERCENT_FORMATS)
    for kind, body in records:
        if kind == _FORMAT and len(body) >= 2:
            text = re.sub(r'"[^"]*"|\\.', "", _format_text(body))
            if "%" in text:
                percent.add(struct.unpack_from("<H", body, 0)[0])
    # (a style's index is its place among the XF records: a short, broken one still counts)
    styles = [
        struct.unpack_from("<H", body, 2)[0] if len(body) >= 4 else -1
        for kind, body in records
        if kind == _XF
    ]
    return {index for index, number_format in enumerate(styles) if number_format in percent}


def _styled_numbers(record: int, content: bytes) -> list[tuple[int, int, int]]:
    """(row, column, style) of each number a ``NUMBER``, ``RK`` or ``MULRK`` record holds."""
    if record in (_NUMBER, _RK) and len(content) >= 6:
        row, column, style = struct.unpack_from("<HHH", content, 0)
        return [(row, column, style)]
    if record == _MULRK and len(content) >= 6:
        row, first = struct.unpack_from("<HH", content, 0)
        count = (len(content) - 6) // 6
        return [
            (row, first + i, struct.unpack_from("<H", content, 4 + 6 * i)[0]) for i in range(count)
        ]
    return []


def scan_xls(path: Path) -> tuple[dict[str, set[tuple[int, int]]], dict[str, set[tuple[int, int]]]]:
    """Sheet name → (row, column) of each formula cell, and of each number shown as a
    percentage, 1-based."""
    import olefile

    with olefile.OleFileIO(str(path)) as container:
        stream = "Workbook" if container.exists("Workbook") else "Book"
        data = container.openstream(stream).read()
    found: dict[str, set[tuple[int, int]]] = {}
    percentages: dict[str, set[tuple[int, int]]] = {}
    globals_ = _records(data, 0)
    percent_styles = _percent_styles(globals_)
    for kind, body in globals_:
        if kind != _BOUNDSHEET or len(body) < 6:
            continue
        name = _sheet_name(body)
        (offset,) = struct.unpack_from("<I", body, 0)
        if name is None or offset >= len(data):
            continue
        cells = found.setdefault(name, set())
        shares = percentages.setdefault(name, set())
        for record, content in _records(data, offset)[1:]:
            if record == _BOF:
                break
            if record == _FORMULA and len(content) >= 4:
                row, column = struct.unpack_from("<HH", content, 0)
                cells.add((row + 1, column + 1))
            for row, column, style in _styled_numbers(record, content):
                if style in percent_styles:
                    shares.add((row + 1, column + 1))
    return found, percentages


def formula_cells(path: Path) -> dict[str, set[tuple[int, int]]]:
    """Sheet name → (row, column) of each formula cell, 1-based."""
    return scan_xls(path)[0]
