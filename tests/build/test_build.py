"""``build`` end to end: rows with errors and broken files left out and listed, every output
written, a failing build keeping the previous report.

The slow tests look at the shared hostile cycle (:mod:`tests.hostile.cycle`), built once per test
run: four good workbooks (one row with formulas, left out) and seven files that cannot be read.
The quick test builds a small cycle of its own with ``--strict``, which stops before rendering.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from systematise.build import BuildError, build
from systematise.config import PathSettings, ReportSettings, Settings
from systematise.render.writers import CACHE_FOLDER
from systematise.wording.editorial import ContentError
from tests.hostile.cycle import FOCAL_POINT, HOSTILE_FILE_NAME, HostileBuild, hostile_build
from tests.support.workbooks import write_md_workbook

ROOT = Path(__file__).resolve().parents[2]

MEXICO = """
| title                                         | start_date | end_date | status      |
|-----------------------------------------------|------------|----------|-------------|
| Registro Nacional de Movilidad Humana         | 2021-03    |          | in_progress |
| Encuesta Nacional de Migración Internacional  | 2022       | 2021     | completed   |
"""

#: Initiatives the hostile cycle publishes, by workbook, and the title of the row left out.
PUBLISHED = {"MEX-2025.xlsx": 4, "TTO-2025.xlsx": 1, "PER-2025.xlsx": 2, "COL-2025.xlsx": 1}
LEFT_OUT_TITLE = "Row with live formulas that must be left out"


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
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 this is not a workbook")
    return folder


@pytest.fixture(scope="module")
def built() -> HostileBuild:
    return hostile_build()


@pytest.mark.slow
def test_rows_with_errors_and_broken_files_are_left_out_and_listed(built: HostileBuild) -> None:
    out = built.output
    report: dict[str, Any] = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert built.result.ok and report["ok"]
    assert report["included"] == sum(PUBLISHED.values())
    published = {row["file"]: row["included"] for row in report["files"] if row["included"]}
    assert published == PUBLISHED
    excluded = {(row["file"], row["row"]) for row in report["excluded"]}
    assert (HOSTILE_FILE_NAME, None) in excluded
    assert any(file == "TTO-2025.xlsx" and row for file, row in excluded)
    for row in report["excluded"]:
        assert row["problems"] and all(p["message_en"] for p in row["problems"])
    assert set(report["stages_seconds"]) >= {"check", "consolidate", "outputs", "pdf es", "docx en"}
    assert FOCAL_POINT["name"] not in json.dumps(report)
    assert FOCAL_POINT["email"] not in json.dumps(report)


@pytest.mark.slow
def test_every_output_is_written_without_leftovers(built: HostileBuild) -> None:
    out = built.output
    written = {path for path, _ in built.result.outputs}
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
    assert LEFT_OUT_TITLE not in html  # the row with an error


def test_strict_fails_before_rendering(submissions: Path, tmp_path: Path) -> None:
    with pytest.raises(BuildError) as raised:
        build([submissions], _settings(tmp_path), tmp_path, strict=True)
    assert not raised.value.result.ok
    report = json.loads((tmp_path / "build-report.json").read_text(encoding="utf-8"))
    assert report["ok"] is False and report["failure"].startswith("--strict")
    assert not (tmp_path / "es").exists()


@pytest.mark.slow
def test_an_unknown_placeholder_fails_and_keeps_the_previous_report(
    built: HostileBuild, tmp_path: Path
) -> None:
    out = tmp_path / "output"
    shutil.copytree(built.output, out)  # the shared build stays as it is
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    intro = content / "es" / "introduction.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\n{{ n_initiativs }}\n", "utf-8")
    before = (out / "es" / "report.html").read_bytes()
    with pytest.raises(ContentError, match="n_initiativs"):
        build([built.submissions], _settings(tmp_path, content), out, strict=False)
    assert (out / "es" / "report.html").read_bytes() == before
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert report["ok"] is False and "n_initiativs" in report["failure"]
