"""Saving workbooks: reproducible bytes and atomic writes.

openpyxl stamps the save time into the document properties and into every zip entry, so two
saves of the same workbook differ. :func:`workbook_bytes` fixes both to a given moment, which
makes regenerated templates and sample workbooks byte-identical when nothing changed.
:func:`write_atomic` writes to a temporary file in the target folder and renames it, so a
failure never leaves a half-written file or destroys the previous good one.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

#: The moment stamped when none is given (zip timestamps cannot predate 1980).
DEFAULT_MOMENT = dt.datetime(2025, 1, 1)


def workbook_bytes(workbook: Workbook, moment: dt.datetime | None = None) -> bytes:
    """The ``.xlsx`` file of ``workbook``, created and modified at ``moment``."""
    moment = (moment or DEFAULT_MOMENT).replace(tzinfo=None, microsecond=0)
    workbook.properties.created = moment
    workbook.properties.modified = moment
    raw = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook() would overwrite ``modified`` with now.
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    return _restamp(raw.getvalue(), moment)


def _restamp(data: bytes, moment: dt.datetime) -> bytes:
    """The same archive with every entry dated ``moment``."""
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(0o644)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
