"""The worded report: the public dataset sorted and worded, one :class:`Report` per language.

This is what every format writer (:mod:`systematise.render.writers`: HTML, PDF, DOCX, landing
page) renders from, and the one place it is made: ``build``, the tests and the benchmark all call
:func:`word_report`. This package holds the worded report apart from the writers: the figures
(:mod:`.statistics`, :mod:`.overview`), the editors' chapters (:mod:`.editorial`, with their
:mod:`.placeholders`), the initiatives sorted in the language's collation (:mod:`.collation`) and
worded as fiches (:mod:`.document`, :mod:`.fiches`, submitted text kept plain by :mod:`.text`),
the changes since the last cycle (:mod:`.changes`), the annexes (:mod:`.annexes`), and numbers
and dates in each language's house style (:mod:`.formatting`, :mod:`.house_style`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from systematise.schema.lang import Lang

if TYPE_CHECKING:
    from systematise.config import Settings
    from systematise.export.public import PublicDataset
    from systematise.translations import TranslationStore
    from systematise.wording.document import Report
    from systematise.wording.editorial import Section
    from systematise.wording.statistics import Overview


def overview_of(public: PublicDataset) -> Overview:
    """The report's figures (counts by State, status, theme...)."""
    from systematise.wording.statistics import compute_overview

    return compute_overview(public.dataset)


def editorial_sections(
    overview: Overview,
    settings: Settings,
    langs: Sequence[Lang],
    content: Path | None = None,
) -> dict[Lang, list[Section]]:
    """Each language's editorial sections (from ``content``, default the project's content
    folder), with their figures filled in; a ContentError lists the problems of every language."""
    from systematise.wording.editorial import figures, load_every_language
    from systematise.wording.formatting import Formatter

    values = {
        lang: figures(overview, settings.report.cycle, Formatter(settings.report.locale.get(lang)))
        for lang in langs
    }
    return load_every_language(content or settings.paths.content, values)


def word_report(
    public: PublicDataset,
    settings: Settings,
    lang: Lang,
    *,
    store: TranslationStore | None = None,
    overview: Overview | None = None,
    sections: Sequence[Section] | None = None,
    content: Path | None = None,
) -> Report:
    """The whole report of ``lang``: initiatives sorted in its collation, then worded.

    ``store``: the reviewed translations (default: none). ``overview`` and ``sections`` are
    computed when not given (the build computes them once for every language); ``content``:
    the folder of the editorial chapters (default: the settings').
    """
    from systematise.i18n import translations
    from systematise.translations import TranslationStore
    from systematise.wording.document import arrange_entries, build_document

    figures = overview if overview is not None else overview_of(public)
    if sections is None:
        sections = editorial_sections(figures, settings, (lang,), content)[lang]
    arranged = arrange_entries(public.dataset, lang, settings.report.group_by)
    gettext = translations("report", lang).gettext
    return build_document(
        public.dataset,
        arranged,
        figures,
        sections,
        store if store is not None else TranslationStore(),
        settings.report,
        lang,
        gettext,
    )


def word_reports(
    public: PublicDataset,
    settings: Settings,
    langs: Sequence[Lang],
    *,
    store: TranslationStore | None = None,
    content: Path | None = None,
) -> Mapping[Lang, Report]:
    """:func:`word_report` for each of ``langs`` (the figures computed once)."""
    overview = overview_of(public)
    sections = editorial_sections(overview, settings, langs, content)
    return {
        lang: word_report(
            public, settings, lang, store=store, overview=overview, sections=sections[lang]
        )
        for lang in langs
    }
