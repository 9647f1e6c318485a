"""The regional overview's figures, computed once from the dataset and shared by every language.

Counts are numbers of initiatives. For the fields where an initiative may carry several values
(thematic areas, stages, target populations, GCM objectives) an initiative counts once under each
of its values, so the counts of such a dimension add up to more than the number of initiatives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from systematise.consolidate.models import Dataset, Entry
from systematise.schema.vocabulary import vocabulary

#: The overview's dimensions: key, vocabulary, and how to read an entry's values.
DIMENSIONS: dict[str, tuple[str, Callable[[Entry], Iterable[str]]]] = {
    "country": ("country", lambda entry: (entry.country,)),
    "thematic_area": ("thematic_area", lambda entry: entry.initiative.thematic_areas),
    "gcm_objective": (
        "gcm_objective",
        lambda entry: (str(n) for n in entry.initiative.gcm_objectives),
    ),
    "migration_stage": ("migration_stage", lambda entry: entry.initiative.migration_stages),
    "initiative_type": ("initiative_type", lambda entry: (entry.initiative.initiative_type,)),
    "status": ("status", lambda entry: (entry.initiative.status,)),
    "target_population": ("target_population", lambda entry: entry.initiative.target_populations),
}


@dataclass(frozen=True)
class Overview:
    """Totals and counts by dimension (code -> number of initiatives, vocabulary order)."""

    n_initiatives: int
    n_states: int
    n_institutions: int
    n_excluded_rows: int
    counts: dict[str, dict[str, int]]


def compute_overview(dataset: Dataset) -> Overview:
    counts: dict[str, dict[str, int]] = {}
    for key, (vocabulary_key, values) in DIMENSIONS.items():
        found = Counter(value for entry in dataset.entries for value in values(entry))
        counts[key] = {code: found[code] for code in vocabulary(vocabulary_key).codes}
    institutions = {entry.initiative.lead_institution.casefold() for entry in dataset.entries}
    institutions.update(header.submitting_institution.casefold() for header in dataset.submissions)
    return Overview(
        n_initiatives=len(dataset.entries),
        n_states=len(dataset.countries()),
        n_institutions=len(institutions),
        n_excluded_rows=len(dataset.excluded),
        counts=counts,
    )
