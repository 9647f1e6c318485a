"""A translation is shown only beside the very text it was made from.

It is keyed by initiative, field and a hash of the source text: a source edited, its paragraphs
reordered, or an ID that comes to name another initiative (two rows swapped without stable
IDs) leaves the translation stale, reported and not shown, and asked for again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from systematise.config import PathSettings, Settings
from systematise.consolidate.models import Dataset, Entry
from systematise.translations import load_translations
from systematise.translations.fields import normalise_text, source_hash, source_texts
from systematise.translations.store import (
    StoredTranslation,
    TranslationStore,
    iter_needed,
    public_text,
    write_translations,
)
from tests.export.sample import sample_dataset, with_initiative


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return sample_dataset(("ARG",))


def _translate_all(dataset: Dataset, root: Path) -> None:
    """A made-up English translation of every text, as an import would store it."""
    items = [
        StoredTranslation(
            entry_id=entry.id,
            field=source.field,
            lang="en",
            source_lang=entry.text_lang,
            source_hash=source_hash(public_text(source.text)),
            source=public_text(source.text),
            text=f"English of {entry.id} {source.field}",
        )
        for entry in dataset.entries
        for source in source_texts(entry)
    ]
    write_translations(root, items)


def _settings(tmp_path: Path) -> Settings:
    return Settings(paths=PathSettings(translations=tmp_path / "translations"))


def _shown(store: TranslationStore, entry: Entry, field: str) -> str:
    resolved = store.resolve(entry, field, "en")
    assert resolved is not None
    return resolved.text


def _replaced(dataset: Dataset, *entries: Entry) -> Dataset:
    by_id = {entry.id: entry for entry in entries}
    return dataset.model_copy(
        update={"entries": tuple(by_id.get(e.id, e) for e in dataset.entries)}
    )


def test_reordered_paragraphs_make_the_translation_stale(dataset: Dataset, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _translate_all(dataset, settings.paths.translations)
    entry = next(e for e in dataset.entries if "\n\n" in (e.initiative.description or ""))
    assert _shown(load_translations(dataset, settings), entry, "description").startswith("English")

    paragraphs = (entry.initiative.description or "").split("\n\n")
    reordered = with_initiative(entry, description="\n\n".join(reversed(paragraphs)))
    changed = _replaced(dataset, reordered)
    store = load_translations(changed, settings)
    assert _shown(store, reordered, "description") == reordered.initiative.description
    assert [(s.entry_id, s.field) for s in store.outdated] == [(entry.id, "description")]
    assert store.coverage(changed, "en").stale == 1
    assert [(e.id, f) for e, f, _text in iter_needed(changed, store, "en")] == [
        (entry.id, "description")
    ]


def test_an_edited_title_is_asked_for_again(dataset: Dataset, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _translate_all(dataset, settings.paths.translations)
    entry = dataset.entries[0]
    edited = with_initiative(entry, title=entry.initiative.title + " (segunda fase)")
    store = load_translations(_replaced(dataset, edited), settings)
    assert _shown(store, edited, "title") == edited.initiative.title
    assert _shown(store, edited, "summary") == f"English of {entry.id} summary"  # unchanged


def test_reordered_rows_never_show_another_initiative_s_translation(
    dataset: Dataset, tmp_path: Path
) -> None:
    """When two IDs swap initiatives, none of the old translations is shown beside the other
    initiative's texts."""
    settings = _settings(tmp_path)
    _translate_all(dataset, settings.paths.translations)
    first, second = dataset.entries[0], dataset.entries[1]
    swapped = _replaced(
        dataset,
        first.model_copy(update={"initiative": second.initiative}),
        second.model_copy(update={"initiative": first.initiative}),
    )
    store = load_translations(swapped, settings)
    for entry in swapped.entries:
        for source in source_texts(entry):
            resolved = store.resolve(entry, source.field, "en")
            assert resolved is not None
            if resolved.origin == "translation":  # shown only if made from this very text
                item = store.items[(entry.id, source.field, "en")]
                assert item.source == normalise_text(public_text(source.text)), entry.id
                assert resolved.text == item.text
    outdated = {(s.entry_id, s.field) for s in store.outdated}
    fields = {source.field for source in source_texts(first)} | {
        source.field for source in source_texts(second)
    }
    assert {(first.id, f) for f in fields if (first.id, f, "en") in store.items} <= outdated
    assert all(entry_id in (first.id, second.id) for entry_id, _field in outdated)
