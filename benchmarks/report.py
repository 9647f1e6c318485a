"""``results.md`` from the benchmark's results (see ``run.py``): targets, every measure, scale."""

from __future__ import annotations

import math
from typing import Any

ORDER = (
    "check one workbook",
    "check batch",
    "consolidate",
    "html",
    "pdf es",
    "pdf en",
    "pdf es (in the build)",
    "pdf en (in the build)",
    "docx",
    "build",
    "unchanged",
    "reference",
)

NOTES = {
    "check one workbook": "`check_files` of one workbook (in its sandboxed child)",
    "check batch": "`check_files` of every workbook, parsed in parallel children",
    "consolidate": "consolidation and the public view",
    "html": "both `report.html` and `index.html` (fonts subset once)",
    "pdf es": "`report.pdf` alone in one process",
    "pdf en": "`report.pdf` alone in one process",
    "docx": "both `report.docx` (pandoc)",
    "pdf es (in the build)": "the PDF's worker in the build above, beside the other outputs",
    "pdf en (in the build)": "the PDF's worker in the build above, beside the other outputs",
    "build": "`systematise build --force`: every output, both languages, in parallel",
    "unchanged": "`systematise build` again, nothing changed (CLI start-up included)",
    "reference": "`weasyprint output/es/report.html out.pdf` (WeasyPrint's own CLI)",
}


def _measures(size: dict[str, Any]) -> dict[str, dict[str, Any]]:
    measures: dict[str, dict[str, Any]] = size["measures"]
    return measures


def _seconds(size: dict[str, Any], name: str) -> float:
    return float(_measures(size)[name]["median"])


def _peak(size: dict[str, Any]) -> float:
    """The largest single process of the build."""
    return float(_measures(size)["build"]["peak_mb"])


def _tree(size: dict[str, Any]) -> float:
    """The build's processes together (proportional set sizes summed)."""
    return float(_measures(size)["build"].get("tree_peak_mb") or 0.0)


def _stopped(size: dict[str, Any], name: str) -> bool:
    return bool(_measures(size)[name].get("stopped"))


def _exponent(value: float, base: float, count: int, base_count: int) -> str:
    """k in value ∝ count^k between two sizes (1: linear)."""
    if count == base_count or value <= 0 or base <= 0:
        return "—"
    return f"{math.log(value / base) / math.log(count / base_count):.2f}"


def _status(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _targets(size: dict[str, Any], targets: dict[str, Any]) -> list[str]:
    build, reference = _seconds(size, "build"), _seconds(size, "reference")
    unchanged, check = _seconds(size, "unchanged"), _seconds(size, "check batch")
    build_peak = float(_measures(size)["build"]["peak_mb"])
    tree = _measures(size)["build"]["tree_peak_mb"] or 0.0
    ratio = build / reference
    more, less = ("> ", "< ") if _stopped(size, "reference") else ("", "")
    ratio_rows = [
        f"| whole build ≤ {targets[key]} × reference PDF{label} | "
        f"{build:.1f} s / {more}{reference:.1f} s = **{less}{ratio:.2f} ×** | "
        f"{_status(ratio <= targets[key])} |"
        for key, label in (
            ("build_over_reference", ""),
            ("build_over_reference_issue_15", " (issue 15)"),
        )
        if key in targets
    ]
    return [
        "| target | measured | status |",
        "|---|---|---|",
        *ratio_rows,
        f"| rebuild, nothing changed < {targets['unchanged_seconds']:.0f} s | {unchanged:.2f} s | "
        f"{_status(unchanged < targets['unchanged_seconds'])} |",
        f"| check of the {size['states']} workbooks < {targets['check_seconds']:.0f} s | "
        f"{check:.2f} s | {_status(check < targets['check_seconds'])} |",
        f"| peak memory < {targets['memory_mb'] / 1024:.1f} GB, largest process | "
        f"{build_peak:.0f} MB | {_status(build_peak < targets['memory_mb'])} |",
        f"| peak memory < {targets['memory_mb'] / 1024:.1f} GB, build's processes together (PSS) | "
        f"{tree:.0f} MB | {_status(tree < targets['memory_mb'])} |",
    ]


def _table(size: dict[str, Any]) -> list[str]:
    reference = _seconds(size, "reference")
    lines = [
        "| measure | median (s) | runs | peak (MB) | × reference | what |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name in ORDER:
        measure = _measures(size).get(name)
        if measure is None:
            continue
        seconds = float(measure["median"])
        note = NOTES[name]
        pages = measure["extra"].get("pages")
        if pages:
            note += f"; {pages} pages, {pages / seconds:.1f} pages/s"
        if name == "build" and measure.get("tree_peak_mb"):
            note += f"; all its processes together {measure['tree_peak_mb']:.0f} MB"
        peak = f"{measure['peak_mb']:.0f}" if measure["peak_mb"] else "—"
        shown, ratio = f"{seconds:.2f}", f"{seconds / reference:.2f}"
        if measure.get("stopped"):
            shown, note = f"> {seconds:.0f}", note + f"; stopped after {seconds:.0f} s"
        elif _stopped(size, "reference"):
            ratio = f"< {seconds / reference:.2f}"
        lines.append(
            f"| {name} | {shown} | {len(measure['seconds'])} | {peak} | {ratio} | {note} |"
        )
    return lines


def _scale(sizes: list[dict[str, Any]]) -> list[str]:
    done = [size for size in sizes if "measures" in size]
    if not done:
        return []
    base = done[0]
    lines = [
        "Growth exponent k: the build's time (or memory) grows as initiatives^k from the first "
        "size; k = 1 is linear, below 1 better than linear.",
        "",
        "| size | initiatives | build (s) | ms per initiative | reference (s) | build / reference "
        "| build's processes together (MB) | largest process (MB) | time × vs first "
        "| initiatives × vs first | k, time | k, memory |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in done:
        count = size["initiatives"]
        build = _seconds(size, "build")
        reference = _seconds(size, "reference")
        stopped = _stopped(size, "reference")
        lines.append(
            f"| {size['states']} × {size['per_state']} | {count} | {build:.1f} | "
            f"{1000 * build / count:.0f} | {'> ' if stopped else ''}{reference:.0f} | "
            f"{'< ' if stopped else ''}{build / reference:.2f} | {_tree(size):.0f} | "
            f"{_peak(size):.0f} | {build / _seconds(base, 'build'):.1f} | "
            f"{count / base['initiatives']:.1f} | "
            f"{_exponent(build, _seconds(base, 'build'), count, base['initiatives'])} | "
            f"{_exponent(_tree(size), _tree(base), count, base['initiatives'])} |"
        )
    for size in sizes:
        if "failed" in size:
            lines.append(f"| {size['states']} × {size['per_state']} | failed: {size['failed']} |")
    return lines


def write_markdown(results: dict[str, Any]) -> str:
    machine = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (`benchmarks/run.py`) on {results['date']}. Machine: "
        f"{machine['cores']} cores, {machine['memory_gb']} GB memory, {machine['system']}, "
        f"Python {machine['python']}, WeasyPrint {machine['weasyprint']}, "
        f"pypandoc-binary {machine['pandoc (pypandoc-binary)']}.",
        "",
        "Synthetic cycles made through the real template (`benchmarks/synthetic.py`). Each "
        "measure runs in its own process; its peak memory is that process's largest resident "
        "set (`os.wait4`, which also covers the processes it waited for). Timings are medians of "
        "the runs shown (several for 25 × 20, one for the larger sizes). Other work on the same "
        "machine during a run makes timings noisier; ratios taken in the same run hold better.",
        "",
    ]
    sizes = results["sizes"]
    main = next(
        (s for s in sizes if "measures" in s and (s["states"], s["per_state"]) == (25, 20)), None
    )
    if main is not None:
        lines += [
            "## Targets (25 States × 20 initiatives)",
            "",
            *_targets(main, results["targets"]),
            "",
        ]
    for size in sizes:
        if "measures" not in size:
            continue
        lines += [
            f"## {size['states']} States × {size['per_state']} initiatives "
            f"({size['initiatives']} fiches)",
            "",
            *_table(size),
            "",
        ]
    check = results.get("check")
    if check:
        targets = results["targets"]
        feedback, help_ = check["feedback_50"]["median"], check["help"]["median"]
        lines += [
            "## check (issue 3's targets)",
            "",
            "| measure | median (s) | target | status |",
            "|---|---:|---:|---|",
            f"| one workbook of 50 initiatives checked, feedback written | {feedback:.2f} | "
            f"{targets['feedback_50_seconds']} | "
            f"{_status(feedback < targets['feedback_50_seconds'])} |",
            f"| `systematise --help` | {help_:.2f} | {targets['help_seconds']} | "
            f"{_status(help_ < targets['help_seconds'])} |",
            "",
        ]
    sample = results.get("sample")
    if sample:
        lines += ["## The edit loop on the sample cycle (issue 15's ratios)", "", *_sample(sample)]
    scale = _scale(sizes)
    if scale:
        lines += ["## Scale", "", *scale, ""]
    return "\n".join(lines)


#: Issue 15's ratios: what each one is, and whether a lower value is the aim.
SAMPLE_RATIOS = {
    "build_over_slowest_output": "whole build (`--force`) ÷ its own slowest output",
    "html_after_chapter_edit_over_build": "`--only html` after a chapter edit ÷ whole build",
    "all_after_one_state_fix_over_build": "every output after one State's fix ÷ whole build",
    "help_over_bare_import": '`systematise --help` ÷ `python -c "import typer, rich"`',
    "unchanged_over_bare_import": 'unchanged build ÷ `python -c "import typer, rich"`',
}


def _sample(sample: dict[str, Any]) -> list[str]:
    """The ratios measured in one run on a copy of the project, and the seconds behind them."""
    load = ", ".join(f"{value:.1f}" for value in sample.get("load_average", ()))
    lines = [
        f"Measured on {sample['date']}, one run each, one after the other on a copy of the "
        f"project (load average at the end: {load}; the machine is shared, so the seconds are "
        "noisy, the ratios less so).",
        "",
        "| ratio | measured | target | status |",
        "|---|---:|---:|---|",
    ]
    for name, label in SAMPLE_RATIOS.items():
        value, target = sample["ratios"][name], sample["targets"][name]
        lines.append(f"| {label} | {value} | ≤ {target} | {_status(value <= target)} |")
    lines += ["", "| measure | seconds |", "|---|---:|"]
    lines += [f"| {name} | {seconds:.2f} |" for name, seconds in sample["seconds"].items()]
    figures = sample.get("after_fix", {}).get("figures", {})
    for name, values in figures.items():
        shown = ", ".join(f"{key} {value}" for key, value in values.items())
        lines.append(f"| after the fix, {name}: {shown} | |")
    lines += [
        "",
        "Outputs in the whole build (seconds of each worker, side by side): "
        + ", ".join(f"{n} {v:.1f}" for n, v in sample["outputs_in_whole_build"].items())
        + ".",
        "",
    ]
    stages = sample.get("stages_in_whole_build")
    if stages:
        lines += [
            "Every stage of the whole build (seconds; the outputs' and the wording's side by "
            "side, the others one after the other): "
            + ", ".join(f"{n} {v:.1f}" for n, v in stages.items())
            + ". The whole build is a cold one: a fresh copy of the project and a user cache "
            "folder of the benchmark's own, so no chart, workbook reading, PDF part, stamp or "
            "output is kept from before; the subset fonts are copied from the user's cache "
            "folder, where the first build on the machine made them.",
            "",
        ]
    return lines
