"""Cross-field rules: declared once, enforced by the models, every one reported in one pass."""

# Markdown-table fixtures are read as tables, one initiative per line: long lines are the point.
# ruff: noqa: E501

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from systematise.schema.lang import FOCAL_LANGS
from systematise.schema.models import Initiative, SubmissionHeader
from systematise.schema.partial_date import PartialDate
from systematise.schema.problems import CATALOGUE, placeholders
from systematise.schema.rules import INITIATIVE_RULES, SUBMISSION_RULES, broken_rules
from systematise.schema.stages import CheckedWorkbook
from tests.check.conftest import flat
from tests.schema.test_models import VALID_INITIATIVE
from tests.support.workbooks import workbook_from_md

Check = Callable[..., CheckedWorkbook]


@pytest.mark.slow
def test_a_row_gets_every_rule_it_breaks(check_workbook: Check) -> None:
    workbook = workbook_from_md(
        """
| title | status | start_date | end_date | budget_amount | budget_currency |
|---|---|---|---|---|---|
| Plan | in_progress | 1940 | 1930 | 5000 | |
| Programa Cerrado con Dos Fallas | completed | 1945 | | | USD |
""",
        lang="es",
    )
    checked = check_workbook(workbook)
    assert flat(checked) == [
        ("B3", "title", "too_short"),  # a field error does not hide the rules
        ("AC3", "start_date", "date_too_early"),
        ("AD3", "end_date", "end_before_start"),
        ("AV3", "budget_currency", "currency_required"),
        ("AC4", "start_date", "date_too_early"),
        ("AD4", "end_date", "end_date_required"),
        ("AK4", "results", "results_missing"),
        ("AV4", "budget_currency", "currency_without_amount"),
    ]
    assert [row.initiative for row in checked.rows] == [None, None]


@pytest.mark.slow
def test_a_rule_is_not_judged_on_a_value_that_could_not_be_read(check_workbook: Check) -> None:
    workbook = workbook_from_md(
        """
| title | status | start_date | end_date | budget_amount | budget_currency | results |
|---|---|---|---|---|---|---|
| Iniciativa con fechas ilegibles | completed | pronto | 2020 | aprox. 500 | | Logros. |
| Iniciativa con fin ilegible | completed | 2021 | algún día | 100 | ABC | Logros. |
""",
        lang="es",
    )
    assert flat(check_workbook(workbook)) == [
        ("AC3", "start_date", "date_invalid"),
        ("AU3", "budget_amount", "number_invalid"),
        ("AD4", "end_date", "date_invalid"),
        ("AV4", "budget_currency", "currency_invalid"),
    ]


@pytest.mark.slow
def test_a_warning_rule_keeps_the_initiative_without_the_value(check_workbook: Check) -> None:
    workbook = workbook_from_md(
        "| title | budget_amount | budget_currency |\n|---|---|---|\n| Iniciativa con moneda sola | | EUR |",
        lang="es",
    )
    checked = check_workbook(workbook)
    assert flat(checked) == [("AV3", "budget_currency", "currency_without_amount")]
    initiative = checked.rows[0].initiative
    assert initiative is not None and initiative.budget_currency is None


@pytest.mark.parametrize("rule", [*INITIATIVE_RULES, *SUBMISSION_RULES], ids=lambda r: r.code)
def test_each_rule_is_declared_against_the_contract(rule: Any) -> None:
    model = Initiative if rule in INITIATIVE_RULES else SubmissionHeader
    assert rule.target in model.model_fields
    assert rule.target in rule.reads and set(rule.reads) <= set(model.model_fields)
    message = CATALOGUE[rule.code]
    # Rule findings carry no parameters: their messages need only the field's label.
    assert all(placeholders(message.text(lang)) <= {"label"} for lang in FOCAL_LANGS)
    assert rule.advisory == (rule.code == "results_missing")
    assert model.cross_field_rules == (
        INITIATIVE_RULES if model is Initiative else SUBMISSION_RULES
    )


_dates = st.one_of(
    st.none(),
    st.builds(PartialDate, st.integers(1930, 2030)),
    st.builds(PartialDate, st.integers(1930, 2030), st.integers(1, 12)),
    st.builds(PartialDate.from_date, st.dates(dt.date(1930, 1, 1), dt.date(2030, 12, 31))),
)


@settings(max_examples=200, deadline=None)
@given(
    start=_dates.filter(lambda value: value is not None),
    end=_dates,
    status=st.sampled_from(["planned", "in_progress", "completed", "suspended"]),
    amount=st.one_of(st.none(), st.decimals(0, 10**9, places=2)),
    currency=st.sampled_from([None, "USD", "MXN"]),
    results=st.sampled_from([None, "Tres rondas publicadas."]),
)
@pytest.mark.slow
def test_the_model_and_the_checker_judge_the_same_rules(
    start: PartialDate,
    end: PartialDate | None,
    status: str,
    amount: Decimal | None,
    currency: str | None,
    results: str | None,
) -> None:
    values: dict[str, Any] = {
        "start_date": start,
        "end_date": end,
        "status": status,
        "budget_amount": amount,
        "budget_currency": currency,
        "results": results,
    }
    judged = broken_rules(INITIATIVE_RULES, values)
    expected = [(rule.target, rule.code) for rule in judged if not rule.advisory]
    data = {
        **VALID_INITIATIVE,
        **{key: value for key, value in values.items() if value is not None},
    }
    try:
        Initiative.model_validate(data)
    except ValidationError as error:
        raised = [(str(item["loc"][0]), item["type"]) for item in error.errors()]
    else:
        raised = []
    assert raised == expected
