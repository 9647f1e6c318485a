"""Progress of ``systematise build``: plain lines off a terminal or with --quiet, Rich bars on one.

The renderers are replaced by the stand-in of ``test_cache.py`` so that the build is quick.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from systematise.cli.progress import PlainProgress, RichProgress, progress_display
from systematise.pipeline.outputs import OUTPUTS
from tests.build.test_cache import Project, rendered  # noqa: F401 - the stand-in renderer


def test_off_a_terminal_progress_is_plain_lines() -> None:
    stream = io.StringIO()
    with progress_display(quiet=False, stream=stream) as progress:
        assert isinstance(progress, PlainProgress)
        progress.start("check", 2)
        progress.advance("check", "MEX-2025.xlsx")
        progress.advance("check", "PER-2025.xlsx")
        progress.finish("check", 0.42)
        progress.start("outputs", 1)
        progress.advance("outputs", "pdf es", 12.34)
        progress.finish("outputs", 12.5)
    assert stream.getvalue().splitlines() == [
        "check (2): 0.4 s",
        "outputs: pdf es 12.3 s",
        "outputs (1): 12.5 s",
    ]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_gives_plain_lines_even_on_a_terminal() -> None:
    with progress_display(quiet=True, stream=_Terminal()) as progress:
        assert isinstance(progress, PlainProgress)


def test_on_a_terminal_progress_is_a_rich_display() -> None:
    stream = _Terminal()
    with progress_display(quiet=False, stream=stream) as progress:
        assert isinstance(progress, RichProgress)
        progress.start("outputs", 2)
        progress.advance("outputs", "pdf es", 3.0)
        progress.finish("outputs", 3.1)
    assert "pdf es" in stream.getvalue() and "outputs" in stream.getvalue()


def test_the_cli_off_a_terminal_prints_one_line_per_stage_and_output(
    tmp_path: Path,
    rendered: list[str],  # noqa: F811 - the fixture imported above
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from systematise.cli import app

    project = Project(tmp_path)
    monkeypatch.setattr("systematise.config.load_settings", lambda path=None: project.settings())
    monkeypatch.setenv("SYSTEMATISE_LANG", "en")
    arguments = ["build", str(project.submissions), "-o", str(project.output)]
    first = CliRunner().invoke(app, [*arguments, "--jobs", "1"])
    assert first.exit_code == 0, first.output
    lines = first.output.splitlines()
    assert any(line.startswith("check (1): ") for line in lines)
    for output in OUTPUTS:
        assert sum(line.startswith(f"outputs: {output.name} ") for line in lines) == 1
    assert not any("\x1b[" in line for line in lines)  # no terminal control codes
    again = CliRunner().invoke(app, arguments)
    assert again.exit_code == 0 and "Nothing changed since the last build" in again.output
    forced = CliRunner().invoke(app, [*arguments, "--force", "--quiet", "--jobs", "1"])
    assert forced.exit_code == 0 and "outputs: pdf es" in forced.output
