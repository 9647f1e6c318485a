"""Atomic file writes, for every output of every stage: a temporary file beside the target, then a
rename.

A failure (an exception, a killed process) never leaves a half-written file and never destroys
the previous good one: readers see either the old file or the new one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(target: Path, mode: int = 0o644) -> Iterator[Path]:
    """A temporary path beside ``target``; renamed onto ``target`` (with ``mode``) when the
    block succeeds.

    For writers that want a file name (openpyxl, pandoc) rather than a stream.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        temporary.chmod(mode)
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)


def write_bytes(target: Path, data: bytes, mode: int = 0o644) -> None:
    """Write ``data`` to ``target`` atomically (readable by all unless ``mode`` says not)."""
    with atomic_path(target, mode) as temporary, temporary.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def write_text(target: Path, text: str, mode: int = 0o644) -> None:
    """Write ``text`` to ``target`` atomically, as UTF-8 with ``\\n`` line ends."""
    write_bytes(target, text.encode("utf-8"), mode)
