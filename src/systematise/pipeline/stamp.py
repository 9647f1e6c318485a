"""The last build's stamp: an unchanged build answered without loading the settings.

A build with nothing changed must still hash every input (:mod:`.cache`), and before that load
and validate the settings, which imports Pydantic and the settings' models: most of the time
an unchanged build takes. So each build that ends with every output asked for up to date
(rendered, or found unchanged) also leaves a stamp in the user's cache: for this very request
(the working folder, the settings file found from it, the folders and options given), the
size and modification time of every file the build hashed and of every folder it listed, the
output files as they were left, and what ``build`` printed for an unchanged build. The next
``build`` with the same request looks at the stamp first: when every file and folder is still
as recorded, on the same day, with the same code and environment, nothing can have changed,
and it says so at once. Any difference, or any doubt, and the stamp is not used: the build
goes the whole way (hashes, manifest), which stays the authority, and writes a new stamp.

As Git does with its index, a file modified less than :data:`RACY_SECONDS` before it was
hashed is not trusted (a second change within the file system's clock tick could keep its size
and time): no stamp is written, and the next build hashes again.

This module imports nothing of the settings or the rendering libraries. A stamp holds the
paths of the project's files and their sizes and times (no contents, no personal value), in a
folder open to its owner only. A stamp holds for the day it was written (a report's date may be
today's), so the stamps of earlier days are removed when a new one is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from systematise import __version__
from systematise.resources import find_project, forget_older, user_cache_dir

FORMAT = 1
#: A file modified this little before it was hashed is not trusted to keep a stamp.
RACY_SECONDS = 2.0
#: Environment variables that change what a build makes (the publication date).
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)
#: A file's or folder's state: size, modification and change times (ns), inode; ABSENT when
#: it is not there. The change time cannot be set back (``touch -d``, ``cp -p`` and archives
#: can set the modification time), so a file put back as it was still counts as changed.
State = tuple[int, int, int, int]
ABSENT: State = (-1, -1, -1, -1)


def _state(path: str) -> State:
    try:
        status = Path(path).stat()
    except OSError:
        return ABSENT
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def _absolute(path: Path | str) -> str:
    return str(Path(path).absolute())


@dataclass
class Seen:
    """The files a build hashed and the folders it listed, as they were when it did."""

    started_ns: int = field(default_factory=time.time_ns)
    files: dict[str, State] = field(default_factory=dict)
    #: A folder's times change when an entry is added, removed or renamed.
    folders: dict[str, State] = field(default_factory=dict)

    def file(self, path: Path | str) -> None:
        key = _absolute(path)
        if key not in self.files:  # the first look is the one the hash was made from
            self.files[key] = _state(key)

    def folder(self, path: Path | str) -> None:
        key = _absolute(path)
        if key not in self.folders:
            self.folders[key] = _state(key)

    def racy(self) -> bool:
        """Some file or folder changed so shortly before it was read that its state proves
        nothing."""
        limit = self.started_ns - int(RACY_SECONDS * 1e9)
        states = [*self.files.values(), *self.folders.values()]
        return any(max(times) > limit for _, *times, _ in states)


_watching: list[Seen] = []


@contextmanager
def watching(seen: Seen | None) -> Iterator[None]:
    """Record in ``seen``, while in this block, what :func:`saw_file` and :func:`saw_folder`
    are told (nothing when ``seen`` is None)."""
    if seen is None:
        yield
        return
    _watching.append(seen)
    try:
        yield
    finally:
        _watching.remove(seen)


def saw_file(path: Path | str) -> None:
    """A file is about to be hashed (called by :mod:`.cache` before it reads the bytes)."""
    for seen in _watching:
        seen.file(path)


def saw_folder(path: Path | str) -> None:
    """A folder is about to be listed."""
    for seen in _watching:
        seen.folder(path)


@dataclass(frozen=True)
class Request:
    """What ``build`` was asked: the same request finds the same stamp."""

    cwd: str
    settings: str | None
    paths: tuple[str, ...]
    output: str | None
    strict: bool
    langs: tuple[str, ...] | None
    only: tuple[str, ...] | None

    @classmethod
    def of(
        cls,
        paths: Sequence[Path],
        output: Path | None,
        *,
        strict: bool,
        langs: Sequence[str] | None,
        only: Sequence[str] | None,
    ) -> Request:
        settings = find_project()
        return cls(
            cwd=str(Path.cwd()),
            settings=_absolute(settings) if settings is not None else None,
            paths=tuple(_absolute(path) for path in paths),
            output=_absolute(output) if output is not None else None,
            strict=strict,
            langs=tuple(langs) if langs is not None else None,
            only=tuple(only) if only is not None else None,
        )

    def key(self) -> str:
        text = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass
class Stamping:
    """A request and what its build has seen so far: made before the settings are read, which
    it records first."""

    request: Request
    seen: Seen = field(default_factory=Seen)

    def __post_init__(self) -> None:
        if self.request.settings is not None:
            self.seen.file(self.request.settings)


@dataclass(frozen=True)
class Answer:
    """What an unchanged build says: the output folder, its files up to date, and the
    folders' entries that are not workbooks."""

    output: str
    files: int
    not_read: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()


def _circumstances() -> dict[str, Any]:
    """What else a build's result depends on: the code, Python, the day, the environment."""
    return {
        "version": __version__,
        "python": sys.version,
        "executable": sys.executable,
        "day": dt.date.today().isoformat(),
        "environment": {name: os.environ.get(name) for name in ENVIRONMENT},
    }


def stamps_folder() -> Path:
    return user_cache_dir("stamps")


def _stamp_path(request: Request) -> Path:
    return stamps_folder() / f"{request.key()}.json"


def record(request: Request, seen: Seen, outputs: Sequence[Path], answer: Answer) -> bool:
    """Leave the stamp of a build that ended with everything asked for up to date.

    ``seen``: what the build hashed and listed; ``outputs``: the files (and folders) it left in
    the output folder, recorded as they are now. Written only when no input is racy; returns
    whether it was. A stamp that cannot be written only costs the next build time.
    """
    if seen.racy():
        forget(request)
        return False
    from systematise.atomic import write_text

    path = _stamp_path(request)
    produced = {_absolute(item): _state(str(item)) for item in outputs}
    data = {
        "format": FORMAT,
        "request": asdict(request),
        "circumstances": _circumstances(),
        "inputs": seen.files,
        "folders": seen.folders,
        "outputs": produced,
        "answer": asdict(answer),
    }
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        forget_older(path.parent, 1)  # a stamp holds for its day only
        write_text(path, json.dumps(data, ensure_ascii=False), mode=0o600)
    except OSError:
        return False
    return True


def forget(request: Request) -> None:
    """Remove ``request``'s stamp (a build that did not end up to date)."""
    with suppress(OSError):
        _stamp_path(request).unlink(missing_ok=True)


def answer(request: Request) -> Answer | None:
    """The unchanged build's answer when ``request``'s stamp still holds, else None."""
    try:
        data = json.loads(_stamp_path(request).read_text(encoding="utf-8"))
        if (
            data.get("format") != FORMAT
            or data.get("request") != json.loads(json.dumps(asdict(request)))
            or data.get("circumstances") != _circumstances()
        ):
            return None
        for group in ("inputs", "folders", "outputs"):
            for path, state in data[group].items():
                if list(_state(path)) != state:
                    return None
        found = data["answer"]
        return Answer(
            output=str(found["output"]),
            files=int(found["files"]),
            not_read=tuple(str(name) for name in found["not_read"]),
            skipped=tuple(str(name) for name in found["skipped"]),
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
