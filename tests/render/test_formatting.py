"""Dates keep their precision; numbers follow the configured locale."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from systematise.schema.partial_date import PartialDate
from systematise.wording.formatting import Formatter


@pytest.mark.parametrize(
    ("locale", "value", "shown"),
    [
        ("es_419", "2021", "2021"),
        ("es_419", "2021-03", "marzo de 2021"),
        ("es_419", "2021-03-15", "15 de marzo de 2021"),
        ("en", "2021-03", "March 2021"),
        ("en", "2021-03-15", "15 March 2021"),
        ("en_GB", "2021-03-15", "15 March 2021"),
        ("es", "2025-12-15", "15 de diciembre de 2025"),
    ],
)
def test_partial_dates(locale: str, value: str, shown: str) -> None:
    assert Formatter(locale).partial_date(PartialDate.parse(value)) == shown


NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("locale", "value", "shown"),
    [
        # RAE: groups of three with a (narrow, no-break) space from five digits on; never a
        # comma or a point; the decimal sign is the locale's.
        ("es_419", 1234567, f"1{NNBSP}234{NNBSP}567"),
        ("es_419", 400000, f"400{NNBSP}000"),
        ("es_419", 12500, f"12{NNBSP}500"),
        ("es_419", 4000, "4000"),
        ("es_419", 2025, "2025"),
        ("es_419", 7, "7"),
        ("es_419", Decimal("1234567.5"), f"1{NNBSP}234{NNBSP}567.5"),
        ("es", Decimal("1234567.5"), f"1{NNBSP}234{NNBSP}567,5"),
        ("es_419", -12345, f"-12{NNBSP}345"),
        # The United Nations: commas, from four digits on.
        ("en", 1234567, "1,234,567"),
        ("en", 4000, "4,000"),
    ],
)
def test_numbers_follow_the_house_style(locale: str, value: int | Decimal, shown: str) -> None:
    assert Formatter(locale).number(value) == shown


def test_amounts_and_percentages() -> None:
    assert Formatter("en").amount(Decimal("1250000.5"), "USD") == "USD\u00a01,250,000.50"
    assert Formatter("en").amount(Decimal("1250000"), "USD") == "USD\u00a01,250,000"
    assert Formatter("es_419").amount(Decimal("95000"), "USD") == f"USD\u00a095{NNBSP}000"
    assert Formatter("es_419").percent(0.456) == "46\u00a0%"
    assert Formatter("es").percent(0.05) == "5\u00a0%"
    assert Formatter("en").percent(0.456) == "46%"


def test_full_dates_in_the_house_style() -> None:
    day = dt.date(2025, 12, 15)
    assert Formatter("es_419").date(day) == "15 de diciembre de 2025"
    assert Formatter("en").date(day) == "15 December 2025"


def test_language_names_in_the_reader_language() -> None:
    assert Formatter("es_419").language_name("pt") == "portugués"
    assert Formatter("en").language_name("es") == "Spanish"
