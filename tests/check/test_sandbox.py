"""The parsing sandbox: a job that eats memory, hangs or dies is one failure, never the batch's."""

from __future__ import annotations

import os
import signal
import time

import pytest

from systematise.read.sandbox import Failed, Job, run_jobs


def _answer(value: int) -> int:
    return value * 2


def _eat_memory(megabytes: int) -> int:
    hoard = [bytearray(1024 * 1024) for _ in range(megabytes)]
    return len(hoard)


def _hang(seconds: float) -> int:
    time.sleep(seconds)
    return 0


def _die(_: int) -> int:
    os.kill(os.getpid(), signal.SIGKILL)
    return 0


def test_a_job_over_the_memory_limit_fails_as_memory_and_the_others_finish() -> None:
    outcomes = run_jobs(
        [Job(_answer, (1,)), Job(_eat_memory, (400,)), Job(_answer, (3,))],
        memory_mb=64,
        seconds=30,
        parallel=2,
    )
    assert outcomes == [2, Failed("memory"), 6]


@pytest.mark.slow
def test_a_job_past_the_time_limit_is_stopped_as_timeout() -> None:
    started = time.monotonic()
    outcomes = run_jobs(
        [Job(_hang, (60.0,)), Job(_answer, (5,))], memory_mb=256, seconds=1, parallel=2
    )
    assert outcomes == [Failed("timeout"), 10]
    assert time.monotonic() - started < 30  # stopped at its limit, not after its minute


def test_a_job_that_dies_is_reported_and_the_others_finish() -> None:
    outcomes = run_jobs(
        [Job(_die, (0,)), Job(_answer, (7,))], memory_mb=256, seconds=30, parallel=1
    )
    assert isinstance(outcomes[0], Failed)
    assert outcomes[0].reason in ("memory", "crash")
    assert outcomes[1] == 14
