"""Descriptions attached to model fields, one entry per language, and the specs read from them.

A field's label, help text and example live once, on the model field (as JSON-Schema extras, so
that the exported JSON Schema carries them too), with one text for each focal-point language
(:data:`~systematise.schema.lang.FOCAL_LANGS`): :func:`describe` refuses a description lacking
one. The template generator, the reader, the validator, the report and the docs all read them
back through :func:`field_specs`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, cast, get_args

import annotated_types
from pydantic import BaseModel
from pydantic.config import JsonDict
from pydantic.fields import FieldInfo

from systematise.schema.lang import FOCAL_LANGS, FocalLang

#: How a field is entered and shown.
Kind = Literal[
    "text",  # one line of text
    "free_text",  # paragraphs of plain text
    "text_list",  # several short texts, one per line or separated by ";"
    "code",  # one value of a vocabulary
    "codes",  # several values of a vocabulary, chosen in dropdown slots
    "date",  # a full date
    "partial_date",  # a year, year-month or full date
    "integer",
    "decimal",
    "yes_no",
    "email",
    "url",
    "currency",
]


#: A text in every focal-point language, by language code.
Texts = Mapping[FocalLang, str]


def _complete(name: str, texts: Texts) -> JsonDict:
    """``texts`` in every focal-point language, in their order; a missing one is a bug."""
    missing = [lang for lang in FOCAL_LANGS if not texts.get(lang, "").strip()]
    if missing:
        raise ValueError(f"{name} lacks {', '.join(missing)}: {dict(texts)}")
    return {lang: texts[lang] for lang in FOCAL_LANGS}


def describe(
    *,
    label: Texts,
    help: Texts,
    example: Texts,
    kind: Kind,
    vocabulary: str | None = None,
    slots: int | None = None,
    personal: bool = False,
    width: int | None = None,
) -> JsonDict:
    """The ``json_schema_extra`` of a contract field; each text in every focal-point language."""
    extra: JsonDict = {
        "x-label": _complete("label", label),
        "x-help": _complete("help", help),
        "x-example": _complete("example", example),
        "x-kind": kind,
        "x-personal": personal,
    }
    if vocabulary is not None:
        extra["x-vocabulary"] = vocabulary
    if slots is not None:
        extra["x-slots"] = slots
    if width is not None:
        extra["x-width"] = width
    return extra


@dataclass(frozen=True)
class FieldSpec:
    """Everything the stages need to know about one contract field."""

    key: str
    kind: Kind
    required: bool
    labels: Mapping[str, str]
    helps: Mapping[str, str]
    examples: Mapping[str, str]
    vocabulary: str | None
    slots: int
    personal: bool
    width: int | None
    min_length: int | None
    max_length: int | None
    ge: float | None
    le: float | None

    def label(self, lang: FocalLang) -> str:
        return self.labels[lang]

    def help(self, lang: FocalLang) -> str:
        return self.helps[lang]

    def example(self, lang: FocalLang) -> str:
        return self.examples[lang]

    @property
    def label_es(self) -> str:
        return self.labels["es"]

    @property
    def label_en(self) -> str:
        return self.labels["en"]


def _texts(extra: JsonDict, name: str) -> dict[str, str]:
    return dict(cast(dict[str, str], extra[name]))


def _metadata(info: FieldInfo) -> list[object]:
    """Constraints of a field, including those inside ``Annotated[...] | None``."""
    found: list[object] = list(info.metadata)
    for member in get_args(info.annotation):
        for item in getattr(member, "__metadata__", ()):
            found.extend(item.metadata if isinstance(item, FieldInfo) else [item])
    return found


def _constraint(info: FieldInfo, kind: type[object], attribute: str) -> float | None:
    for item in _metadata(info):
        if isinstance(item, kind):
            value = getattr(item, attribute)
            return float(value) if value is not None else None
    return None


def spec_of(key: str, info: FieldInfo) -> FieldSpec:
    extra = info.json_schema_extra
    if not isinstance(extra, dict) or "x-label" not in extra:
        raise TypeError(f"field {key!r} carries no description")
    min_length = _constraint(info, annotated_types.MinLen, "min_length")
    max_length = _constraint(info, annotated_types.MaxLen, "max_length")
    slots = extra.get("x-slots")
    width = extra.get("x-width")
    vocabulary = extra.get("x-vocabulary")
    return FieldSpec(
        key=key,
        kind=cast(Kind, extra["x-kind"]),
        required=info.is_required() or bool(min_length and extra["x-kind"] == "codes"),
        labels=_texts(extra, "x-label"),
        helps=_texts(extra, "x-help"),
        examples=_texts(extra, "x-example"),
        vocabulary=vocabulary if isinstance(vocabulary, str) else None,
        slots=slots if isinstance(slots, int) else 1,
        personal=bool(extra["x-personal"]),
        width=width if isinstance(width, int) else None,
        min_length=int(min_length) if min_length is not None else None,
        max_length=int(max_length) if max_length is not None else None,
        ge=_constraint(info, annotated_types.Ge, "ge"),
        le=_constraint(info, annotated_types.Le, "le"),
    )


def field_specs(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """The specs of a model's contract fields, in the model's order."""
    return tuple(
        spec_of(key, info)
        for key, info in model.model_fields.items()
        if isinstance(info.json_schema_extra, dict) and "x-label" in info.json_schema_extra
    )
