"""The fixture cycle rendered once per test session, in both languages."""

from __future__ import annotations

import functools
import io
from pathlib import Path

import pytest

from systematise.config import Settings
from systematise.consolidate.models import Dataset
from systematise.export.public import public_view
from systematise.render.html import Downloads, render_report_html
from systematise.render.pdf import write_report_pdf
from systematise.schema.lang import REPORT_LANGS, Lang
from systematise.wording import word_reports
from systematise.wording.document import Report
from tests.render.fixture import fixture_dataset, fixture_settings
from tests.support.builds import in_parallel

CONTENT = Path(__file__).resolve().parent / "content"


def make_reports(
    settings: Settings, content: Path = CONTENT, dataset: Dataset | None = None
) -> dict[Lang, Report]:
    """The reports of the fixture cycle (or of ``dataset``), made the way ``build`` makes them."""
    public = public_view(dataset or fixture_dataset(), settings)
    return dict(word_reports(public, settings, REPORT_LANGS, content=content))


@pytest.fixture(scope="session")
def reports() -> dict[Lang, Report]:
    return make_reports(fixture_settings())


@pytest.fixture(scope="session")
def screen_html(reports: dict[Lang, Report]) -> dict[Lang, str]:
    downloads = Downloads(pdf=True, docx=True, data=True)
    return {lang: render_report_html(reports[lang], "screen", downloads) for lang in REPORT_LANGS}


def pdf_bytes(report: Report) -> bytes:
    buffer = io.BytesIO()
    write_report_pdf(report, buffer, {})
    return buffer.getvalue()


def write_pdfs(reports: dict[Lang, Report], folder: Path, name: str) -> dict[Lang, Path]:
    """Both languages' PDFs laid out side by side (each in a forked child), into ``folder``."""
    made = in_parallel({lang: functools.partial(pdf_bytes, reports[lang]) for lang in REPORT_LANGS})
    paths: dict[Lang, Path] = {}
    for lang in REPORT_LANGS:
        paths[lang] = folder / name.format(lang=lang)
        paths[lang].write_bytes(made[lang])
    return paths


@pytest.fixture(scope="session")
def pdfs(reports: dict[Lang, Report], tmp_path_factory: pytest.TempPathFactory) -> dict[Lang, Path]:
    return write_pdfs(reports, tmp_path_factory.mktemp("pdf"), "report-{lang}.pdf")
