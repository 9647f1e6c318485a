"""A consolidated dataset made straight from the sample cycle's source files.

The reader is not involved: most YAML values are already the contract's normalised values, so
the models validate them directly; the few rows written as people type them are skipped.
Tests of exports, translations and DOCX start from here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from systematise.consolidate.models import Dataset, Entry, Provenance
from systematise.schema.models import Initiative, SubmissionHeader

SOURCE = Path(__file__).resolve().parents[2] / "samples" / "source"


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def sample_dataset(countries: tuple[str, ...] | None = None) -> Dataset:
    """The sample cycle (or some of its States) as a :class:`Dataset`."""
    entries: list[Entry] = []
    headers: list[SubmissionHeader] = []
    for path in sorted(SOURCE.glob("*.yaml")):
        if countries is not None and path.stem not in countries:
            continue
        data = _load(path)
        header = SubmissionHeader.model_validate(data["submission"])
        headers.append(header)
        for number, item in enumerate(data["initiatives"], start=1):
            try:
                initiative = Initiative.model_validate(item)
            except ValidationError:
                continue  # written as people type it, for the normaliser's tests
            entries.append(
                Entry(
                    id=f"{header.country}-{number:02d}",
                    country=header.country,
                    text_lang=header.submission_language,
                    initiative=initiative,
                    provenance=Provenance(file=path.name, sheet="Iniciativas", row=number + 2),
                    submitting_institution=header.submitting_institution,
                    contact_consent=header.consent_publish_contact,
                )
            )
    return Dataset(
        cycle="2025",
        entries=tuple(entries),
        submissions=tuple(headers),
        excluded=(),
        problems=(),
    )


def with_initiative(entry: Entry, **changes: Any) -> Entry:
    """``entry`` with some initiative fields changed (validated again)."""
    data = entry.initiative.model_dump()
    data.update(changes)
    return entry.model_copy(update={"initiative": Initiative.model_validate(data)})
