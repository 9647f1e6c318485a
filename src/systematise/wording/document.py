"""The report of one language as a typed value: everything the templates show, already worded.

:func:`build_document` turns the dataset, the overview figures, the editors' sections and the
settings into a :class:`Report`; templates only lay it out. Every string the report adds itself
comes from the gettext ``report`` domain.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from babel import Locale

from systematise.config import ReportSettings
from systematise.consolidate.models import Dataset, Entry
from systematise.i18n import fill
from systematise.logos import logo_data_uri
from systematise.schema.lang import Lang, other_lang
from systematise.schema.reference import member_states
from systematise.schema.vocabulary import vocabulary
from systematise.translations import TranslationStore
from systematise.translations.fields import source_texts
from systematise.wording.annexes import Annexes, build_annexes
from systematise.wording.changes import Changes, build_changes
from systematise.wording.collation import collation_key, sort_by_name
from systematise.wording.editorial import CLOSING_SECTIONS, Section
from systematise.wording.fiches import Fiche, build_fiche, tag_words
from systematise.wording.formatting import Formatter
from systematise.wording.overview import ChartView, build_charts
from systematise.wording.statistics import Overview

#: SELA's name as it prints it, in its four official languages.
SELA_NAMES = (
    ("es", "Sistema Económico Latinoamericano y del Caribe"),
    ("en", "Latin American and Caribbean Economic System"),
    ("pt", "Sistema Econômico Latino-Americano e do Caribe"),
    ("fr", "Système Économique Latinoaméricain et Caribéen"),
)


@dataclass(frozen=True)
class Chapter:
    anchor: str
    title: str
    #: Short facts under the chapter heading (submitting institution, number of initiatives).
    facts: tuple[tuple[str, str], ...]
    fiches: tuple[Fiche, ...]


@dataclass(frozen=True)
class OrganisationMark:
    """An organisation on the cover: its logo or, without one, its name set as a wordmark."""

    name: str
    #: The short name in the name's closing parentheses ("SELA"), if it has one.
    acronym: str | None
    #: The logo as a ``data:`` URI, if the settings give one.
    logo: str | None = None


def organisation_marks(names: Sequence[str], logos: Sequence[Path]) -> tuple[OrganisationMark, ...]:
    """Each organisation with its logo (by position in the settings' lists)."""
    marks = []
    for index, name in enumerate(names):
        found = _ACRONYM.match(name)
        marks.append(
            OrganisationMark(
                name=found.group(1) if found else name,
                acronym=found.group(2) if found else None,
                logo=logo_data_uri(logos[index]) if index < len(logos) else None,
            )
        )
    return tuple(marks)


_ACRONYM = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")


@dataclass(frozen=True)
class TocItem:
    anchor: str
    title: str
    children: tuple[TocItem, ...] = ()
    #: Only in the PDF's contents (an annex the HTML does not have).
    print_only: bool = False


@dataclass(frozen=True)
class Report:
    lang: Lang
    other_lang: Lang
    locale: str
    title: str
    subtitle: str
    cycle: str
    place: str
    date: str
    year: str
    date_iso: str
    author: str
    organisations: tuple[str, ...]
    #: The organisations as the cover shows them: logos or wordmarks.
    marks: tuple[OrganisationMark, ...]
    #: The co-publication disclaimer of the legal page, if any.
    disclaimer: str | None
    keywords: str
    description: str
    document_reference: str
    licence_name: str
    licence_title: str
    licence_url: str
    notice: str | None
    sela_names: tuple[tuple[str, str], ...]
    other_lang_name: str
    #: Editorial sections before the overview (presentation, introduction, methodology)...
    sections: tuple[Section, ...]
    #: ... and after the chapters (conclusions, when the editors wrote them).
    closing_sections: tuple[Section, ...]
    overview_intro: str
    charts: tuple[ChartView, ...]
    chapters_title: str
    chapters_intro: str
    chapters: tuple[Chapter, ...]
    annexes: Annexes
    toc: tuple[TocItem, ...]
    #: Key figures for the landing page: initiatives, States, texts readable in this language.
    landing_facts: tuple[tuple[str, str], ...]
    #: What changed since the last archived cycle (None in a first cycle).
    changes: Changes | None = None


def arrange_entries(dataset: Dataset, lang: Lang, group_by: str) -> list[tuple[str, list[Entry]]]:
    """The chapters' keys (ISO3 or thematic area code) and entries, in the reader's order.

    By State: States by name in ``lang``, each State's initiatives in their stable id order.
    By thematic area: areas by label, initiatives by State name, then id; an initiative goes
    under its main (first) area.
    """
    states = member_states()
    vocab = vocabulary("thematic_area")
    groups: dict[str, list[Entry]] = {}
    for entry in dataset.entries:
        key = entry.country if group_by == "country" else entry.initiative.thematic_areas[0]
        groups.setdefault(key, []).append(entry)

    def group_name(key: str) -> str:
        return states[key].name(lang) if group_by == "country" else vocab.label(key, lang)

    ordered = sort_by_name(groups, group_name, lang)
    return [
        (
            key,
            sorted(
                groups[key],
                key=lambda e: (collation_key(states[e.country].name(lang), lang), e.id),
            ),
        )
        for key in ordered
    ]


def _chart_texts(gettext: Callable[[str], str]) -> dict[str, tuple[str, str, str]]:
    _ = gettext
    several = _("An initiative may have several values, so the shares add up to more than 100%.")
    return {
        "country": (
            _("Initiatives by Member State"),
            _("Number of initiatives each Member State submitted."),
            _("Member State"),
        ),
        "thematic_area": (
            _("Initiatives by thematic area"),
            _("Thematic areas of the initiatives (up to three each).") + " " + several,
            _("Thematic area"),
        ),
        "gcm_objective": (
            _("Initiatives by objective of the Global Compact for Migration"),
            _("GCM objectives the initiatives contribute to (up to five each).") + " " + several,
            _("GCM objective"),
        ),
        "migration_stage": (
            _("Initiatives by stage of migration"),
            _("Stages of the migration cycle the initiatives address.") + " " + several,
            _("Stage of migration"),
        ),
        "initiative_type": (
            _("Initiatives by type"),
            _("Type of each initiative (one each)."),
            _("Type of initiative"),
        ),
        "status": (
            _("Initiatives by status"),
            _("Status of implementation reported by the Member States."),
            _("Status"),
        ),
        "target_population": (
            _("Initiatives by target population"),
            _("Populations the initiatives are aimed at.") + " " + several,
            _("Target population"),
        ),
    }


def _chapters(
    arranged: list[tuple[str, list[Entry]]],
    lang: Lang,
    group_by: str,
    formatter: Formatter,
    store: TranslationStore,
    gettext: Callable[[str], str],
    translation_label: str,
) -> list[Chapter]:
    _ = gettext
    states = member_states()
    note = _("(original text in {language})")
    # The label goes in now and the language per fiche: braces in the label are doubled for
    # that second step, and the language's slot passes through as itself.
    translated = fill(
        _("{label} from {language}"),
        label=translation_label.replace("{", "{{").replace("}", "}}"),
        language="{language}",
    )
    tags = tag_words(_)
    since = _("Reported since the {cycle} cycle")
    chapters: list[Chapter] = []
    for key, entries in arranged:
        fiches = tuple(
            build_fiche(entry, lang, formatter, store, note, translated, tags, since)
            for entry in entries
        )
        count = formatter.number(len(entries))
        if group_by == "country":
            institutions = list(dict.fromkeys(e.submitting_institution for e in entries))
            chapters.append(
                Chapter(
                    anchor=f"state-{key.lower()}",
                    title=states[key].name(lang),
                    facts=(
                        (_("Submitting institution"), "; ".join(institutions)),
                        (_("Initiatives"), count),
                    ),
                    fiches=fiches,
                )
            )
        else:
            names = list(dict.fromkeys(states[e.country].name(lang) for e in entries))
            chapters.append(
                Chapter(
                    anchor=f"theme-{key}",
                    title=vocabulary("thematic_area").label(key, lang),
                    facts=(
                        (_("Member States"), formatter.join(names)),
                        (_("Initiatives"), count),
                    ),
                    fiches=fiches,
                )
            )
    return chapters


def build_document(
    dataset: Dataset,
    arranged: list[tuple[str, list[Entry]]],
    overview: Overview,
    sections: Sequence[Section],
    store: TranslationStore,
    settings: ReportSettings,
    lang: Lang,
    gettext: Callable[[str], str],
) -> Report:
    """The whole report of ``lang``, ready for the templates."""
    _ = gettext
    formatter = Formatter(settings.locale.get(lang))
    published = settings.date()
    charts = build_charts(overview, lang, formatter, _chart_texts(_), _)
    chapters = _chapters(
        arranged, lang, settings.group_by, formatter, store, _, settings.translation_label.get(lang)
    )
    annexes = build_annexes(dataset, chapters, lang, formatter, _)
    figures = {
        "initiatives": formatter.number(overview.n_initiatives),
        "states": formatter.number(overview.n_states),
    }
    if settings.group_by == "country":
        chapters_title = _("Initiatives by Member State")
        chapters_intro = _(
            "This chapter presents the {initiatives} initiatives of the {states} "
            "Member States in alphabetical order, each State's initiatives in the order "
            "they were submitted."
        )
    else:
        chapters_title = _("Initiatives by thematic area")
        chapters_intro = _(
            "This chapter presents the {initiatives} initiatives of the {states} "
            "Member States grouped by their main thematic area."
        )
    opening = tuple(s for s in sections if s.key not in CLOSING_SECTIONS)
    closing = tuple(s for s in sections if s.key in CLOSING_SECTIONS)
    toc = (
        *(TocItem(f"section-{s.key}", s.title) for s in opening),
        TocItem("overview", _("Regional overview")),
        TocItem(
            "initiatives",
            chapters_title,
            tuple(TocItem(chapter.anchor, chapter.title) for chapter in chapters),
        ),
        *(TocItem(f"section-{s.key}", s.title) for s in closing),
        TocItem(
            "annexes",
            _("Annexes"),
            tuple(
                TocItem(annex.anchor, annex.title, print_only=annex.print_only)
                for annex in annexes.items
            ),
        ),
    )
    organisations = tuple(
        part.strip() for part in settings.organisations.get(lang).split(";") if part.strip()
    )
    return Report(
        lang=lang,
        other_lang=other_lang(lang),
        locale=formatter.locale,
        title=settings.title.get(lang),
        subtitle=settings.subtitle_text(lang),
        cycle=settings.cycle,
        place=settings.place.get(lang),
        date=formatter.date(published),
        year=settings.copyright_year(),
        date_iso=published.isoformat(),
        author=settings.author.get(lang),
        organisations=organisations,
        marks=organisation_marks(organisations, settings.logos.get(lang)),
        disclaimer=settings.disclaimer.get(lang).strip() or None,
        keywords=settings.keywords.get(lang).replace(";", ","),
        description=settings.subtitle_text(lang),
        document_reference=settings.reference(),
        licence_name=settings.licence_name,
        licence_title=settings.licence_title.get(lang),
        licence_url=settings.licence_url,
        notice=settings.notice.get(lang) if settings.notice else None,
        sela_names=SELA_NAMES,
        other_lang_name=str(Locale.parse(other_lang(lang)).get_display_name()).capitalize(),
        sections=opening,
        closing_sections=closing,
        overview_intro=fill(
            _(
                "In this cycle, {states} Member States submitted {initiatives} initiatives. "
                "The figures below describe them by State, thematic area, objective of the "
                "Global Compact for Migration, stage of migration, type, status and target "
                "population."
            ),
            figures,
        ),
        charts=tuple(charts),
        chapters_title=chapters_title,
        chapters_intro=fill(chapters_intro, figures),
        chapters=tuple(chapters),
        annexes=annexes,
        toc=toc,
        landing_facts=_landing_facts(dataset, overview, store, lang, formatter, _),
        changes=build_changes(dataset, lang, formatter, _),
    )


def _landing_facts(
    dataset: Dataset,
    overview: Overview,
    store: TranslationStore,
    lang: Lang,
    formatter: Formatter,
    gettext: Callable[[str], str],
) -> tuple[tuple[str, str], ...]:
    """What the cycle covers, as a reader of the landing page wants it at a glance.

    Only figures that inform: initiatives, States, institutions, the GCM objectives addressed,
    and, when some free text is shown untranslated, the languages it is shown in (never a
    percentage that reads as a shortfall; the build report keeps the translation coverage).
    """
    _ = gettext
    gcm = overview.counts["gcm_objective"]
    facts = [
        (_("Initiatives"), formatter.number(overview.n_initiatives)),
        (_("Member States"), formatter.number(overview.n_states)),
        (_("Institutions"), formatter.number(overview.n_institutions)),
        (
            _("GCM objectives addressed"),
            fill(
                _("{addressed} of {objectives}"),
                addressed=formatter.number(sum(1 for count in gcm.values() if count)),
                objectives=formatter.number(len(gcm)),
            ),
        ),
    ]
    originals = _untranslated_languages(dataset, store, lang)
    if originals:
        facts.append(
            (
                _("Languages"),
                fill(
                    _("{language}; where no translation is available, in the original ({others})"),
                    language=formatter.language_name(lang).capitalize(),
                    others=formatter.join([formatter.language_name(code) for code in originals]),
                ),
            )
        )
    return tuple(facts)


def _untranslated_languages(dataset: Dataset, store: TranslationStore, lang: Lang) -> list[str]:
    """The languages (codes, sorted) of the free text that ``lang``'s report shows untranslated."""
    found = set()
    for entry in dataset.entries:
        for source in source_texts(entry):
            resolved = store.resolve(entry, source.field, lang)
            if resolved is not None and resolved.lang != lang:
                found.add(resolved.lang)
    return sorted(found)
