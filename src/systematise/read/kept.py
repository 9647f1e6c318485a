"""Workbooks read before, kept on disk: a build reads again only the files that changed.

Reading a workbook (in its sandboxed child: the archive opened, its XML parsed, its cells
walked) is most of what checking costs. Once :func:`keep_reads_in` names a folder, each file's
reading is kept there as JSON, keyed by the file's bytes and name, the reading limits and the
code that reads (this package, its reference data and the libraries' versions:
:func:`systematise.pipeline.cache.code_hash`). What is read
back is what the reader would give again; validation, which depends on the settings and the
registry, runs every time. A file that could not be read is never kept: it is read again.

A reading holds everything the workbook says, the focal point's name, e-mail and telephone
among it: the build keeps readings in the user's cache folder (one folder per output folder,
:func:`systematise.build.build`), never beside the published files, the folders are made
readable by their owner only, and a folder unused for :data:`UNUSED_DAYS` days is removed.

The JSON is typed back through pydantic; the dates, times and durations a cell may hold are
tagged, so that a date typed in a cell comes back a date, never the text of one. An entry that
cannot be read back (a cache folder edited by hand, a disk error) is read from the workbook
again; the folder keeps only the entries of the last build's files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from systematise.read.raw import RawWorkbook

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from systematise.config import LimitSettings

_kept: list[Path] = []
_TAG = "$type"
_TYPES: dict[str, type[dt.datetime] | type[dt.date] | type[dt.time]] = {
    "datetime": dt.datetime,
    "date": dt.date,
    "time": dt.time,
}


def keep_reads_in(folder: Path | None) -> None:
    """Keep the workbooks read from now on in ``folder`` (None: keep nothing, the default)."""
    _kept[:] = [] if folder is None else [folder]


@cache
def _adapter() -> TypeAdapter[RawWorkbook]:
    from pydantic import TypeAdapter

    return TypeAdapter(RawWorkbook)


def read_key(path: Path, limits: LimitSettings) -> str | None:
    """The key of ``path``'s reading, or None when no folder keeps readings."""
    if not _kept:
        return None
    from systematise.pipeline.cache import code_hash

    try:
        digest = hashlib.sha256(path.read_bytes())
    except OSError:  # reported when the file is read
        return None
    for part in (path.name, limits.model_dump_json(), code_hash()):
        digest.update(b"\0" + part.encode("utf-8"))
    return digest.hexdigest()


def kept_read(key: str | None) -> RawWorkbook | None:
    """The reading kept under ``key``, if any and sound."""
    if key is None or not _kept:
        return None
    try:
        stored = json.loads((_kept[0] / f"{key}.json").read_text(encoding="utf-8"))
        return _adapter().validate_python(_untagged(stored))
    except (OSError, ValueError):  # pydantic's ValidationError is a ValueError
        return None


def keep_read(key: str | None, workbook: RawWorkbook) -> None:
    """Keep ``workbook`` under ``key`` (a folder that cannot be written only costs time)."""
    if key is None or not _kept:
        return
    from systematise.atomic import write_text

    text = json.dumps(_tagged(_adapter().dump_python(workbook)), ensure_ascii=False)
    with contextlib.suppress(OSError):
        _private_folder(_kept[0])
        write_text(_kept[0] / f"{key}.json", text)


def _private_folder(folder: Path) -> None:
    """``folder`` and its parent, made if missing, open to their owner only."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    for each in (folder.parent, folder):
        each.mkdir(mode=0o700, exist_ok=True)
        if each.stat().st_mode & 0o077:
            each.chmod(0o700)


def forget_others(keys: Iterable[str | None]) -> None:
    """Remove the kept readings other than ``keys`` (those of files no longer submitted)."""
    if not _kept:
        return
    wanted = {f"{key}.json" for key in keys if key is not None}
    with contextlib.suppress(OSError):
        for entry in _kept[0].glob("*.json"):
            if entry.name not in wanted:
                entry.unlink(missing_ok=True)


#: A folder of readings not used for this long is removed by the next build (its output folder
#: is gone or unused): the readings hold personal data and are kept no longer than needed.
UNUSED_DAYS = 30


def forget_unused_folders(root: Path, used: Path, days: int = UNUSED_DAYS) -> None:
    """Remove the folders of readings under ``root`` other than ``used`` not written to for
    ``days`` days."""
    from systematise.resources import forget_older

    with contextlib.suppress(OSError):
        if used.is_dir():
            os.utime(used)  # used now, even if nothing in it changes
    forget_older(root, days, keep=used)


def _tagged(value: Any) -> Any:
    """``value`` with each date, time and duration as ``{"$type": kind, "value": text}``."""
    if isinstance(value, dict):
        return {key: _tagged(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_tagged(item) for item in value]
    if isinstance(value, dt.timedelta):
        return {_TAG: "timedelta", "value": [value.days, value.seconds, value.microseconds]}
    for name, kind in _TYPES.items():  # datetime first: a datetime is also a date
        if isinstance(value, kind):
            return {_TAG: name, "value": value.isoformat()}
    return value


def _untagged(value: Any) -> Any:
    if isinstance(value, list):
        return [_untagged(item) for item in value]
    if not isinstance(value, dict):
        return value
    if set(value) == {_TAG, "value"}:
        kind, text = value[_TAG], value["value"]
        if kind == "timedelta" and isinstance(text, list) and len(text) == 3:
            days, seconds, microseconds = (int(part) for part in text)
            return dt.timedelta(days, seconds, microseconds)
        if kind in _TYPES and isinstance(text, str):
            return _TYPES[kind].fromisoformat(text)
        raise ValueError(f"unknown kept value: {kind!r}")
    return {key: _untagged(item) for key, item in value.items()}
