"""Dates typed every way → :class:`PartialDate`, keeping the precision given.

Accepted: Excel date cells (a cell formatted as month-year or year keeps that precision); serial
numbers in the 1900 and 1904 date systems; a year from 1900 to 2100 typed as a number; ISO
``2021``, ``2021-03``, ``2021-03-15``; day first ``15/03/2021``, ``15-03-2021``, ``15.03.2021``;
``03/2021``; month names in Spanish, English, Portuguese and French ("marzo de 2021",
"March 2021", "15 de março de 2021", "1er mars 2021", "March 15, 2021").

A two-digit year ("15/03/21", "03/21", "mar-21") is ``date_ambiguous``: the century or the
order of the parts is a guess. Impossible dates (31/02/2021, month 13) are ``date_invalid``.
Both quote the value typed.

:func:`understood` says when a reading deserves to be shown back to the focal point
(``understood_as``: "05/03/2021" is 5 March, a serial number, "Sept. 2020"...) and when a date
cell's day and month may have been swapped by the office suite (``date_cell_read``).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from babel.dates import format_date

from systematise.normalise.issue import Issue, shown
from systematise.normalise.text import clean_text, strip_apostrophe
from systematise.schema.lang import FOCAL_LANGS, FocalLang
from systematise.schema.partial_date import PartialDate
from systematise.schema.vocabulary import fold

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "enero january janeiro janvier jan janv ene",
        "febrero february fevereiro fevrier feb fev fevr",
        "marzo march marco mars mar",
        "abril april avril apr abr avr",
        "mayo may maio mai",
        "junio june junho juin jun",
        "julio july julho juillet jul juil juill",
        "agosto august aout aug ago",
        "septiembre setiembre september setembro septembre sep sept set",
        "octubre october outubro octobre oct out",
        "noviembre november novembro novembre nov",
        "diciembre december dezembro decembre dec dic dez",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_ORDINAL = r"(?:\s?(?:er|o|a|st|nd|rd|th))?"
_JOIN = r"(?:\s+(?:de|del|of)\s+|\s+|-)"
# Forms after fold(): lower case, no accents, punctuation turned into single spaces.
_TEXTUAL = (
    # 15 de marzo de 2021 / 1er mars 2021 / 15 March 2021 / 15-mar-2021
    (re.compile(rf"^(\d{{1,2}}){_ORDINAL}{_JOIN}{_MONTH}{_JOIN}(\d{{2}}|\d{{4}})$"), "dmy"),
    # March 15 2021 (the comma is folded away)
    (re.compile(rf"^{_MONTH}\s+(\d{{1,2}}){_ORDINAL}\s+(\d{{2}}|\d{{4}})$"), "mdy"),
    # marzo de 2021 / March 2021 / mar-21
    (re.compile(rf"^{_MONTH}{_JOIN}(\d{{2}}|\d{{4}})$"), "my"),
    # 2021 marzo
    (re.compile(rf"^(\d{{4}}){_JOIN}{_MONTH}$"), "ym"),
)
_TIME = r"(?:[ tT]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_ISO = re.compile(rf"^(\d{{4}})(?:[-/.](\d{{1,2}})(?:[-/.](\d{{1,2}}))?)?{_TIME}$")
_DAY_FIRST = re.compile(rf"^(\d{{1,2}})[/.\-](\d{{1,2}})[/.\-](\d{{2}}|\d{{4}}){_TIME}$")
_SERIAL_TEXT = re.compile(r"^\d{1,7}(?:[.,]\d+)?$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{2}|\d{4})$")

#: Day 0 of Excel's two date systems (1900: counting its phantom 29 February 1900).
_EPOCH_1900 = dt.date(1899, 12, 30)
_EPOCH_1904 = dt.date(1904, 1, 1)
#: Numbers in this range are years, not serials (serial 2100 is in April 1905).
_YEARS = range(1900, 2101)


def _invalid(typed: object) -> Issue:
    return Issue("date_invalid", {"value": shown(typed)})


def _ambiguous(typed: object) -> Issue:
    return Issue("date_ambiguous", {"value": shown(typed)})


def _make(
    typed: object, year: int, month: int | None = None, day: int | None = None
) -> PartialDate | Issue:
    if not 1 <= year <= 9999:
        return _invalid(typed)
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return _invalid(typed)


def _precision_of_format(number_format: str | None) -> str:
    """``day``, ``month`` or ``year``: what an Excel date format shows."""
    if not number_format or number_format.lower() == "general":
        return "day"
    shown = re.sub(r'"[^"]*"|\[[^]]*]|\\.', "", number_format.lower())
    if "d" in shown:
        return "day"
    if "m" in shown:
        return "month"
    return "year" if "y" in shown else "day"


def _from_date(value: dt.date, number_format: str | None) -> PartialDate:
    precision = _precision_of_format(number_format)
    if precision == "year":
        return PartialDate(value.year)
    if precision == "month":
        return PartialDate(value.year, value.month)
    return PartialDate.from_date(value)


def _from_number(
    number: Decimal, epoch_1904: bool, number_format: str | None, typed: object
) -> PartialDate | Issue:
    if number != number.to_integral_value():
        # A serial with a time of day: the date part counts.
        number = number.to_integral_value(rounding="ROUND_FLOOR")
    whole = int(number)
    if whole in _YEARS:
        return PartialDate(whole)
    if whole <= 0 or whole > 2958465:  # Excel's last serial: 31/12/9999
        return _invalid(typed)
    if epoch_1904:
        day = _EPOCH_1904 + dt.timedelta(days=whole)
    elif whole < 61:
        # Serials before 1 March 1900 straddle Excel's phantom leap day; none is a real answer.
        return _invalid(typed)
    else:
        day = _EPOCH_1900 + dt.timedelta(days=whole)
    return _from_date(day, number_format)


def _from_text(text: str, epoch_1904: bool) -> PartialDate | Issue:
    compact = text.strip().rstrip(".").strip()
    found = _ISO.match(compact)
    if found:
        year, month, day = found.groups()
        return _make(text, int(year), int(month) if month else None, int(day) if day else None)
    found = _DAY_FIRST.match(compact)
    if found:
        day, month, year = found.groups()
        if len(year) == 2:
            return _ambiguous(text)
        return _make(text, int(year), int(month), int(day))
    found = _MONTH_YEAR.match(compact)
    if found:
        month, year = found.groups()
        if len(year) == 2:
            return _ambiguous(text)
        return _make(text, int(year), int(month))
    if _SERIAL_TEXT.match(compact):
        # A number stored as text: a year or an Excel serial.
        return _from_number(Decimal(compact.replace(",", ".")), epoch_1904, None, text)
    folded = fold(compact)
    for pattern, order in _TEXTUAL:
        found = pattern.match(folded)
        if not found:
            continue
        parts = dict(zip(order, found.groups(), strict=True))
        if len(parts["y"]) == 2:
            return _ambiguous(text)
        day = int(parts["d"]) if "d" in parts else None
        return _make(text, int(parts["y"]), _MONTHS[parts["m"]], day)
    return _invalid(text)


def to_partial_date(
    value: object, *, epoch_1904: bool = False, number_format: str | None = None
) -> PartialDate | Issue | None:
    """A partial date from a cell value; ``number_format`` is the cell's Excel format."""
    if value is None or isinstance(value, PartialDate):
        return value
    if isinstance(value, bool):
        return _invalid(value)
    if isinstance(value, dt.datetime):
        return _from_date(value.date(), number_format)
    if isinstance(value, dt.date):
        return _from_date(value, number_format)
    if isinstance(value, dt.time | dt.timedelta):
        return _invalid(value)
    if isinstance(value, int | float | Decimal):
        try:
            number = Decimal(str(value))
        except ArithmeticError:
            return _invalid(value)
        if not number.is_finite():
            return _invalid(value)
        return _from_number(number, epoch_1904, number_format, value)
    text = clean_text(value, multiline=False)
    if text is None:
        return None
    return _from_text(strip_apostrophe(text), epoch_1904)


def to_full_date(value: object, *, epoch_1904: bool = False) -> dt.date | Issue | None:
    """A full calendar date (day, month and year), e.g. the submission date."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    found = to_partial_date(value, epoch_1904=epoch_1904)
    if found is None or isinstance(found, Issue):
        return found
    if found.day is None:
        return Issue("date_not_full", {"value": shown(value)})
    return found.earliest()


#: Babel patterns that spell a date out, by precision and language: "5 de marzo de 2021".
_SPOKEN: dict[str, dict[FocalLang, str]] = {
    "day": {
        "es": "d 'de' MMMM 'de' y",
        "en": "d MMMM y",
        "pt": "d 'de' MMMM 'de' y",
        "fr": "d MMMM y",
    },
    "month": {"es": "MMMM 'de' y", "en": "MMMM y", "pt": "MMMM 'de' y", "fr": "MMMM y"},
}


def spoken_in(found: PartialDate) -> dict[FocalLang, str]:
    """``found`` spelled out in every focal-point language, keeping its precision."""
    if found.precision == "year":
        return {lang: str(found.year) for lang in FOCAL_LANGS}
    day = found.earliest()
    patterns = _SPOKEN[found.precision]
    return {lang: str(format_date(day, patterns[lang], locale=lang)) for lang in FOCAL_LANGS}


def spoken(found: PartialDate) -> tuple[str, str]:
    """``found`` spelled out in Spanish and English, keeping its precision."""
    words = spoken_in(found)
    return words["es"], words["en"]


def _understood_params(found: PartialDate) -> dict[str, str | int]:
    return {f"understood_{lang}": words for lang, words in spoken_in(found).items()}


def _swappable(found: PartialDate) -> bool:
    """True when day and month could trade places and still make a date (5/3, not 15/3)."""
    day, month = found.day, found.month
    return day is not None and month is not None and day <= 12 and day != month


def _plain(compact: str) -> bool:
    """True for forms that can be read only one way: ISO, a spelled-out month, 03/2021, or a
    day-first date whose day and month cannot be swapped ("15/03/2021", "05/05/2021")."""
    if ":" in compact:
        return False  # a time of day was dropped
    if _ISO.match(compact) or _MONTH_YEAR.match(compact):
        return True
    found = _DAY_FIRST.match(compact)
    if found:
        day, month, _ = (int(part) for part in found.groups())
        return day > 12 or day == month
    folded = fold(compact)
    return any(pattern.match(folded) for pattern, _ in _TEXTUAL)


def understood(value: object, found: PartialDate | dt.date) -> Issue | None:
    """A note showing how ``value`` was read as ``found``, when the reading is not plain.

    A typed date that could be read more than one way ("05/03/2021": 5 March here, 3 May in
    the United States), a serial number or a date with a time of day gives ``understood_as``.
    A date cell (the office suite read what was typed, in its own language's order) whose day
    and month could be swapped gives ``date_cell_read``. Plain forms give nothing.
    """
    if isinstance(found, dt.date):
        found = PartialDate.from_date(found)
    understood_as = _understood_params(found)
    if value is None or isinstance(value, PartialDate | bool):
        return None
    if isinstance(value, dt.date):
        if not _swappable(found):
            return None
        return Issue("date_cell_read", understood_as)
    if isinstance(value, int | float | Decimal):
        if found.precision == "year":
            return None
        return Issue("understood_as", {"value": shown(value), **understood_as})
    text = clean_text(value, multiline=False)
    if text is None:
        return None
    text = strip_apostrophe(text)
    if _plain(text.strip().rstrip(".").strip()):
        return None
    return Issue("understood_as", {"value": shown(text), **understood_as})
