"""Neutralising spreadsheet formulas in exported text (CSV injection, OWASP).

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line feed
may be run as a formula when a spreadsheet opens the CSV or xlsx file. Such a value gets a
leading apostrophe (``'``), as OWASP recommends: spreadsheets then show it as text, and a reader
of the data can strip it back. Only text is touched: numbers and booleans are written as such.
The JSON export is not meant for spreadsheets and keeps the values unchanged.
"""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
NEUTRALISER = "'"


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES)


def neutralise(text: str) -> str:
    """``text`` made safe to open in a spreadsheet."""
    return NEUTRALISER + text if is_formula_like(text) else text
