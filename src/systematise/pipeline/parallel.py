"""The process pool of every parallel step: forked children, at most ``workers`` at a time.

It serves the build's renders and the parsing sandbox (:mod:`systematise.read.sandbox`) alike.
A task is a function without arguments built by the parent: a forked child inherits everything it
refers to (the dataset, the worded reports), so nothing big is pickled. The child runs it and
sends back its result (small: the files it wrote) or its exception, with the child's traceback
as a note. Tasks start in the order given (put the long ones first). By default the first
failure stops the others and is raised in the parent; with ``on_failure``, a failed task (an
exception, a child that died, one past its time) gives ``on_failure``'s value as its result and
the others go on. A child dies with its parent (``PR_SET_PDEATHSIG`` on Linux), so a killed
build leaves no worker running.

A task may wait for others (``after``): it starts once they are done, so that what their results
brought to the parent (say, a worded report) is there when it is forked. A task may say how much
memory it needs: a task is not started beside others when the estimates together would exceed
the memory available, so one huge PDF renders alone rather than pushing the machine into swap or
the OOM killer. A task may carry :class:`Limits` (the parsing sandbox's): its child caps its own
address space (``RLIMIT_AS``) and CPU time before it runs the task, and the parent kills it once
its seconds are past.

With ``workers=1`` the tasks run one after the other in this process (same results, same bytes),
except tasks with limits, which always run in a child of their own.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import signal
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, Literal, TypeVar

T = TypeVar("T")

#: Called in the parent when a task is done: its name, its result, its seconds.
OnDone = Callable[[str, Any, float], None]


@dataclass(frozen=True)
class Limits:
    """What a child may use: memory beyond what it inherits (MB), CPU and wall-clock seconds."""

    memory_mb: int
    seconds: int


@dataclass(frozen=True)
class Task(Generic[T]):
    name: str
    run: Callable[[], T]
    #: Estimated peak memory of the task's process, in MB (0: small).
    memory_mb: int = 0
    #: Tasks that must be done first (their ``on_done`` has run: a task forked afterwards sees
    #: what it stored). Without workers, tasks run in the order given, which must respect this.
    after: tuple[str, ...] = ()
    #: Applied in the child before the task runs; the task always runs in a child.
    limits: Limits | None = None


@dataclass(frozen=True)
class Failure:
    """Why a task gave no result: an exception, a child that died, or one past its time."""

    kind: Literal["error", "died", "timeout", "unsendable"]
    #: The exception (``error``) or the child's exit code (``died``).
    error: BaseException | None = None
    exit_code: int | None = None


#: Called in the parent for a failed task: its result instead (else the failure is raised).
OnFailure = Callable[[Task[Any], Failure], Any]


def available_memory_mb() -> int | None:
    """``MemAvailable`` from ``/proc/meminfo`` (Linux), else None."""
    try:
        with open("/proc/meminfo", encoding="ascii") as stream:  # noqa: PTH123
            for line in stream:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def run_tasks(
    tasks: Sequence[Task[T]],
    *,
    workers: int,
    on_done: OnDone | None = None,
    memory_mb: int | None = None,
    on_failure: OnFailure | None = None,
) -> dict[str, T]:
    """Each task's result by name. ``memory_mb``: the budget (default: the memory available)."""
    names = [task.name for task in tasks]
    if len(set(names)) != len(names):
        raise ValueError("two tasks have the same name")
    for index, task in enumerate(tasks):
        if unknown := [name for name in task.after if name not in names[:index]]:
            raise ValueError(f"{task.name} waits for tasks not given before it: {unknown}")
    isolated = any(task.limits is not None for task in tasks)
    if (workers <= 1 or len(tasks) <= 1) and not isolated:
        return _run_here(tasks, on_done, on_failure)
    budget = memory_mb or available_memory_mb()
    return _Pool(tasks, max(1, workers), on_done, budget, on_failure).run()


def _run_here(
    tasks: Sequence[Task[T]], on_done: OnDone | None, on_failure: OnFailure | None
) -> dict[str, T]:
    results: dict[str, T] = {}
    for task in tasks:
        start = time.perf_counter()
        try:
            results[task.name] = task.run()
        except Exception as error:
            if on_failure is None:
                raise
            results[task.name] = on_failure(task, Failure("error", error))
        if on_done is not None:
            on_done(task.name, results[task.name], time.perf_counter() - start)
    return results


def _die_with_parent() -> None:
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _virtual_memory_bytes() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as stream:  # noqa: PTH123
            pages = int(stream.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _limit(limits: Limits) -> None:
    """Cap this process: its address space to what it has plus ``memory_mb``, its CPU time."""
    ceiling = _virtual_memory_bytes() + limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    cpu = limits.seconds + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _child(task: Task[Any], connection: Connection) -> None:
    _die_with_parent()
    try:
        if task.limits is not None:
            _limit(task.limits)
        message: tuple[str, Any] = ("ok", task.run())
    except BaseException as error:  # sent to the parent, which raises it
        with contextlib.suppress(BaseException):
            error.add_note(f"in the worker for {task.name}:\n" + traceback.format_exc())
        message = ("error", error)
    try:
        connection.send(message)
    except BaseException as error:  # the result or exception cannot be pickled (or no memory)
        with contextlib.suppress(BaseException):  # else the parent sees the child die
            text = f"{type(message[1]).__name__}: {message[1]}" if message[0] == "error" else ""
            connection.send(("unsendable", text or f"result not sendable: {error}"))
    finally:
        connection.close()
        os._exit(0)


class _Pool(Generic[T]):
    def __init__(
        self,
        tasks: Sequence[Task[T]],
        workers: int,
        on_done: OnDone | None,
        memory_mb: int | None,
        on_failure: OnFailure | None,
    ) -> None:
        self.pending = list(tasks)
        self.workers = workers
        self.on_done = on_done
        self.memory_mb = memory_mb
        self.on_failure = on_failure
        #: connection → (task, process, start, deadline or None)
        self.running: dict[Connection, tuple[Task[T], Any, float, float | None]] = {}
        self.results: dict[str, T] = {}
        self.context = multiprocessing.get_context("fork")

    def run(self) -> dict[str, T]:
        try:
            while self.pending or self.running:
                self._start_what_fits()
                ready = wait(list(self.running), timeout=self._until_deadline())
                for connection in ready:
                    assert isinstance(connection, Connection)
                    self._collect(connection)
                self._stop_late()
        finally:
            self._stop_all()
        return self.results

    def _until_deadline(self) -> float | None:
        deadlines = [end for _, _, _, end in self.running.values() if end is not None]
        return max(0.0, min(deadlines) - time.monotonic()) if deadlines else None

    def _fits(self, task: Task[T]) -> bool:
        if any(name not in self.results for name in task.after):
            return False
        if not self.running:
            return True
        if len(self.running) >= self.workers:
            return False
        if self.memory_mb is None:
            return True
        used = sum(item.memory_mb for item, _, _, _ in self.running.values())
        return used + task.memory_mb <= self.memory_mb

    def _start_what_fits(self) -> None:
        for task in list(self.pending):
            if not self._fits(task):
                continue
            receiver, sender = self.context.Pipe(duplex=False)
            process = self.context.Process(target=_child, args=(task, sender), name=task.name)
            process.start()
            sender.close()
            deadline = time.monotonic() + task.limits.seconds if task.limits else None
            self.running[receiver] = (task, process, time.perf_counter(), deadline)
            self.pending.remove(task)

    def _collect(self, connection: Connection) -> None:
        task, process, start, _ = self.running.pop(connection)
        try:
            status, value = connection.recv()
        except (EOFError, OSError):
            process.join(5)
            status, value = "died", process.exitcode
        finally:
            connection.close()
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join()
        if status == "ok":
            self._done(task, value, start)
        elif status == "error":
            self._failed(task, Failure("error", value), start)
        elif status == "unsendable":
            self._failed(task, Failure("unsendable", RuntimeError(value)), start)
        else:
            self._failed(task, Failure("died", exit_code=value), start)

    def _stop_late(self) -> None:
        now = time.monotonic()
        for connection, (task, process, start, end) in list(self.running.items()):
            if end is not None and end <= now:
                process.kill()
                process.join()
                connection.close()
                del self.running[connection]
                self._failed(task, Failure("timeout"), start)

    def _done(self, task: Task[T], value: T, start: float) -> None:
        self.results[task.name] = value
        if self.on_done is not None:
            self.on_done(task.name, value, time.perf_counter() - start)

    def _failed(self, task: Task[T], failure: Failure, start: float) -> None:
        if self.on_failure is None:
            if failure.kind in ("error", "unsendable") and failure.error is not None:
                raise failure.error
            raise RuntimeError(
                f"the worker for {task.name} "
                + ("ran out of time" if failure.kind == "timeout" else "died")
                + (f" (exit code {failure.exit_code})" if failure.exit_code is not None else "")
            )
        self._done(task, self.on_failure(task, failure), start)

    def _stop_all(self) -> None:
        for connection, (_, process, _, _) in list(self.running.items()):
            process.kill()
            process.join()
            connection.close()
        self.running.clear()
