"""``build`` end to end on a small cycle: two workbooks (one row with an error), a broken file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from systematise.build import BuildError, BuildResult, build
from systematise.config import PathSettings, ReportSettings, Settings
from systematise.render.writers import CACHE_FOLDER
from systematise.wording.editorial import ContentError
from tests.support.workbooks import write_md_workbook

ROOT = Path(__file__).resolve().parents[2]

MEXICO = """
| title                                         | start_date | end_date | status      |
|-----------------------------------------------|------------|----------|-------------|
| Registro Nacional de Movilidad Humana         | 2021-03    |          | in_progress |
| Encuesta Nacional de Migración Internacional  | 2022       | 2021     | completed   |
"""

TRINIDAD = """
| title                          | summary                                                       |
|--------------------------------|---------------------------------------------------------------|
| Migrant Registration Framework | A registration exercise giving migrants a one-year work card. |
"""

TRINIDAD_HEADER = {
    "country": "TTO",
    "submitting_institution": "Ministry of National Security",
    "focal_point_name": "Focal Person",
    "focal_point_email": "focal@example.org",
    "submission_date": "2025-10-15",
    "submission_language": "en",
}


def _settings(tmp: Path, content: Path | None = None) -> Settings:
    import datetime as dt

    return Settings(
        report=ReportSettings(publication_date=dt.date(2025, 12, 15)),
        paths=PathSettings(content=content or ROOT / "content", translations=tmp / "translations"),
    )


@pytest.fixture(scope="module")
def submissions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("submissions")
    write_md_workbook(folder / "MEX-2025.xlsx", MEXICO)
    write_md_workbook(folder / "TTO-2025.xlsx", TRINIDAD, header=TRINIDAD_HEADER, lang="en")
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 this is not a workbook")
    return folder


@pytest.fixture(scope="module")
def built(submissions: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    out = tmp_path_factory.mktemp("output")
    return build([submissions], _settings(out), out, strict=False), out


@pytest.mark.slow
def test_rows_with_errors_and_broken_files_are_left_out_and_listed(
    built: tuple[BuildResult, Path],
) -> None:
    result, out = built
    report: dict[str, Any] = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert result.ok and report["ok"]
    assert report["included"] == 2
    excluded = {(row["file"], row["row"]) for row in report["excluded"]}
    assert ("broken.xlsx", None) in excluded
    assert any(file == "MEX-2025.xlsx" and row for file, row in excluded)
    for row in report["excluded"]:
        assert row["problems"] and all(p["message_en"] for p in row["problems"])
    assert set(report["stages_seconds"]) >= {"check", "consolidate", "outputs", "pdf es", "docx en"}
    assert "Focal Person" not in json.dumps(report) and "focal@example.org" not in json.dumps(
        report
    )


@pytest.mark.slow
def test_every_output_is_written_without_leftovers(built: tuple[BuildResult, Path]) -> None:
    result, out = built
    written = {path for path, _ in result.outputs}
    for lang in ("es", "en"):
        for name in ("report.html", "report.pdf", "report.docx"):
            assert f"{lang}/{name}" in written
            assert (out / lang / name).stat().st_size > 1000
    assert "index.html" in written and "data/initiatives.csv" in written
    leftovers = [
        p
        for p in out.rglob("*")
        if (p.name.startswith(".") or p.suffix == ".tmp")
        and p.relative_to(out).parts[0] != CACHE_FOLDER  # kept fonts, charts, PDF parts
    ]
    assert leftovers == []
    assert not any(p.suffix == ".tmp" for p in (out / CACHE_FOLDER).rglob("*"))
    html = (out / "en" / "report.html").read_text(encoding="utf-8")
    assert "Migrant Registration Framework" in html
    assert "Encuesta Nacional de Migración Internacional" not in html  # the row with an error


def test_strict_fails_before_rendering(submissions: Path, tmp_path: Path) -> None:
    with pytest.raises(BuildError) as raised:
        build([submissions], _settings(tmp_path), tmp_path, strict=True)
    assert not raised.value.result.ok
    report = json.loads((tmp_path / "build-report.json").read_text(encoding="utf-8"))
    assert report["ok"] is False and report["failure"].startswith("--strict")
    assert not (tmp_path / "es").exists()


@pytest.mark.slow
def test_an_unknown_placeholder_fails_and_keeps_the_previous_report(
    submissions: Path, built: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    _result, out = built
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    intro = content / "es" / "introduction.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\n{{ n_initiativs }}\n", "utf-8")
    before = (out / "es" / "report.html").read_bytes()
    with pytest.raises(ContentError, match="n_initiativs"):
        build([submissions], _settings(tmp_path, content), out, strict=False)
    assert (out / "es" / "report.html").read_bytes() == before
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert report["ok"] is False and "n_initiativs" in report["failure"]
