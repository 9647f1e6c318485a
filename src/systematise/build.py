"""``build``: from the submitted workbooks to the published report, one stage per line.

inputs → check every workbook → consolidate → public view → translations → overview figures →
editorial text → outputs (each language's report worded, then HTML, PDF and DOCX per language,
the landing page, the open data; in parallel processes when ``workers`` > 1, PDFs first; each
published with the manifest as soon as it is rendered) → build report.

A workbook that cannot be read never stops the others: its rows are listed as excluded. Two
files for one State are an error on both and only one of them is published
(:mod:`systematise.validate.batch` says which); files of the folder that are not workbooks are
listed with a warning each. With ``strict``, any error (a row or a workbook left out) fails the
build before anything is rendered, so the previous good outputs stay in place; so does a build
with no initiative to publish (no readable submission, or every row with errors), whatever
``strict`` says. A report language that shows less of the published free text in that language
than ``[report] min_translation_coverage`` is a warning, and with ``strict`` a failure before
anything is rendered.

Outputs are keyed by a hash of the inputs each depends on (:mod:`systematise.pipeline.cache`):
an output whose inputs did not change is not rendered again, and when nothing changed the build
returns after hashing the inputs, writing nothing and importing none of the heavy libraries
(``force`` renders everything; ``only`` and ``langs`` render some outputs only). Every output
is written first into a staging folder inside the output folder and moved into place as soon
as it is rendered, each file by a rename, the manifest written again (atomically) after each
output: a build that fails or is killed half way keeps every output it finished, leaves the
others as they were, and the manifest always describes the files in place. This module prints
nothing; it reports progress to a :class:`~systematise.pipeline.progress.Progress` and the CLI
shows the :class:`BuildResult`.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from systematise.atomic import write_text
from systematise.config import Settings
from systematise.i18n import fill
from systematise.pipeline import cache, stamp
from systematise.pipeline.outputs import (
    BUILD_REPORT,
    OUTPUTS,
    Output,
    Selector,
    longest_first,
    select,
)
from systematise.pipeline.progress import Progress, Silent
from systematise.read.listing import find_workbooks, folder_entries
from systematise.schema.lang import REPORT_LANGS, Lang

if TYPE_CHECKING:
    from systematise.consolidate.models import Dataset
    from systematise.cycle.ids import IdBook
    from systematise.export.public import PublicDataset
    from systematise.render.writers import OutputResult
    from systematise.translations import TranslationStore
    from systematise.translations.coverage import CoverageShortfall
    from systematise.validate.batch import OtherFiles
    from systematise.wording.document import Report
    from systematise.wording.editorial import Section
    from systematise.wording.statistics import Overview

log = logging.getLogger(__name__)

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
    #: Outputs left as they were because ``only``/``langs`` did not ask for them.
    not_asked: list[str] = field(default_factory=list)
    #: Figures an output's writer reported, e.g. a PDF's pages and parts laid out or reused.
    figures: dict[str, dict[str, int]] = field(default_factory=dict)
    #: Nothing changed since the last build: nothing was checked, rendered or written.
    up_to_date: bool = False
    #: Entries of the submission folders that are not workbooks (listed with a warning each),
    #: and the hidden, lock and system files skipped there (by name).
    not_read: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        from systematise.schema.problems import Severity

        return (
            sum(1 for p in self.dataset.problems if p.severity == Severity.ERROR)
            if self.dataset
            else 0
        )

    @property
    def warnings(self) -> int:
        from systematise.schema.problems import Severity

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
    ids: IdBook | Callable[[], IdBook] | None = None,
    only: Collection[Selector] | None = None,
    langs: Collection[Lang] | None = None,
    on_published: Callable[[str, tuple[Path, ...]], None] | None = None,
    stamping: stamp.Stamping | None = None,
) -> BuildResult:
    """Check, consolidate and publish ``paths`` (workbooks or folders) into ``output_dir``.

    ``workers``: processes rendering outputs at once (1: all in this process). ``force``:
    render every output even when its inputs did not change. ``ids``: the project's registry
    of stable initiative IDs, written back once the workbooks are checked (without it, IDs are
    given afresh and kept nowhere). The registry is not an input of the cache: it only ever
    records what the submissions already say (edit it by hand, then build with ``force``). It
    may be given as a function that opens it, called only when the workbooks must be checked.

    ``only``: the kinds of output to render, of ``"html"``, ``"pdf"``, ``"docx"``,
    ``"landing"``, ``"data"`` (default: all); ``langs``: the languages of the per-language
    outputs (default: ``("es", "en")``); see :func:`systematise.pipeline.outputs.select`.
    Outputs not asked for are neither rendered nor removed. ``on_published(name, paths)`` is
    called in this process as soon as an output is published (``name`` as in
    :data:`~systematise.pipeline.outputs.OUTPUTS`, e.g. ``"html es"``; ``paths`` its files in
    ``output_dir``), for a preview to reload it. ``stamping``: the command line's request, for
    which a build that ends with everything up to date leaves a stamp (:mod:`.pipeline.stamp`).

    Raises :class:`BuildError` (nothing rendered), :class:`~systematise.wording.editorial.
    ContentError` (the editorial text has problems) or the renderer's exception (the outputs
    published before it stay, with the manifest describing them).
    """
    result = BuildResult(cycle=settings.report.cycle, strict=strict)
    stage = _StageTimer(result, progress or Silent())
    _remove_leftovers(output_dir)
    try:
        with stage("inputs"), stamp.watching(stamping.seen if stamping else None):
            _watch_listed(paths, stamping)
            files = submission_files(paths)
            not_read, skipped = _other_files(paths, result)
            groups = cache.hash_inputs(files, settings, strict, not_read + skipped)
            result.inputs = cache.inputs_key(groups)
            plan = _plan(output_dir, groups, force, select(only, langs))
        if not plan.stale and _last_report_matches(output_dir, result.inputs):
            _nothing_changed(result, plan)
            _leave_stamp(stamping, result, output_dir)
            return result
        # Something must be rendered: from here on, the check and render libraries are imported.
        book = ids() if callable(ids) else ids
        with stage("check", total=len(files)) as advance:
            workbooks = _check(files, settings, advance, book, _reads_folder(output_dir))
            if book is not None:
                book.save()
        with stage("consolidate"):
            dataset = consolidate_batch(settings, files, workbooks, _others(not_read, skipped))
            registry = book.folder if book is not None else None
            dataset = result.dataset = _with_history(dataset, registry, settings)
        _fail_if_strict(result, strict)
        _fail_if_nothing_to_publish(result, len(files))
        with stage("public view"):
            public = _public_view(dataset, settings)
        with stage("translations"):
            store = result.translations = _load_translations(public.dataset, settings)
            _check_coverage(result, store, public.dataset, settings)
        _fail_if_strict_on_coverage(result, strict)
        with stage("statistics"):
            overview = _overview(public)
        with stage("editorial text"):
            sections = _sections(overview, settings, plan.langs)
        words = _Words(public, overview, sections, store, settings)
        _keep_caches(output_dir)
        with _staging(output_dir) as staging:
            publisher = _Publisher(output_dir, staging, plan, on_published)
            total = len(plan.stale) + len(_shared_langs(plan, workers))  # and the wording
            with stage("outputs", total=total) as advance:
                _render(plan, public, words, settings, staging, workers, advance, publisher)
            _settle(result, plan, publisher)
    except Exception as error:
        if not isinstance(error, BuildError):
            result.ok, result.failure = False, f"{type(error).__name__}: {error}"
        _write_build_report(result, output_dir)
        if stamping is not None:
            stamp.forget(stamping.request)
        raise
    _write_build_report(result, output_dir)
    _leave_stamp(stamping, result, output_dir)
    return result


def submission_files(paths: Sequence[Path]) -> list[Path]:
    """The files a build checks: those named, and the workbook-like files of folders named."""
    return find_workbooks(paths)


# --- what to render ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    keys: dict[str, str]
    #: What the manifest on disk records (the outputs of earlier builds, whatever ``force``).
    recorded: dict[str, cache.Entry]
    #: The outputs asked for whose inputs changed (or everything asked for, with ``force``).
    stale: list[Output]
    #: The outputs asked for that are up to date.
    fresh: list[Output]

    @property
    def langs(self) -> tuple[Lang, ...]:
        """The languages whose worded report a stale output needs."""
        needed = {lang for output in self.stale for lang in output.needs_reports}
        return tuple(lang for lang in REPORT_LANGS if lang in needed)


def _plan(output_dir: Path, groups: dict[str, str], force: bool, chosen: Sequence[Output]) -> _Plan:
    keys = {output.name: cache.output_key(output, groups) for output in OUTPUTS}
    recorded = cache.read_manifest(output_dir)
    previous = {} if force else recorded
    fresh = [
        output
        for output in chosen
        if cache.is_fresh(previous.get(output.name), keys[output.name], output_dir)
    ]
    stale = [output for output in chosen if output not in fresh]
    return _Plan(keys, recorded, stale, fresh)


def _last_report_matches(output_dir: Path, inputs: str) -> bool:
    """The build report on disk is from a good build of these very inputs."""
    try:
        report = json.loads((output_dir / BUILD_REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(report, dict) and report.get("ok") is True and report.get("inputs") == inputs


def _nothing_changed(result: BuildResult, plan: _Plan) -> None:
    result.up_to_date = True
    result.reused = [output.name for output in plan.fresh]
    for output in plan.fresh:
        for path, record in sorted(plan.recorded[output.name].files.items()):
            result.outputs.append((path, record.bytes))


def _watch_listed(paths: Sequence[Path], stamping: stamp.Stamping | None) -> None:
    """Tell the stamp about the code and the submission folders listed (their files are
    told of as they are hashed)."""
    if stamping is None:
        return
    cache.watch_code()
    for path in paths:
        if path.is_dir():
            stamp.saw_folder(path)
        else:
            stamp.saw_file(path)


def _leave_stamp(stamping: stamp.Stamping | None, result: BuildResult, output_dir: Path) -> None:
    """After a build that left every output asked for up to date (a failed one raises, and
    forgets its stamp), the stamp that lets the next unchanged one answer at once: the output
    files recorded as they are now."""
    if stamping is None:
        return
    outputs = [output_dir / path for path, _ in result.outputs]
    outputs += [output_dir, output_dir / cache.MANIFEST, output_dir / BUILD_REPORT]
    answer = stamp.Answer(
        str(output_dir), len(result.outputs), tuple(result.not_read), tuple(result.skipped)
    )
    stamp.record(stamping.request, stamping.seen, outputs, answer)


class _Words:
    """Worded reports, made on demand (in whichever process needs them) and kept."""

    def __init__(
        self,
        public: PublicDataset,
        overview: Overview,
        sections: dict[Lang, list[Section]],
        store: TranslationStore,
        settings: Settings,
    ) -> None:
        self.public = public
        self.overview = overview
        self.sections = sections
        self.store = store
        self.settings = settings
        self.reports: dict[Lang, Report] = {}

    def word(self, lang: Lang) -> Report:
        from systematise.wording import word_report

        return word_report(
            self.public,
            self.settings,
            lang,
            store=self.store,
            overview=self.overview,
            sections=self.sections[lang],
        )

    def of(self, langs: Sequence[Lang]) -> dict[Lang, Report]:
        for lang in langs:
            if lang not in self.reports:
                self.reports[lang] = self.word(lang)
        return {lang: self.reports[lang] for lang in langs}


class _Publisher:
    """Moves each output's files into the output folder as soon as it is rendered.

    The manifest is written again (atomically) without the output's entry, each file is moved
    by a rename (a reader sees the old file or the new one), then the manifest is written with
    the output's new key and files: every entry of the manifest on disk always describes the
    files in place, and a build stopped in between renders that output again.
    """

    def __init__(
        self,
        output_dir: Path,
        staging: Path,
        plan: _Plan,
        on_published: Callable[[str, tuple[Path, ...]], None] | None,
    ) -> None:
        self.output_dir = output_dir
        self.staging = staging
        self.plan = plan
        self.entries = dict(plan.recorded)
        self.on_published = on_published
        self.written: dict[str, cache.Files] = {}
        self.figures: dict[str, dict[str, int]] = {}

    def publish(self, name: str, files: cache.Files, figures: dict[str, int]) -> None:
        if self.entries.pop(name, None) is not None:  # its old files are about to be replaced
            write_text(self.output_dir / cache.MANIFEST, cache.manifest_text(self.entries))
        published = []
        for relative in sorted(files):
            target = self.output_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            (self.staging / relative).replace(target)
            published.append(target)
        self.entries[name] = cache.Entry(self.plan.keys[name], files)
        write_text(self.output_dir / cache.MANIFEST, cache.manifest_text(self.entries))
        self.written[name] = files
        if figures:
            self.figures[name] = figures
        if self.on_published is not None:
            self.on_published(name, tuple(published))


def _render(
    plan: _Plan,
    public: PublicDataset,
    words: _Words,
    settings: Settings,
    staging: Path,
    workers: int,
    advance: Callable[[str, float | None], None],
    publisher: _Publisher,
) -> None:
    """Render the stale outputs into ``staging``, each published as soon as it is done.

    A language's report is worded once, by a task of its own, when several outputs need it and
    they render in parallel processes (each forked once it is worded, so it inherits it);
    otherwise in the process that needs it. The outputs marked ``last`` (the landing page) wait
    for all the others, since they describe them.
    """
    from systematise.pipeline.parallel import Task, run_tasks

    pdf_mb = int(PDF_MEMORY_MB[0] + PDF_MEMORY_MB[1] * len(public.entries))
    first = [output for output in plan.stale if not output.last]
    ordered = [
        *(longest_first(first) if workers > 1 else first),
        *(output for output in plan.stale if output.last),
    ]
    shared = _shared_langs(plan, workers)
    tasks: list[Task[Any]] = [Task(_word_task(lang), _word_job(words, lang)) for lang in shared]
    for output in ordered:
        after = [_word_task(lang) for lang in output.needs_reports if lang in shared]
        if output.last:
            after += [other.name for other in first]
        tasks.append(
            Task(
                output.name,
                _output_job(output, public, words, settings, staging),
                pdf_mb if output.kind == "pdf" else 0,
                tuple(after),
            )
        )

    def done(name: str, value: Any, seconds: float) -> None:
        if name.startswith(_WORD):
            report = value
            words.reports[report.lang] = report
        else:
            files, figures = value
            publisher.publish(name, files, figures)
        advance(name, seconds)

    run_tasks(tasks, workers=workers, on_done=done)


_WORD = "word "


def _shared_langs(plan: _Plan, workers: int) -> list[Lang]:
    """The languages worded by a task of their own: needed by several outputs, in parallel."""
    return [
        lang
        for lang in plan.langs
        if workers > 1 and sum(lang in output.needs_reports for output in plan.stale) > 1
    ]


def _word_task(lang: Lang) -> str:
    return _WORD + lang


def _word_job(words: _Words, lang: Lang) -> Callable[[], Report]:
    return lambda: words.word(lang)


def _output_job(
    output: Output,
    public: PublicDataset,
    words: _Words,
    settings: Settings,
    staging: Path,
) -> Callable[[], tuple[cache.Files, dict[str, int]]]:
    def job() -> tuple[cache.Files, dict[str, int]]:
        rendered = _write_output(output, public, words.of(output.needs_reports), settings, staging)
        files = {
            path.relative_to(staging).as_posix(): cache.file_record(path) for path in rendered.files
        }
        return files, rendered.figures

    return job


def _write_output(
    output: Output,
    public: PublicDataset,
    reports: dict[Lang, Report],
    settings: Settings,
    staging: Path,
) -> OutputResult:
    """Render one output with its writer (imported now), into ``staging``."""
    from systematise.render.writers import RenderContext

    context = RenderContext(output, settings, reports, staging.parent)
    return output.renderer()(context, public, staging)


def _keep_caches(output_dir: Path) -> None:
    """The HTML's subset fonts and the charts are kept in the output folder's cache."""
    from systematise.render.chartcache import keep_charts_in
    from systematise.render.fontcache import keep_subsets_in

    keep_subsets_in(_cache_folder(output_dir) / "fonts")
    keep_charts_in(_cache_folder(output_dir) / "charts")


def _reads_folder(output_dir: Path) -> Path:
    """Where what was read of each workbook is kept: in the user's cache, never in the output
    folder, since it holds the focal points' contact details (one folder per output folder)."""
    import hashlib

    from systematise.resources import user_cache_dir

    name = hashlib.sha256(str(output_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return user_cache_dir("reads") / name


def _cache_folder(output_dir: Path) -> Path:
    from systematise.render.writers import CACHE_FOLDER

    return output_dir / CACHE_FOLDER


def _settle(result: BuildResult, plan: _Plan, publisher: _Publisher) -> None:
    """Record every output of the build, rendered now or kept, in the report order."""
    fresh = {output.name for output in plan.fresh}
    for output in OUTPUTS:
        files = publisher.written.get(output.name)
        if files is not None:
            result.rebuilt.append(output.name)
        elif output.name in fresh:
            files = plan.recorded[output.name].files
            result.reused.append(output.name)
        else:
            result.not_asked.append(output.name)
            continue
        for path, record in sorted(files.items()):
            result.outputs.append((path, record.bytes))
    result.figures = publisher.figures


# --- the stages ----------------------------------------------------------------------------


def _check(
    files: list[Path],
    settings: Settings,
    advance: Callable[[str, float | None], None],
    ids: IdBook | None,
    kept: Path | None = None,
) -> list[Any]:
    """The workbooks checked; with ``kept``, a folder keeping what was read for the next build
    (:mod:`systematise.read.kept`), so that only the workbooks that changed are read again."""
    from systematise.check import check_files
    from systematise.read.kept import forget_unused_folders, keep_reads_in

    if kept is not None:
        forget_unused_folders(kept.parent, kept)
    keep_reads_in(kept)
    try:
        return check_files(files, settings, on_file=lambda name: advance(name, None), ids=ids)
    finally:
        keep_reads_in(None)


def _other_files(
    paths: Sequence[Path], result: BuildResult
) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """What the folders hold besides workbooks (not read, and skipped), recorded in the result
    and the log."""
    not_read, skipped = folder_entries(paths)
    result.not_read = [path.name for path in not_read]
    result.skipped = [path.name for path in skipped]
    for name in result.not_read:
        log.info("not a workbook, not read: %s", name)
    for name in result.skipped:
        log.info("hidden, lock or system file, skipped: %s", name)
    return not_read, skipped


def _others(not_read: tuple[Path, ...], skipped: tuple[Path, ...]) -> OtherFiles:
    from systematise.validate.batch import OtherFiles

    return OtherFiles(not_read, skipped)


def _with_history(dataset: Dataset, registry: Path | None, settings: Settings) -> Dataset:
    """The dataset compared with the last cycle's (changes since, in the report)."""
    from systematise.cycle.compare import with_history

    return with_history(dataset, registry, settings.paths.cycles)


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


def _overview(public: PublicDataset) -> Overview:
    from systematise.wording import overview_of

    return overview_of(public)


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
        reason = N_("no submission could be read (workbooks checked: {files})")
    else:
        reason = N_(
            "no initiative can be published: every row has errors (workbooks checked: {files})"
        )
    params: dict[str, str | int] = {"files": files}
    result.ok = False
    result.failure = fill(reason, params)
    raise BuildError(result.failure, result, reason, params)


def _fail_if_strict_on_coverage(result: BuildResult, strict: bool) -> None:
    """With ``strict``, a language below the minimum translation coverage stops the build."""
    if not strict or not result.translation_shortfalls:
        return
    reason = N_("--strict: translation coverage below the minimum of {minimum}: {coverage}")
    params: dict[str, str | int] = {
        "minimum": f"{result.translation_shortfalls[0].minimum:.0%}",
        "coverage": ", ".join(
            f"{item.lang} {item.coverage.ratio:.1%}" for item in result.translation_shortfalls
        ),
    }
    result.ok = False
    result.failure = fill(reason, params)
    raise BuildError(result.failure, result, reason, params)


def _public_view(dataset: Dataset, settings: Settings) -> PublicDataset:
    """Contact data only with consent, focal points blanked, personal data in text masked."""
    from systematise.export.public import public_view

    return public_view(dataset, settings)


def _sections(
    overview: Overview, settings: Settings, langs: Sequence[Lang]
) -> dict[Lang, list[Section]]:
    """Each language's editorial sections; the problems of every language reported together."""
    from systematise.wording import editorial_sections

    return editorial_sections(overview, settings, langs)


# --- staging: a failed build leaves the previous outputs as they were ---------------------

STAGING_PREFIX = ".staging-"


@contextmanager
def _staging(output_dir: Path) -> Iterator[Path]:
    """A fresh folder inside ``output_dir`` that the renderers write into; removed afterwards.

    An output's files are moved from it into place as soon as that output is rendered
    (:class:`_Publisher`).
    """
    output_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=output_dir))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


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


class ProblemRecord(TypedDict):
    code: str
    severity: str
    file: str | None
    sheet: str | None
    cell: str | None
    field: str | None
    message_es: str
    message_en: str


class ExcludedRow(TypedDict):
    file: str
    country: str | None
    row: int | None
    title: str | None
    problems: list[ProblemRecord]


class OutputFile(TypedDict):
    path: str
    bytes: int


class BuildReport(TypedDict):
    """``build-report.json``, as :func:`build_report` makes it and the CLI reads it."""

    cycle: str
    strict: bool
    ok: bool
    failure: str | None
    included: int
    excluded: list[ExcludedRow]
    errors: int
    warnings: list[ProblemRecord]
    #: Per workbook: ``{"file": name, "included": n, "excluded": n}``.
    files: list[dict[str, Any]]
    not_read: list[str]
    skipped: list[str]
    stages_seconds: dict[str, float]
    inputs: str | None
    outputs: list[OutputFile]
    rebuilt: list[str]
    reused: list[str]
    not_asked: list[str]
    figures: dict[str, dict[str, int]]
    #: Coverage per language, the minimum, the languages below it, stale translations.
    translations: dict[str, Any]
    notes: list[dict[str, str]]


def build_report(result: BuildResult) -> BuildReport:
    """The content of ``build-report.json``: no personal value ever appears in it."""
    from systematise.render.docx import editor_notes
    from systematise.schema.problems import Severity

    dataset = result.dataset
    files: dict[str, dict[str, Any]] = {}
    excluded: list[ExcludedRow] = []
    warnings: list[ProblemRecord] = []
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
        "not_asked": result.not_asked,
        "figures": result.figures,
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


def _problem(problem: Any) -> ProblemRecord:
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
