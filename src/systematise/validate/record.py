"""Validate one record (an initiative row or the submission form) through its model.

:func:`validate_record` normalises every field, validates the result with the model, maps each
error to its cell, judges every cross-field rule of the model's table
(:mod:`systematise.schema.rules`) on the normalised values, and scans free text for personal
data. It returns the model instance when nothing is wrong beyond warnings and notes.

Quoted values are the focal point's own text, shown back to them: a personal field's value is
never quoted (its problem falls back to a message that quotes nothing), and personal data
inside any quoted value is masked.
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
from systematise.schema.lang import FOCAL_LANGS
from systematise.schema.problems import CATALOGUE, Severity, joined_in_every_lang
from systematise.schema.rules import Rule, broken_rules
from systematise.validate.errors import issue_of, slot_index
from systematise.validate.fields import FieldOutcome, normalise_field
from systematise.validate.personal_data import KIND_LABELS, Kind, is_scanned, kinds, mask

M = TypeVar("M", bound=BaseModel)


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


def rules_of(model: type[BaseModel]) -> tuple[Rule, ...]:
    """The cross-field rules ``model`` enforces (its ``cross_field_rules``)."""
    rules: tuple[Rule, ...] = getattr(model, "cross_field_rules", ())
    return rules


def _personal_data(spec: FieldSpec, outcome: FieldOutcome) -> list[Finding]:
    """One warning per cell holding personal data, naming every kind found there."""
    if not is_scanned(spec) or outcome.value is None:
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
            named = joined_in_every_lang("kind", [KIND_LABELS[kind] for kind in found])
            issue = Issue("personal_data_in_text", named)
            findings.append(Finding(spec.key, cell, issue))
    return findings


def _cell_of(outcome: FieldOutcome, index: int | None) -> str | None:
    if not outcome.cells:
        return None
    if index is not None and 0 <= index < len(outcome.cells):
        return outcome.cells[index]
    return outcome.cells[-1] if index is not None else outcome.cells[0]


def _typed_of(outcome: FieldOutcome, index: int | None) -> str | None:
    """What was typed for the value at ``index`` (the single value when None)."""
    position = 0 if index is None else index
    return outcome.typed[position] if 0 <= position < len(outcome.typed) else None


#: Parameters that repeat what was typed (or what it was read as, in every language).
_QUOTING = ("value", *(f"understood_{lang}" for lang in FOCAL_LANGS))


def _safe(spec: FieldSpec, issue: Issue) -> Issue | None:
    """``issue`` fit to show: no value of a personal field, no personal data in a quotation.

    A personal field's problem that would quote its value falls back to ``invalid_value``
    (quoting nothing); a note about it is dropped.
    """
    quoting = [key for key in _QUOTING if isinstance(issue.params.get(key), str)]
    if not quoting:
        return issue
    if spec.personal:
        return None if CATALOGUE[issue.code].severity == Severity.INFO else Issue("invalid_value")
    masked = {key: mask(str(issue.params[key])) for key in quoting if kinds(str(issue.params[key]))}
    return Issue(issue.code, {**issue.params, **masked}) if masked else issue


def _shown(finding: Finding, specs: Mapping[str, FieldSpec]) -> Finding | None:
    if finding.field not in specs:
        return finding
    issue = _safe(specs[finding.field], finding.issue)
    return None if issue is None else Finding(finding.field, finding.cell, issue)


def _model_findings(
    error: ValidationError,
    specs: Mapping[str, FieldSpec],
    outcomes: Mapping[str, FieldOutcome],
    skip: set[str],
    rule_codes: frozenset[str],
) -> tuple[list[Finding], set[str]]:
    """Findings for the model's field errors, and the fields they are about.

    Errors of fields in ``skip`` (already reported while normalising, or whose column is
    missing) and of cross-field rules (judged from the rule table) are left out.
    """
    findings: list[Finding] = []
    failed: set[str] = set()
    for details in error.errors():
        if not details["loc"] or details["type"] in rule_codes:
            continue
        key = str(details["loc"][0])
        failed.add(key)
        if key in skip or key not in specs:
            continue
        index = slot_index(details)
        issue = issue_of(details, specs[key], _typed_of(outcomes[key], index))
        findings.append(Finding(key, _cell_of(outcomes[key], index), issue))
    return findings, failed


def validate_record(
    model: type[M],
    cells: Mapping[str, tuple[RawCell, ...]],
    *,
    epoch_1904: bool,
) -> RecordResult[M]:
    """Normalise and validate one record; ``cells`` maps each field key to its cells."""
    specs = specs_of(model)
    rules = rules_of(model)
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
    findings.extend(_currency_from_amount(values, outcomes))
    failed = {key for key, outcome in outcomes.items() if outcome.failed}
    missing = {key for key in specs if key not in cells}
    try:
        instance: M | None = model.model_validate(values)
    except ValidationError as error:
        instance = None
        rule_codes = frozenset(rule.code for rule in rules)
        found, invalid = _model_findings(error, specs, outcomes, failed | missing, rule_codes)
        findings.extend(found)
        failed |= invalid
    for rule in broken_rules(rules, values, unknown=failed):
        target = outcomes[rule.target]
        findings.append(Finding(rule.target, _cell_of(target, None), Issue(rule.code)))
        if not rule.advisory and CATALOGUE[rule.code].severity != Severity.ERROR:
            # A warning the model would reject: the value it is about is left out.
            values.pop(rule.target, None)
    for key, spec in specs.items():
        findings.extend(_personal_data(spec, outcomes[key]))
    findings = [safe for item in findings if (safe := _shown(item, specs)) is not None]
    if _has_errors(findings):
        instance = None
    elif instance is None:
        instance = _validated(model, values)
    return RecordResult(instance, _unique(findings), outcomes)


def _unique(findings: list[Finding]) -> tuple[Finding, ...]:
    """Each finding once, where it first appeared."""
    seen: set[tuple[str, str | None, str, tuple[tuple[str, str | int], ...]]] = set()
    kept: list[Finding] = []
    for finding in findings:
        issue = finding.issue
        key = (finding.field, finding.cell, issue.code, tuple(sorted(issue.params.items())))
        if key not in seen:
            seen.add(key)
            kept.append(finding)
    return tuple(kept)


def _has_errors(findings: list[Finding]) -> bool:
    return any(finding.severity == Severity.ERROR for finding in findings)


def _validated(model: type[M], values: dict[str, Any]) -> M | None:
    try:
        return model.model_validate(values)
    except ValidationError:
        return None


def _currency_from_amount(
    values: dict[str, Any], outcomes: Mapping[str, FieldOutcome]
) -> list[Finding]:
    """A currency named in the amount cell ("USD 250.000") fills an empty currency cell (a
    note says so); one that differs from the currency cell's is a warning (the cell wins)."""
    amount = outcomes.get("budget_amount")
    currency = outcomes.get("budget_currency")
    if amount is None or currency is None or amount.currency is None or amount.failed:
        return []
    cell = currency.cells[0] if currency.cells else None
    if currency.value is None and not currency.issues:
        values["budget_currency"] = amount.currency
        issue = Issue("currency_from_amount", {"currency": amount.currency})
        return [Finding("budget_currency", cell, issue)]
    named = amount.currency
    if isinstance(currency.value, str) and not currency.failed and currency.value != named:
        issue = Issue("currency_conflict", {"named": named, "currency": currency.value})
        return [Finding("budget_currency", cell, issue)]
    return []
