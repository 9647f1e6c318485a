"""``build``: from the submitted workbooks to the published report, one stage per line.

inputs → check every workbook → consolidate → public view → translations → overview figures →
editorial text → sort and word each language → outputs (HTML, PDF and DOCX per language, the
landing page, the open data; in parallel processes when ``workers`` > 1, PDFs first) → manifest
→ build report. A workbook that cannot be read never stops the others: its rows are listed as
excluded. Two files for one State are an error on both and only one of them is published
(:mod:`systematise.validate.batch` says which); files of the folder that are not workbooks are
listed with a warning each. With ``strict``, any error (a row or a workbook left out) fails the
build before anything is rendered, so the previous good outputs stay in place; so does a build
with no initiative to publish (no readable submission, or every row with errors), whatever
``strict`` says. A report language that shows less of the published free text in that language
than ``[report] min_translation_coverage`` is a warning, and with ``strict`` a failure before
anything is rendered.

Outputs are keyed by a hash of their inputs (:mod:`systematise.pipeline.cache`): an output whose
inputs did not change is not rendered again, and when nothing changed the build returns after
hashing the inputs, writing nothing and importing none of the heavy libraries (``force``
renders everything). Every output is written atomically, first into a staging folder inside the
output folder, and moved into place only once all of them are rendered: a build that fails half
way leaves the previous outputs as they were. This module prints nothing; it reports progress
to a :class:`~systematise.pipeline.progress.Progress` and the CLI shows the
:class:`BuildResult`.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from systematise.atomic import write_text
from systematise.check import find_workbooks
from systematise.config import Settings
from systematise.cycle.compare import with_history
from systematise.pipeline import cache
from systematise.pipeline.outputs import OUTPUTS, Output, longest_first
from systematise.pipeline.parallel import Task, run_tasks
from systematise.pipeline.progress import Progress, Silent
from systematise.schema.lang import REPORT_LANGS, Lang
from systematise.schema.problems import Severity

if TYPE_CHECKING:
    from systematise.consolidate.models import Dataset
    from systematise.cycle.ids import IdBook
    from systematise.render.document import Report
    from systematise.render.editorial import Section
    from systematise.render.html import Downloads
    from systematise.render.statistics import Overview
    from systematise.translations import TranslationStore
    from systematise.translations.coverage import CoverageShortfall
    from systematise.validate.batch import OtherFiles

log = logging.getLogger(__name__)

BUILD_REPORT = "build-report.json"

#: Estimated peak memory of one language's PDF: a base and a share per initiative. The PDF is
#: laid out in parts (render/pdf/), so the layout's share no longer grows with the report
#: (about 310 MB for 500 initiatives, benchmarks/results.md); what grows is the report data.
#: Used so that outputs too big to render side by side are rendered one after the other.
PDF_MEMORY_MB = (300, 0.1)


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "translated where shown"
    """Mark ``message`` for the ``report`` catalogue; the CLI translates it when it shows it."""
    return message


class BuildError(Exception):
    """The build stopped; ``result`` says why (also written to build-report.json).

    ``reason`` and ``params``, when given, are the message as a ``report`` msgid and its
    parameters, for the CLI to show in its language (``str(error)`` is the English text).
    """

    def __init__(
        self,
        message: str,
        result: BuildResult,
        reason: str | None = None,
        params: dict[str, str | int] | None = None,
    ) -> None:
        super().__init__(message)
        self.result = result
        self.reason = reason
        self.params = params or {}


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
    #: The minimum translation coverage, and the languages below it (warnings).
    min_translation_coverage: float | None = None
    translation_shortfalls: tuple[CoverageShortfall, ...] = ()
    #: The hash of every input (see :mod:`systematise.pipeline.cache`).
    inputs: str | None = None
    #: Outputs rendered by this build, and those kept because their inputs did not change.
    rebuilt: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    #: Nothing changed since the last build: nothing was checked, rendered or written.
    up_to_date: bool = False
    #: Entries of the submission folders that are not workbooks (listed with a warning each),
    #: and the hidden, lock and system files skipped there (by name).
    not_read: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

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
    paths: Sequence[Path],
    settings: Settings,
    output_dir: Path,
    *,
    strict: bool = False,
    force: bool = False,
    workers: int = 1,
    progress: Progress | None = None,
    ids: IdBook | None = None,
) -> BuildResult:
    """Check, consolidate and publish ``paths`` (workbooks or folders) into ``output_dir``.

    ``workers``: processes rendering outputs at once (1: all in this process). ``force``:
    render every output even when its inputs did not change. ``ids``: the project's registry
    of stable initiative IDs, written back once the workbooks are checked (without it, IDs are
    given afresh and kept nowhere). The registry is not an input of the cache: it only ever
    records what the submissions already say (edit it by hand, then build with ``force``).
    """
    result = BuildResult(cycle=settings.report.cycle, strict=strict)
    stage = _StageTimer(result, progress or Silent())
    _remove_leftovers(output_dir)
    try:
        with stage("inputs"):
            files = submission_files(paths)
            others = _other_files(paths, result)
            groups = cache.hash_inputs(files, settings, strict, others.not_read + others.skipped)
            result.inputs = cache.inputs_key(groups)
            plan = _plan(output_dir, groups, force)
        if not plan.stale and _last_report_matches(output_dir, result.inputs):
            return _nothing_changed(result, plan)
        with stage("check", total=len(files)) as advance:
            workbooks = _check(files, settings, advance, ids)
            if ids is not None:
                ids.save()
        with stage("consolidate"):
            dataset = consolidate_batch(settings, files, workbooks, others)
            registry = ids.folder if ids is not None else None
            dataset = result.dataset = with_history(dataset, registry, settings.paths.cycles)
        _fail_if_strict(result, strict)
        _fail_if_nothing_to_publish(result, len(files))
        with stage("public view"):
            public = _public_view(dataset, settings)
        with stage("translations"):
            store = result.translations = _load_translations(public, settings)
            _check_coverage(result, store, public, settings)
        _fail_if_strict_on_coverage(result, strict)
        with stage("statistics"):
            overview = _overview(public)
        with stage("editorial text"):
            sections = _sections(overview, settings, plan.langs)
        with stage("sort and word"):
            reports = {
                lang: _document(public, overview, sections[lang], store, settings, lang)
                for lang in plan.langs
            }
        with stage("stylesheets"):
            _stylesheets(plan)
        with _staging(output_dir) as staging:
            with stage("outputs", total=len(plan.stale)) as advance:
                written = _render(plan, public, reports, settings, staging, workers, advance)
            _settle(result, plan, written)
            _write_build_report(result, staging)
            write_text(staging / cache.MANIFEST, cache.manifest_text(plan.manifest(written)))
            _promote(staging, output_dir)
    except Exception as error:
        if not isinstance(error, BuildError):
            result.ok, result.failure = False, f"{type(error).__name__}: {error}"
        _write_build_report(result, output_dir)
        raise
    return result


def submission_files(paths: Sequence[Path]) -> list[Path]:
    """The files a build checks: those named, and the workbook-like files of folders named."""
    return find_workbooks(paths)


# --- what to render ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    keys: dict[str, str]
    previous: dict[str, cache.Entry]
    stale: list[Output]
    fresh: list[Output]

    @property
    def langs(self) -> tuple[Lang, ...]:
        """The languages whose worded report a stale output needs."""
        needed = {lang for output in self.stale for lang in output.needs_reports}
        return tuple(lang for lang in REPORT_LANGS if lang in needed)

    def manifest(self, written: dict[str, cache.Files]) -> dict[str, cache.Entry]:
        entries = {output.name: self.previous[output.name] for output in self.fresh}
        for name, files in written.items():
            entries[name] = cache.Entry(self.keys[name], files)
        return entries


def _plan(output_dir: Path, groups: dict[str, str], force: bool) -> _Plan:
    keys = {output.name: cache.output_key(output, groups) for output in OUTPUTS}
    previous = {} if force else cache.read_manifest(output_dir)
    fresh = [
        output
        for output in OUTPUTS
        if cache.is_fresh(previous.get(output.name), keys[output.name], output_dir)
    ]
    stale = [output for output in OUTPUTS if output not in fresh]
    return _Plan(keys, previous, stale, fresh)


def _last_report_matches(output_dir: Path, inputs: str) -> bool:
    """The build report on disk is from a good build of these very inputs."""
    try:
        report = json.loads((output_dir / BUILD_REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(report, dict) and report.get("ok") is True and report.get("inputs") == inputs


def _nothing_changed(result: BuildResult, plan: _Plan) -> BuildResult:
    result.up_to_date = True
    result.reused = [output.name for output in plan.fresh]
    for output in plan.fresh:
        for path, record in sorted(plan.previous[output.name].files.items()):
            result.outputs.append((path, record.bytes))
    return result


def _stylesheets(plan: _Plan) -> None:
    """Make the report's stylesheets (fonts subset into data: URIs) once, before forking."""
    from systematise.render.html import stylesheet

    kinds = {output.kind for output in plan.stale}
    if kinds & {"html", "index"}:
        stylesheet("screen")
    if "pdf" in kinds:
        stylesheet("print")


def _render(
    plan: _Plan,
    public: Dataset,
    reports: dict[Lang, Report],
    settings: Settings,
    staging: Path,
    workers: int,
    advance: Callable[[str, float | None], None],
) -> dict[str, cache.Files]:
    """Render the stale outputs into ``staging``; each one's files and their hashes.

    The outputs marked ``last`` (the landing page) are rendered once all the others are done,
    since they describe them.
    """
    pdf_mb = int(PDF_MEMORY_MB[0] + PDF_MEMORY_MB[1] * len(public.entries))
    done: dict[str, cache.Files] = {}
    for last in (False, True):
        stage = [output for output in plan.stale if output.last == last]
        order = longest_first(stage) if workers > 1 else stage
        tasks = [
            Task(
                output.name,
                _output_job(output, public, reports, settings, staging),
                pdf_mb if output.kind == "pdf" else 0,
            )
            for output in order
        ]
        done |= run_tasks(
            tasks,
            workers=workers,
            on_done=lambda name, _files, seconds: advance(name, seconds),
        )
    return {output.name: done[output.name] for output in plan.stale}


def _output_job(
    output: Output,
    public: Dataset,
    reports: dict[Lang, Report],
    settings: Settings,
    staging: Path,
) -> Callable[[], cache.Files]:
    def job() -> cache.Files:
        paths = _write_output(output, public, reports, settings, staging)
        return {path.relative_to(staging).as_posix(): cache.file_record(path) for path in paths}

    return job


def _write_output(
    output: Output,
    public: Dataset,
    reports: dict[Lang, Report],
    settings: Settings,
    staging: Path,
) -> list[Path]:
    from systematise.render import publish

    if output.kind == "open data":
        return _open_data(public, settings, staging)
    if output.kind == "index":
        return [_landing_page(reports, settings, staging)]
    assert output.lang is not None
    lang, report = output.lang, reports[output.lang]
    if output.kind == "html":
        from systematise.render.html import render_report_html

        target = publish.html_path(staging, lang)
        write_text(target, render_report_html(report, "screen", _downloads()))
        return [target]
    if output.kind == "pdf":
        return publish.publish_pdf({lang: report}, staging)
    return _docx(public, {lang: report}, settings, staging)


def _landing_page(reports: dict[Lang, Report], settings: Settings, staging: Path) -> Path:
    """``index.html``, describing the files rendered now (in ``staging``) or kept (beside it)."""
    from systematise.render.landing import published_files, render_index_html

    def find(relative: str) -> Path | None:
        for folder in (staging, staging.parent):  # the staging folder is inside the output's
            if (folder / relative).is_file():
                return folder / relative
        return None

    target = staging / "index.html"
    html = render_index_html(reports, _downloads(), published_files(find), settings.report.contact)
    write_text(target, html)
    return target


def _settle(result: BuildResult, plan: _Plan, written: dict[str, cache.Files]) -> None:
    """Record every output of the build, rendered now or kept, in the report order."""
    for output in OUTPUTS:
        files = written.get(output.name)
        if files is None:
            files = plan.previous[output.name].files
            result.reused.append(output.name)
        else:
            result.rebuilt.append(output.name)
        for path, record in sorted(files.items()):
            result.outputs.append((path, record.bytes))


# --- the stages ----------------------------------------------------------------------------


def _check(
    files: list[Path],
    settings: Settings,
    advance: Callable[[str, float | None], None],
    ids: IdBook | None,
) -> list[Any]:
    from systematise.check import check_files

    return check_files(files, settings, on_file=lambda name: advance(name, None), ids=ids)


def _other_files(paths: Sequence[Path], result: BuildResult) -> OtherFiles:
    """What the folders hold besides workbooks, recorded in the result and the log."""
    from systematise.validate.batch import other_files

    others = other_files(paths)
    result.not_read = [path.name for path in others.not_read]
    result.skipped = [path.name for path in others.skipped]
    for name in result.not_read:
        log.info("not a workbook, not read: %s", name)
    for name in result.skipped:
        log.info("hidden, lock or system file, skipped: %s", name)
    return others


def consolidate_batch(
    settings: Settings, files: list[Path], workbooks: list[Any], others: OtherFiles | None = None
) -> Dataset:
    """One dataset; of two files for one State, one is published (validate.batch).

    ``files[i]`` gave ``workbooks[i]``; ``others``: what else the folders hold.
    """
    from systematise.consolidate.merge import consolidate
    from systematise.validate.batch import find_duplicates, with_duplicates

    duplicates = find_duplicates(files, workbooks)
    return consolidate(
        settings.report.cycle,
        with_duplicates(workbooks, duplicates),
        left_out={index for duplicate in duplicates for index in duplicate.left_out},
        batch_problems=others.problems() if others is not None else (),
    )


def _load_translations(dataset: Dataset, settings: Settings) -> TranslationStore:
    from systematise.translations import load_translations

    return load_translations(dataset, settings)


def _check_coverage(
    result: BuildResult, store: TranslationStore, dataset: Dataset, settings: Settings
) -> None:
    from systematise.translations.coverage import coverage_shortfalls

    minimum = result.min_translation_coverage = settings.report.min_translation_coverage
    result.translation_shortfalls = coverage_shortfalls(store, dataset, minimum)


def _overview(dataset: Dataset) -> Overview:
    from systematise.render.statistics import compute_overview

    return compute_overview(dataset)


# --- the stages ----------------------------------------------------------------------------


def _fail_if_strict(result: BuildResult, strict: bool) -> None:
    if strict and result.errors:
        result.ok = False
        result.failure = f"--strict: {result.errors} error(s) in the submissions"
        raise BuildError(result.failure, result)


def _fail_if_nothing_to_publish(result: BuildResult, files: int) -> None:
    """A report of no initiative is never published: the previous outputs stay as they were."""
    dataset = result.dataset
    if dataset is None or dataset.entries:
        return
    if not files:
        reason = N_("no workbook was found to build the report from")
    elif not dataset.submissions:
        reason = N_("no submission could be read (workbooks checked: %(files)s)")
    else:
        reason = N_(
            "no initiative can be published: every row has errors (workbooks checked: %(files)s)"
        )
    params: dict[str, str | int] = {"files": files}
    result.ok = False
    result.failure = reason % params
    raise BuildError(result.failure, result, reason, params)


def _fail_if_strict_on_coverage(result: BuildResult, strict: bool) -> None:
    """With ``strict``, a language below the minimum translation coverage stops the build."""
    if not strict or not result.translation_shortfalls:
        return
    reason = N_("--strict: translation coverage below the minimum of %(minimum)s: %(coverage)s")
    params: dict[str, str | int] = {
        "minimum": f"{result.translation_shortfalls[0].minimum:.0%}",
        "coverage": ", ".join(
            f"{item.lang} {item.coverage.ratio:.1%}" for item in result.translation_shortfalls
        ),
    }
    result.ok = False
    result.failure = reason % params
    raise BuildError(result.failure, result, reason, params)


def _public_view(dataset: Dataset, settings: Settings) -> Dataset:
    """Contact data only with consent, focal points blanked, personal data in text masked."""
    from systematise.export.public import public_dataset

    return public_dataset(dataset, settings)


def _sections(
    overview: Overview, settings: Settings, langs: Sequence[Lang]
) -> dict[Lang, list[Section]]:
    """Each language's editorial sections; the problems of every language reported together."""
    from systematise.render.editorial import figures, load_every_language
    from systematise.render.formatting import Formatter

    values = {
        lang: figures(overview, settings.report.cycle, Formatter(settings.report.locale.get(lang)))
        for lang in langs
    }
    return load_every_language(settings.paths.content, values)


def _document(
    dataset: Dataset,
    overview: Overview,
    sections: list[Section],
    store: TranslationStore,
    settings: Settings,
    lang: Lang,
) -> Report:
    """Sort the initiatives in ``lang``'s collation, then word the whole report."""
    from systematise.i18n import translations
    from systematise.render.document import arrange_entries, build_document

    arranged = arrange_entries(dataset, lang, settings.report.group_by)
    gettext = translations("report", lang).gettext
    return build_document(
        dataset, arranged, overview, sections, store, settings.report, lang, gettext
    )


def _downloads() -> Downloads:
    from systematise.render.html import Downloads

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
    """Times each stage into the result and reports it to the progress display."""

    def __init__(self, result: BuildResult, progress: Progress) -> None:
        self.result = result
        self.progress = progress

    @contextmanager
    def __call__(
        self, name: str, total: int | None = None
    ) -> Iterator[Callable[[str, float | None], None]]:
        """Yield a function that reports one item of the stage done (and its seconds)."""

        def advance(item: str, seconds: float | None) -> None:
            if seconds is not None:
                self.result.stages[item] = round(seconds, 3)
            self.progress.advance(name, item, seconds)

        start = time.perf_counter()
        self.progress.start(name, total)
        try:
            yield advance
        finally:
            seconds = time.perf_counter() - start
            self.result.stages[name] = round(seconds, 3)
            self.progress.finish(name, seconds)
            log.debug("stage %s: %.2f s", name, seconds)


def build_report(result: BuildResult) -> dict[str, Any]:
    """The content of ``build-report.json``: no personal value ever appears in it."""
    from systematise.render.docx import editor_notes

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
        "not_read": result.not_read,
        "skipped": result.skipped,
        "stages_seconds": result.stages,
        "inputs": result.inputs,
        "outputs": [{"path": path, "bytes": size} for path, size in result.outputs],
        "rebuilt": result.rebuilt,
        "reused": result.reused,
        "translations": _translation_summary(result),
        "notes": editor_notes(path for path, _size in result.outputs),
    }


def _translation_summary(result: BuildResult) -> dict[str, Any]:
    store, dataset = result.translations, result.dataset
    if store is None or dataset is None:
        return {}
    return {
        "coverage": [store.coverage(dataset, lang).as_dict() for lang in REPORT_LANGS],
        "min_coverage": result.min_translation_coverage,
        "below_minimum": [item.as_dict() for item in result.translation_shortfalls],
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
