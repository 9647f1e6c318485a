"""Run independent tasks in forked worker processes, at most ``workers`` at a time.

A task is a function without arguments built by the parent: a forked child inherits everything it
refers to (the dataset, the worded reports), so nothing big is pickled. The child runs it and
sends back its result (small: the files it wrote) or its exception, with the child's traceback
as a note. Tasks start in the order given (put the long ones first). The first failure stops the
others and is raised in the parent. A child dies with its parent (``PR_SET_PDEATHSIG`` on Linux),
so a killed build leaves no renderer running.

A task may wait for others (``after``): it starts once they are done, so that what their results
brought to the parent (say, a worded report) is there when it is forked. A task may say how much
memory it needs: a task is not started beside others when the estimates
together would exceed the memory available, so one huge PDF renders alone rather than pushing
the machine into swap or the OOM killer.

With ``workers=1`` the tasks run one after the other in this process: same results, same bytes.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

T = TypeVar("T")

#: Called in the parent when a task is done: its name, its result, its seconds.
OnDone = Callable[[str, Any, float], None]


@dataclass(frozen=True)
class Task(Generic[T]):
    name: str
    run: Callable[[], T]
    #: Estimated peak memory of the task's process, in MB (0: small).
    memory_mb: int = 0
    #: Tasks that must be done first (their ``on_done`` has run: a task forked afterwards sees
    #: what it stored). Without workers, tasks run in the order given, which must respect this.
    after: tuple[str, ...] = ()


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
) -> dict[str, T]:
    """Each task's result by name. ``memory_mb``: the budget (default: the memory available)."""
    names = [task.name for task in tasks]
    for index, task in enumerate(tasks):
        if unknown := [name for name in task.after if name not in names[:index]]:
            raise ValueError(f"{task.name} waits for tasks not given before it: {unknown}")
    if workers <= 1 or len(tasks) <= 1:
        return _run_here(tasks, on_done)
    return _Pool(tasks, workers, on_done, memory_mb or available_memory_mb()).run()


def _run_here(tasks: Sequence[Task[T]], on_done: OnDone | None) -> dict[str, T]:
    results: dict[str, T] = {}
    for task in tasks:
        start = time.perf_counter()
        results[task.name] = task.run()
        if on_done is not None:
            on_done(task.name, results[task.name], time.perf_counter() - start)
    return results


def _die_with_parent() -> None:
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _child(task: Task[Any], connection: Connection) -> None:
    _die_with_parent()
    try:
        message: tuple[str, Any] = ("ok", task.run())
    except BaseException as error:  # sent to the parent, which raises it
        error.add_note(f"in the worker for {task.name}:\n" + traceback.format_exc())
        message = ("error", error)
    try:
        connection.send(message)
    except Exception as error:  # the exception itself cannot be pickled
        text = f"{type(message[1]).__name__}: {message[1]}" if message[0] == "error" else ""
        connection.send(("error", RuntimeError(text or f"result not sendable: {error}")))
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
    ) -> None:
        self.pending = list(tasks)
        self.workers = workers
        self.on_done = on_done
        self.memory_mb = memory_mb
        self.running: dict[Connection, tuple[Task[T], Any, float]] = {}
        self.results: dict[str, T] = {}
        self.context = multiprocessing.get_context("fork")

    def run(self) -> dict[str, T]:
        try:
            while self.pending or self.running:
                self._start_what_fits()
                for connection in wait(list(self.running)):
                    assert isinstance(connection, Connection)
                    self._collect(connection)
        finally:
            self._stop_all()
        return self.results

    def _fits(self, task: Task[T]) -> bool:
        if any(name not in self.results for name in task.after):
            return False
        if not self.running:
            return True
        if len(self.running) >= self.workers:
            return False
        if self.memory_mb is None:
            return True
        used = sum(item.memory_mb for item, _, _ in self.running.values())
        return used + task.memory_mb <= self.memory_mb

    def _start_what_fits(self) -> None:
        for task in list(self.pending):
            if not self._fits(task):
                continue
            receiver, sender = self.context.Pipe(duplex=False)
            process = self.context.Process(target=_child, args=(task, sender), name=task.name)
            process.start()
            sender.close()
            self.running[receiver] = (task, process, time.perf_counter())
            self.pending.remove(task)

    def _collect(self, connection: Connection) -> None:
        task, process, start = self.running.pop(connection)
        try:
            status, value = connection.recv()
        except (EOFError, OSError):
            process.join()
            status, value = (
                "error",
                RuntimeError(f"the worker for {task.name} died (exit code {process.exitcode})"),
            )
        finally:
            connection.close()
        process.join()
        if status == "error":
            raise value
        self.results[task.name] = value
        if self.on_done is not None:
            self.on_done(task.name, value, time.perf_counter() - start)

    def _stop_all(self) -> None:
        for connection, (_, process, _) in list(self.running.items()):
            process.kill()
            process.join()
            connection.close()
        self.running.clear()
