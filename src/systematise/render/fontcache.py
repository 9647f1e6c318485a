"""The report's subset fonts, kept between builds: subsetting takes seconds, reading them not.

:func:`systematise.render.fonts.latin_subset` cuts each face down to the Latin scripts (and
compresses it as WOFF2 for the HTML). Once :func:`keep_subsets_in` names a folder (the build
names one in the output folder's cache), each subset is kept, keyed by the hash of its TrueType
file, the flavour and fontTools' version: in the user's cache folder (a subset depends on
nothing but the package's fonts and fontTools, so every project and output folder of the
machine shares it: made once per machine), else, when that cannot be written, in the folder
named. Processes rendering at once wait for the one making a subset (a lock file) instead of
making it again.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
from functools import cache
from pathlib import Path

#: Changed whenever the subsetting's options change, so that kept subsets are made again.
VERSION = 1

_kept: list[Path] = []


def keep_subsets_in(folder: Path) -> None:
    """Keep the subsets made from now on in ``folder`` (and read them from there)."""
    _kept[:] = [folder]


def user_folder() -> Path:
    """The subsets' folder in the user's cache (``$XDG_CACHE_HOME``, else ``~/.cache``)."""
    from systematise.resources import user_cache_dir

    return user_cache_dir("fonts")


@cache
def kept_subset(file: str, flavor: str | None) -> bytes:
    """:func:`~systematise.render.fonts.latin_subset`, read from the folder when kept there."""
    import fontTools  # type: ignore[import-untyped]

    from systematise.atomic import write_bytes
    from systematise.render.fonts import fonts_dir, latin_subset

    if not _kept:
        return latin_subset(file, flavor=flavor)
    source = (fonts_dir() / file).read_bytes()
    salt = f"{VERSION} {flavor} {fontTools.version}".encode()
    key = hashlib.sha256(source + salt).hexdigest()
    name = f"{key}.{flavor or 'ttf'}"
    folders = (user_folder(), _kept[0])
    for folder in folders:
        with contextlib.suppress(OSError):  # written atomically: there means whole
            return (folder / name).read_bytes()
    for folder in folders:
        with contextlib.suppress(OSError):  # a folder that cannot be written only costs time
            folder.mkdir(parents=True, exist_ok=True)
            with (folder / ".lock").open("a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if not (folder / name).is_file():
                    write_bytes(folder / name, latin_subset(file, flavor=flavor))
                return (folder / name).read_bytes()
    return latin_subset(file, flavor=flavor)
