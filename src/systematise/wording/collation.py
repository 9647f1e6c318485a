"""Sort keys for names and titles that follow the reader's alphabet, without system locales.

Python's ``locale.strxfrm`` depends on the locales installed on the machine, and PyICU is not a
dependency; these keys give the same order everywhere. Letters compare without case or accents
(``Á`` sorts with ``A``, ``Perú`` after ``Paraguay``), punctuation and spacing count only to
break ties, and in Spanish ``ñ`` is its own letter after ``n`` (``Nuñez`` after ``Nunez``,
``ñandú`` after ``nuez``). Digits sort before letters. Ties keep a deterministic order by the
original text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from systematise.schema.lang import Lang

T = TypeVar("T")

#: A character that sorts after every letter, so that "n" + it comes after "nz".
_AFTER_Z = "\U0010fffd"


def collation_key(text: str, lang: Lang) -> tuple[str, str]:
    """The key that sorts ``text`` as a reader of ``lang`` expects."""
    folded: list[str] = []
    for char in text.casefold():
        if lang == "es" and char == "ñ":
            folded.append("n" + _AFTER_Z)
            continue
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(part):
                continue
            if part.isalnum():
                folded.append(part)
            elif part.isspace() and folded and folded[-1] != " ":
                folded.append(" ")
    return "".join(folded).strip(), text


def sort_by_name(items: Iterable[T], name: Callable[[T], str], lang: Lang) -> list[T]:
    """``items`` sorted by ``name(item)`` in the collation of ``lang``."""
    return sorted(items, key=lambda item: collation_key(name(item), lang))
