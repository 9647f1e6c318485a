"""``check`` as functions: read, normalise and validate workbooks; no printing, no files written.

:func:`check_files` is what both ``systematise check`` and the build call. Each file is first
inspected as an archive, then parsed in its own sandboxed child process; a file that cannot be
read gets one problem naming it and the others are still checked. Feedback files are written by
:func:`systematise.feedback.write_feedback`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

from systematise.config import LimitSettings, Settings
from systematise.cycle.ids import IdBook
from systematise.normalise.issue import Issue
from systematise.read.archive import check_archive, csv_template_lang
from systematise.read.defences import XmlDefencesError, assert_xml_defences
from systematise.read.kept import forget_others, keep_read, kept_read, read_key
from systematise.read.listing import WORKBOOK_SUFFIXES, find_workbooks
from systematise.read.raw import RawWorkbook
from systematise.read.sandbox import Failed, Job, run_jobs
from systematise.read.untrusted import failure_issue
from systematise.read.workbook import read_workbook
from systematise.schema.lang import FocalLang
from systematise.schema.problems import problem
from systematise.schema.stages import CheckedWorkbook
from systematise.validate.workbook import issue_problem, validate_workbook

__all__ = ["WORKBOOK_SUFFIXES", "XmlDefencesError", "check_files", "find_workbooks"]


def _unusable(name: str, issue: Issue, lang: FocalLang | None = None) -> CheckedWorkbook:
    """A file that cannot be read: one problem naming it, in both languages when the
    submitter's language cannot be told (a PDF, a Word document)."""
    found = issue_problem(issue, file=name)
    if lang is None and issue.code == "wrong_format":
        found = found.model_copy(update={"both_languages": True})
    return CheckedWorkbook(file=name, template_lang=lang, header=None, problems=(found,))


def _received(path: Path, issue: Issue) -> CheckedWorkbook:
    lang = csv_template_lang(path) if issue.code == "wrong_format" else None
    return _unusable(path.name, issue, lang)


def check_files(
    paths: Sequence[Path],
    settings: Settings,
    on_file: Callable[[str], None] | None = None,
    ids: IdBook | None = None,
) -> list[CheckedWorkbook]:
    """Check each workbook file; one result per path, in the same order.

    ``on_file`` is called with each file's name once it has been read (for progress). Every
    row gets its stable ID from ``ids``, the project's registry (:mod:`systematise.cycle.ids`;
    ``ids.save()`` writes what it learnt), or afresh when None. A workbook made from another
    cycle's template is an error and its rows are not used.

    Raises :class:`XmlDefencesError` when openpyxl would parse XML without its defences.
    """
    assert_xml_defences()
    import openpyxl  # noqa: F401 - loaded before forking, so each child starts at once

    limits: LimitSettings = settings.limits
    results: list[CheckedWorkbook | None] = [None] * len(paths)
    jobs: list[Job[RawWorkbook]] = []
    positions: list[int] = []
    keys: dict[int, str] = {}
    read_keys: dict[int, str | None] = {}
    for index, path in enumerate(paths):
        read_keys[index] = read_key(path, limits)
        if _remembered is not None:
            keys[index] = _memo_key(path, settings)
            if keys[index] in _remembered:
                results[index] = _remembered[keys[index]]
                if on_file is not None:
                    on_file(path.name)
                continue
        kept = kept_read(read_keys[index])
        if kept is not None:
            results[index] = _in_cycle(validate_workbook(kept), settings.report.cycle)
            if _remembered is not None:
                _remembered[keys[index]] = results[index]
            if on_file is not None:
                on_file(path.name)
            continue
        issue = check_archive(path, limits)
        if issue is not None:
            results[index] = _received(path, issue)
            if on_file is not None:
                on_file(path.name)
        else:
            jobs.append(Job(read_workbook, (path, path.name, limits)))
            positions.append(index)
    outcomes = run_jobs(
        jobs,
        memory_mb=limits.parse_memory_mb,
        seconds=limits.parse_seconds,
        on_done=None if on_file is None else lambda job: on_file(paths[positions[job]].name),
    )
    for index, outcome in zip(positions, outcomes, strict=True):
        name = paths[index].name
        if isinstance(outcome, Failed):
            results[index] = _unusable(name, failure_issue(outcome))
        else:
            keep_read(read_keys[index], outcome)
            results[index] = _in_cycle(validate_workbook(outcome), settings.report.cycle)
        if _remembered is not None:
            _remembered[keys[index]] = results[index]
    forget_others(read_keys.values())
    checked = [result for result in results if result is not None]
    # Without the project's registry, IDs are given afresh (in row order), and kept nowhere.
    book = ids if ids is not None else IdBook(None, settings.report.cycle)
    return book.stamp_all(checked)


#: Workbooks checked in this process, by content (None: nothing is kept, the default).
_remembered: dict[str, CheckedWorkbook | None] | None = None


def remember_checks() -> None:
    """Keep each workbook's check for the rest of the process, keyed by the file's bytes, name
    and the settings: a long-running preview then reads again only the workbooks that changed."""
    global _remembered
    if _remembered is None:
        _remembered = {}


def _memo_key(path: Path, settings: Settings) -> str:
    digest = hashlib.sha256(path.read_bytes())
    digest.update(path.name.encode())
    digest.update(settings.model_dump_json().encode())
    return digest.hexdigest()


def _in_cycle(workbook: CheckedWorkbook, cycle: str) -> CheckedWorkbook:
    """A workbook of another cycle's template: an error, and none of its rows are used."""
    found = workbook.template_cycle
    if found is None:
        return _dated_before(workbook, cycle)
    if found == cycle:
        return workbook
    error = problem("other_cycle", file=workbook.file, found=found, current=cycle)
    return workbook.model_copy(
        update={
            "header": None,
            "rows": tuple(row.model_copy(update={"initiative": None}) for row in workbook.rows),
            "problems": (error, *workbook.problems),
        }
    )


def _dated_before(workbook: CheckedWorkbook, cycle: str) -> CheckedWorkbook:
    """A workbook without a cycle stamp (an older template) dated before the cycle's year."""
    header = workbook.header
    if header is None or not cycle.isdigit() or header.submission_date.year >= int(cycle):
        return workbook
    warning = problem(
        "dated_before_cycle",
        file=workbook.file,
        year=header.submission_date.year,
        current=cycle,
    )
    return workbook.model_copy(update={"problems": (warning, *workbook.problems)})
