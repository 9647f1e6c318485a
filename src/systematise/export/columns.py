"""The open-data table: one row per published initiative, one column per public fact.

Columns come from the schema (labels, kinds, vocabularies, constraints), never from a second
list; their descriptions, written for data users, from :mod:`systematise.export.dictionary`.
Every coded field has its code column and two label columns (``<field>_es``, ``<field>_en``).
Multi-value fields are lists here; the CSV and xlsx writers join them with :data:`SEPARATOR`,
the JSON writer keeps them as arrays. Personal fields: only ``contact_name`` and ``contact_email``
exist as columns, filled only when the submission consents; focal-point fields never appear.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from systematise.consolidate.models import Entry
from systematise.export.dictionary import describe
from systematise.export.strings import _, both
from systematise.schema.fieldmeta import FieldSpec, field_specs
from systematise.schema.lang import Lang
from systematise.schema.models import Initiative, SubmissionHeader
from systematise.schema.vocabulary import vocabulary

#: Joins the values of a multi-value field in CSV and xlsx; chosen because no label or code of
#: any vocabulary contains it (a test checks), while ";" and "," appear in free text and labels.
SEPARATOR = " | "

Scalar = str | int | Decimal | bool | None
Value = Scalar | tuple[str, ...]
ColumnType = Literal["string", "integer", "number", "boolean"]

#: Personal fields that may be published with the submission's consent: an initiative's own
#: personal fields (its contact); the focal point's, on the submission, never are.
CONSENTED_FIELDS = tuple(spec.key for spec in field_specs(Initiative) if spec.personal)

_PARTIAL_DATE_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"


@dataclass(frozen=True)
class Column:
    """One column of the open-data table."""

    name: str
    type: ColumnType
    multi: bool
    title: tuple[str, str]  # (es, en)
    value: Callable[[Entry], Value]
    vocabulary: str | None = None
    pattern: str | None = None
    required: bool = False
    #: Free text and short text that the personal-data scanner masks.
    text: bool = False
    #: The values of a multi-value column are whole numbers (GCM objectives).
    integer_items: bool = False
    #: A label column: the code column it names, and the language of its labels.
    labels_of: str | None = None
    labels_lang: Lang | None = None

    @property
    def description(self) -> tuple[str, str]:
        """(es, en) for data users: meaning, type and unit, allowed values, missing values."""
        return describe(self)


def _field_value(key: str) -> Callable[[Entry], Value]:
    def read(entry: Entry) -> Value:
        raw: object = getattr(entry.initiative, key)
        if isinstance(raw, tuple):
            return tuple(str(item) for item in raw)
        if raw is None or isinstance(raw, str | int | Decimal | bool):
            return raw
        return str(raw)  # PartialDate

    return read


def _consented(key: str) -> Callable[[Entry], Value]:
    def read(entry: Entry) -> Value:
        if not entry.contact_consent:
            return None
        raw: str | None = getattr(entry.initiative, key)
        return raw

    return read


def _labels(
    read: Callable[[Entry], Value], vocabulary_key: str, lang: Lang
) -> Callable[[Entry], Value]:
    terms = vocabulary(vocabulary_key)

    def label(code: str | bool) -> str:
        if isinstance(code, bool):
            code = "yes" if code else "no"
        return terms.label(code, lang)

    def read_labels(entry: Entry) -> Value:
        value = read(entry)
        if value is None:
            return None
        if isinstance(value, tuple):
            return tuple(label(code) for code in value)
        if isinstance(value, str | bool):
            return label(value)
        return label(str(value))

    return read_labels


def _coded(
    spec: FieldSpec, read: Callable[[Entry], Value], multi: bool, type_: ColumnType
) -> list[Column]:
    assert spec.vocabulary is not None
    label = (spec.label_es, spec.label_en)
    columns = [
        Column(
            name=spec.key,
            type=type_,
            multi=multi,
            title=label,
            value=read,
            vocabulary=spec.vocabulary,
            required=spec.required,
            integer_items=spec.key == "gcm_objectives",
        )
    ]
    languages: tuple[tuple[Lang, str], ...] = (("es", _("Spanish")), ("en", _("English")))
    for lang, language in languages:
        names = both(language)
        columns.append(
            Column(
                name=f"{spec.key}_{lang}",
                type="string",
                multi=multi,
                title=(f"{label[0]} ({names[0]})", f"{label[1]} ({names[1]})"),
                value=_labels(read, spec.vocabulary, lang),
                required=spec.required,
                labels_of=spec.key,
                labels_lang=lang,
            )
        )
    return columns


_SCALAR_TYPES: dict[str, ColumnType] = {"integer": "integer", "decimal": "number"}
_TEXT_KINDS = ("text", "free_text", "text_list")


def _initiative_columns(spec: FieldSpec) -> list[Column]:
    if spec.personal:
        if spec.key not in CONSENTED_FIELDS:
            return []
        return [
            Column(
                name=spec.key,
                type="string",
                multi=False,
                title=(spec.label_es, spec.label_en),
                value=_consented(spec.key),
            )
        ]
    read = _field_value(spec.key)
    if spec.kind == "codes":
        return _coded(spec, read, multi=True, type_="string")
    if spec.kind == "code":
        return _coded(spec, read, multi=False, type_="string")
    if spec.kind == "yes_no":
        return _coded(spec, read, multi=False, type_="boolean")
    return [
        Column(
            name=spec.key,
            type=_SCALAR_TYPES.get(spec.kind, "string"),
            multi=spec.kind == "text_list",
            title=(spec.label_es, spec.label_en),
            value=read,
            pattern=_PARTIAL_DATE_PATTERN if spec.kind == "partial_date" else None,
            required=spec.required,
            text=spec.kind in _TEXT_KINDS,
        )
    ]


def _header_spec(key: str) -> FieldSpec:
    return next(spec for spec in field_specs(SubmissionHeader) if spec.key == key)


def _submission_columns() -> list[Column]:
    country = _header_spec("country")
    language = _header_spec("submission_language")
    institution = _header_spec("submitting_institution")
    return [
        *_coded(country, lambda entry: entry.country, multi=False, type_="string"),
        Column(
            name=institution.key,
            type="string",
            multi=False,
            title=(institution.label_es, institution.label_en),
            value=lambda entry: entry.submitting_institution,
            required=True,
            text=True,
        ),
        *_coded(language, lambda entry: entry.text_lang, multi=False, type_="string"),
    ]


def open_data_columns() -> tuple[Column, ...]:
    """Every column of the open-data table, in order."""
    identifier = Column(
        name="id",
        type="string",
        multi=False,
        title=both(_("Identifier")),
        value=lambda entry: entry.id,
        pattern=r"[A-Z]{3}-\d{2,}",
        required=True,
    )
    cycles = [
        Column(
            name="cycle",
            type="string",
            multi=False,
            title=both(_("Cycle")),
            value=lambda entry: entry.cycle,
            required=True,
        ),
        Column(
            name="first_reported",
            type="string",
            multi=False,
            title=both(_("First reported")),
            value=lambda entry: entry.first_reported or entry.cycle,
            required=True,
        ),
    ]
    columns = [identifier, *cycles, *_submission_columns()]
    for spec in field_specs(Initiative):
        columns.extend(_initiative_columns(spec))
    return tuple(columns)


def row(entry: Entry, columns: tuple[Column, ...]) -> dict[str, Value]:
    """One initiative as a mapping of column name to value (lists as tuples)."""
    return {column.name: column.value(entry) for column in columns}
