"""Saving workbooks: reproducible bytes.

openpyxl stamps the save time into the document properties and into every zip entry, so two
saves of the same workbook differ. :func:`workbook_bytes` fixes both to a given moment, which
makes regenerated templates and sample workbooks byte-identical when nothing changed.
Writing them to disk is :mod:`systematise.atomic`'s job.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

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
