"""What calamine does not say about a legacy ``.xls``: where its formula cells are.

The workbook's ``Workbook`` stream (read with olefile from the compound file) is a list of BIFF
records. The globals name each sheet and where its records start (``BOUNDSHEET``); a sheet's
``FORMULA`` records give the row and column of each formula cell. Nothing else is interpreted,
and every length is checked against the stream, so a hostile file can only end the walk early.
"""

from __future__ import annotations

import struct
from pathlib import Path

_BOF, _EOF, _BOUNDSHEET, _FORMULA = 0x0809, 0x000A, 0x0085, 0x0006
_HEADER = struct.Struct("<HH")


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


def formula_cells(path: Path) -> dict[str, set[tuple[int, int]]]:
    """Sheet name → (row, column) of each formula cell, 1-based."""
    import olefile

    with olefile.OleFileIO(str(path)) as container:
        stream = "Workbook" if container.exists("Workbook") else "Book"
        data = container.openstream(stream).read()
    found: dict[str, set[tuple[int, int]]] = {}
    for kind, body in _records(data, 0):
        if kind != _BOUNDSHEET or len(body) < 6:
            continue
        name = _sheet_name(body)
        (offset,) = struct.unpack_from("<I", body, 0)
        if name is None or offset >= len(data):
            continue
        cells = found.setdefault(name, set())
        for record, content in _records(data, offset)[1:]:
            if record == _BOF:
                break
            if record == _FORMULA and len(content) >= 4:
                row, column = struct.unpack_from("<HH", content, 0)
                cells.add((row + 1, column + 1))
    return found
