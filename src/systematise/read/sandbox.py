"""Run a parsing job in a child process with memory and time limits.

Each workbook is opened in its own forked child (fork: the parent has already imported openpyxl,
so a child starts in milliseconds). The child caps its address space (``RLIMIT_AS``) and CPU
time, runs the job and sends the result back through a pipe. A child that runs out of time is
killed; one that runs out of memory or crashes is reported. Either way the batch goes on.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

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


def _virtual_memory_bytes() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as stream:  # noqa: PTH123
            pages = int(stream.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _limit(memory_mb: int, seconds: int) -> None:
    extra = memory_mb * 1024 * 1024
    ceiling = _virtual_memory_bytes() + extra
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    cpu = seconds + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


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


def _child(job: Job[Any], connection: Connection, memory_mb: int, seconds: int) -> None:
    try:
        _limit(memory_mb, seconds)
        result: Any = job.function(*job.args)
    except BaseException as error:  # every failure is reported to the parent
        try:
            result = _classify(error)
        except MemoryError:
            result = Failed("memory")
    try:
        connection.send(result)
    except BaseException:  # e.g. the result is too large to pickle within the limit
        with contextlib.suppress(BaseException):  # else the parent sees the child die
            connection.send(Failed("memory"))
    finally:
        connection.close()
        os._exit(0)


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
    context = multiprocessing.get_context("fork")
    parallel = max(1, parallel or min(4, os.cpu_count() or 1))
    results: list[T | Failed | None] = [None] * len(jobs)
    pending = list(enumerate(jobs))
    running: dict[Connection, tuple[int, Any, float]] = {}
    while pending or running:
        while pending and len(running) < parallel:
            index, job = pending.pop(0)
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(job, sender, memory_mb, seconds))
            process.start()
            sender.close()
            running[receiver] = (index, process, time.monotonic() + seconds)
        deadline = min(end for _, _, end in running.values())
        ready = wait(list(running), timeout=max(0.0, deadline - time.monotonic()))
        for connection in ready:
            assert isinstance(connection, Connection)
            index, process, _ = running.pop(connection)
            try:
                results[index] = connection.recv()
            except (EOFError, OSError):
                process.join(1)
                code = process.exitcode
                results[index] = Failed("memory" if code == -9 else "crash", f"exit {code}")
            finally:
                connection.close()
                process.join(5)
                if process.is_alive():
                    process.kill()
                    process.join()
            if on_done is not None:
                on_done(index)
        now = time.monotonic()
        for connection, (index, process, end) in list(running.items()):
            if end <= now and connection not in ready:
                process.kill()
                process.join()
                connection.close()
                del running[connection]
                results[index] = Failed("timeout")
                if on_done is not None:
                    on_done(index)
    return [result if result is not None else Failed("crash") for result in results]
