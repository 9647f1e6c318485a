"""The public view of a dataset: what every public output (report, exports) may show.

- ``contact_name`` and ``contact_email`` are kept only when the submission consents;
- the focal point's fields (name, position, e-mail, phone) are blanked in the headers;
- personal data found in text (e-mail addresses, phone numbers, identity numbers, IBANs) is
  masked, or the build fails, as ``report.personal_data_in_text`` says, in every field
  ``check`` scans (:data:`SCANNED_FIELDS`: titles, acronym, institutions and partners as well
  as free text), the submitting institution and the titles of excluded rows.

:func:`public_dataset` is idempotent, so a renderer or exporter can apply it again to be sure.
Errors name the initiative and the field, never the personal value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from systematise.config import Settings
from systematise.consolidate.models import Dataset, Entry
from systematise.schema.fieldmeta import field_specs
from systematise.schema.models import Initiative, SubmissionHeader
from systematise.validate.personal_data import is_scanned

#: The initiative fields the scanner reads: the same as ``check`` warns about (every text field
#: that is not personal: titles, acronym, institutions, partners, free text).
SCANNED_FIELDS: tuple[str, ...] = tuple(
    spec.key for spec in field_specs(Initiative) if is_scanned(spec)
)


@dataclass(frozen=True)
class PersonalDataFound:
    """Personal data seen in one text field (never the value itself)."""

    entry_id: str
    field: str
    kinds: tuple[str, ...]


class PersonalDataInTextError(Exception):
    """Raised with ``personal_data_in_text = "fail"`` when text holds personal data."""

    def __init__(self, found: Iterable[PersonalDataFound]) -> None:
        self.found = tuple(found)
        places = "; ".join(
            f"{item.entry_id} {item.field} ({', '.join(item.kinds)})" for item in self.found
        )
        super().__init__(f"personal data in free text: {places}")


def scan_text(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` with personal data masked, and the kinds of personal data found in it."""
    from systematise.validate.personal_data import find_personal_data, mask

    kinds = tuple(dict.fromkeys(str(found.kind) for found in find_personal_data(text)))
    return (mask(text) if kinds else text), kinds


def _masked(value: object, found: list[tuple[str, ...]]) -> object:
    if isinstance(value, str):
        text, kinds = scan_text(value)
        if kinds:
            found.append(kinds)
        return text
    if isinstance(value, tuple) and all(isinstance(item, str) for item in value):
        return tuple(_masked(item, found) for item in value)
    return value


def public_entry(entry: Entry) -> tuple[Entry, list[PersonalDataFound]]:
    """``entry`` as it may be published, and where personal data was masked in it."""
    updates: dict[str, object] = {}
    if not entry.contact_consent:
        updates.update(contact_name=None, contact_email=None)
    found: list[PersonalDataFound] = []
    for key in SCANNED_FIELDS:
        kinds: list[tuple[str, ...]] = []
        value = _masked(getattr(entry.initiative, key), kinds)
        if kinds:
            updates[key] = value
            flat = tuple(dict.fromkeys(kind for group in kinds for kind in group))
            found.append(PersonalDataFound(entry.id, key, flat))
    institution, kinds_found = scan_text(entry.submitting_institution)
    if kinds_found:
        found.append(PersonalDataFound(entry.id, "submitting_institution", kinds_found))
    # model_copy does not re-validate: masking may shorten a text below its minimum length.
    initiative = entry.initiative.model_copy(update=updates)
    return entry.model_copy(
        update={"initiative": initiative, "submitting_institution": institution}
    ), found


_FOCAL_POINT_BLANKS: dict[str, object] = {
    spec.key: ("" if spec.required else None)
    for spec in field_specs(SubmissionHeader)
    if spec.personal
}


def public_header(header: SubmissionHeader) -> SubmissionHeader:
    """A submission header without the focal point's personal fields, its institution masked."""
    institution = scan_text(header.submitting_institution)[0]
    return header.model_copy(update={**_FOCAL_POINT_BLANKS, "submitting_institution": institution})


def public_dataset(dataset: Dataset, settings: Settings) -> Dataset:
    """The dataset every public output is made from. See the module's docstring."""
    entries: list[Entry] = []
    found: list[PersonalDataFound] = []
    for entry in dataset.entries:
        public, seen = public_entry(entry)
        entries.append(public)
        found.extend(seen)
    if found and settings.report.personal_data_in_text == "fail":
        raise PersonalDataInTextError(found)
    excluded = tuple(
        row.model_copy(update={"title": scan_text(row.title)[0] if row.title else row.title})
        for row in dataset.excluded
    )
    comparison = dataset.comparison
    if comparison is not None:  # titles of this cycle and of the archived one alike
        items = tuple(
            item.model_copy(update={"title": scan_text(item.title)[0]}) for item in comparison.items
        )
        comparison = comparison.model_copy(update={"items": items})
    return dataset.model_copy(
        update={
            "entries": tuple(entries),
            "submissions": tuple(public_header(header) for header in dataset.submissions),
            "excluded": excluded,
            "comparison": comparison,
        }
    )


_MADE_HERE = object()


class PublicDataset:
    """A dataset that went through the public view: the only dataset the renderers accept.

    Made by :func:`public_view` alone (the constructor refuses any other caller), so an output
    cannot be rendered from a dataset whose personal data was not removed.
    """

    __slots__ = ("dataset",)

    def __init__(self, dataset: Dataset, token: object) -> None:
        if token is not _MADE_HERE:
            raise TypeError("a PublicDataset is made by systematise.export.public.public_view")
        self.dataset = dataset

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self.dataset.entries


def public_view(dataset: Dataset, settings: Settings) -> PublicDataset:
    """:func:`public_dataset`, as the type the renderers take."""
    return PublicDataset(public_dataset(dataset, settings), _MADE_HERE)
