"""Pydantic's errors → catalogue problem codes, and the cross-field rules checked one by one.

The models are the single source of truth for the rules. Two things need care:

* a Pydantic error is mapped to a catalogue code with the parameters its message needs;
* Pydantic runs a model's "after" validator only when every field is valid, and stops at the
  first rule broken. To find every problem in one pass, :func:`cross_field_codes` runs the
  model's own after-validators on groups of fields (the dates and status; the budget), each
  group over neutral values for the rest, and skips a group when one of its fields has an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails, PydanticCustomError

from systematise.normalise.issue import Issue
from systematise.normalise.vocab import not_in_vocabulary
from systematise.schema.fieldmeta import FieldSpec
from systematise.schema.models import Initiative, SubmissionHeader
from systematise.schema.partial_date import PartialDate
from systematise.schema.problems import CATALOGUE, placeholders
from systematise.schema.vocabulary import vocabulary

#: The field each cross-field rule's problem is reported at.
CROSS_FIELD_TARGETS: dict[str, str] = {
    "date_too_early": "start_date",
    "end_before_start": "end_date",
    "end_date_required": "end_date",
    "currency_required": "budget_currency",
    "currency_without_amount": "budget_currency",
    "date_in_future": "submission_date",
}

#: Fields each cross-field rule group reads, and neutral values that break no rule.
_GROUPS: dict[type[BaseModel], tuple[tuple[str, ...], ...]] = {
    Initiative: (("start_date", "end_date", "status"), ("budget_amount", "budget_currency")),
    SubmissionHeader: (("submission_date",),),
}
_NEUTRAL: dict[type[BaseModel], dict[str, Any]] = {
    Initiative: {
        "start_date": PartialDate(2000),
        "end_date": None,
        "status": "planned",
        "budget_amount": None,
        "budget_currency": None,
    },
    SubmissionHeader: {},
}


def _length(value: object) -> int:
    return len(value) if isinstance(value, str | tuple | list) else 0


def issue_of(error: ErrorDetails, spec: FieldSpec) -> Issue:
    """The catalogue issue for one Pydantic error on ``spec``'s field."""
    kind = error["type"]
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    if kind == "missing":
        return Issue("required")
    if kind == "string_too_short":
        return Issue("too_short", {"length": _length(error["input"]), "minimum": ctx["min_length"]})
    if kind == "string_too_long":
        return Issue("too_long", {"length": _length(error["input"]), "maximum": ctx["max_length"]})
    if kind == "too_short":
        return Issue("required")
    if kind == "too_long":
        count = ctx.get("actual_length") or _length(error["input"])
        return Issue("too_many_values", {"maximum": ctx["max_length"], "count": count})
    if kind in ("greater_than_equal", "greater_than"):
        return Issue("number_negative")
    if kind == "value_error" and spec.kind == "email":
        return Issue("email_invalid")
    if kind == "not_in_vocabulary":
        return not_in_vocabulary(vocabulary(str(ctx.get("vocabulary", spec.vocabulary))))
    if kind in CATALOGUE and not placeholders(CATALOGUE[kind].es) - {"label"}:
        return Issue(kind)
    return Issue("invalid_value")


def slot_index(error: ErrorDetails) -> int | None:
    """The index of the value an error is about, inside a multi-value field."""
    loc = error["loc"]
    if len(loc) > 1 and isinstance(loc[1], int):
        return loc[1]
    if error["type"] == "too_long":
        ctx = error.get("ctx") or {}
        maximum = ctx.get("max_length")
        return int(maximum) if isinstance(maximum, int) else None
    return None


def _after_validators(model: type[BaseModel]) -> list[Any]:
    decorators = model.__pydantic_decorators__.model_validators.values()
    return [item.func for item in decorators if item.info.mode == "after"]


def cross_field_codes(
    model: type[BaseModel], values: Mapping[str, Any], failed: Iterable[str]
) -> list[str]:
    """The codes of the cross-field rules ``values`` break, one per rule group.

    Groups touching a field in ``failed`` (or a required one that is absent) are skipped: their
    rule cannot be judged until that field is fixed.
    """
    failed = set(failed)
    codes: list[str] = []
    for group in _GROUPS.get(model, ()):
        if any(key in failed for key in group):
            continue
        fields = model.model_fields
        if any(fields[key].is_required() and values.get(key) is None for key in group):
            continue
        data = {**_NEUTRAL[model], **{key: values.get(key) for key in group}}
        instance = model.model_construct(**data)
        for rule in _after_validators(model):
            try:
                rule(instance)
            except PydanticCustomError as error:
                codes.append(error.type)
                break
    return codes
