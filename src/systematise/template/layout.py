"""The template's layout: the contract between the template writer and the workbook reader.

Everything both sides must agree on lives here: sheet names, where machine keys are recorded,
where data starts, how multi-value fields are spread over dropdown columns, and the version
stamps. The reader maps columns by the machine keys recorded in the workbook, never by position
or label, so focal points may reorder columns or translate headers without breaking anything.

Initiatives sheet::

    row 1  machine keys, one per column (hidden row): ``title``, ``thematic_areas.1`` ...
    row 2  headers in the template's language; required ones end with " *"
    row 3… one initiative per row (PREPARED_ROWS rows are prepared with dropdowns and checks)
    last column: the initiative's stable ID (``initiative_id``), protected: filled by the
    pipeline in annotated copies and pre-filled templates, empty for a new initiative

Submission sheet (a form)::

    column A  machine keys (hidden column)
    column B  labels; column C  values; column D  help
    row 1 title, row 2 column headings (no key), then one field per row from row 3

Hidden meta sheet ``_systematise``: ``key`` / ``value`` pairs (template and schema versions,
language), and the same stamps as custom document properties.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from systematise.schema.fieldmeta import FieldSpec, field_specs
from systematise.schema.lang import FOCAL_LANGS, FocalLang
from systematise.schema.models import SCHEMA_VERSION, Initiative, SubmissionHeader

#: Version of the workbook layout. Bump on any change a reader must know about.
#: 1.1: the initiative ID column and the cycle stamp.
TEMPLATE_VERSION = "1.1"
#: Older template versions the reader still accepts (with a warning).
READABLE_TEMPLATE_VERSIONS: tuple[str, ...] = ("1.0",)

PREPARED_ROWS = 60

#: Sheet names in every template language (the reader knows each by all of them).
SHEET_NAMES: dict[str, dict[FocalLang, str]] = {
    "instructions": {
        "es": "Instrucciones",
        "en": "Instructions",
        "pt": "Instruções",
        "fr": "Instructions",
    },
    "submission": {"es": "Envío", "en": "Submission", "pt": "Envio", "fr": "Envoi"},
    "initiatives": {
        "es": "Iniciativas",
        "en": "Initiatives",
        "pt": "Iniciativas",
        "fr": "Initiatives",
    },
    "lists": {"es": "Listas", "en": "Lists", "pt": "Listas", "fr": "Listes"},
}
META_SHEET = "_systematise"

# Initiatives sheet.
KEY_ROW = 1
HEADER_ROW = 2
FIRST_DATA_ROW = 3

# Submission sheet.
FORM_KEY_COLUMN = 1
FORM_LABEL_COLUMN = 2
FORM_VALUE_COLUMN = 3
FORM_HELP_COLUMN = 4
FORM_FIRST_ROW = 3

REQUIRED_MARK = " *"
SLOT_SEPARATOR = "."

#: Custom document properties stamped into every template.
PROPERTY_TEMPLATE_VERSION = "systematise_template_version"
PROPERTY_SCHEMA_VERSION = "systematise_schema_version"
PROPERTY_LANG = "systematise_lang"
#: The cycle the template was made for (``[report] cycle``): a file of another cycle is refused.
PROPERTY_CYCLE = "systematise_cycle"

#: The initiatives sheet's ID column: a pipeline column, not a field of the data contract.
ID_KEY = "initiative_id"
ID_HEADERS: dict[FocalLang, str] = {
    "es": "ID de la iniciativa",
    "en": "Initiative ID",
    "pt": "ID da iniciativa",
    "fr": "ID de l'initiative",
}
#: Set (custom property and meta sheet, value "true") on workbooks filled with invented data.
PROPERTY_ILLUSTRATIVE = "illustrative_sample"


@dataclass(frozen=True)
class Column:
    """One column of the initiatives sheet (or one row of the submission form)."""

    key: str  # the machine key recorded in the workbook
    spec: FieldSpec
    slot: int  # 1-based slot of a multi-value field; 1 for single-value fields

    def header(self, lang: FocalLang) -> str:
        text = self.spec.label(lang)
        if self.spec.slots > 1:
            text = f"{text} {self.slot}"
        required = self.spec.required and self.slot == 1
        return text + (REQUIRED_MARK if required else "")


def column_key(field_key: str, slot: int, slots: int) -> str:
    return f"{field_key}{SLOT_SEPARATOR}{slot}" if slots > 1 else field_key


def split_key(key: str) -> tuple[str, int]:
    """``thematic_areas.2`` → (``thematic_areas``, 2); ``title`` → (``title``, 1)."""
    field_key, _, slot = key.partition(SLOT_SEPARATOR)
    return field_key, int(slot) if slot.isdigit() else 1


def _columns(specs: tuple[FieldSpec, ...]) -> tuple[Column, ...]:
    return tuple(
        Column(column_key(spec.key, slot, spec.slots), spec, slot)
        for spec in specs
        for slot in range(1, spec.slots + 1)
    )


def initiative_columns() -> tuple[Column, ...]:
    return _columns(field_specs(Initiative))


def submission_rows() -> tuple[Column, ...]:
    return _columns(field_specs(SubmissionHeader))


def stamps(lang: FocalLang, cycle: str) -> dict[str, str]:
    """The version stamps written to the meta sheet and the document properties."""
    return {
        PROPERTY_TEMPLATE_VERSION: TEMPLATE_VERSION,
        PROPERTY_SCHEMA_VERSION: SCHEMA_VERSION,
        PROPERTY_LANG: lang,
        PROPERTY_CYCLE: cycle,
    }


@cache
def _label_keys(lang: FocalLang) -> frozenset[str]:
    from systematise.schema.vocabulary import fold

    columns = initiative_columns() + submission_rows()
    return frozenset(
        key
        for column in columns
        for key in (fold(column.header(lang)), fold(column.spec.label(lang)))
        if key
    )


def labels_lang(is_present: Callable[[str], bool], minimum: int = 1) -> FocalLang | None:
    """The template language whose labels ``is_present`` finds most of (folded, see
    :func:`~systematise.schema.vocabulary.fold`), when it clearly leads with ``minimum``."""
    counts = {lang: sum(1 for key in _label_keys(lang) if is_present(key)) for lang in FOCAL_LANGS}
    best = max(FOCAL_LANGS, key=lambda lang: counts[lang])
    leads = all(counts[best] > counts[other] for other in FOCAL_LANGS if other != best)
    return best if leads and counts[best] >= minimum else None
