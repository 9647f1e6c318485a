"""Reports of a small sample cycle, made with the renderers' public functions (no PDF)."""

from __future__ import annotations

from systematise.config import Settings
from systematise.consolidate.models import Dataset
from systematise.export.public import public_dataset
from systematise.i18n import translations
from systematise.render.document import Report, arrange_entries, build_document
from systematise.render.editorial import figures, load_sections
from systematise.render.formatting import Formatter
from systematise.render.statistics import compute_overview
from systematise.resources import project_root
from systematise.schema.lang import REPORT_LANGS, Lang
from systematise.translations.store import TranslationStore


def make_reports(
    dataset: Dataset, settings: Settings, store: TranslationStore | None = None
) -> dict[Lang, Report]:
    public = public_dataset(dataset, settings)
    overview = compute_overview(public)
    root = project_root()
    assert root is not None, "the DOCX tests run from a source checkout"
    reports: dict[Lang, Report] = {}
    for lang in REPORT_LANGS:
        formatter = Formatter(settings.report.locale.get(lang))
        values = figures(overview, settings.report.cycle, formatter)
        sections = load_sections(root / settings.paths.content, lang, values)
        reports[lang] = build_document(
            public,
            arrange_entries(public, lang, settings.report.group_by),
            overview,
            sections,
            store or TranslationStore(),
            settings.report,
            lang,
            translations("report", lang).gettext,
        )
    return reports
