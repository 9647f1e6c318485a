"""Property tests of the normalisers: never crash, always a value or an issue, idempotent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from systematise.normalise import dates, numbers, vocab
from systematise.normalise.dates import to_full_date, to_partial_date
from systematise.normalise.issue import SHOWN_MAX, Issue, shown
from systematise.normalise.numbers import Amount, to_amount, to_decimal, to_integer
from systematise.normalise.text import clean_text, split_values
from systematise.normalise.vocab import read_codes, to_code, to_codes, to_country
from systematise.normalise.web import to_email, to_url
from systematise.schema.partial_date import PartialDate
from systematise.schema.vocabulary import vocabularies, vocabulary

#: Text people paste: any characters, with the ones that cause trouble made likely.
tricky = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(list("\u00a0\u200b\ufeff\r\n\t•·–*-;,./ 0123456789$€'")),
    ),
    max_size=80,
)
cell_values = st.one_of(
    st.none(),
    tricky,
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1)),
    st.decimals(allow_nan=False, allow_infinity=False, places=3),
)
date_texts = st.one_of(
    tricky,
    st.builds("{}/{}/{}".format, st.integers(0, 40), st.integers(0, 14), st.integers(0, 2200)),
    st.builds(
        "{} {}".format,
        st.sampled_from(["marzo de", "March", "março de", "mars", "Sept.", "dic"]),
        st.integers(0, 2200),
    ),
)
amount_texts = st.one_of(
    tricky,
    st.builds(
        "{}{}{}".format,
        st.sampled_from(["", "USD ", "$", "US$ ", "€", "-"]),
        st.from_regex(r"\d{1,3}([.,  ]\d{3}){0,3}([.,]\d{1,2})?", fullmatch=True),
        st.sampled_from(["", " millones", " dólares", " EUR", " personas"]),
    ),
)


def _valid_or_issue(result: object, kind: type | tuple[type, ...]) -> None:
    assert result is None or isinstance(result, Issue | kind)


@settings(max_examples=300)
@given(cell_values)
def test_text_never_crashes_and_is_idempotent(value: object) -> None:
    for multiline in (True, False):
        once = clean_text(value, multiline=multiline)
        _valid_or_issue(once, str)
        assert clean_text(once, multiline=multiline) == once
        if once is not None:
            assert once == once.strip()
            assert "\u200b" not in once and "\u00a0" not in once and "\r" not in once


@given(tricky)
def test_split_values_parts_are_clean_and_stable(value: str) -> None:
    parts = split_values(value)
    assert all(part and ";" not in part and "\n" not in part for part in parts)
    assert split_values("; ".join(parts)) == parts


@settings(max_examples=300)
@given(st.one_of(cell_values, date_texts), st.booleans())
def test_dates_never_crash_and_are_idempotent(value: object, epoch_1904: bool) -> None:
    once = to_partial_date(value, epoch_1904=epoch_1904)
    _valid_or_issue(once, PartialDate)
    if isinstance(once, PartialDate):
        assert to_partial_date(once) == once
        assert to_partial_date(str(once)) == once
    full = to_full_date(value, epoch_1904=epoch_1904)
    _valid_or_issue(full, dt.date)
    if isinstance(full, dt.date):
        assert to_full_date(full) == full


@settings(max_examples=300)
@given(st.one_of(cell_values, amount_texts), st.booleans())
@pytest.mark.slow
def test_numbers_never_crash_and_are_idempotent(value: object, allow_negative: bool) -> None:
    amount = to_amount(value, allow_negative=allow_negative)
    _valid_or_issue(amount, Amount)
    if isinstance(amount, Amount):
        assert to_amount(amount, allow_negative=allow_negative) == amount
        assert allow_negative or amount.value >= 0
    number = to_decimal(value, allow_negative=allow_negative)
    _valid_or_issue(number, Decimal)
    if isinstance(number, Decimal):
        assert to_decimal(number, allow_negative=allow_negative) == number
    whole = to_integer(value, allow_negative=allow_negative)
    _valid_or_issue(whole, int)
    if isinstance(whole, int):
        assert to_integer(whole, allow_negative=allow_negative) == whole


@settings(max_examples=200)
@given(st.one_of(cell_values, st.sampled_from(sorted(vocabularies()))))
def test_vocabulary_values_never_crash_and_codes_map_to_themselves(value: object) -> None:
    for key, terms in vocabularies().items():
        found = to_code(value, key)
        _valid_or_issue(found, str)
        if isinstance(found, str):
            assert found in terms.codes
            assert to_code(found, key) == found
        for item in to_codes(value, key):
            assert isinstance(item, str | Issue)


@given(st.sampled_from(sorted(vocabularies())), st.data())
def test_every_label_and_code_in_any_case_and_accents_maps_to_its_code(
    key: str, data: st.DataObject
) -> None:
    term = data.draw(st.sampled_from(vocabulary(key).terms))
    for written in (term.code, term.es, term.en, term.es.upper(), f"  {term.en.lower()} "):
        assert to_code(written, key) == term.code


@given(st.one_of(cell_values, st.sampled_from(["México", "MX", "mex", "Brésil", "Haïti"])))
def test_countries_never_crash(value: object) -> None:
    found = to_country(value)
    _valid_or_issue(found, str)
    if isinstance(found, str):
        assert to_country(found) == found
        assert to_country(vocabulary("country").label(found, "es")) == found


@settings(max_examples=300)
@given(
    st.one_of(
        cell_values,
        st.builds(
            "{}{}".format,
            st.sampled_from(["", "www.", "http://", "https://", "ftp://", "javascript:"]),
            tricky,
        ),
    )
)
def test_urls_and_emails_never_crash_and_are_idempotent(value: object) -> None:
    url = to_url(value)
    _valid_or_issue(url, str)
    if isinstance(url, str):
        assert url.startswith(("http://", "https://"))
        assert to_url(url) == url
    email = to_email(value)
    _valid_or_issue(email, str)
    if isinstance(email, str):
        assert to_email(email) == email


@settings(max_examples=300)
@given(st.one_of(cell_values, date_texts, amount_texts))
@pytest.mark.slow
def test_quotations_are_one_short_line(value: object) -> None:
    quoted = shown(value)
    assert len(quoted) <= SHOWN_MAX and "\n" not in quoted and quoted == quoted.strip()
    for found in (
        to_partial_date(value),
        to_amount(value),
        to_url(value),
        to_code(value, "status"),
    ):
        if isinstance(found, Issue) and "value" in found.params:
            assert found.params["value"] == shown(found.params["value"])


@settings(max_examples=300)
@given(st.one_of(cell_values, date_texts), st.booleans())
@example(Decimal("11641132621598858414296924160.000"), False)  # past Decimal's 28 digits
def test_a_date_shown_back_reads_as_the_same_date(value: object, epoch_1904: bool) -> None:
    found = to_partial_date(value, epoch_1904=epoch_1904)
    if not isinstance(found, PartialDate):
        return
    note = dates.understood(value, found)
    assert note is None or note.code in ("understood_as", "date_cell_read")
    for reading in dates.spoken(found):
        assert to_partial_date(reading) == found


@settings(max_examples=300)
@given(st.one_of(cell_values, amount_texts))
@pytest.mark.slow
def test_a_number_shown_back_reads_as_the_same_number(value: object) -> None:
    found = to_amount(value, allow_negative=True)
    if not isinstance(found, Amount):
        return
    note = numbers.understood(value, found.value)
    assert note is None or note.code == "understood_as"
    for reading in numbers.spoken(found.value):
        again = to_amount(reading, allow_negative=True)
        assert isinstance(again, Amount) and again.value == found.value


@settings(max_examples=200)
@given(st.one_of(tricky, st.sampled_from(["en curso", "Programa/proyecto", "Obj 21", "MX"])))
def test_a_code_shown_back_names_the_same_code(value: str) -> None:
    for key in ("status", "initiative_type", "gcm_objective", "country", "thematic_area"):
        for part, found in read_codes(value, key):
            if isinstance(found, Issue):
                assert found.code == "not_in_vocabulary" and found.params["value"] == shown(part)
                continue
            note = vocab.understood(part, found, key)
            if note is not None:
                assert to_code(note.params["understood_es"], key) == found
                assert to_code(note.params["understood_en"], key) == found
