"""What can be translated, in which direction, and how a source text is identified.

The published free-text fields, and the short text fields that hold prose, are translated per
initiative into each report language the submission is not written in. A translation is tied
to the exact source text by a short SHA-256 of it (:func:`source_hash`): when a focal point
corrects the source, the old translation no longer matches and is reported as stale instead of
being shown.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from systematise.consolidate.models import Entry
from systematise.schema.fieldmeta import field_specs
from systematise.schema.lang import Lang, message_lang, other_lang, report_lang
from systematise.schema.models import Initiative

#: Fields for which the submission itself may carry a translation.
SUBMITTED_TRANSLATIONS = {"title": "title_translation", "summary": "summary_translation"}

#: Short text fields that hold prose, translated like free text. The other short texts are
#: names (lead institution, partners, acronym, contact), published in their official form.
PROSE_FIELDS = frozenset({"funding_sources"})

#: Published texts, in contract order: the title, every free-text field of the schema (the
#: submitted translations excepted, and personal fields, which are never free text) and the
#: prose fields.
TRANSLATABLE_FIELDS: tuple[str, ...] = (
    "title",
    *(
        spec.key
        for spec in field_specs(Initiative)
        if (spec.kind == "free_text" and spec.key not in SUBMITTED_TRANSLATIONS.values())
        or spec.key in PROSE_FIELDS
    ),
)

HASH_LENGTH = 16


def normalise_text(text: str) -> str:
    """The form a text is compared and hashed in: NFC, ``\\n`` line ends, no outer blanks."""
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", unified).strip()


def source_hash(text: str) -> str:
    """A short, stable fingerprint of a source text (16 hex digits of its SHA-256)."""
    digest = hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
    return digest[:HASH_LENGTH]


def submitted_translation_lang(text_lang: str) -> Lang:
    """The language of a submission's ``*_translation`` fields.

    The template asks for "the other report language": English for text in Spanish or
    Portuguese, Spanish for text in English or French (as the renderer reads them).
    """
    return other_lang(report_lang(message_lang(text_lang)))


@dataclass(frozen=True)
class SourceText:
    """One published free text of one initiative."""

    entry_id: str
    field: str
    lang: str  # the language it is written in
    text: str

    @property
    def hash(self) -> str:
        return source_hash(self.text)


def source_texts(entry: Entry) -> Iterator[SourceText]:
    """The non-empty translatable texts of ``entry``."""
    for field in TRANSLATABLE_FIELDS:
        value = getattr(entry.initiative, field)
        if isinstance(value, str) and value.strip():
            yield SourceText(entry.id, field, entry.text_lang, value)


def submitted_translation(entry: Entry, field: str, lang: Lang) -> str | None:
    """The translation into ``lang`` that the submission itself gives for ``field``, if any."""
    key = SUBMITTED_TRANSLATIONS.get(field)
    if key is None or submitted_translation_lang(entry.text_lang) != lang:
        return None
    value = getattr(entry.initiative, key)
    return value if isinstance(value, str) and value.strip() else None
