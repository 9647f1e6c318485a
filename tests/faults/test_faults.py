"""A build that fails half way keeps what it finished, the rest as it was, and no temporary file.

Each output is published as soon as it is rendered, with the manifest: after a failure, every
output is either the new one (finished before the failure) or the previous one, and the manifest
describes exactly the files in place. The previous outputs are a copy of the shared hostile build
(:mod:`tests.hostile.cycle`). Each fault strikes while the report is being rendered:

- an exception in the PDF step, after the HTML has been rendered (``build`` and the CLI);
- an exception while an output is being written (half a file on disk, then the failure);
- the build process killed (SIGKILL) in the PDF step; the next build clears what it left;
- a parsing child killed in the check stage: that workbook is reported, the others are read.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from systematise.build import STAGING_PREFIX, BuildError, build
from systematise.config import Settings
from systematise.pipeline.cache import MANIFEST, file_record, read_manifest
from systematise.read.sandbox import Failed, Job, run_jobs
from tests.hostile.cycle import HostileBuild, hostile_build
from tests.support.files import folder_bytes

pytestmark = pytest.mark.slow

REPORT = "build-report.json"


#: The output folder's cache (subset fonts, laid-out PDF parts): kept, never published.
CACHE = ".cache"


def _leftovers(folder: Path) -> list[str]:
    return [
        p.name
        for p in folder.rglob("*")
        if (p.name.startswith(".") or p.suffix == ".tmp")
        and p.relative_to(folder).parts[0] != CACHE
    ]


def _published(folder: Path) -> dict[str, bytes]:
    return {name: data for name, data in folder_bytes(folder).items() if not name.startswith(CACHE)}


@pytest.fixture
def previous(tmp_path: Path) -> Iterator[tuple[HostileBuild, Path, dict[str, bytes]]]:
    """A copy of a good build's outputs, and their bytes."""
    cycle = hostile_build()
    output = tmp_path / "output"
    shutil.copytree(cycle.output, output)
    yield cycle, output, _published(output)


def _assert_previous_intact(output: Path, before: dict[str, bytes]) -> set[str]:
    """Each output is the previous one or a finished new one, as the manifest says; the new ones.

    Every file the manifest records is in place with the recorded bytes; the files that changed
    are exactly those of the outputs whose manifest entry changed (finished by this build).
    """
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / MANIFEST).write_bytes(before[MANIFEST])
        previous = read_manifest(Path(folder))
    assert previous
    entries = read_manifest(output)
    for entry in entries.values():
        for relative, record in entry.files.items():
            assert file_record(output / relative) == record, relative
    finished = {name for name, entry in entries.items() if previous.get(name) != entry}
    new = {path for name in finished for path in entries[name].files}
    after = _published(output)
    assert set(after) == set(before)
    changed = {name for name in before if after[name] != before[name]} - {REPORT, MANIFEST}
    assert changed == new
    assert _leftovers(output) == []
    return finished


def _changed_submissions(cycle: HostileBuild, folder: Path) -> Path:
    """The cycle's submissions less one workbook: every output would change."""
    shutil.copytree(cycle.submissions, folder)
    (folder / "TTO-2025.xlsx").unlink()
    return folder


def test_an_exception_in_the_pdf_step_keeps_what_was_finished(
    previous: tuple[HostileBuild, Path, dict[str, bytes]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cycle, output, before = previous

    def broken_pdf(report: Any, target: Any, cache: dict[str, Any], **_: Any) -> None:
        target.write(b"%PDF-1.7 half a PDF")
        raise RuntimeError("injected failure in the PDF step")

    monkeypatch.setattr("systematise.render.pdf.write_report_pdf", broken_pdf)
    inputs = _changed_submissions(cycle, tmp_path / "inputs")
    with pytest.raises(RuntimeError, match="injected"):
        build([inputs], cycle.settings, output)
    # The HTML pages, rendered before the PDF, are published; nothing else changed.
    assert _assert_previous_intact(output, before) == {"html es", "html en"}
    report = (output / REPORT).read_text("utf-8")
    assert '"ok": false' in report and "injected failure in the PDF step" in report


def test_a_failure_while_writing_a_file_leaves_no_half_file(
    previous: tuple[HostileBuild, Path, dict[str, bytes]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cycle, output, before = previous
    real_fsync = os.fsync
    calls = {"count": 0}

    def failing_fsync(descriptor: int) -> None:
        calls["count"] += 1
        if calls["count"] >= 4:  # a few outputs in: the data is written, not yet renamed
            raise OSError(28, "No space left on device (injected)")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", failing_fsync)  # every atomic write calls it
    inputs = _changed_submissions(cycle, tmp_path / "inputs")
    with pytest.raises(OSError, match="injected"):
        build([inputs], cycle.settings, output)
    assert calls["count"] >= 4
    monkeypatch.undo()
    assert _assert_previous_intact(output, before) <= {"html es"}


def test_the_cli_says_the_build_failed_and_exits_non_zero(
    previous: tuple[HostileBuild, Path, dict[str, bytes]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from systematise.cli import app

    cycle, output, before = previous

    def broken_pdf(report: Any, target: Any, cache: dict[str, Any], **_: Any) -> None:
        raise RuntimeError("injected failure in the PDF step")

    monkeypatch.setattr("systematise.render.pdf.write_report_pdf", broken_pdf)
    monkeypatch.setattr("systematise.config.load_settings", lambda path=None: cycle.settings)
    inputs = _changed_submissions(cycle, tmp_path / "inputs")
    result = CliRunner().invoke(app, ["build", str(inputs), "--output", str(output), "-l", "en"])
    assert result.exit_code == 1
    assert "injected failure in the PDF step" in result.output
    assert "Traceback" not in result.output
    _assert_previous_intact(output, before)


_KILLED_BUILD = """
import sys, time
from pathlib import Path
import systematise.render.pdf as pdf
from tests.hostile.cycle import settings_for
from systematise.build import build

def stuck_pdf(report, target, cache, **_):
    Path(sys.argv[3]).write_text("rendering the PDF")
    time.sleep(600)

pdf.write_report_pdf = stuck_pdf
build([Path(sys.argv[1])], settings_for(Path(sys.argv[4])), Path(sys.argv[2]))
"""


def test_a_build_killed_while_rendering_keeps_what_was_finished(
    previous: tuple[HostileBuild, Path, dict[str, bytes]], tmp_path: Path
) -> None:
    cycle, output, before = previous
    inputs = _changed_submissions(cycle, tmp_path / "inputs")
    marker = tmp_path / "in-pdf-step"
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [sys.executable, "-c", _KILLED_BUILD, str(inputs), str(output), str(marker), str(tmp_path)],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    try:
        deadline = time.monotonic() + 240
        while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert marker.exists(), "the build never reached the PDF step"
        assert [p for p in output.glob(STAGING_PREFIX + "*") if p.is_dir()]
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    # The next build clears what the killed one left, even when it stops early (--strict);
    # a temporary file of an atomic write killed half way goes too.
    (output / "es" / ".report.pdf.k1ll3d.tmp").write_bytes(b"%PDF half")
    with pytest.raises(BuildError):
        build([inputs], cycle.settings, output, strict=True)
    assert _leftovers(output) == []
    # The HTML pages, rendered before the PDF step, were published; nothing else changed.
    assert _assert_previous_intact(output, before) == {"html es", "html en"}


def _killed_reader(name: str) -> str:
    if name == "victim":
        os.kill(os.getpid(), signal.SIGKILL)
    return name


def test_a_killed_parsing_child_is_reported_and_the_others_are_read() -> None:
    limits = Settings().limits
    jobs = [Job(_killed_reader, (name,)) for name in ("first", "victim", "last")]
    outcomes = run_jobs(jobs, memory_mb=limits.parse_memory_mb, seconds=30, parallel=2)
    assert outcomes[0] == "first" and outcomes[2] == "last"
    assert isinstance(outcomes[1], Failed)
