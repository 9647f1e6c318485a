"""Laid-out parts kept between builds, so that a changed report lays out only what changed.

A part's layout depends on nothing but its HTML (which holds its content, stylesheet and the
printed page of every anchor it refers to), the page it starts on and the code that lays it out
(WeasyPrint's version, the fonts). :class:`PartStore` keys each laid-out part by a hash of those
and keeps it in a folder: when one State's workbook changes, the parts of the other States,
starting on the same pages, are read back instead of laid out again. Parts not used by the last
PDF are removed, so the folder holds one PDF's parts at most.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from systematise.render.pdf.layout import LaidOutPart

SUFFIX = ".part"


class PartStore:
    """Laid-out parts in ``folder``, keyed by HTML, first page and ``salt`` (the code's hash)."""

    def __init__(self, folder: Path, salt: str) -> None:
        self.folder = folder
        self.salt = salt
        self.used: set[str] = set()
        self.reused = 0
        self.laid_out = 0

    def key(self, html: str, first_page: int) -> str:
        digest = hashlib.sha256(f"{self.salt}\0{first_page}\0".encode())
        digest.update(html.encode("utf-8"))
        return digest.hexdigest()

    def get(self, key: str) -> LaidOutPart | None:
        self.used.add(key)
        try:
            part = pickle.loads((self.folder / (key + SUFFIX)).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return None
        if not isinstance(part, LaidOutPart):
            return None
        self.reused += 1
        return part

    def put(self, key: str, part: LaidOutPart) -> None:
        self.used.add(key)
        self.laid_out += 1
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(handle, "wb") as stream:
                    pickle.dump(part, stream, protocol=pickle.HIGHEST_PROTOCOL)
                Path(name).replace(self.folder / (key + SUFFIX))
            except BaseException:
                Path(name).unlink(missing_ok=True)
                raise

    def prune(self) -> None:
        """Remove the parts this PDF did not use (and temporary files left by a killed build)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name.endswith(".tmp") or (path.suffix == SUFFIX and path.stem not in self.used):
                path.unlink(missing_ok=True)
