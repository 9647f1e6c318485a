"""Rules that span fields, declared once: the models enforce them, ``check`` reports them.

A :class:`Rule` names its problem code (a code of :data:`~systematise.schema.problems.CATALOGUE`),
the field its problem is reported at, the fields it reads and a small check function. The
models' after-validators iterate their table (:func:`enforce`) and raise every rule broken at
once, each at its target field; ``check`` calls :func:`broken_rules` directly on the normalised
values of a row, so that a rule is judged even when an unrelated field of the row has an error.

A check reads normalised contract values (``PartialDate``, codes, ``Decimal``); a field left
empty is ``None``. A check never reports a rule whose fields are not all given unless the rule
is about something missing ("a completed initiative needs an end date").

An *advisory* rule (a warning such as "a completed initiative should describe its results") is
only reported: the model accepts values that break it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from systematise.schema.partial_date import PartialDate

#: The first year a date of an initiative may have (data contract: start_date).
FIRST_YEAR = 1950


@dataclass(frozen=True)
class Rule:
    """One cross-field rule: ``check`` returns True when the values break it."""

    code: str
    target: str
    reads: tuple[str, ...]
    check: Callable[[Mapping[str, Any]], bool]
    #: A short English description, for Pydantic's error message (developers read it).
    summary: str
    advisory: bool = False


def _starts_too_early(values: Mapping[str, Any]) -> bool:
    start = values.get("start_date")
    return isinstance(start, PartialDate) and start.year < FIRST_YEAR


def _ends_before_start(values: Mapping[str, Any]) -> bool:
    start, end = values.get("start_date"), values.get("end_date")
    if not isinstance(start, PartialDate) or not isinstance(end, PartialDate):
        return False
    return end.latest() < start.earliest()


def _completed_without_end(values: Mapping[str, Any]) -> bool:
    return values.get("status") == "completed" and values.get("end_date") is None


def _amount_without_currency(values: Mapping[str, Any]) -> bool:
    return values.get("budget_amount") is not None and values.get("budget_currency") is None


def _currency_without_amount(values: Mapping[str, Any]) -> bool:
    return values.get("budget_currency") is not None and values.get("budget_amount") is None


def _completed_without_results(values: Mapping[str, Any]) -> bool:
    return values.get("status") == "completed" and not values.get("results")


def _in_the_future(values: Mapping[str, Any]) -> bool:
    submitted = values.get("submission_date")
    return isinstance(submitted, dt.date) and submitted > dt.date.today()


INITIATIVE_RULES: tuple[Rule, ...] = (
    Rule(
        "date_too_early",
        target="start_date",
        reads=("start_date",),
        check=_starts_too_early,
        summary=f"Dates start in {FIRST_YEAR}",
    ),
    Rule(
        "end_before_start",
        target="end_date",
        reads=("start_date", "end_date"),
        check=_ends_before_start,
        summary="The end date is before the start date",
    ),
    Rule(
        "end_date_required",
        target="end_date",
        reads=("status", "end_date"),
        check=_completed_without_end,
        summary="A completed initiative needs an end date",
    ),
    Rule(
        "results_missing",
        target="results",
        reads=("status", "results"),
        check=_completed_without_results,
        summary="A completed initiative should describe its results",
        advisory=True,
    ),
    Rule(
        "currency_required",
        target="budget_currency",
        reads=("budget_amount", "budget_currency"),
        check=_amount_without_currency,
        summary="A budget amount needs its currency",
    ),
    Rule(
        "currency_without_amount",
        target="budget_currency",
        reads=("budget_amount", "budget_currency"),
        check=_currency_without_amount,
        summary="A currency is given without a budget amount",
    ),
)

SUBMISSION_RULES: tuple[Rule, ...] = (
    Rule(
        "date_in_future",
        target="submission_date",
        reads=("submission_date",),
        check=_in_the_future,
        summary="The date is in the future",
    ),
)


def broken_rules(
    rules: Iterable[Rule], values: Mapping[str, Any], unknown: Collection[str] = ()
) -> list[Rule]:
    """Every rule of ``rules`` that ``values`` break, in table order.

    A rule reading a field in ``unknown`` (a field whose value could not be read) is not
    judged: its verdict would rest on a value the focal point has yet to fix.
    """
    return [
        rule
        for rule in rules
        if not any(key in unknown for key in rule.reads) and rule.check(values)
    ]


def enforce(instance: BaseModel, rules: Iterable[Rule]) -> None:
    """Raise one ``ValidationError`` listing every non-advisory rule ``instance`` breaks.

    Each error is located at its rule's target field and typed with its problem code.
    Collecting ``InitErrorDetails`` into ``ValidationError.from_exception_data`` is how a model
    validator reports several errors (pydantic/pydantic-core#963).
    """
    enforced = [rule for rule in rules if not rule.advisory]
    values = {key: getattr(instance, key) for rule in enforced for key in rule.reads}
    broken = broken_rules(enforced, values)
    if not broken:
        return
    errors = [
        InitErrorDetails(
            type=PydanticCustomError(rule.code, rule.summary),
            loc=(rule.target,),
            input=values.get(rule.target),
        )
        for rule in broken
    ]
    raise ValidationError.from_exception_data(type(instance).__name__, errors)
