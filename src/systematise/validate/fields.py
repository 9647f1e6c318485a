"""One field of a row (or of the submission form): its cells → a normalised value and issues.

Dispatches on the field's kind (:data:`systematise.schema.fieldmeta.Kind`) to the normalisers.
A formula is never trusted: the cell gets ``formula_in_cell`` and its value is ignored. Values of
multi-value fields keep the cell each came from, and the part typed, so that a later problem
about the third value points at the cell holding it and quotes that part.

Besides problems, a field collects notes (severity ``info``): each reading that changed what was
typed, a synonym, a number read from "$800.000.000", a date that could be read two ways, an
address completed with ``https://``, is shown back as ``understood_as`` so nothing changes
unseen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from systematise.normalise import dates, numbers, vocab, web
from systematise.normalise.dates import to_full_date, to_partial_date
from systematise.normalise.issue import Issue, quoted, shown
from systematise.normalise.numbers import Amount, currency_named, to_amount, to_integer
from systematise.normalise.text import clean_text, not_applicable, split_values, strip_apostrophe
from systematise.normalise.vocab import read_codes, to_code, typed_text
from systematise.normalise.web import to_email, to_url
from systematise.read.raw import RawCell
from systematise.schema.fieldmeta import FieldSpec
from systematise.schema.problems import CATALOGUE, Severity

_SDG_PREFIX = re.compile(r"^(?:ods|sdg|odd|meta|target|indicador|indicator)\s*", re.IGNORECASE)
_SDG_SPLIT = re.compile(r"[;,\n]|\s+(?=\d)")


@dataclass
class FieldOutcome:
    """A field's normalised value (None: nothing usable entered), its problems and notes."""

    value: object = None
    #: The cell of each element of a multi-value field; the single cell otherwise.
    cells: tuple[str, ...] = ()
    #: (A1 cell, issue) pairs, in cell order: problems and ``info`` notes.
    issues: list[tuple[str, Issue]] = field(default_factory=list)
    #: A currency named inside an amount cell ("USD 250.000").
    currency: str | None = None
    #: What was typed for each element (parallel to ``cells``), as a message quotes it.
    typed: tuple[str, ...] = ()

    @property
    def failed(self) -> bool:
        """True when the field has an error (warnings and notes leave its value usable)."""
        return any(CATALOGUE[issue.code].severity == Severity.ERROR for _, issue in self.issues)

    def add(self, cell: str, issue: Issue | None) -> None:
        """Record ``issue`` at ``cell`` once (the same problem twice in a cell says nothing)."""
        if issue is not None and (cell, issue) not in self.issues:
            self.issues.append((cell, issue))


#: Kinds where "N/A" is text like any other; elsewhere it means an empty cell.
_TEXT_KINDS = frozenset({"text", "free_text", "text_list"})


def _sdg_targets(value: object) -> list[tuple[str, str]]:
    """(part typed, target) pairs: "ODS 10.7; 17.18" → ("ODS 10.7", "10.7"), ("17.18", ...)."""
    if isinstance(value, float):
        value = repr(value)
    text = clean_text(value, multiline=True) or ""
    targets = []
    for part in _SDG_SPLIT.split(text):
        typed = part.strip().lstrip("- ").strip()
        item = _SDG_PREFIX.sub("", typed).rstrip(".")
        if item:
            targets.append((typed, item))
    return targets


def _text_list(spec: FieldSpec, cells: list[RawCell]) -> FieldOutcome:
    values: list[str] = []
    where: list[str] = []
    typed: list[str] = []
    for cell in cells:
        if spec.key == "sdg_targets":
            parts = _sdg_targets(cell.value)
        else:
            parts = [(part, part) for part in split_values(cell.value)]
        for said, part in parts:
            values.append(part)
            where.append(cell.cell)
            typed.append(shown(said))
    return FieldOutcome(tuple(values) if values else None, tuple(where), typed=tuple(typed))


def _codes(spec: FieldSpec, cells: list[RawCell]) -> FieldOutcome:
    assert spec.vocabulary is not None
    outcome = FieldOutcome()
    values: list[str] = []
    where: list[str] = []
    typed: list[str] = []
    for cell in cells:
        for part, found in read_codes(cell.value, spec.vocabulary):
            if isinstance(found, Issue):
                outcome.add(cell.cell, found)
            elif found in values:
                outcome.add(cell.cell, Issue("duplicate_value"))
            else:
                values.append(found)
                where.append(cell.cell)
                typed.append(shown(part))
                outcome.add(cell.cell, vocab.understood(part, found, spec.vocabulary))
    if values:
        outcome.value = (
            tuple(int(v) for v in values) if spec.key == "gcm_objectives" else tuple(values)
        )
        outcome.cells = tuple(where)
        outcome.typed = tuple(typed)
    return outcome


def _currency(value: object) -> tuple[str | None, Issue | None]:
    """The currency code of a currency cell, and a note when a word or sign was read as one."""
    text = clean_text(value, multiline=False)
    if text is None:
        return None, None
    text = strip_apostrophe(text).strip().rstrip(".")
    named = currency_named(text)
    if named is None:
        return text.upper(), None  # the model says whether it is a code
    if named == text.upper():
        return named, None
    return named, Issue(
        "understood_as", {"value": shown(text), "understood_es": named, "understood_en": named}
    )


#: A number format's literal parts (quoted text, escaped characters), which show but mean nothing.
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.')


def _percentage(cell: RawCell) -> Issue | None:
    """``number_invalid`` for a number cell shown as a percentage ("50 %" typed is the number
    0.5 in a percent format): a count or an amount is never a share."""
    value = cell.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if "%" not in _FORMAT_LITERALS.sub("", cell.number_format or ""):
        return None
    percent = quoted((Decimal(str(value)) * 100).normalize())
    return Issue("number_invalid", {key: f"{text}%" for key, text in percent.items()})


def _single(spec: FieldSpec, cell: RawCell, epoch_1904: bool) -> FieldOutcome:
    value = cell.value
    kind = spec.kind
    currency: str | None = None
    note: Issue | None = None
    result: object
    if kind in ("integer", "decimal") and (share := _percentage(cell)) is not None:
        typed = (str(share.params["value"]),)
        return FieldOutcome(None, (cell.cell,), [(cell.cell, share)], typed=typed)
    if kind in ("text", "free_text"):
        result = clean_text(value, multiline=kind == "free_text")
    elif kind == "code" or kind == "yes_no":
        assert spec.vocabulary is not None
        result = to_code(value, spec.vocabulary)
        said = typed_text(value)
        if isinstance(result, str) and said is not None:
            note = vocab.understood(said, result, spec.vocabulary)
        if kind == "yes_no" and isinstance(result, str):
            result = result == "yes"
    elif kind == "date":
        result = to_full_date(value, epoch_1904=epoch_1904)
        if not isinstance(result, Issue) and result is not None:
            note = dates.understood(value, result)
    elif kind == "partial_date":
        result = to_partial_date(value, epoch_1904=epoch_1904, number_format=cell.number_format)
        if not isinstance(result, Issue) and result is not None:
            note = dates.understood(value, result)
    elif kind == "integer":
        result = to_integer(value, allow_negative=spec.ge is None or spec.ge < 0)
        if isinstance(result, int):
            note = numbers.understood(value, result)
    elif kind == "decimal":
        amount = to_amount(value, allow_negative=spec.ge is None or spec.ge < 0)
        if isinstance(amount, Amount):
            result, currency = amount.value, amount.currency
            note = numbers.understood(value, amount.value)
        else:
            result = amount
    elif kind == "email":
        result = to_email(value)
    elif kind == "url":
        result = to_url(value)
        if isinstance(result, str):
            note = web.understood(value, result)
    elif kind == "currency":
        result, note = _currency(value)
    else:  # pragma: no cover - every kind is handled above
        raise AssertionError(f"unhandled kind {kind!r}")
    typed = (shown(value),)
    if isinstance(result, Issue):
        return FieldOutcome(None, (cell.cell,), [(cell.cell, result)], typed=typed)
    outcome = FieldOutcome(result, (cell.cell,), currency=currency, typed=typed)
    outcome.add(cell.cell, note)
    return outcome


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
