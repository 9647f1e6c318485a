"""Laid-out parts kept between builds, so that a changed report lays out only what changed.

A part's layout depends on nothing but its HTML (which holds its content, stylesheet and the
printed page of every anchor it refers to), the page it starts on and what lays it out
(:func:`layout_salt`: WeasyPrint's version, this package's layout code, the fonts and images).
:class:`PartStore` keys each laid-out part by a hash of those and keeps it in a folder: when
one State's workbook changes, the parts of the other States, starting on the same pages, are
read back instead of laid out again. Parts not used by the last PDF are removed, so the folder
holds one PDF's parts at most.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path

from systematise.render.pdf.layout import LaidOutPart

SUFFIX = ".part"

#: Libraries whose version can change a layout.
LAYOUT_LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "fonttools", "pillow")


@cache
def layout_salt() -> str:
    """What a part's layout depends on besides its HTML: the code that lays it out, the
    libraries' versions and the assets it may load (fonts, logos, images)."""
    from systematise.pipeline.cache import tree_hash
    from systematise.render.pdf.fetcher import assets_dir

    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in LAYOUT_LIBRARIES:
        try:
            digest.update(f"{name}=={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} absent;".encode())
    for module in ("layout.py", "fetcher.py", "reuse.py"):
        digest.update((here / module).read_bytes())
    digest.update(tree_hash((assets_dir(), "assets")).encode())
    return digest.hexdigest()


class PartStore:
    """Laid-out parts in ``folder``, keyed by HTML, first page and ``salt``."""

    def __init__(self, folder: Path, salt: str | None = None) -> None:
        self.folder = folder
        self.salt = layout_salt() if salt is None else salt
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
