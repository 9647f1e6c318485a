"""Validate one record (an initiative row or the submission form) through its model.

:func:`validate_record` normalises every field, validates the result with the model, maps each
error to its cell, runs the cross-field rules and scans free text for personal data. It returns
the model instance when nothing is wrong beyond warnings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from systematise.normalise.issue import Issue
from systematise.read.raw import RawCell
from systematise.schema.fieldmeta import FieldSpec, field_specs
from systematise.schema.problems import CATALOGUE, Severity
from systematise.validate.errors import CROSS_FIELD_TARGETS, cross_field_codes, issue_of, slot_index
from systematise.validate.fields import FieldOutcome, normalise_field
from systematise.validate.personal_data import KIND_LABELS, Kind, kinds

M = TypeVar("M", bound=BaseModel)

#: Kinds of field scanned for personal data (fields marked personal are not: they are meant to).
_SCANNED_KINDS = frozenset({"text", "free_text", "text_list"})


@dataclass(frozen=True)
class Finding:
    """A problem of one record, before it is placed in a file and sheet."""

    field: str
    cell: str | None
    issue: Issue

    @property
    def severity(self) -> Severity:
        return CATALOGUE[self.issue.code].severity


@dataclass(frozen=True)
class RecordResult(Generic[M]):
    instance: M | None
    findings: tuple[Finding, ...]
    outcomes: Mapping[str, FieldOutcome]


@cache
def specs_of(model: type[BaseModel]) -> dict[str, FieldSpec]:
    return {spec.key: spec for spec in field_specs(model)}


def _personal_data(spec: FieldSpec, outcome: FieldOutcome) -> list[Finding]:
    """One warning per cell holding personal data, naming every kind found there."""
    if spec.personal or spec.kind not in _SCANNED_KINDS or outcome.value is None:
        return []
    texts = outcome.value if isinstance(outcome.value, tuple) else (outcome.value,)
    by_cell: dict[str | None, list[Kind]] = {}
    for index, text in enumerate(texts):
        if not isinstance(text, str):
            continue
        cell = outcome.cells[index] if index < len(outcome.cells) else None
        found = by_cell.setdefault(cell, [])
        found.extend(kind for kind in kinds(text) if kind not in found)
    findings: list[Finding] = []
    for cell, found in by_cell.items():
        if found:
            params: dict[str, str | int] = {
                "kind_es": _joined([KIND_LABELS[kind][0] for kind in found], " y "),
                "kind_en": _joined([KIND_LABELS[kind][1] for kind in found], " and "),
            }
            findings.append(Finding(spec.key, cell, Issue("personal_data_in_text", params)))
    return findings


def _joined(items: list[str], last: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + last + items[-1]


def _cell_of(outcome: FieldOutcome, index: int | None) -> str | None:
    if not outcome.cells:
        return None
    if index is not None and 0 <= index < len(outcome.cells):
        return outcome.cells[index]
    return outcome.cells[-1] if index is not None else outcome.cells[0]


def validate_record(
    model: type[M],
    cells: Mapping[str, tuple[RawCell, ...]],
    *,
    epoch_1904: bool,
) -> RecordResult[M]:
    """Normalise and validate one record; ``cells`` maps each field key to its cells."""
    specs = specs_of(model)
    outcomes: dict[str, FieldOutcome] = {}
    findings: list[Finding] = []
    for key, spec in specs.items():
        outcome = normalise_field(spec, cells.get(key, ()), epoch_1904)
        outcomes[key] = outcome
        findings.extend(Finding(key, cell, issue) for cell, issue in outcome.issues)
    values: dict[str, Any] = {
        key: outcome.value
        for key, outcome in outcomes.items()
        if outcome.value is not None and not outcome.failed
    }
    _infer_currency(values, outcomes)
    failed = {key for key, outcome in outcomes.items() if outcome.failed}
    try:
        instance: M | None = model.model_validate(values)
    except ValidationError as error:
        instance = None
        for details in error.errors():
            if not details["loc"]:
                continue  # a cross-field rule: checked below, group by group
            key = str(details["loc"][0])
            if key in failed or key not in cells:
                # Already reported while normalising, or its column is missing altogether.
                continue
            issue = issue_of(details, specs[key])
            findings.append(Finding(key, _cell_of(outcomes[key], slot_index(details)), issue))
        failed |= {str(d["loc"][0]) for d in error.errors() if d["loc"]}
    for code in cross_field_codes(model, values, failed):
        target = CROSS_FIELD_TARGETS[code]
        findings.append(Finding(target, _cell_of(outcomes[target], None), Issue(code)))
        if CATALOGUE[code].severity == Severity.WARNING:
            values.pop(target, None)
    for key, spec in specs.items():
        findings.extend(_personal_data(spec, outcomes[key]))
    if instance is None or any(
        CATALOGUE[f.issue.code].severity == Severity.ERROR for f in findings
    ):
        instance = _validated(model, values) if not _has_errors(findings) else None
    unique = {(f.field, f.cell, f.issue.code): f for f in reversed(findings)}
    kept = tuple(f for f in findings if unique[(f.field, f.cell, f.issue.code)] is f)
    return RecordResult(instance, kept, outcomes)


def _has_errors(findings: list[Finding]) -> bool:
    return any(finding.severity == Severity.ERROR for finding in findings)


def _validated(model: type[M], values: dict[str, Any]) -> M | None:
    try:
        return model.model_validate(values)
    except ValidationError:
        return None


def _infer_currency(values: dict[str, Any], outcomes: Mapping[str, FieldOutcome]) -> None:
    """An amount cell naming its currency ("USD 250.000") fills an empty currency cell."""
    amount = outcomes.get("budget_amount")
    currency = outcomes.get("budget_currency")
    if amount is None or currency is None or amount.currency is None:
        return
    if currency.value is None and not currency.issues:
        values["budget_currency"] = amount.currency
