"""One untrusted workbook read as every file from outside is: checked, then parsed in a sandbox.

:func:`read_untrusted` is the whole path (``docs/security.md``): the XML defences asserted
(:func:`~systematise.read.defences.assert_xml_defences`), the archive checked as bytes with the
settings' limits (:func:`~systematise.read.archive.check_archive`), then the parser run in a
forked child with ``parse_memory_mb`` and ``parse_seconds`` (:func:`~systematise.read.sandbox.
run_jobs`). The parser returns plain values (or an :class:`Issue` saying why the file cannot be
used); nothing it opened crosses back. A child that fails gives the issue of
:func:`failure_issue`. Used for the translators' workbooks; ``check`` runs the same three steps
for a batch of submissions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from systematise.config import LimitSettings
from systematise.normalise.issue import Issue
from systematise.read.archive import REASONS, UNREADABLE, check_archive, rejected
from systematise.read.defences import assert_xml_defences
from systematise.read.sandbox import Failed, Job, run_jobs

T = TypeVar("T")

#: A sandbox failure whose name is not a reason of its own.
_FAILURE_REASONS = {"too_large": "dimension"}


def failure_issue(failed: Failed) -> Issue:
    """The issue of a file whose sandboxed parse produced no result."""
    if failed.reason == "unreadable":
        return UNREADABLE
    reason = _FAILURE_REASONS.get(failed.reason, failed.reason)
    return rejected(reason) if reason in REASONS else UNREADABLE


def read_untrusted(
    path: Path, limits: LimitSettings, parse: Callable[[Path, LimitSettings], T | Issue]
) -> T | Issue:
    """``parse(path, limits)`` run in a sandboxed child once ``path`` passed the archive checks;
    otherwise the issue that stops it.

    ``parse`` must be a module-level function returning a picklable value. Raises
    :class:`~systematise.read.defences.XmlDefencesError` when openpyxl would parse XML without
    its defences.
    """
    assert_xml_defences()
    issue = check_archive(path, limits)
    if issue is not None:
        return issue
    import openpyxl  # noqa: F401 - loaded before forking, so the child starts at once

    (outcome,) = run_jobs(
        [Job(parse, (path, limits))],
        memory_mb=limits.parse_memory_mb,
        seconds=limits.parse_seconds,
        parallel=1,
    )
    return failure_issue(outcome) if isinstance(outcome, Failed) else outcome
