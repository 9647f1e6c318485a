"""The publisher's house style where it differs from a locale's defaults.

English follows the United Nations editorial manual (Babel's ``en`` numbers, "1,234.5"; dates
"15 December 2025"). Spanish follows the Real Academia Española (*Ortografía*, 2010): digits
are grouped in threes with a space, never a comma or a point, and only from five digits on
("400 000", but "4000" and "2025"); the percent sign is set apart ("45 %"). The space between
groups is a narrow no-break space (U+202F): a group never starts a line, and its width is that
of a thin space, as in typeset Spanish; the report's font has the glyph.

Submitted Spanish text keeps its numbers as written unless their grouping is unambiguous
(:func:`spanish_grouping_in_text`); the open data always keep them as submitted.
"""

from __future__ import annotations

import re

#: Between groups of three digits in Spanish ("400 000").
SPANISH_GROUP = "\u202f"
#: Between a number and the percent sign in Spanish ("45 %").
SPANISH_PERCENT_SPACE = "\u00a0"


def group_spanish(digits: str) -> str:
    """The digits of an integer (no sign) grouped as the RAE asks: ``"400000"`` → "400 000",
    ``"4000"`` → "4000" (numbers of four digits are not grouped)."""
    if len(digits) <= 4:
        return digits
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return SPANISH_GROUP.join(groups)


# A number grouped with commas ("400,000", "1,450,000", "1,234.5"), not inside a longer run of
# digits, points or commas (so "25.326", "1,9" and "1,2,3" never match).
_COMMA_GROUPED = re.compile(
    r"(?<![\w.,+])(?P<head>[1-9]\d{0,2})(?P<groups>(?:,\d{3})+)(?P<decimals>\.\d+)?(?![\w]|[.,]\d)"
)
# A number grouped with spaces ("225 000" with an ordinary or a no-break space), not a phone
# number ("+58 212 555 1234": after a plus sign, or followed by more digits after a space).
_SPACE_GROUPED = re.compile(
    r"(?<![\w.,+])(?P<head>[1-9]\d{0,2})"
    r"(?P<groups>(?:[ \u00a0\u202f]\d{3})+)(?![\w]|[.,]\d|[ \u00a0\u202f]\d)"
)


def _comma_grouped(match: re.Match[str]) -> str:
    groups = match["groups"].split(",")[1:]
    # "1,500" may be one and a half written with a decimal comma: only several groups, a
    # decimal point after the group, or a group of zeros ("400,000") say the comma groups.
    if len(groups) == 1 and not match["decimals"] and groups[0] != "000":
        return match[0]
    return group_spanish(match["head"] + "".join(groups)) + (match["decimals"] or "")


def _space_grouped(match: re.Match[str]) -> str:
    # Only the kind of space changes (the digits stay as written): "1 300" is not regrouped,
    # since two numbers side by side ("en la fase 2 500 familias") cannot be told apart.
    return match["head"] + re.sub(r"[ \u00a0]", SPANISH_GROUP, match["groups"])


def spanish_grouping_in_text(text: str) -> str:
    """``text`` (written in Spanish) with its unambiguously grouped numbers in the house style.

    "400,000 personas" and "USD 1,450,000" become "400 000 personas" and "USD 1 450 000", and
    "4,000" becomes "4000"; "225 000" (ordinary space) gets the no-break space. Untouched:
    years ("2025"), decimals with a comma ("1,9 millones"), numbers with a single comma group
    other than zeros ("1,500", which may be a decimal), numbers written with points (law
    numbers such as "Ley 25.326") and anything inside a longer run of digits.
    """
    text = _COMMA_GROUPED.sub(_comma_grouped, text)
    return _SPACE_GROUPED.sub(_space_grouped, text)


#: Quotation marks of each language: (opening, closing) for a quotation, then the apostrophe.
QUOTES = {"es": ("«", "»"), "en": ("“", "”")}
APOSTROPHE = "\u2019"
# A straight quote around a short quotation: after the start, a space or an opening bracket,
# and before the end, a space or punctuation; nothing straight inside.
_QUOTED = re.compile(r"""(?<![^\s(\[])(["'])([^"'\s](?:[^"']*[^"'\s])?)\1(?=$|[\s.,;:)\]!?])""")
# Once quotations are paired, a straight single quote after a letter is an apostrophe
# ("IOM's", "countries'", "k'iche'") or a lone closing quote: ’ either way.
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'")


def typographic_quotes(text: str, lang: str) -> str:
    """Generated plain ``text`` (a template's help, say) with typographic quotes: a quotation
    in straight quotes, single or double, takes the language's marks ("separated by ';'" →
    "separated by “;”", «;» in Spanish), an apostrophe becomes ’. A straight quote that pairs
    with nothing is left as it is."""
    opening, closing = QUOTES.get(lang, ("“", "”"))
    text = _QUOTED.sub(lambda m: f"{opening}{m[2]}{closing}", text)
    return _APOSTROPHE.sub(APOSTROPHE, text)


_GUILLEMETS = re.compile(r"«[ \u00a0\u202f]?([^«»]*?)[ \u00a0\u202f]?»")


def submitted_text(text: str, lang: str) -> str:
    """Submitted ``text`` written in ``lang`` with the house style's typography, nothing else:
    in Spanish, unambiguous digit grouping (:func:`spanish_grouping_in_text`) and quotes; in
    English, quotes, with «» (Spanish punctuation) as “”. Other languages stay as written."""
    if lang == "es":
        return typographic_quotes(spanish_grouping_in_text(text), "es")
    if lang == "en":
        return typographic_quotes(_GUILLEMETS.sub(r"“\1”", text), "en")
    return text
