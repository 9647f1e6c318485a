"""Which files of the submission folders a command reads, and what else the folders hold.

Nothing but the standard library: the build lists its inputs with this before it knows whether
anything must be checked, so an unchanged build never imports the check.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

#: The kinds of workbook the checker reads (what an upload form offers).
READABLE_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xls")
#: Files picked up from a folder: the workbooks read, and files people send instead of one
#: (they get a clear problem rather than silence).
WORKBOOK_SUFFIXES = frozenset({*READABLE_SUFFIXES, ".xlsb", ".csv", ".numbers"})

#: Files of the system rather than of anyone: skipped like hidden files.
SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db", "icon\r"})


def find_workbooks(paths: Sequence[Path]) -> list[Path]:
    """The files named, and the workbook-like files in the folders named, in name order.

    Lock files (``~$...``) and hidden files in folders are skipped. Raises FileNotFoundError
    for a path that does not exist.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    child
                    for child in path.iterdir()
                    if child.is_file()
                    and child.suffix.lower() in WORKBOOK_SUFFIXES
                    and not child.name.startswith(("~$", ".", "~"))
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(str(path))
    return list(dict.fromkeys(found))


def skipped_quietly(path: Path) -> bool:
    """A hidden, lock or system file: skipped, and named in the build report only."""
    name = path.name
    return name.startswith((".", "~")) or name.casefold() in SYSTEM_FILES


def folder_entries(paths: Sequence[Path]) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """The entries of the folders in ``paths`` that :func:`find_workbooks` does not pick up:
    those to list with a warning each, and the hidden, lock and system files skipped."""
    not_read: list[Path] = []
    skipped: list[Path] = []
    for folder in paths:
        if not folder.is_dir():
            continue
        picked = set(find_workbooks([folder]))
        for child in sorted(folder.iterdir(), key=lambda p: p.name):
            if child in picked:
                continue
            (skipped if skipped_quietly(child) else not_read).append(child)
    return tuple(not_read), tuple(skipped)
