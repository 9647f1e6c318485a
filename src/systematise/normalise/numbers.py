"""Numbers typed with either thousands convention, currency signs and words → ``Decimal``.

"1.250.000", "1,250,000", "1 250 000,50", "1.250.000,50", "USD 1,250,000", "$ 1.5 millones",
"(500)" are all read. A lone separator followed by exactly three digits ("1.250", "1,250") is a
thousands separator: amounts with three decimals do not occur in budgets and people are whole.
A currency named unambiguously in the amount cell (an ISO code, "US$", "€", "dólares"...) is
returned with the number, so the checker can use it when the currency cell is empty; "$" alone
names no currency (it is used by a dozen of the Member States).

Problems quote the value typed. :func:`understood` gives an ``understood_as`` note whenever a
number was read from anything but plain digits ("$800.000.000" is 800 000 000), so that a
thousands separator taken for a decimal mark, or the reverse, never passes unseen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel.numbers import list_currencies

from systematise.normalise.issue import Issue, quoted, shown
from systematise.normalise.text import clean_text, strip_apostrophe
from systematise.schema.vocabulary import fold


@dataclass(frozen=True)
class Amount:
    """A number read from a cell and the currency the cell named, if any."""

    value: Decimal
    currency: str | None = None


#: Words and signs naming a currency (folded), beyond the ISO codes themselves.
_CURRENCY_WORDS: dict[str, str] = {
    "us$": "USD",
    "us $": "USD",
    "u$s": "USD",
    "usd$": "USD",
    "dolares": "USD",
    "dolares estadounidenses": "USD",
    "dolares americanos": "USD",
    "dolar": "USD",
    "dolar americano": "USD",
    "dollar": "USD",
    "dollar americain": "USD",
    "dollars americains": "USD",
    "dollars us": "USD",
    "us dollars": "USD",
    "dollars": "USD",
    "dolars": "USD",
    "dolares de los estados unidos": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "€": "EUR",
    "r$": "BRL",
    "real": "BRL",
    "reais": "BRL",
    "reales": "BRL",
    "tt$": "TTD",
    "bds$": "BBD",
    "bz$": "BZD",
    "j$": "JMD",
    "g$": "GYD",
    "gy$": "GYD",
    "s/": "PEN",
    "s/.": "PEN",
    "soles": "PEN",
    "bs": "VES",
    "q": "GTQ",
    "quetzales": "GTQ",
    "gourdes": "HTG",
    "gourde": "HTG",
}
_MULTIPLIERS: dict[str, int] = {
    "mil": 1000,
    "miles": 1000,
    "thousand": 1000,
    "k": 1000,
    "millon": 1_000_000,
    "millones": 1_000_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "milhao": 1_000_000,
    "milhoes": 1_000_000,
    "mm": 1_000_000,
    "m": 1_000_000,
    # Portuguese and French: "R$ 3,5 mi", "1,2 bilhão", "2 milliards" ("billón" is not here:
    # a Spanish billón is a million millions, an English billion a thousand millions).
    "mille": 1000,
    "mi": 1_000_000,
    "bi": 1_000_000_000,
    "bilhao": 1_000_000_000,
    "bilhoes": 1_000_000_000,
    "milliard": 1_000_000_000,
    "milliards": 1_000_000_000,
}
_NUMBER = re.compile(r"[+-]?\(?\d[\d.,' ]*\)?")
#: Thousands groups: a first group without a leading zero ("0.125" is a fraction).
_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(?:([.,' ])\d{3})(?:\1\d{3})*$")


def currency_named(words: str) -> str | None:
    """The ISO 4217 code that ``words`` names unambiguously ("USD", "US$", "euros"), if any."""
    words = words.strip()
    if not words:
        return None
    if words.upper() in _ISO_CODES:
        return words.upper()
    return _CURRENCY_WORDS.get(words.casefold()) or _CURRENCY_WORDS.get(fold(words))


_ISO_CODES = frozenset(list_currencies())


def _digits(number: str) -> Decimal | None:
    """``number`` (digits and separators only) as a Decimal, reading the separators."""
    number = number.strip()
    if _THOUSANDS.match(number):
        return Decimal(re.sub(r"[.,' ]", "", number))
    number = number.replace(" ", "").replace("'", "")
    last_dot, last_comma = number.rfind("."), number.rfind(",")
    decimal_mark = "." if last_dot > last_comma else ","
    if last_dot == -1 and last_comma == -1:
        decimal_mark = ""
    thousands = "," if decimal_mark == "." else "."
    whole, _, fraction = number.rpartition(decimal_mark) if decimal_mark else (number, "", "")
    if decimal_mark and not whole:
        whole = "0"
    if thousands in fraction or (decimal_mark and decimal_mark in whole):
        return None
    if thousands in whole:
        groups = whole.split(thousands)
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            return None
        whole = "".join(groups)
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        return None
    try:
        return Decimal(f"{whole}.{fraction}" if fraction else whole)
    except InvalidOperation:
        return None


def _parse(text: str) -> Amount | None:
    text = text.replace("−", "-")
    found = list(_NUMBER.finditer(text))
    if len(found) != 1:
        return None
    token = found[0].group().strip()
    before, after = text[: found[0].start()].strip(), text[found[0].end() :].strip()
    negative = token.startswith("-") or (token.startswith("(") and token.endswith(")"))
    token = token.strip("+-() ").rstrip(".,' ")
    value = _digits(token)
    if value is None:
        return None
    if before.endswith("-"):
        negative, before = True, before[:-1].strip()
    multiplier = 1
    after_words = after.split()
    if after_words and fold(after_words[0]) in _MULTIPLIERS:
        multiplier = _MULTIPLIERS[fold(after_words[0])]
        after = " ".join(after_words[1:])
    after = re.sub(r"^(?:de|of)\s+", "", after.strip(), flags=re.IGNORECASE)
    currencies = {c for c in (currency_named(before), currency_named(after)) if c is not None}
    leftovers = [part for part in (before, after) if part and currency_named(part) is None]
    if any(part != "$" for part in leftovers):
        return None
    if len(currencies) > 1:
        return None
    currency = currencies.pop() if currencies else None
    if multiplier != 1:
        value *= multiplier  # (a product is rounded to the context's 28 digits: only if needed)
    return Amount(value.copy_negate() if negative else value, currency)  # (unary minus rounds)


def to_amount(value: object, *, allow_negative: bool = False) -> Amount | Issue | None:
    """An amount (and the currency named with it) from a cell value."""
    if value is None:
        return None
    if isinstance(value, Amount):
        found: Amount | None = value
    elif isinstance(value, bool):
        return Issue("number_invalid", quoted(value))
    elif isinstance(value, int | float | Decimal):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return Issue("number_invalid", quoted(value))
        found = Amount(number) if number.is_finite() else None
    else:
        text = clean_text(value, multiline=False)
        if text is None:
            return None
        found = _parse(strip_apostrophe(text))
    if found is None:
        return Issue("number_invalid", quoted(value))
    if found.value < 0 and not allow_negative:
        return Issue("number_negative", quoted(value))
    if found.value == 0:
        return Amount(Decimal(0), found.currency)
    return found


def to_decimal(value: object, *, allow_negative: bool = False) -> Decimal | Issue | None:
    """A decimal number from a cell value (currency words allowed and dropped)."""
    found = to_amount(value, allow_negative=allow_negative)
    return found.value if isinstance(found, Amount) else found


def to_integer(value: object, *, allow_negative: bool = False) -> int | Issue | None:
    """A whole number from a cell value: "12.500", "12,500" and "12 500" are 12500."""
    found = to_decimal(value, allow_negative=allow_negative)
    if found is None or isinstance(found, Issue):
        return found
    if found != found.to_integral_value():
        return Issue("not_integer", quoted(value))
    return int(found)


#: Numbers typed so that they can be read only one way: digits, or digits and one or two
#: decimals ("1250000", "12,5", "250000.50").
_PLAIN = re.compile(r"^-?\d+(?:[.,]\d{1,2})?$")


def spoken(number: Decimal | int) -> tuple[str, str]:
    """``number`` in Spanish and English, grouped by thousands with spaces, which no reader
    takes for a decimal mark: "1 250 000,5" / "1 250 000.5"."""
    value = Decimal(number)
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{value.copy_abs():f}".partition(".")  # (abs() would round)
    if not fraction.strip("0"):
        fraction = ""
    elif len(fraction) == 3 and len(whole) <= 3:
        fraction += "0"  # "5,125" would read as five thousand: "5,1250" cannot
    groups: list[str] = []
    while len(whole) > 3:
        whole, group = whole[:-3], whole[-3:]
        groups.insert(0, group)
    grouped = "\u00a0".join([whole, *groups])
    if not fraction:
        return sign + grouped, sign + grouped
    return f"{sign}{grouped},{fraction}", f"{sign}{grouped}.{fraction}"


def understood(value: object, number: Decimal | int) -> Issue | None:
    """An ``understood_as`` note when ``number`` was read from more than plain digits."""
    if not isinstance(value, str) or isinstance(value, bool):
        return None  # a number cell: nothing was interpreted
    text = clean_text(value, multiline=False)
    if text is None:
        return None
    text = strip_apostrophe(text).strip()
    es, en = spoken(number)
    if _PLAIN.match(text) or text in (es.replace("\u00a0", " "), en.replace("\u00a0", " ")):
        return None  # plain digits, or grouped by spaces: read the only way they can be
    # Portuguese and French write numbers as Spanish does: decimal comma, spaced thousands.
    understood_as = {"understood_es": es, "understood_en": en, "understood_pt": es}
    return Issue("understood_as", {"value": shown(text), **understood_as, "understood_fr": es})
