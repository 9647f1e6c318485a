"""Run a parsing job in a child process with memory and time limits.

Each workbook is opened in its own forked child (fork: the parent has already imported openpyxl,
so a child starts in milliseconds), by the same process pool as the build's renders
(:mod:`systematise.pipeline.parallel`). The child caps its address space (``RLIMIT_AS``) and CPU
time, runs the job and sends the result back through a pipe; an exception is classified in the
child (the exception itself never crosses). A child that runs out of time is killed; one that
runs out of memory or crashes is reported. Either way the batch goes on.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

from systematise.pipeline.parallel import Failure, Limits, Task, run_tasks

T = TypeVar("T")

#: Outcomes a job can have besides a result.
FAILURES = ("memory", "timeout", "crash", "xml", "unreadable", "too_large")


@dataclass(frozen=True)
class Failed:
    """A job that produced no result: one of :data:`FAILURES`, and a detail for developers."""

    reason: str
    detail: str = ""


@dataclass(frozen=True)
class Job(Generic[T]):
    function: Callable[..., T]
    args: tuple[Any, ...]


def _chain(error: BaseException) -> list[BaseException]:
    """``error`` and the exceptions it was raised from (openpyxl wraps XML errors)."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain and len(chain) < 20:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _classify(error: BaseException) -> Failed:
    chain = _chain(error)
    if any(isinstance(item, MemoryError) for item in chain):
        return Failed("memory")
    for item in chain:
        name = type(item).__name__
        module = type(item).__module__ or ""
        if module.startswith("defusedxml") or name in (
            "DTDForbidden",
            "EntitiesForbidden",
            "ExternalReferenceForbidden",
        ):
            return Failed("xml", name)
        if name == "SheetTooLarge":
            return Failed("too_large", name)
    return Failed("unreadable", "".join(traceback.format_exception_only(error)).strip()[:500])


def _guarded(job: Job[Any]) -> Any:
    """Run in the child: the job's result, or why it failed (never an exception)."""
    try:
        return job.function(*job.args)
    except BaseException as error:  # every failure is reported to the parent
        try:
            return _classify(error)
        except MemoryError:
            return Failed("memory")


def _failed(_task: Task[Any], failure: Failure) -> Failed:
    """A child that sent nothing usable: too big to send, killed (memory), crashed, too long."""
    if failure.kind == "timeout":
        return Failed("timeout")
    if failure.kind == "unsendable":
        return Failed("memory")
    if failure.kind == "died":
        code = failure.exit_code
        return Failed("memory" if code == -9 else "crash", f"exit {code}")
    return Failed("crash", type(failure.error).__name__)


def run_jobs(
    jobs: Sequence[Job[T]],
    *,
    memory_mb: int,
    seconds: int,
    parallel: int | None = None,
    on_done: Callable[[int], None] | None = None,
) -> list[T | Failed]:
    """Each job's result (or why it failed), in order; up to ``parallel`` children at a time.

    ``on_done`` is called with a job's index as soon as its outcome is known (for progress).
    """
    limits = Limits(memory_mb, seconds)
    tasks = [
        Task(str(index), partial(_guarded, job), limits=limits) for index, job in enumerate(jobs)
    ]
    outcomes = run_tasks(
        tasks,
        workers=max(1, parallel or min(4, os.cpu_count() or 1)),
        on_done=None if on_done is None else lambda name, _value, _seconds: on_done(int(name)),
        on_failure=_failed,
    )
    return [outcomes[str(index)] for index in range(len(jobs))]
