"""Reports of a small sample cycle, made with the renderers' public functions (no PDF)."""

from __future__ import annotations

from systematise.config import Settings
from systematise.consolidate.models import Dataset
from systematise.export.public import public_view
from systematise.resources import project_root
from systematise.schema.lang import REPORT_LANGS, Lang
from systematise.translations.store import TranslationStore
from systematise.wording import word_reports
from systematise.wording.document import Report


def make_reports(
    dataset: Dataset, settings: Settings, store: TranslationStore | None = None
) -> dict[Lang, Report]:
    root = project_root()
    assert root is not None, "the DOCX tests run from a source checkout"
    public = public_view(dataset, settings)
    content = root / settings.paths.content
    return dict(word_reports(public, settings, REPORT_LANGS, store=store, content=content))
