"""The process pool of the build's renders and of the parsing sandbox (:mod:`systematise.
pipeline.parallel`): results come back by name, failures are raised or given as values.

That a parallel build writes the same bytes as a serial one is tested on the shared hostile
cycle (``tests/reproducible``): built in parallel once for the whole run, then again serially.
"""

from __future__ import annotations

import functools
import os
import time
from pathlib import Path

import pytest

from systematise.pipeline.parallel import Limits, Task, run_tasks


def _square(number: int) -> int:
    return number * number


def _fail() -> int:
    raise ValueError("injected failure in a worker")


def _pid() -> int:
    return os.getpid()


def test_tasks_run_in_other_processes_and_results_come_back_by_name() -> None:
    tasks = [Task(f"t{n}", functools.partial(_square, n)) for n in range(5)]
    assert run_tasks(tasks, workers=2) == {f"t{n}": n * n for n in range(5)}
    pids = run_tasks([Task("a", _pid), Task("b", _pid)], workers=2)
    assert os.getpid() not in pids.values()
    assert run_tasks([Task("a", _pid)], workers=1) == {"a": os.getpid()}


def test_a_failing_worker_raises_its_exception_in_the_parent() -> None:
    tasks = [Task("ok", lambda: _square(3)), Task("broken", _fail)]
    with pytest.raises(ValueError, match="injected failure in a worker") as raised:
        run_tasks(tasks, workers=2)
    assert any("broken" in note for note in getattr(raised.value, "__notes__", []))


def test_tasks_too_big_to_share_memory_run_one_after_the_other() -> None:
    done: list[str] = []
    tasks = [Task("big", _pid, memory_mb=800), Task("huge", _pid, memory_mb=800)]
    results = run_tasks(
        tasks, workers=2, memory_mb=1000, on_done=lambda name, _r, _s: done.append(name)
    )
    assert done == ["big", "huge"] and set(results) == {"big", "huge"}


def test_the_serial_path_needs_no_fork(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    run_tasks([Task("one", lambda: marker.write_text("x"))], workers=4)
    assert marker.read_text() == "x"


def test_a_task_waits_for_those_it_needs_and_sees_what_they_brought() -> None:
    """The worded report of a language reaches the outputs forked after it."""
    brought: dict[str, int] = {}

    def keep(name: str, value: int, _seconds: float) -> None:
        if name == "word":
            brought["report"] = value

    tasks = [
        Task("word", lambda: _square(7)),
        Task("pdf", lambda: brought["report"] + 1, after=("word",)),
        Task("html", lambda: brought["report"] + 2, after=("word",)),
    ]
    assert run_tasks(tasks, workers=2, on_done=keep) == {"word": 49, "pdf": 50, "html": 51}
    with pytest.raises(ValueError, match="waits for tasks not given before it"):
        run_tasks([Task("pdf", _pid, after=("word",)), Task("word", _pid)], workers=2)


def test_failures_as_values_with_limits_and_a_deadline() -> None:
    """The sandbox's use: the child is capped and killed when late; the others go on."""

    def hoard() -> int:
        return len([bytearray(1024 * 1024) for _ in range(400)])

    def late() -> int:
        time.sleep(60)
        return 0

    limits = Limits(memory_mb=64, seconds=2)
    tasks: list[Task[int | str]] = [
        Task("fine", lambda: _square(4), limits=limits),
        Task("hoard", hoard, limits=limits),
        Task("late", late, limits=limits),
        Task("raises", _fail, limits=limits),
    ]
    started = time.monotonic()
    results = run_tasks(tasks, workers=1, on_failure=lambda _task, failure: failure.kind)
    assert results["fine"] == 16 and results["late"] == "timeout" and results["raises"] == "error"
    assert results["hoard"] in ("error", "unsendable", "died")  # MemoryError, or no room to send
    assert time.monotonic() - started < 30
    pid = run_tasks([Task("pid", _pid, limits=limits)], workers=1)["pid"]
    assert pid != os.getpid()  # limited tasks never run in this process
