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
import json
from functools import cache
from importlib import metadata
from pathlib import Path

from systematise.atomic import write_bytes
from systematise.render.pdf.layout import Bookmark, LaidOutPart, Place

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
    """Laid-out parts in ``folder``, keyed by HTML, first page and ``salt``.

    A part is kept as two files: its PDF (``<key>.pdf``) and what the joining needs to know of
    it (``<key>.json``: pages, anchors, bookmarks). The same content as the published PDF, and
    nothing that is executed when read back.
    """

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
            facts = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            pdf = (self.folder / f"{key}.pdf").read_bytes()
            part = LaidOutPart(
                pdf=pdf,
                pages=int(facts["pages"]),
                anchors={name: _place(place) for name, place in facts["anchors"].items()},
                bookmarks=[
                    Bookmark(int(level), str(label), _place(place), bool(closed))
                    for level, label, place, closed in facts["bookmarks"]
                ],
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        if hashlib.sha256(pdf).hexdigest() != facts.get("sha256"):
            return None
        self.reused += 1
        return part

    def put(self, key: str, part: LaidOutPart) -> None:
        self.used.add(key)
        self.laid_out += 1
        facts = {
            "pages": part.pages,
            "sha256": hashlib.sha256(part.pdf).hexdigest(),
            "anchors": {name: _facts(place) for name, place in part.anchors.items()},
            "bookmarks": [
                [mark.level, mark.label, _facts(mark.place), mark.closed] for mark in part.bookmarks
            ],
        }
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            self.folder.mkdir(parents=True, exist_ok=True)
            write_bytes(self.folder / f"{key}.pdf", part.pdf)
            write_bytes(self.folder / f"{key}.json", json.dumps(facts).encode("utf-8"))

    def prune(self) -> None:
        """Remove the parts this PDF did not use (and temporary files left by a killed build)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name.endswith(".tmp") or (
                path.suffix in (".pdf", ".json") and path.stem not in self.used
            ):
                path.unlink(missing_ok=True)


def _facts(place: Place) -> list[float]:
    return [place.page, place.x, place.y]


def _place(facts: list[float]) -> Place:
    page, x, y = facts
    return Place(int(page), float(x), float(y))
