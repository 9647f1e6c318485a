"""The minimum translation coverage to publish (``[report] min_translation_coverage``).

Each report language should show the published free texts in that language: written in it,
translated by the submission, or translated through the store. :func:`coverage_shortfalls`
names each language whose share falls below the minimum, with every text it would show in
another language; the build warns with them, and fails with ``--strict``.
"""

from __future__ import annotations

from dataclasses import dataclass

from systematise.consolidate.models import Dataset
from systematise.schema.lang import REPORT_LANGS, Lang
from systematise.translations.fields import source_texts
from systematise.translations.store import Coverage, TranslationStore


@dataclass(frozen=True)
class MissingText:
    """One published text shown in another language than the report's."""

    entry_id: str
    field: str
    lang: str  # the language it is shown in (its source's)

    def __str__(self) -> str:
        return f"{self.entry_id} {self.field}"


@dataclass(frozen=True)
class CoverageShortfall:
    """A report language below the minimum coverage, and what it lacks."""

    coverage: Coverage
    minimum: float
    missing: tuple[MissingText, ...]

    @property
    def lang(self) -> Lang:
        return self.coverage.lang

    def as_dict(self) -> dict[str, object]:
        return {
            "lang": self.lang,
            "ratio": round(self.coverage.ratio, 4),
            "minimum": self.minimum,
            "available": self.coverage.available,
            "texts": self.coverage.texts,
            "stale": self.coverage.stale,
            "missing": [str(item) for item in self.missing],
        }


def missing_texts(store: TranslationStore, dataset: Dataset, lang: Lang) -> tuple[MissingText, ...]:
    """Every published text ``lang``'s report would show in another language, in report order."""
    missing: list[MissingText] = []
    for entry in dataset.entries:
        for source in source_texts(entry):
            resolved = store.resolve(entry, source.field, lang)
            if resolved is not None and resolved.lang != lang:
                missing.append(MissingText(entry.id, source.field, resolved.lang))
    return tuple(missing)


def coverage_shortfalls(
    store: TranslationStore, dataset: Dataset, minimum: float
) -> tuple[CoverageShortfall, ...]:
    """The report languages whose coverage is below ``minimum`` (a share, 0 to 1)."""
    shortfalls: list[CoverageShortfall] = []
    for lang in REPORT_LANGS:
        coverage = store.coverage(dataset, lang)
        if coverage.ratio < minimum:
            missing = missing_texts(store, dataset, lang)
            shortfalls.append(CoverageShortfall(coverage, minimum, missing))
    return tuple(shortfalls)
