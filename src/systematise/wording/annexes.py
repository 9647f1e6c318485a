"""The annexes: GCM objectives × initiatives, index by thematic area, participating institutions,
acronyms, and the fields the template asked for."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from systematise.consolidate.models import Dataset
from systematise.schema.fieldmeta import field_specs
from systematise.schema.lang import Lang
from systematise.schema.models import Initiative, SubmissionHeader
from systematise.schema.reference import gcm_objectives, member_states
from systematise.schema.vocabulary import vocabulary
from systematise.wording.collation import collation_key, sort_by_name
from systematise.wording.fiches import anchor_of
from systematise.wording.formatting import Formatter
from systematise.wording.house_style import typographic_quotes

if TYPE_CHECKING:
    from systematise.wording.document import Chapter


@dataclass(frozen=True)
class AnnexItem:
    anchor: str
    title: str
    #: Only in the PDF (the charts' data, which the HTML shows after each chart).
    print_only: bool = False


@dataclass(frozen=True)
class MatrixRow:
    id: str
    anchor: str
    title: str
    title_lang: str | None
    marks: tuple[bool, ...]


@dataclass(frozen=True)
class MatrixGroup:
    title: str
    rows: tuple[MatrixRow, ...]


@dataclass(frozen=True)
class IndexEntry:
    id: str
    anchor: str
    title: str
    title_lang: str | None
    country: str


@dataclass(frozen=True)
class IndexGroup:
    title: str
    entries: tuple[IndexEntry, ...]


@dataclass(frozen=True)
class InstitutionGroup:
    country: str
    submitting: tuple[str, ...]
    leading: tuple[str, ...]


@dataclass(frozen=True)
class FieldRow:
    label: str
    help: str
    required: bool
    personal: bool


@dataclass(frozen=True)
class Annexes:
    heading: str
    items: tuple[AnnexItem, ...]
    objectives: tuple[tuple[int, str], ...]  # number, official title
    objective_totals: tuple[str, ...]
    matrix: tuple[MatrixGroup, ...]
    theme_index: tuple[IndexGroup, ...]
    institutions: tuple[InstitutionGroup, ...]
    acronyms: tuple[tuple[str, str], ...]
    header_fields: tuple[FieldRow, ...]
    initiative_fields: tuple[FieldRow, ...]
    #: How the overview's figures refer to the annex of their data, in print ("Annex 6").
    figures_reference: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        """The annexes' short names (``gcm``, ``themes``...), in their order."""
        return tuple(item.anchor.removeprefix("annex-") for item in self.items)


def _report_acronyms(gettext: Callable[[str], str]) -> list[tuple[str, str]]:
    """The acronyms the report itself uses; each language has its own forms."""
    _ = gettext
    return [
        (_("SELA"), _("Latin American and Caribbean Economic System")),
        (_("IOM"), _("International Organization for Migration")),
        (_("GCM"), _("Global Compact for Safe, Orderly and Regular Migration")),
        (_("DTM"), _("Displacement Tracking Matrix")),
        (_("SDG"), _("Sustainable Development Goals")),
        (_("MGI"), _("Migration Governance Indicators")),
        (_("LAC"), _("Latin America and the Caribbean")),
        (_("ISO"), _("International Organization for Standardization")),
    ]


def _field_rows(model: type[Initiative] | type[SubmissionHeader], lang: Lang) -> list[FieldRow]:
    """The template's fields as the report shows them, quotes in the house style."""
    return [
        FieldRow(
            typographic_quotes(spec.label(lang), lang),
            typographic_quotes(spec.help(lang), lang),
            spec.required,
            spec.personal,
        )
        for spec in field_specs(model)
    ]


def build_annexes(
    dataset: Dataset,
    chapters: Sequence[Chapter],
    lang: Lang,
    formatter: Formatter,
    gettext: Callable[[str], str],
) -> Annexes:
    _ = gettext
    states = member_states()
    fiches = [fiche for chapter in chapters for fiche in chapter.fiches]
    by_id = {entry.id: entry for entry in dataset.entries}
    numbers = sorted(gcm_objectives())
    titles = gcm_objectives()

    matrix = tuple(
        MatrixGroup(
            chapter.title,
            tuple(
                MatrixRow(
                    fiche.id,
                    fiche.anchor,
                    fiche.title,
                    fiche.title_lang,
                    tuple(n in by_id[fiche.id].initiative.gcm_objectives for n in numbers),
                )
                for fiche in chapter.fiches
            ),
        )
        for chapter in chapters
    )
    totals = tuple(
        formatter.number(sum(n in e.initiative.gcm_objectives for e in dataset.entries))
        for n in numbers
    )

    themes = vocabulary("thematic_area")
    index: list[IndexGroup] = []
    for code in sort_by_name(themes.codes, lambda c: themes.label(c, lang), lang):
        entries = tuple(
            IndexEntry(f.id, f.anchor, f.title, f.title_lang, f.country)
            for f in sorted(fiches, key=lambda f: collation_key(f.title, lang))
            if code in by_id[f.id].initiative.thematic_areas
        )
        if entries:
            index.append(IndexGroup(themes.label(code, lang), entries))

    institutions: list[InstitutionGroup] = []
    for iso3 in sort_by_name(dataset.countries(), lambda c: states[c].name(lang), lang):
        entries_of = [e for e in dataset.entries if e.country == iso3]
        submitting = {
            e.submitting_institution.casefold(): e.submitting_institution for e in entries_of
        }
        leading = {
            e.initiative.lead_institution.casefold(): e.initiative.lead_institution
            for e in entries_of
        }
        institutions.append(
            InstitutionGroup(
                states[iso3].name(lang),
                tuple(sort_by_name(submitting.values(), str, lang)),
                tuple(sort_by_name(leading.values(), str, lang)),
            )
        )

    acronyms = _report_acronyms(_)
    for fiche in fiches:
        if fiche.acronym:
            acronyms.append((fiche.acronym, f"{fiche.title} ({fiche.country})"))
    acronyms = sort_by_name(dict.fromkeys(acronyms), lambda pair: pair[0], lang)

    items = (
        AnnexItem("annex-gcm", _("Annex 1. GCM objectives and initiatives")),
        AnnexItem("annex-themes", _("Annex 2. Index of initiatives by thematic area")),
        AnnexItem("annex-institutions", _("Annex 3. Participating institutions")),
        AnnexItem("annex-acronyms", _("Annex 4. Acronyms")),
        AnnexItem("annex-template", _("Annex 5. Information requested in the template")),
        AnnexItem("annex-figures", _("Annex 6. Data for the figures"), print_only=True),
    )
    return Annexes(
        heading=_("Annexes"),
        items=items,
        objectives=tuple((n, titles[n].title(lang)) for n in numbers),
        objective_totals=totals,
        matrix=matrix,
        theme_index=tuple(index),
        institutions=tuple(institutions),
        acronyms=tuple(acronyms),
        header_fields=tuple(_field_rows(SubmissionHeader, lang)),
        initiative_fields=tuple(_field_rows(Initiative, lang)),
        figures_reference=_("Annex 6"),
    )


__all__ = ["Annexes", "anchor_of", "build_annexes"]
