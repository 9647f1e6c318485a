"""The sample cycle is published in both languages: every text translated, in the house style.

The translations in ``translations/`` were made through the round trip (``translations
export``, a translator's workbook, ``translations import``); this checks them against the
submissions exactly as ``build`` reads them, so a regenerated or edited sample that leaves a
translation stale fails here.
"""

from __future__ import annotations

import re
import shutil

import pytest

from systematise.config import Settings
from systematise.consolidate.models import Dataset
from systematise.resources import project_root
from systematise.schema.lang import REPORT_LANGS, Lang
from systematise.translations import TranslationStore
from systematise.translations.coverage import missing_texts
from systematise.translations.fields import source_texts
from systematise.translations.store import iter_needed, read_store


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The project's settings, with a copy of its registry of IDs (checking writes to it)."""
    from systematise.config import load_settings

    root = project_root()
    assert root is not None, "the sample cycle is checked from a source checkout"
    settings = load_settings(root / "systematise.toml")
    registry = tmp_path_factory.mktemp("registry")
    if settings.paths.registry.is_dir():
        shutil.copytree(settings.paths.registry, registry, dirs_exist_ok=True)
    paths = settings.paths.model_copy(update={"registry": registry})
    return settings.model_copy(update={"paths": paths})


@pytest.fixture(scope="module")
def published(settings: Settings) -> Dataset:
    """The sample submissions checked, consolidated and made public, as ``build`` does."""
    from systematise.cli.translations import load_dataset
    from systematise.export.public import public_dataset

    return public_dataset(load_dataset([], settings), settings)


@pytest.fixture(scope="module")
def store(settings: Settings, published: Dataset) -> TranslationStore:
    from systematise.translations import load_translations

    return load_translations(published, settings)


@pytest.mark.slow
def test_the_sample_is_the_whole_cycle(published: Dataset) -> None:
    assert len(published.entries) == 62
    assert {entry.country for entry in published.entries} >= {"ARG", "BRA", "GUY", "HTI", "TTO"}


@pytest.mark.parametrize("lang", REPORT_LANGS)
@pytest.mark.slow
def test_every_published_text_is_in_the_language_of_its_edition(
    lang: Lang, published: Dataset, store: TranslationStore
) -> None:
    assert store.problems == ()
    assert store.outdated == ()
    coverage = store.coverage(published, lang)
    missing = [str(item) for item in missing_texts(store, published, lang)]
    assert missing == [] and coverage.ratio == 1.0, f"{lang}: {coverage}, missing {missing}"
    assert list(iter_needed(published, store, lang)) == []
    for entry in published.entries:
        for field in ("title", "summary"):
            resolved = store.resolve(entry, field, lang)
            assert resolved is not None and resolved.lang == lang, (entry.id, field)


@pytest.mark.slow
def test_every_stored_translation_is_used(settings: Settings, published: Dataset) -> None:
    """No file translates an initiative or a field the cycle does not have."""
    stored = read_store(settings.paths.translations)
    current = {
        (entry.id, source.field) for entry in published.entries for source in source_texts(entry)
    }
    unused = sorted(f"{lang}/{i} {f}" for (i, f, lang) in stored.items if (i, f) not in current)
    assert unused == []


def _texts(settings: Settings, lang: Lang) -> list[tuple[str, str]]:
    stored = read_store(settings.paths.translations)
    return [
        (f"{i} {f}", item.text) for (i, f, target), item in stored.items.items() if target == lang
    ]


def test_english_translations_follow_the_un_house_style(settings: Settings) -> None:
    wrong: list[str] = []
    for place, text in _texts(settings, "en"):
        if re.search(r"['\"«»¿¡]", text):
            wrong.append(f"{place}: straight quotes or Spanish punctuation")
        if re.search(r"\d %|\d%", text):
            wrong.append(f"{place}: 'per cent', not '%'")
        if re.search(r"\b\d{1,3}[ \u00a0]\d{3}\b", text):
            wrong.append(f"{place}: thousands grouped with a comma in English")
        if re.search(r"\b(organis|recognis|harmonis|prioritis|regularis|anonymis)", text):
            wrong.append(f"{place}: Oxford spelling (-ize)")
        if re.search(r"\b(program|labor|center)s?\b", text) and "Worker Program" not in text:
            wrong.append(f"{place}: programme, labour, centre")
    assert wrong == []


def test_spanish_translations_follow_the_rae(settings: Settings) -> None:
    wrong: list[str] = []
    for place, text in _texts(settings, "es"):
        if re.search(r"['\"“”]", text):
            wrong.append(f"{place}: «» quotes in Spanish")
        if re.search(r"\b\d{1,3}[ ,.]\d{3}\b", text):
            wrong.append(f"{place}: thousands grouped with a non-breaking space")
        if re.search(r"\bsólo\b", text):
            wrong.append(f"{place}: 'solo' without an accent (RAE, 2010)")
    assert wrong == []
