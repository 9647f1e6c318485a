"""Pydantic's errors → catalogue problem codes, with the parameters each message needs.

The models are the single source of truth for the rules. A field error is mapped here to its
catalogue code; a value that was not accepted is quoted (``value``), taken from what was typed
when the checker knows it. Cross-field rules are not mapped here: ``check`` judges them itself
from the rule table the models enforce (:mod:`systematise.schema.rules`), so that a row gets
every rule it breaks even when another of its fields has an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic_core import ErrorDetails

from systematise.normalise.issue import Issue, shown
from systematise.normalise.vocab import not_in_vocabulary
from systematise.schema.fieldmeta import FieldSpec
from systematise.schema.vocabulary import vocabulary


def _length(value: object) -> int:
    return len(value) if isinstance(value, str | tuple | list) else 0


def _in_a_list(error: ErrorDetails) -> bool:
    """True when the error is about one value of a multi-value field."""
    return slot_index(error) is not None and error["type"] != "too_long"


def issue_of(error: ErrorDetails, spec: FieldSpec, typed: str | None = None) -> Issue:
    """The catalogue issue for one Pydantic error on ``spec``'s field.

    ``typed`` is what was typed for the value the error is about, as messages quote it; without
    it the value the model saw is quoted.
    """
    kind = error["type"]
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    value = typed if typed is not None else shown(error["input"])
    if kind in ("missing", "too_short"):
        return Issue("required")
    if kind == "string_too_short":
        return Issue("too_short", {"length": _length(error["input"]), "minimum": ctx["min_length"]})
    if kind == "string_too_long" and _in_a_list(error):
        length = _length(error["input"])
        return Issue(
            "part_too_long", {"value": value, "length": length, "maximum": ctx["max_length"]}
        )
    if kind == "string_too_long":
        return Issue("too_long", {"length": _length(error["input"]), "maximum": ctx["max_length"]})
    if kind == "too_long":
        count = ctx.get("actual_length") or _length(error["input"])
        return Issue("too_many_values", {"maximum": ctx["max_length"], "count": count})
    if kind in ("greater_than_equal", "greater_than"):
        return Issue("number_negative", {"value": value})
    if kind == "value_error" and spec.kind == "email":
        return Issue("email_invalid")
    if kind in ("not_in_vocabulary", "less_than_equal", "less_than") and spec.vocabulary:
        return not_in_vocabulary(vocabulary(str(ctx.get("vocabulary", spec.vocabulary))), value)
    if kind == "duplicate_value":
        return Issue("duplicate_value")
    if kind == "url_invalid":
        return Issue("url_invalid", {"value": value})
    if kind == "sdg_target_invalid":
        return Issue("sdg_target_invalid", {"value": value})
    if kind == "currency_invalid":
        return Issue("currency_invalid", {"value": value})
    if kind == "date_invalid":
        return Issue("date_invalid", {"value": value})
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
