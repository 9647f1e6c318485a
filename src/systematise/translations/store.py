"""The translations store: reviewable YAML files, ``translations/<lang>/<ID>.yaml``.

One file per initiative and target language, for example ``translations/en/MEX-03.yaml``::

    id: MEX-03
    lang: en
    fields:
      description:
        source_lang: es
        source_sha256: 3f1c0a9b2d4e5f60   # short SHA-256 of the source text translated
        source: |-
          El Boletín Mensual ...
        text: |-
          The Monthly Bulletin ...

Editors review and correct ``text`` in pull requests like any other file. A translation is used
only while ``source_sha256`` matches the current source text; otherwise it is *stale*: reported,
and not shown. Hashes are taken over the public form of the source (personal data masked, as
the translators' workbook shows it), and the translations are masked the same way when used.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from systematise import atomic, yamlfile
from systematise.config import Settings
from systematise.consolidate.models import Dataset, Entry
from systematise.export.public import scan_text
from systematise.schema.lang import REPORT_LANGS, Lang
from systematise.translations.fields import (
    HASH_LENGTH,
    TRANSLATABLE_FIELDS,
    normalise_text,
    source_hash,
    source_texts,
    submitted_translation,
)

_HEADER = (
    "# Translation of one initiative's texts, imported with `systematise translations import`.\n"
    "# Review and correct `text` freely. `source_sha256` ties each text to the source it was\n"
    "# made from: when the source changes, the translation is reported as stale and not used.\n"
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FieldTranslation(_Frozen):
    source_lang: str
    source_sha256: str = Field(pattern=rf"^[0-9a-f]{{{HASH_LENGTH}}}$")
    source: str
    text: str = Field(min_length=1)


class TranslationFile(_Frozen):
    id: str = Field(pattern=r"^[A-Z]{3}-\d{2,}$")
    lang: Lang
    fields: dict[str, FieldTranslation]


@dataclass(frozen=True)
class StoredTranslation:
    entry_id: str
    field: str
    lang: Lang
    source_lang: str
    source_hash: str
    source: str
    text: str


@cache
def public_source_hash(text: str) -> str:
    """The hash of ``text`` as published (personal data masked)."""
    return source_hash(scan_text(text)[0])


@cache
def public_text(text: str) -> str:
    """``text`` as published (personal data masked), as the translators' workbook shows it."""
    return scan_text(text)[0]


Origin = Literal["original", "submission", "translation"]


@dataclass(frozen=True)
class ResolvedText:
    """The text to show for one field in one report language."""

    text: str
    #: The language ``text`` is written in (the source's when no translation exists).
    lang: str
    origin: Origin

    @property
    def translated(self) -> bool:
        return self.origin != "original"


@dataclass(frozen=True)
class Coverage:
    """How much of the published free text a report language can show in that language."""

    lang: Lang
    texts: int  # published free texts (fields with content, all initiatives)
    original: int  # written in this language
    submitted: int  # translated by the submission itself (title, summary)
    translated: int  # translated through the store, current
    stale: int  # store translations whose source has changed since
    missing: int  # shown in the original language

    @property
    def available(self) -> int:
        return self.original + self.submitted + self.translated

    @property
    def ratio(self) -> float:
        return self.available / self.texts if self.texts else 1.0

    def as_dict(self) -> dict[str, object]:
        return {
            "lang": self.lang,
            "texts": self.texts,
            "original": self.original,
            "submitted": self.submitted,
            "translated": self.translated,
            "stale": self.stale,
            "missing": self.missing,
            "available": self.available,
            "ratio": round(self.ratio, 4),
        }


@dataclass(frozen=True)
class StaleTranslation:
    entry_id: str
    field: str
    lang: Lang


@dataclass
class TranslationStore:
    """Translations read from the store, looked up by initiative, field, language and source."""

    items: dict[tuple[str, str, Lang], StoredTranslation] = field(default_factory=dict)
    #: Files that could not be read, with the reason (never the text).
    problems: tuple[str, ...] = ()
    #: Stale translations found by :func:`load_translations` (source changed since).
    outdated: tuple[StaleTranslation, ...] = ()

    def lookup(self, entry_id: str, field: str, lang: Lang, source_text: str) -> str | None:
        """The current translation of ``source_text`` into ``lang``, or None (missing, stale)."""
        item = self.items.get((entry_id, field, lang))
        if item is None or item.source_hash != public_source_hash(source_text):
            return None
        return public_text(item.text)

    def resolve(self, entry: Entry, field: str, lang: Lang) -> ResolvedText | None:
        """What to show for ``field`` of ``entry`` in ``lang``; None when the field is empty.

        The text as written when it is in ``lang``; else the submission's own translation
        (title, summary); else a current translation from the store; else the original.
        """
        value = getattr(entry.initiative, field)
        if not isinstance(value, str) or not value.strip():
            return None
        if entry.text_lang == lang:
            return ResolvedText(value, lang, "original")
        submitted = submitted_translation(entry, field, lang)
        if submitted is not None:
            return ResolvedText(submitted, lang, "submission")
        stored = self.lookup(entry.id, field, lang, value)
        if stored is not None:
            return ResolvedText(stored, lang, "translation")
        return ResolvedText(value, entry.text_lang, "original")

    def stale(self, dataset: Dataset) -> tuple[StaleTranslation, ...]:
        """Stored translations whose source text has changed (or is gone)."""
        current = {
            (source.entry_id, source.field): public_source_hash(source.text)
            for entry in dataset.entries
            for source in source_texts(entry)
        }
        return tuple(
            StaleTranslation(item.entry_id, item.field, item.lang)
            for key, item in sorted(self.items.items())
            if current.get((item.entry_id, item.field)) != item.source_hash
        )

    def coverage(self, dataset: Dataset, lang: Lang) -> Coverage:
        counts = {"texts": 0, "original": 0, "submitted": 0, "translated": 0, "stale": 0}
        for entry in dataset.entries:
            for source in source_texts(entry):
                counts["texts"] += 1
                resolved = self.resolve(entry, source.field, lang)
                assert resolved is not None
                if resolved.origin == "original" and resolved.lang == lang:
                    counts["original"] += 1
                elif resolved.origin == "submission":
                    counts["submitted"] += 1
                elif resolved.origin == "translation":
                    counts["translated"] += 1
                elif (entry.id, source.field, lang) in self.items:
                    counts["stale"] += 1
        missing = counts["texts"] - counts["original"] - counts["submitted"] - counts["translated"]
        return Coverage(lang=lang, missing=missing, **counts)


def _file_of(root: Path, lang: Lang, entry_id: str) -> Path:
    return root / lang / f"{entry_id}.yaml"


def read_file(path: Path) -> TranslationFile:
    """One store file, validated; raises ValueError naming what is wrong."""
    try:
        data: Any = yamlfile.safe_load(path.read_text(encoding="utf-8"))
        parsed = TranslationFile.model_validate(data)
    except (yaml.YAMLError, ValidationError, UnicodeDecodeError) as error:
        raise ValueError(f"{path.name}: {_short(error)}") from None
    if path.stem != parsed.id or path.parent.name != parsed.lang:
        raise ValueError(f"{path.name}: id or lang do not match the file's place")
    unknown = set(parsed.fields) - set(TRANSLATABLE_FIELDS)
    if unknown:
        raise ValueError(f"{path.name}: unknown fields {', '.join(sorted(unknown))}")
    return parsed


def _short(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(
            f"{'.'.join(str(p) for p in item['loc'])}: {item['msg']}" for item in error.errors()
        )
    return type(error).__name__


def read_store(root: Path) -> TranslationStore:
    """Every translation under ``root`` (``<lang>/<ID>.yaml``); unreadable files are listed."""
    store = TranslationStore()
    problems: list[str] = []
    for lang in REPORT_LANGS:
        for path in sorted((root / lang).glob("*.yaml")):
            try:
                parsed = read_file(path)
            except ValueError as error:
                problems.append(f"{lang}/{error}")
                continue
            for key, item in parsed.fields.items():
                store.items[(parsed.id, key, lang)] = StoredTranslation(
                    entry_id=parsed.id,
                    field=key,
                    lang=lang,
                    source_lang=item.source_lang,
                    source_hash=item.source_sha256,
                    source=item.source,
                    text=item.text,
                )
    store.problems = tuple(problems)
    return store


def load_translations(dataset: Dataset, settings: Settings) -> TranslationStore:
    """The store at ``settings.paths.translations``, checked against ``dataset``.

    The renderers call :meth:`TranslationStore.resolve` (or ``lookup``) per field; the build
    report reads ``coverage()``, ``outdated`` (stale translations) and ``problems``.
    """
    store = read_store(settings.paths.translations)
    store.outdated = store.stale(dataset)
    return store


class _LiteralDumper(yaml.SafeDumper):
    """Multi-line strings as ``|`` blocks, so that reviewers read paragraphs as paragraphs."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_LiteralDumper.add_representer(str, _represent_str)


def _dump(parsed: TranslationFile) -> str:
    ordered = {
        "id": parsed.id,
        "lang": parsed.lang,
        "fields": {
            key: parsed.fields[key].model_dump()
            for key in TRANSLATABLE_FIELDS
            if key in parsed.fields
        },
    }
    body = yaml.dump(ordered, Dumper=_LiteralDumper, allow_unicode=True, sort_keys=False, width=100)
    return _HEADER + body


class StoreError(ValueError):
    """A file of the store cannot be read, so nothing was written: ``file`` and ``reason``."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


def write_translations(root: Path, items: Iterable[StoredTranslation]) -> tuple[Path, ...]:
    """Add or replace translations in the store; return the files written.

    All or nothing: every file is prepared (an existing one read and merged) before the first
    is written, so a store file that cannot be read raises :class:`StoreError` with nothing
    written; a write that fails puts back the files already written, then raises its OSError.
    """
    by_file: dict[tuple[Lang, str], dict[str, FieldTranslation]] = {}
    for item in items:
        by_file.setdefault((item.lang, item.entry_id), {})[item.field] = FieldTranslation(
            source_lang=item.source_lang,
            source_sha256=item.source_hash,
            source=normalise_text(item.source),
            text=normalise_text(item.text),
        )
    planned: list[tuple[Path, str, bytes | None]] = []
    for (lang, entry_id), fields in sorted(by_file.items()):
        path = _file_of(root, lang, entry_id)
        existing: dict[str, FieldTranslation] = {}
        previous: bytes | None = None
        if path.is_file():
            try:
                previous = path.read_bytes()
                existing = dict(read_file(path).fields)
            except (OSError, ValueError) as error:
                reason = str(error).removeprefix(f"{path.name}: ")
                raise StoreError(f"{lang}/{path.name}", reason) from None
        existing.update(fields)
        parsed = TranslationFile(id=entry_id, lang=lang, fields=existing)
        planned.append((path, _dump(parsed), previous))
    _write_all(planned)
    return tuple(path for path, _text, _previous in planned)


def _write_all(planned: list[tuple[Path, str, bytes | None]]) -> None:
    """Write each (path, text); on a failure, put back what the written ones held before."""
    written: list[tuple[Path, bytes | None]] = []
    try:
        for path, text, previous in planned:
            atomic.write_text(path, text)
            written.append((path, previous))
    except OSError:
        for path, previous in reversed(written):
            with contextlib.suppress(OSError):
                if previous is None:
                    path.unlink()
                else:
                    atomic.write_bytes(path, previous)
        raise


def iter_needed(
    dataset: Dataset, store: TranslationStore, lang: Lang
) -> Iterator[tuple[Entry, str, str]]:
    """(entry, field, public source text) of every text not yet available in ``lang``."""
    for entry in dataset.entries:
        for source in source_texts(entry):
            resolved = store.resolve(entry, source.field, lang)
            if resolved is not None and resolved.lang != lang:
                yield entry, source.field, public_text(source.text)
