"""What a normaliser returns when a value cannot be used (or was read in a way worth showing).

An :class:`Issue` names a problem code and its parameters. A value that was not understood is
quoted in the parameter ``value`` (made with :func:`shown`: one line, shortened), so that the
message can say which value, or which part of a multi-value cell, failed. The checker drops the
quotation for personal fields and masks personal data inside it; messages never quote a
personal value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from systematise.normalise.text import clean_text
from systematise.schema.lang import DECIMAL_COMMA_LANGS

#: Characters of a typed value a message quotes; a longer value is cut and ends with "…".
SHOWN_MAX = 60


@dataclass(frozen=True)
class Issue:
    """A problem code of :data:`systematise.schema.problems.CATALOGUE`, with its parameters.

    A parameter named ``name_<lang>`` (``name_es``, ``name_pt``...) fills ``{name}`` in the
    message of that language (a language without its own takes the nearest report
    language's); ``value`` is a typed value, quoted (see :func:`shown`).
    """

    code: str
    params: dict[str, str | int] = field(default_factory=dict)


#: A boolean cell as spreadsheets show it in each focal-point language ("vrai" typed under a
#: French locale is the boolean VRAI).
_BOOLEANS = {
    "es": ("VERDADERO", "FALSO"),
    "en": ("TRUE", "FALSE"),
    "pt": ("VERDADEIRO", "FALSO"),
    "fr": ("VRAI", "FAUX"),
}


def quoted(value: object) -> dict[str, str | int]:
    """The ``value`` parameter quoting a typed ``value`` (:func:`shown`), with ``value_<lang>``
    where a language shows it otherwise: a boolean cell in the language's words (VRAI), a
    number cell's fraction with the language's decimal mark (0,5)."""
    text = shown(value)
    params: dict[str, str | int] = {"value": text}
    if isinstance(value, bool):
        for lang, words in _BOOLEANS.items():
            params[f"value_{lang}"] = words[0] if value else words[1]
    elif (
        isinstance(value, float | Decimal)
        and text.replace("-", "", 1).replace(".", "", 1).isdigit()
    ):
        for lang in DECIMAL_COMMA_LANGS:
            params[f"value_{lang}"] = text.replace(".", ",")
    return params


def shown(value: object) -> str:
    """``value`` as a message quotes it: one line of plain text, at most :data:`SHOWN_MAX`
    characters (cut at a word boundary when one is near, with "…")."""
    if isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, dt.datetime):
        # (a time object is true even at midnight: a date cell read as a datetime has no time)
        midnight = value.time() == dt.time()
        text = value.strftime("%d/%m/%Y" if midnight else "%d/%m/%Y %H:%M")
    elif isinstance(value, dt.date):
        text = value.strftime("%d/%m/%Y")
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        # Not quantize(): past the context's 28 digits it raises InvalidOperation.
        text = format(value.to_integral_value(), "f")
    else:
        text = clean_text(value, multiline=False) or ""
    if len(text) <= SHOWN_MAX:
        return text
    cut = text[: SHOWN_MAX - 1]
    space = cut.rfind(" ")
    if space >= SHOWN_MAX - 15:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"
