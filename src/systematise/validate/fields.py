"""One field of a row (or of the submission form): its cells → a normalised value and issues.

Dispatches on the field's kind (:data:`systematise.schema.fieldmeta.Kind`) to the normalisers.
A formula is never trusted: the cell gets ``formula_in_cell`` and its value is ignored. Values of
multi-value fields keep the cell each came from, so that a later problem about the third value
points at the cell holding it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from systematise.normalise.dates import to_full_date, to_partial_date
from systematise.normalise.issue import Issue
from systematise.normalise.numbers import Amount, currency_named, to_amount, to_integer
from systematise.normalise.text import clean_text, not_applicable, split_values, strip_apostrophe
from systematise.normalise.vocab import to_code, to_codes
from systematise.normalise.web import to_email, to_url
from systematise.read.raw import RawCell
from systematise.schema.fieldmeta import FieldSpec

_SDG_PREFIX = re.compile(r"^(?:ods|sdg|odd|meta|target|indicador|indicator)\s*", re.IGNORECASE)
_SDG_SPLIT = re.compile(r"[;,\n]|\s+(?=\d)")


@dataclass
class FieldOutcome:
    """A field's normalised value (None: nothing usable entered) and what was wrong."""

    value: object = None
    #: The cell of each element of a multi-value field; the single cell otherwise.
    cells: tuple[str, ...] = ()
    #: (A1 cell, issue) pairs, in cell order.
    issues: list[tuple[str, Issue]] = field(default_factory=list)
    #: A currency named inside an amount cell ("USD 250.000").
    currency: str | None = None

    @property
    def failed(self) -> bool:
        """True when the field has an issue that is not a mere warning."""
        return any(issue.code not in _WARNING_CODES for _, issue in self.issues)


_WARNING_CODES = frozenset({"duplicate_value"})
#: Kinds where "N/A" is text like any other; elsewhere it means an empty cell.
_TEXT_KINDS = frozenset({"text", "free_text", "text_list"})


def _sdg_targets(value: object) -> list[str]:
    if isinstance(value, float):
        value = repr(value)
    text = clean_text(value, multiline=True) or ""
    targets = []
    for part in _SDG_SPLIT.split(text):
        item = _SDG_PREFIX.sub("", part.strip().lstrip("- ").strip()).rstrip(".")
        if item:
            targets.append(item)
    return targets


def _text_list(spec: FieldSpec, cells: list[RawCell]) -> FieldOutcome:
    values: list[str] = []
    where: list[str] = []
    for cell in cells:
        parts = _sdg_targets(cell.value) if spec.key == "sdg_targets" else split_values(cell.value)
        values.extend(parts)
        where.extend(cell.cell for _ in parts)
    return FieldOutcome(tuple(values) if values else None, tuple(where))


def _codes(spec: FieldSpec, cells: list[RawCell]) -> FieldOutcome:
    assert spec.vocabulary is not None
    outcome = FieldOutcome()
    values: list[str] = []
    where: list[str] = []
    for cell in cells:
        for found in to_codes(cell.value, spec.vocabulary):
            if isinstance(found, Issue):
                if (cell.cell, found) not in outcome.issues:
                    outcome.issues.append((cell.cell, found))
            elif found in values:
                if (cell.cell, Issue("duplicate_value")) not in outcome.issues:
                    outcome.issues.append((cell.cell, Issue("duplicate_value")))
            else:
                values.append(found)
                where.append(cell.cell)
    if values:
        outcome.value = (
            tuple(int(v) for v in values) if spec.key == "gcm_objectives" else tuple(values)
        )
        outcome.cells = tuple(where)
    return outcome


def _currency(value: object) -> str | Issue | None:
    text = clean_text(value, multiline=False)
    if text is None:
        return None
    text = strip_apostrophe(text).strip().rstrip(".")
    return currency_named(text) or text.upper()


def _single(spec: FieldSpec, cell: RawCell, epoch_1904: bool) -> FieldOutcome:
    value = cell.value
    kind = spec.kind
    currency: str | None = None
    result: object
    if kind in ("text", "free_text"):
        result = clean_text(value, multiline=kind == "free_text")
    elif kind == "code" or kind == "yes_no":
        assert spec.vocabulary is not None
        result = to_code(value, spec.vocabulary)
        if kind == "yes_no" and isinstance(result, str):
            result = result == "yes"
    elif kind == "date":
        result = to_full_date(value, epoch_1904=epoch_1904)
    elif kind == "partial_date":
        result = to_partial_date(value, epoch_1904=epoch_1904, number_format=cell.number_format)
    elif kind == "integer":
        result = to_integer(value, allow_negative=spec.ge is None or spec.ge < 0)
    elif kind == "decimal":
        amount = to_amount(value, allow_negative=spec.ge is None or spec.ge < 0)
        if isinstance(amount, Amount):
            result, currency = amount.value, amount.currency
        else:
            result = amount
    elif kind == "email":
        result = to_email(value)
    elif kind == "url":
        result = to_url(value)
    elif kind == "currency":
        result = _currency(value)
    else:  # pragma: no cover - every kind is handled above
        raise AssertionError(f"unhandled kind {kind!r}")
    if isinstance(result, Issue):
        return FieldOutcome(None, (cell.cell,), [(cell.cell, result)])
    return FieldOutcome(result, (cell.cell,), currency=currency)


def normalise_field(spec: FieldSpec, cells: tuple[RawCell, ...], epoch_1904: bool) -> FieldOutcome:
    """The normalised value of ``spec`` from its cells (one per slot column present)."""
    formulas = [(cell.cell, Issue("formula_in_cell")) for cell in cells if cell.formula]
    usable = [
        cell
        for cell in cells
        if not cell.formula
        and not cell.empty
        and not (spec.kind not in _TEXT_KINDS and not_applicable(cell.value))
    ]
    if spec.kind == "codes":
        outcome = _codes(spec, usable)
    elif spec.kind == "text_list":
        outcome = _text_list(spec, usable)
    elif usable:
        outcome = _single(spec, usable[0], epoch_1904)
    else:
        outcome = FieldOutcome()
    if not outcome.cells and cells:
        outcome.cells = (cells[0].cell,)
    outcome.issues = formulas + outcome.issues
    return outcome
