"""Where the project's data folders are, in a source checkout and in an installed wheel.

In a checkout (including an editable install) ``schemas/`` and ``templates/`` sit at the project
root; a wheel carries copies under ``systematise/_data/``. Nothing here reads the files.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
#: A project's settings file; the folder holding it is the project.
CONFIG_FILE = "systematise.toml"


@cache
def project_root() -> Path | None:
    """The source checkout this package runs from, or None for an installed wheel."""
    candidate = _PACKAGE_DIR.parent.parent
    if (candidate / "pyproject.toml").is_file() and (candidate / "schemas").is_dir():
        return candidate
    return None


def user_cache_dir(name: str) -> Path:
    """This package's folder ``name`` in the user's cache (``$XDG_CACHE_HOME``, else
    ``~/.cache``): what depends only on the installed package, shared by every project of the
    machine. Not created here; a writer that cannot create it falls back or only loses time."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "systematise" / name


def forget_older(folder: Path, days: float, *, keep: Path | None = None) -> None:
    """Remove the entries of ``folder`` (a cache in the user's cache folder: files, or folders
    with everything in them) last modified over ``days`` days ago, except ``keep``. A folder
    that cannot be listed, or an entry that cannot be removed, is left as it is."""
    import contextlib
    import shutil
    import time

    cutoff = time.time() - days * 86400
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            path = Path(entry.path)
            with contextlib.suppress(OSError):
                if path == keep or entry.stat(follow_symlinks=False).st_mtime >= cutoff:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink()


def _data_dir(name: str) -> Path:
    root = project_root()
    if root is not None:
        return root / name
    return _PACKAGE_DIR / "_data" / name


def schemas_dir() -> Path:
    """The folder holding vocabularies, reference data and the exported JSON Schema."""
    return _data_dir("schemas")


def templates_dir() -> Path:
    """The folder holding the Jinja2 templates of the report and the feedback pages."""
    return _data_dir("templates")


def package_file(*parts: str) -> Path:
    """A file shipped inside the package itself (assets, locale catalogs)."""
    return _PACKAGE_DIR.joinpath(*parts)


def find_project(start: Path | None = None) -> Path | None:
    """The settings file of the project ``start`` (default: the working folder) belongs to.

    ``systematise.toml`` in ``start``, else in the nearest folder above it; None if there is
    none. The file in the working folder itself is returned as a relative path, so that the
    folders it names stay short in messages.
    """
    here = Path.cwd().resolve()
    folder = (start or here).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_FILE).is_file():
            return Path(CONFIG_FILE) if candidate == here else candidate / CONFIG_FILE
    return None
