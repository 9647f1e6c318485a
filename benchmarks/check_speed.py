"""How fast ``check`` is: one workbook of 50 initiatives, annotated copy included, and --help.

Targets (issue 3): checking one workbook of 50 initiatives, with its feedback written
(annotated copy, report.json, report.html), under 1 s after start-up; ``systematise --help``
under 0.5 s. Run ``python benchmarks/check_speed.py``; it prints each measure and its ratio to
the target (below 1.0 is within the target). Timings are medians of several runs.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import make_cycle
from systematise.check import check_files
from systematise.config import Settings
from systematise.feedback import write_feedback

CHECK_TARGET = 1.0
HELP_TARGET = 0.5
RUNS = 5


def _median(seconds: list[float]) -> float:
    return statistics.median(seconds)


def time_check(folder: Path) -> tuple[float, float]:
    """Median seconds to check one 50-initiative workbook, and with its feedback written."""
    (workbook,) = sorted(folder.glob("*.xlsx"))
    settings = Settings()
    check_files([workbook], settings)  # warm-up: imports and caches, as after start-up
    checking: list[float] = []
    with_feedback: list[float] = []
    for run in range(RUNS):
        start = time.perf_counter()
        results = check_files([workbook], settings)
        middle = time.perf_counter()
        write_feedback([(workbook, results[0])], folder / f"feedback-{run}", settings)
        end = time.perf_counter()
        assert results[0].rows and len(results[0].rows) == 50, "expected 50 initiatives"
        checking.append(middle - start)
        with_feedback.append(end - start)
    return _median(checking), _median(with_feedback)


def time_help() -> float:
    """Median seconds for ``systematise --help`` in a fresh interpreter."""
    command = [sys.executable, "-m", "systematise", "--help"]
    subprocess.run(command, capture_output=True, check=True)  # warm the file cache
    runs: list[float] = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        runs.append(time.perf_counter() - start)
    return _median(runs)


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        make_cycle(folder, states=1, per_state=50)
        checking, total = time_check(folder)
    help_seconds = time_help()
    print(f"check, 50 initiatives:                 {checking:.3f} s")
    print(
        f"check + annotated copy + reports:      {total:.3f} s  "
        f"(target {CHECK_TARGET} s, ratio {total / CHECK_TARGET:.2f})"
    )
    print(
        f"systematise --help:                    {help_seconds:.3f} s  "
        f"(target {HELP_TARGET} s, ratio {help_seconds / HELP_TARGET:.2f})"
    )


if __name__ == "__main__":
    main()
