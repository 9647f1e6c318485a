"""``systematise check`` on the command line: output, feedback files and exit status."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from systematise.cli import app
from tests.support.workbooks import write_md_workbook

CLEAN = "| title |\n|---|\n| Iniciativa correcta del envío |"
WITH_ERROR = "| title |\n|---|\n| Plan |"
WITH_WARNING = (
    "| title | status | end_date |\n|---|---|---|\n| Iniciativa finalizada | completed | 2024 |"
)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", *args])
    return result.exit_code, result.output


@pytest.mark.slow
def test_clean_workbook_exits_0_and_writes_feedback(tmp_path: Path) -> None:
    path = write_md_workbook(tmp_path / "in" / "ok.xlsx", CLEAN)
    code, output = _run(str(tmp_path / "in"), "--output", str(tmp_path / "out"))
    assert code == 0, output
    assert "ok.xlsx" in output
    assert (tmp_path / "out" / "ok" / "report.json").is_file()
    assert (tmp_path / "out" / "ok" / "report.html").is_file()
    assert (tmp_path / "out" / "ok" / "ok-revisado.xlsx").is_file()
    assert path.is_file()


@pytest.mark.slow
def test_errors_exit_1_and_strict_counts_warnings(tmp_path: Path) -> None:
    bad = write_md_workbook(tmp_path / "bad.xlsx", WITH_ERROR)
    warned = write_md_workbook(tmp_path / "warned.xlsx", WITH_WARNING)
    out = str(tmp_path / "out")
    assert _run(str(bad), "-o", out)[0] == 1
    assert _run(str(warned), "-o", out)[0] == 0
    assert _run(str(warned), "-o", out, "--strict")[0] == 1


def test_lang_override(tmp_path: Path) -> None:
    bad = write_md_workbook(tmp_path / "bad.xlsx", WITH_ERROR)
    code, output = _run(str(bad), "-o", str(tmp_path / "out"), "--lang", "en", "--no-feedback")
    assert code == 1
    assert "Checked 1 file: 1 error, 0 warnings" in output
    assert not (tmp_path / "out").exists()


def test_unusable_arguments_and_no_readable_input_exit_2(tmp_path: Path) -> None:
    assert _run(str(tmp_path / "missing.xlsx"))[0] == 2
    assert _run(str(tmp_path), "--lang", "fr")[0] == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _run(str(empty))[0] == 2
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    code, output = _run(str(broken), "-o", str(tmp_path / "out"))
    assert code == 2
    assert "broken.xlsx" in output
