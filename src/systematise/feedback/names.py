"""Safe folder names for each workbook's feedback: no path traversal, no hostile characters.

``../../etc/MEX 2025 (v2).xlsx`` → ``MEX_2025_v2``. Accents are folded to ASCII, anything other
than letters, digits, ``-`` and ``_`` becomes ``_``, the name never starts with a dot or a
hyphen, is at most 80 characters long, and two files never share a folder.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_MAX = 80
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)


def safe_name(file_name: str) -> str:
    """A folder name for ``file_name`` (its extension dropped)."""
    stem = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    if "." in stem.lstrip("."):
        stem = stem[: stem.rfind(".")]
    ascii_only = "".join(
        ch if ch.isascii() else "_"
        for ch in unicodedata.normalize("NFKD", stem)
        if not unicodedata.combining(ch)
    )
    cleaned = _UNSAFE.sub("_", ascii_only).strip("_-.")[:_MAX].strip("_-")
    if not cleaned or cleaned.casefold() in _RESERVED:
        cleaned = f"workbook_{cleaned}" if cleaned else "workbook"
    return cleaned


def safe_names(file_names: Iterable[str]) -> list[str]:
    """:func:`safe_name` of each, made unique with ``-2``, ``-3``... in order."""
    taken: set[str] = set()
    names: list[str] = []
    for file_name in file_names:
        base = safe_name(file_name)
        name, counter = base, 1
        while name.casefold() in taken:
            counter += 1
            name = f"{base}-{counter}"
        taken.add(name.casefold())
        names.append(name)
    return names
