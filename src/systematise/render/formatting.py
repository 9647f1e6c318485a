"""Dates, numbers, amounts and lists in the report's locale, through Babel only.

The locale of each report language comes from the settings (``es_419`` by default for Spanish:
1,234.5; plain ``es`` would write 1.234,5). Partial dates keep their precision: a year stays
"2021", a month becomes "marzo de 2021" / "March 2021", a full date "15 de marzo de 2021" /
"March 15, 2021".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

from systematise.schema.partial_date import PartialDate


@dataclass(frozen=True)
class Formatter:
    """Formats values for one Babel locale (e.g. ``es_419``, ``en``)."""

    locale: str

    def number(self, value: int | Decimal) -> str:
        return str(format_decimal(value, locale=self.locale))

    def percent(self, share: float) -> str:
        return str(format_percent(share, locale=self.locale))

    def amount(self, value: Decimal, currency: str) -> str:
        """An amount with its ISO 4217 code first ("USD 1,250,000"): unambiguous in any locale."""
        return f"{currency}\u00a0{self.number(value)}"

    def date(self, value: dt.date) -> str:
        return str(format_date(value, "long", locale=self.locale))

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
