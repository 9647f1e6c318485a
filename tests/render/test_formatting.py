"""Dates keep their precision; numbers follow the configured locale."""

from __future__ import annotations

from decimal import Decimal

import pytest

from systematise.render.formatting import Formatter
from systematise.schema.partial_date import PartialDate


@pytest.mark.parametrize(
    ("locale", "value", "shown"),
    [
        ("es_419", "2021", "2021"),
        ("es_419", "2021-03", "marzo de 2021"),
        ("es_419", "2021-03-15", "15 de marzo de 2021"),
        ("en", "2021-03", "March 2021"),
        ("en", "2021-03-15", "March 15, 2021"),
    ],
)
def test_partial_dates(locale: str, value: str, shown: str) -> None:
    assert Formatter(locale).partial_date(PartialDate.parse(value)) == shown


def test_numbers_follow_the_locale() -> None:
    assert Formatter("es_419").number(1234567) == "1,234,567"
    assert Formatter("es").number(1234567) == "1.234.567"
    assert Formatter("en").amount(Decimal("1250000.5"), "USD") == "USD\u00a01,250,000.5"


def test_language_names_in_the_reader_language() -> None:
    assert Formatter("es_419").language_name("pt") == "portugués"
    assert Formatter("en").language_name("es") == "Spanish"
