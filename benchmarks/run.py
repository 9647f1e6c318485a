"""``make bench``: how long the build takes and how much memory it needs, written down.

For each size (N States × M initiatives) a synthetic cycle is made through the real template
(:mod:`benchmarks.synthetic`), then each measure runs in its own process, timed from here, with
its peak memory read from ``os.wait4`` (the largest resident set of that process and of the
processes it waited for). The whole build also gets the peak of its process tree taken together
(the proportional set sizes of all its processes, sampled every 0.2 s), since its workers run
side by side.

Measures: ``check`` of one workbook of 50 initiatives with its feedback written, and
``systematise --help`` (issue 3's targets); ``check`` of one workbook and of the batch;
consolidation; HTML (both languages and the landing page); PDF of each language (pages per
second); DOCX (both languages); the whole
``systematise build --force`` (CLI, every format, both languages); ``systematise build`` again
with nothing changed; and the reference: WeasyPrint's own command line rendering the built
``es/report.html`` alone. Ratios are to the reference and to the issue's targets.

Medians of ``--runs`` runs for the main size (25 × 20); one run for the larger sizes. WeasyPrint's
CLI on a whole large report needs hours and many GB (its time grows faster than its page count),
so the reference is stopped after ``--reference-limit`` seconds and reported as "more than"
that (the ratios to it as "less than"). Writes ``benchmarks/results.json`` and
``benchmarks/results.md``.

    python benchmarks/run.py [--sizes 25x20,25x100,25x200] [--runs 3]
                             [--reference-limit 900] [--add]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.report import write_markdown  # noqa: E402
from benchmarks.synthetic import make_cycle  # noqa: E402

BIN = Path(sys.executable).parent
MAIN_SIZE = (25, 20)
#: The issue's targets for the main size.
TARGETS = {
    "build_over_reference": 1.25,
    #: Issue 15's, for the same size.
    "build_over_reference_issue_15": 0.45,
    "unchanged_seconds": 1.0,
    "check_seconds": 5.0,
}
#: Issue 3's targets: one workbook of 50 initiatives checked with its feedback, and --help.
CHECK_TARGETS = {"feedback_50_seconds": 1.0, "help_seconds": 0.5}
MEMORY_TARGET_MB = 1536


@dataclass
class Measure:
    """One measure: its runs (seconds), the median, peak memory, and what the step reported."""

    seconds: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    tree_peak_mb: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    #: StoppedError at its time limit: the seconds are a lower bound.
    stopped: bool = False

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _tree_pss_mb(pid: int) -> float:
    """The proportional set size of ``pid`` and all its descendants, in MB."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup", encoding="ascii") as stream:  # noqa: PTH123
                for line in stream:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
        stack.extend(_children(current))
    return total / 1024


def run_timed(
    command: list[str],
    *,
    sample_tree: bool = False,
    limit: float | None = None,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
) -> tuple[float, float, float, str]:
    """Run ``command``; its seconds, peak RSS (MB), tree peak PSS (MB) and standard output.

    With ``limit``, the command is killed after that many seconds and :class:`StoppedError` raised.
    """
    with tempfile.TemporaryFile("w+") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, cwd=cwd, env=env)
        tree_peak = 0.0
        done = threading.Event()

        def sample() -> None:
            nonlocal tree_peak
            while not done.wait(0.2):
                tree_peak = max(tree_peak, _tree_pss_mb(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        if sample_tree:
            sampler.start()
        timer = threading.Timer(limit, process.kill) if limit else None
        if timer is not None:
            timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        if timer is not None:
            timer.cancel()
            if limit is not None and seconds >= limit:
                raise StoppedError(seconds, usage.ru_maxrss / 1024)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise RuntimeError(f"{command[:3]} failed with exit code {process.returncode}")
        out.seek(0)
        return seconds, usage.ru_maxrss / 1024, tree_peak, out.read()


class StoppedError(Exception):
    """A measure ran out of its time limit."""

    def __init__(self, seconds: float, peak_mb: float) -> None:
        super().__init__(f"stopped after {seconds:.0f} s")
        self.seconds, self.peak_mb = seconds, peak_mb


def measure(
    command: list[str],
    runs: int,
    *,
    sample_tree: bool = False,
    limit: float | None = None,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
) -> Measure:
    result = Measure()
    for _ in range(runs):
        try:
            seconds, peak, tree, stdout = run_timed(
                command, sample_tree=sample_tree, limit=limit, cwd=cwd, env=env
            )
        except StoppedError as stopped:
            result.seconds.append(round(stopped.seconds, 3))
            result.peak_mb = max(result.peak_mb, round(stopped.peak_mb, 1))
            result.stopped = True
            return result
        reported = _last_json(stdout)
        result.seconds.append(round(reported.pop("seconds", seconds), 3))
        result.peak_mb = max(result.peak_mb, round(peak, 1))
        if sample_tree:
            result.tree_peak_mb = max(result.tree_peak_mb or 0.0, round(tree, 1))
        result.extra = reported
    return result


def _last_json(stdout: str) -> dict[str, Any]:
    for line in reversed(stdout.strip().splitlines()):
        if line.startswith("{"):
            value: dict[str, Any] = json.loads(line)
            return value
    return {}


def _step(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "benchmarks.steps", *arguments]


def bench_size(
    states: int, per_state: int, runs: int, work: Path, reference_limit: float
) -> dict[str, Any]:
    """Every measure for one size."""
    folder = work / f"{states}x{per_state}"
    submissions, output = folder / "submissions", folder / "output"
    steps_out = folder / "steps"
    started = time.perf_counter()
    files = make_cycle(submissions, states, per_state)
    generated = time.perf_counter() - started
    print(f"{states} × {per_state}: cycle made in {generated:.1f} s", flush=True)
    cli = [str(BIN / "systematise"), "build", str(submissions), "-o", str(output), "-q"]
    env = {**os.environ, "XDG_CACHE_HOME": str(_cold_cache(folder))}
    measures: dict[str, Measure] = {}

    def record(name: str, value: Measure) -> None:
        measures[name] = value
        print(f"  {name}: {value.median:.2f} s, peak {value.peak_mb:.0f} MB", flush=True)

    record("build", measure([*cli, "--force"], runs, sample_tree=True, env=env))
    record("unchanged", measure(cli, max(runs, 3), env=env))
    record(
        "reference",
        measure(
            [str(BIN / "weasyprint"), str(output / "es" / "report.html"), str(folder / "ref.pdf")],
            runs,
            limit=reference_limit,
            env=env,
        ),
    )
    record("check one workbook", measure(_step("check", str(files[0])), max(runs, 3), env=env))
    record("check batch", measure(_step("check", *map(str, files)), runs, env=env))
    record("consolidate", measure(_step("consolidate", str(submissions)), runs, env=env))
    report = json.loads((output / "build-report.json").read_text(encoding="utf-8"))
    if (states, per_state) == MAIN_SIZE:
        record("html", measure(_step("html", str(submissions), str(steps_out)), runs, env=env))
        for lang in ("es", "en"):
            record(
                f"pdf {lang}",
                measure(_step("pdf", lang, str(submissions), str(steps_out)), 1, env=env),
            )
        record("docx", measure(_step("docx", str(submissions), str(steps_out)), 1, env=env))
    else:  # each alone would take as long as the build: their times inside the build instead
        stages = report["stages_seconds"]
        for name in ("pdf es", "pdf en"):
            measures[f"{name} (in the build)"] = Measure(seconds=[stages[name]])
    shutil.rmtree(folder, ignore_errors=True)
    return {
        "states": states,
        "per_state": per_state,
        "initiatives": report["included"],
        "runs": runs,
        "build_stages_seconds": report["stages_seconds"],
        "measures": {
            name: {**asdict(value), "median": value.median} for name, value in measures.items()
        },
    }


def bench_check(runs: int, work: Path) -> dict[str, Any]:
    """Issue 3's measures: a 50-initiative workbook checked with its feedback; ``--help``."""
    (workbook,) = make_cycle(work / "check-50", states=1, per_state=50)
    feedback = measure(_step("feedback", str(workbook), str(work / "feedback")), runs)
    help_ = measure([str(BIN / "systematise"), "--help"], runs)
    print(f"  check 50 + feedback: {feedback.median:.2f} s; --help {help_.median:.2f} s")
    return {
        "feedback_50": {**asdict(feedback), "median": feedback.median},
        "help": {**asdict(help_), "median": help_.median},
    }


#: Issue 15's targets, as ratios measured in one run on the sample cycle.
SAMPLE_TARGETS = {
    "build_over_slowest_output": 1.2,
    "html_after_chapter_edit_over_build": 0.08,
    "all_after_one_state_fix_over_build": 0.5,
    "help_over_bare_import": 1.6,
    "unchanged_over_bare_import": 2.5,
}
#: What a copy of the project needs to build the sample cycle.
PROJECT_FILES = ("systematise.toml",)
PROJECT_FOLDERS = ("submissions", "content", "translations", "registry", "cycles")


def _copy_project(target: Path) -> None:
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, target / name)
    for name in PROJECT_FOLDERS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name)


def _cold_cache(work: Path) -> Path:
    """A user cache folder of the benchmark's own, so that the whole build is a cold one (no
    chart, workbook reading or stamp of an earlier build on this machine), with the font subsets
    the first build on the machine made (they depend only on the package's fonts)."""
    from systematise.resources import user_cache_dir

    cache = work / "cache"
    fonts = user_cache_dir("fonts")
    if fonts.is_dir():
        shutil.copytree(fonts, cache / "systematise" / "fonts")
    cache.mkdir(exist_ok=True)
    return cache


def _code_snapshot(target: Path) -> Path:
    """The committed package and what it reads beside it (schemas, templates), run instead of
    the checkout: the code's hash is part of every output's key, so a file edited in the
    checkout during the measures would make every build a whole one."""
    target.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "HEAD", "pyproject.toml", "src", "schemas", "templates"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def _fix_one_state(submissions: Path) -> str:
    """Revise one initiative's summary in the first workbook, as a focal point's fix would."""
    import openpyxl

    workbook_path = sorted(submissions.glob("*.xlsx"))[0]
    workbook = openpyxl.load_workbook(workbook_path)
    sheet = workbook[workbook.sheetnames[2]]  # the initiatives
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            if isinstance(cell.value, str) and len(cell.value) > 80:
                cell.value += " Texto revisado por el punto focal."
                workbook.save(workbook_path)
                return workbook_path.name
    raise RuntimeError(f"no summary to revise in {workbook_path.name}")


def _outputs_seconds(output: Path) -> dict[str, float]:
    from systematise.pipeline.outputs import OUTPUTS

    report = json.loads((output / "build-report.json").read_text(encoding="utf-8"))
    stages: dict[str, float] = report["stages_seconds"]
    return {o.name: stages[o.name] for o in OUTPUTS if o.name in stages}


def bench_sample(work: Path) -> dict[str, Any]:
    """Issue 15's ratios on the sample cycle, one run each, in one go (the same machine load).

    A copy of the project: the whole build (``--force``) against its own slowest output; the
    HTML alone after an edit of a Spanish chapter (``--only html``); every output after one
    State's workbook is revised; ``--help`` and an unchanged build against a bare
    ``python -c "import typer, rich"``.
    """
    project = work / "sample"
    _copy_project(project)
    code = _code_snapshot(work / "code")  # the code as it is now, whatever changes meanwhile
    env = {**os.environ, "PYTHONPATH": str(code / "src"), "XDG_CACHE_HOME": str(_cold_cache(work))}
    output = project / "output"
    cli = [str(BIN / "systematise"), "build", "-q", "-o", str(output)]
    bare = measure([sys.executable, "-c", "import typer, rich"], 5, env=env).median
    help_ = measure([str(BIN / "systematise"), "--help"], 5, env=env).median
    whole = measure([*cli, "--force"], 1, sample_tree=True, cwd=project, env=env).median
    outputs = _outputs_seconds(output)
    report = json.loads((output / "build-report.json").read_text(encoding="utf-8"))
    stages: dict[str, float] = report["stages_seconds"]
    slowest = max(outputs, key=lambda name: outputs[name])
    unchanged = measure(cli, 3, cwd=project, env=env).median
    chapter = project / "content" / "es" / "introduction.md"
    chapter.write_text(chapter.read_text("utf-8") + "\nUn párrafo añadido.\n", "utf-8")
    html_only = measure([*cli, "--only", "html"], 1, cwd=project, env=env).median
    fixed = _fix_one_state(project / "submissions")
    after_fix = measure(cli, 1, cwd=project, env=env).median
    report = json.loads((output / "build-report.json").read_text(encoding="utf-8"))
    result = {
        "seconds": {
            "bare import of typer and rich": bare,
            "--help": help_,
            "whole build": whole,
            f"slowest output ({slowest})": outputs[slowest],
            "unchanged build": unchanged,
            "HTML only after a chapter edit": html_only,
            f"every output after one State's fix ({fixed})": after_fix,
        },
        "outputs_in_whole_build": outputs,
        "stages_in_whole_build": stages,
        "after_fix": {"rebuilt": report["rebuilt"], "figures": report.get("figures", {})},
        "ratios": {
            "build_over_slowest_output": round(whole / outputs[slowest], 2),
            "html_after_chapter_edit_over_build": round(html_only / whole, 3),
            "all_after_one_state_fix_over_build": round(after_fix / whole, 2),
            "help_over_bare_import": round(help_ / bare, 2),
            "unchanged_over_bare_import": round(unchanged / bare, 2),
        },
        "targets": SAMPLE_TARGETS,
        "load_average": os.getloadavg(),
    }
    print(json.dumps(result["ratios"]), flush=True)
    return result


def machine() -> dict[str, Any]:
    memory_kb = 0
    with open("/proc/meminfo", encoding="ascii") as stream:  # noqa: PTH123
        for line in stream:
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
    from importlib import metadata

    return {
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.machine()}",
        "weasyprint": metadata.version("weasyprint"),
        "pandoc (pypandoc-binary)": metadata.version("pypandoc-binary"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="25x20,25x100,25x200")
    parser.add_argument("--runs", type=int, default=3, help="runs of the main size (25x20)")
    parser.add_argument(
        "--add",
        action="store_true",
        help="keep the other sizes of the last results.json (a size measured now replaces its own)",
    )
    parser.add_argument(
        "--sample-only",
        action="store_true",
        help="measure only issue 15's ratios on the sample cycle (the rest kept from results.json)",
    )
    parser.add_argument(
        "--reference-limit",
        type=float,
        default=900,
        help="seconds after which the reference is stopped at the larger sizes",
    )
    arguments = parser.parse_args()
    sizes = [tuple(int(n) for n in size.split("x")) for size in arguments.sizes.split(",")]
    results: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "targets": {**TARGETS, **CHECK_TARGETS, "memory_mb": MEMORY_TARGET_MB},
        "sizes": [],
    }
    if arguments.sample_only:
        results = json.loads((Path(__file__).resolve().parent / "results.json").read_text("utf-8"))
        os.environ.setdefault("SOURCE_DATE_EPOCH", "1765756800")
        with tempfile.TemporaryDirectory(prefix="systematise-bench-") as work:
            results["sample"] = {"date": dt.date.today().isoformat(), **bench_sample(Path(work))}
        _write(results)
        print("written: benchmarks/results.md, benchmarks/results.json")
        return
    if arguments.add:
        previous = json.loads((Path(__file__).resolve().parent / "results.json").read_text("utf-8"))
        results["check"] = previous.get("check")
        results["sizes"] = [
            size for size in previous["sizes"] if (size["states"], size["per_state"]) not in sizes
        ]
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1765756800")
    with tempfile.TemporaryDirectory(prefix="systematise-bench-") as work:
        if not arguments.add or not results.get("check"):
            results["check"] = bench_check(max(arguments.runs, 5), Path(work))
        results["sample"] = {"date": dt.date.today().isoformat(), **bench_sample(Path(work))}
        _write(results)
        for states, per_state in sizes:
            runs = arguments.runs if (states, per_state) == MAIN_SIZE else 1
            try:
                results["sizes"].append(
                    bench_size(states, per_state, runs, Path(work), arguments.reference_limit)
                )
            except Exception as error:  # a size that fails is reported, not hidden
                results["sizes"].append(
                    {"states": states, "per_state": per_state, "failed": f"{error}"}
                )
            results["sizes"].sort(key=lambda size: size["states"] * size["per_state"])
            _write(results)
    print("written: benchmarks/results.md, benchmarks/results.json")


def _write(results: dict[str, Any]) -> None:
    here = Path(__file__).resolve().parent
    (here / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (here / "results.md").write_text(write_markdown(results), encoding="utf-8")


if __name__ == "__main__":
    main()
