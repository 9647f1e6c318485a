"""``build``: from the submitted workbooks to the published report, one stage per line.

check every workbook → consolidate → public view → overview figures → editorial text → sort and
word each language → HTML → PDF → open data → DOCX → build report. A workbook that cannot be read
never stops the others: its rows are listed as excluded. With ``strict``, any error (a row or a
workbook left out) fails the build before anything is rendered, so the previous good outputs stay
in place. Every output is written atomically, first into a staging folder inside the output
folder, and moved into place only once all of them are rendered: a build that fails half way
leaves the previous outputs as they were. This module prints nothing; the CLI shows the
:class:`BuildResult`.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from systematise.check import check_files, find_workbooks
from systematise.config import Settings
from systematise.consolidate.merge import consolidate
from systematise.consolidate.models import Dataset
from systematise.export.atomic import write_text
from systematise.i18n import translations
from systematise.render.document import Report, arrange_entries, build_document
from systematise.render.editorial import Section, figures, load_sections
from systematise.render.formatting import Formatter
from systematise.render.html import Downloads
from systematise.render.publish import publish_html, publish_pdf
from systematise.render.statistics import Overview, compute_overview
from systematise.schema.lang import REPORT_LANGS, Lang
from systematise.schema.problems import Severity
from systematise.translations import TranslationStore, load_translations

log = logging.getLogger(__name__)

BUILD_REPORT = "build-report.json"


class BuildError(Exception):
    """The build stopped; ``result`` says why (also written to build-report.json)."""

    def __init__(self, message: str, result: BuildResult) -> None:
        super().__init__(message)
        self.result = result


@dataclass
class BuildResult:
    """What a build did: rows in and out, problems, time per stage, outputs."""

    cycle: str
    strict: bool
    ok: bool = True
    dataset: Dataset | None = None
    stages: dict[str, float] = field(default_factory=dict)
    outputs: list[tuple[str, int]] = field(default_factory=list)
    failure: str | None = None
    translations: TranslationStore | None = None

    @property
    def errors(self) -> int:
        return (
            sum(1 for p in self.dataset.problems if p.severity == Severity.ERROR)
            if self.dataset
            else 0
        )

    @property
    def warnings(self) -> int:
        return (
            sum(1 for p in self.dataset.problems if p.severity == Severity.WARNING)
            if self.dataset
            else 0
        )


def build(
    paths: Sequence[Path], settings: Settings, output_dir: Path, *, strict: bool = False
) -> BuildResult:
    """Check, consolidate and publish ``paths`` (workbooks or folders) into ``output_dir``."""
    result = BuildResult(cycle=settings.report.cycle, strict=strict)
    stage = _StageTimer(result)
    _remove_leftovers(output_dir)
    try:
        with stage("check"):
            workbooks = check_files(submission_files(paths), settings)
        with stage("consolidate"):
            dataset = result.dataset = consolidate(settings.report.cycle, workbooks)
        _fail_if_strict(result, strict)
        with stage("public view"):
            public = _public_view(dataset, settings)
        with stage("translations"):
            store = result.translations = load_translations(public, settings)
        with stage("statistics"):
            overview = compute_overview(public)
        with stage("editorial text"):
            sections = {lang: _sections(overview, settings, lang) for lang in REPORT_LANGS}
        with stage("sort and word"):
            reports = {
                lang: _document(public, overview, sections[lang], store, settings, lang)
                for lang in REPORT_LANGS
            }
        with _staging(output_dir) as staging:
            with stage("html"):
                _record(result, staging, publish_html(reports, staging, _downloads()))
            with stage("pdf"):
                _record(result, staging, publish_pdf(reports, staging))
            with stage("open data"):
                _record(result, staging, _open_data(public, settings, staging))
            with stage("docx"):
                _record(result, staging, _docx(public, reports, settings, staging))
            _promote(staging, output_dir)
    except Exception as error:
        if not isinstance(error, BuildError):
            result.ok, result.failure = False, f"{type(error).__name__}: {error}"
        _write_build_report(result, output_dir)
        raise
    _write_build_report(result, output_dir)
    return result


def submission_files(paths: Sequence[Path]) -> list[Path]:
    """The files a build checks: those named, and the workbook-like files of folders named."""
    return find_workbooks(paths)


# --- the stages ----------------------------------------------------------------------------


def _fail_if_strict(result: BuildResult, strict: bool) -> None:
    if strict and result.errors:
        result.ok = False
        result.failure = f"--strict: {result.errors} error(s) in the submissions"
        raise BuildError(result.failure, result)


def _public_view(dataset: Dataset, settings: Settings) -> Dataset:
    """Contact data only with consent, focal points blanked, personal data in text masked."""
    from systematise.export.public import public_dataset

    return public_dataset(dataset, settings)


def _sections(overview: Overview, settings: Settings, lang: Lang) -> list[Section]:
    values = figures(overview, settings.report.cycle, Formatter(settings.report.locale.get(lang)))
    return load_sections(settings.paths.content, lang, values)


def _document(
    dataset: Dataset,
    overview: Overview,
    sections: list[Section],
    store: TranslationStore,
    settings: Settings,
    lang: Lang,
) -> Report:
    """Sort the initiatives in ``lang``'s collation, then word the whole report."""
    arranged = arrange_entries(dataset, lang, settings.report.group_by)
    gettext = translations("report", lang).gettext
    return build_document(
        dataset, arranged, overview, sections, store, settings.report, lang, gettext
    )


def _downloads() -> Downloads:
    return Downloads(pdf=True, docx=True, data=True)


def _open_data(dataset: Dataset, settings: Settings, output_dir: Path) -> list[Path]:
    from systematise.export import write_open_data

    return list(write_open_data(dataset, settings, output_dir))


def _docx(
    dataset: Dataset, reports: dict[Lang, Report], settings: Settings, out: Path
) -> list[Path]:
    """Each language's ``report.docx`` (pandoc, sandboxed), from the same reports."""
    from systematise.render.docx import write_docx

    return write_docx(dataset, reports, settings, out)


# --- staging: a failed build leaves the previous outputs as they were ---------------------

STAGING_PREFIX = ".staging-"


@contextmanager
def _staging(output_dir: Path) -> Iterator[Path]:
    """A fresh folder inside ``output_dir`` that the renderers write into; removed afterwards.

    Nothing in ``output_dir`` changes until every output has been rendered; then
    :func:`_promote` renames them into place (a rename per file, so each reader sees either the
    old file or the new one).
    """
    output_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=output_dir))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _promote(staging: Path, output_dir: Path) -> None:
    for path in sorted(p for p in staging.rglob("*") if p.is_file()):
        target = output_dir / path.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        path.replace(target)


def _remove_leftovers(output_dir: Path) -> None:
    """Staging folders and temporary files a killed build left behind (ours by their names)."""
    if not output_dir.is_dir():
        return
    for staging in output_dir.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(staging, ignore_errors=True)
    for folder in (output_dir, output_dir / "data", *(output_dir / lang for lang in REPORT_LANGS)):
        for temporary in folder.glob(".*.tmp"):  # atomic writes name theirs .<name>.<random>.tmp
            temporary.unlink(missing_ok=True)


# --- bookkeeping ---------------------------------------------------------------------------


class _StageTimer:
    def __init__(self, result: BuildResult) -> None:
        self.result = result

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.result.stages[name] = round(time.perf_counter() - start, 3)
            log.debug("stage %s: %.2f s", name, self.result.stages[name])


def _record(result: BuildResult, output_dir: Path, paths: list[Path]) -> None:
    for path in paths:
        result.outputs.append((path.relative_to(output_dir).as_posix(), path.stat().st_size))


def build_report(result: BuildResult) -> dict[str, Any]:
    """The content of ``build-report.json``: no personal value ever appears in it."""
    dataset = result.dataset
    files: dict[str, dict[str, Any]] = {}
    excluded: list[dict[str, Any]] = []
    warnings: list[dict[str, Any]] = []
    if dataset is not None:
        for entry in dataset.entries:
            files.setdefault(entry.provenance.file, {"included": 0, "excluded": 0})["included"] += 1
        for row in dataset.excluded:
            files.setdefault(row.file, {"included": 0, "excluded": 0})["excluded"] += 1
            excluded.append(
                {
                    "file": row.file,
                    "country": row.country,
                    "row": row.row,
                    "title": row.title,
                    "problems": [_problem(p) for p in row.problems],
                }
            )
        warnings = [_problem(p) for p in dataset.problems if p.severity == Severity.WARNING]
    return {
        "cycle": result.cycle,
        "strict": result.strict,
        "ok": result.ok,
        "failure": result.failure,
        "included": len(dataset.entries) if dataset else 0,
        "excluded": excluded,
        "errors": result.errors,
        "warnings": warnings,
        "files": [{"file": name, **counts} for name, counts in sorted(files.items())],
        "stages_seconds": result.stages,
        "outputs": [{"path": path, "bytes": size} for path, size in result.outputs],
        "translations": _translation_summary(result),
    }


def _translation_summary(result: BuildResult) -> dict[str, Any]:
    store, dataset = result.translations, result.dataset
    if store is None or dataset is None:
        return {}
    return {
        "coverage": [store.coverage(dataset, lang).as_dict() for lang in REPORT_LANGS],
        "stale": [f"{item.lang}/{item.entry_id} {item.field}" for item in store.outdated],
        "problems": list(store.problems),
    }


def _problem(problem: Any) -> dict[str, Any]:
    return {
        "code": problem.code,
        "severity": str(problem.severity),
        "file": problem.file,
        "sheet": problem.sheet,
        "cell": problem.cell,
        "field": problem.field,
        "message_es": problem.message("es"),
        "message_en": problem.message("en"),
    }


def _write_build_report(result: BuildResult, output_dir: Path) -> None:
    text = json.dumps(build_report(result), ensure_ascii=False, indent=2) + "\n"
    write_text(output_dir / BUILD_REPORT, text)
