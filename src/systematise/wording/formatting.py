"""Dates, numbers, amounts and lists in the report's locale and the house style, through Babel.

The locale of each report language comes from the settings (``es_419`` by default for Spanish):
it gives the names of months and languages, the words of a list and the decimal sign. The house
style (:mod:`systematise.wording.house_style`) decides the rest, whatever the locale's region:
Spanish groups digits with a narrow no-break space from five digits on ("400 000", "4000",
"1 234 567.5" with ``es_419``, "1 234 567,5" with ``es``) and sets the percent sign apart
("45 %"); English writes dates day first ("15 December 2025"), as the United Nations do.
Partial dates keep their precision: a year stays "2021", a month becomes "marzo de 2021" /
"March 2021", a full date "15 de marzo de 2021" / "15 March 2021".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent, get_minus_sign_symbol

from systematise.wording.house_style import SPANISH_PERCENT_SPACE, group_spanish

if TYPE_CHECKING:  # the command line words its messages without the schema (or Pydantic)
    from systematise.schema.partial_date import PartialDate

#: Full dates in each language's house style ("15 de diciembre de 2025", "15 December 2025").
DATE_PATTERNS = {"es": "d 'de' MMMM 'de' y", "en": "d MMMM y"}


@dataclass(frozen=True)
class Formatter:
    """Formats values for one Babel locale (e.g. ``es_419``, ``en``)."""

    locale: str

    @property
    def language(self) -> str:
        return str(Locale.parse(self.locale).language)

    def number(self, value: int | Decimal, pattern: str | None = None) -> str:
        if self.language != "es":
            return str(format_decimal(value, pattern, locale=self.locale))
        plain = format_decimal(value, pattern, locale=self.locale, group_separator=False)
        return self._spanish(str(plain))

    def percent(self, share: float) -> str:
        if self.language != "es":
            return str(format_percent(share, locale=self.locale))
        plain = str(format_percent(share, locale=self.locale, group_separator=False))
        digits = plain.replace("%", "").strip(" \u00a0\u202f")
        return f"{self._spanish(digits)}{SPANISH_PERCENT_SPACE}%"

    def _spanish(self, plain: str) -> str:
        """A number Babel wrote without grouping ("-1234567.5"), grouped as the RAE asks."""
        minus = str(get_minus_sign_symbol(self.locale))
        sign = minus if plain.startswith(minus) else ""
        unsigned = plain[len(sign) :]
        digits = len(unsigned) - len(unsigned.lstrip("0123456789"))
        return sign + group_spanish(unsigned[:digits]) + unsigned[digits:]

    def amount(self, value: Decimal, currency: str) -> str:
        """An amount with its ISO 4217 code first ("USD 1,250,000"): unambiguous in any locale.
        Cents, when there are any, show both digits ("USD 1,250,000.50")."""
        pattern = None if value == value.to_integral_value() else "#,##0.00"
        return f"{currency}\u00a0{self.number(value, pattern)}"

    def date(self, value: dt.date) -> str:
        pattern = DATE_PATTERNS.get(self.language, "long")
        return str(format_date(value, pattern, locale=self.locale))

    def partial_date(self, value: PartialDate) -> str:
        if value.precision == "year":
            return str(value.year)
        if value.precision == "month":
            return str(format_skeleton("yMMMM", value.earliest(), locale=self.locale))
        return self.date(value.earliest())

    def join(self, items: list[str]) -> str:
        """A list in prose ("a, b y c" / "a, b, and c")."""
        return str(format_list(items, locale=self.locale)) if items else ""

    def language_name(self, code: str) -> str:
        """The name of a language in this locale ("portugués", "Portuguese")."""
        name = Locale.parse(self.locale).languages.get(code)
        return str(name) if name else code
