"""Phone numbers, international and local, as Latin America and the Caribbean write them.

Reported, with dots, hyphens or spaces between groups:

- in international form: ``+58 412 123 4567``, ``+1 (868) 555-1234``, ``(+506) 2222-3333``,
  ``0058 412 1234567`` (8 to 15 digits);
- in groups of 3, 3 and 4, as the Caribbean's North American plan, Colombia and Mexico write
  them, with or without ``1``: ``809-555-1234``, ``(868) 555 1234``, ``1-876-555-1234``,
  ``300 123 4567``;
- with an area code in brackets: ``(11) 98765-4321``, ``(0351) 412-3456``, ``(01) 234-5678``;
- with a trunk 0 and 9 to 13 digits in all: ``0414-1234567``, ``011 4123-4567``,
  ``02-234-5678``, ``099 123 456``;
- with a one- or two-digit area code: ``55 1234 5678``, ``11 98765-4321``, ``9 8765 4321``;
- any number of 7 to 15 digits after a word such as "tel.", "teléfono", "celular", "móvil",
  "WhatsApp", "fax", "phone", "llame al" (``tel. 2222-3333``), and the next numbers of its list
  (``tel. 2222-3333 / 2222-4444``).

Left alone: toll-free and shared-cost service lines (``800``, ``0800``, ``0810``, ``01 800``,
``1-800``...: they are institutions' helplines), eight digits written 4 4 without a phone word
(they read like ranges: ``2019-2023``, ``2500-3000``), and, as everywhere, numbers after a word
naming a law or file, years, amounts and counts.
"""

from __future__ import annotations

import re

from systematise.validate.personal_data.context import (
    DESIGNATOR,
    END,
    START,
    Finding,
    Layout,
    amount,
    digit_count,
    digit_groups,
    laid_out,
    only_years,
    quantity_after,
)

_INTERNATIONAL = re.compile(
    r"(?<![\w+])(?:\(\s?\+\s?\d{1,3}\s?\)|\+\s?\d{1,3}|(?<![\w.,/\-])00\s?[1-9]\d{0,2})"
    r"[ .\-]?(?:\(\d{1,4}\)|\d{1,5})(?:[ .\-]?\d{2,5}){1,4}" + END
)
_THREE_THREE_FOUR = re.compile(
    START + r"(?:\+?1[ .\-]?)?(?:\(\s?[2-9]\d{2}\s?\)\s?|[2-9]\d{2}[ .\-])\d{3}[ .\-]\d{4}" + END
)
_BRACKETED_AREA = re.compile(START + r"\(\s?\d{2,4}\s?\)\s?\d{3,5}[ .\-]?\d{3,4}" + END)
_TRUNK_ZERO = re.compile(
    START + r"(?:\(0[1-9]\d{0,3}\)|0[1-9]\d{0,3})[ .\-]?\d{2,4}(?:[ .\-]?\d{2,4}){1,3}" + END
)
_SHORT_AREA = re.compile(START + r"[1-9]\d?[ .\-]\d{4,5}[ .\-]\d{4}" + END)

_PHONE_WORDS = (
    r"tel[eé]fonos?|telefones?|t[eé]l[eé]phones?|phones?|telephones?|tel|telf|tlf|tfno|"
    r"cel|celular(?:es)?|m[oó]vil(?:es)?|mobile|cell(?:phone)?|whats\s?app|fax|"
    r"contacto\s+telef[oó]nico|n[uú]mero\s+de\s+contacto|contact\s+number|"
    r"ll[aá]m(?:ar|e|en|enos)\s+al|call"
)
#: After a phone word: digit groups joined by one separator each (or a bracket), so that the
#: number never runs on into the next sentence ("tel. 2222-3333. 2023 ...").
_PHONE_VALUE = (
    r"(?:\(?\+\s?\d{1,3}\)?[ .\-]?)?\(?\d{1,12}\)?(?:(?:[ .\-]|(?<=\)))\(?\d{1,12}\)?){0,6}" + END
)
_AFTER_WORD = re.compile(
    rf"(?<!\w)(?i:{_PHONE_WORDS})(?!\w)\.?\s{{0,3}}"
    rf"(?:(?i:{DESIGNATOR})\s{{0,3}})?[:\-]?\s{{0,3}}"
    rf"(?P<value>{_PHONE_VALUE})"
)
_NEXT_IN_LIST = re.compile(
    r"(?:\s{0,3}[,;/]\s{0,3}|\s{1,3}(?:y|o|u|e|ó|or|and)\s{1,3})" rf"(?P<value>{_PHONE_VALUE})"
)

_TOLL_FREE_STARTS = ("0800", "0801", "0810", "01800", "1800")
_TOLL_FREE_AREAS = frozenset({"800", "8000", "888", "877", "866", "855", "844", "833"})


def toll_free(number: str) -> bool:
    """Whether ``number`` is a toll-free or shared-cost service line (800, 0800, 1-800...)."""
    groups = digit_groups(number)
    if number.lstrip("( ").startswith(("+", "00")) and len(groups) > 1:
        groups = groups[1:]  # the country code, written apart
    if len(groups) > 1 and groups[0] in ("1", "01"):
        groups = groups[1:]  # the long-distance prefix, written apart
    local = "".join(groups)
    return bool(groups) and (groups[0] in _TOLL_FREE_AREAS or local.startswith(_TOLL_FREE_STARTS))


def _thousands(number: str) -> bool:
    """``(2) 123.456``: after the first group, only groups of three joined by dots."""
    rest = re.split(r"^\(?\+?\s?\d+\)?\s?", number, maxsplit=1)[-1]
    return "." in rest and amount(rest)


def _round(number: str) -> bool:
    """``200-300-4000``, ``3 1500 2000``: round figures of a range, not a line."""
    groups = digit_groups(number)
    return len(groups) > 1 and all(group.endswith("00") for group in groups[1:])


def _phone_like(number: str, least: int, most: int) -> bool:
    digits = digit_count(number)
    return (
        least <= digits <= most
        and not only_years(number)
        and not amount(number.lstrip("+( "))
        and not _thousands(number)
        and not _round(number)
        and not toll_free(number)
    )


def _phone_layout(pattern: re.Pattern[str], least: int, most: int, strong: bool) -> Layout:
    return Layout(
        "phone", pattern, lambda m: _phone_like(m.group(), least, most), in_context=not strong
    )


_LAYOUTS = (
    _phone_layout(_INTERNATIONAL, 8, 15, strong=True),
    _phone_layout(_THREE_THREE_FOUR, 10, 11, strong=False),
    _phone_layout(_BRACKETED_AREA, 8, 12, strong=False),
    _phone_layout(_TRUNK_ZERO, 9, 13, strong=False),
    _phone_layout(_SHORT_AREA, 9, 11, strong=False),
)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The number without the spaces, brackets and hyphens a greedy match took after it."""
    value = text[start:end].rstrip(" .-(")
    if value.count("(") < value.count(")"):
        value = value.rstrip(")")
    return start, start + len(value)


def _after_words(text: str) -> list[Finding]:
    found: list[Finding] = []
    position = 0
    while (match := _AFTER_WORD.search(text, position)) is not None:
        position = match.end()
        start, end = _trimmed(text, match.start("value"), match.end("value"))
        # The list goes on from here, and the search after it: each character is read once.
        while _phone_like(text[start:end], 7, 15) and not quantity_after(text, end):
            found.append(Finding("phone", start, end))
            position = max(position, end)
            following = _NEXT_IN_LIST.match(text, end)
            if following is None:
                break
            start, end = _trimmed(text, following.start("value"), following.end("value"))
    return found


def phone_numbers(text: str) -> list[Finding]:
    """Every phone number in ``text`` (possibly overlapping; see the module)."""
    return _after_words(text) + laid_out(text, _LAYOUTS)
