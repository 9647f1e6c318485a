"""``build`` on a batch as an editor has it: two files for one State, other files in the
folder, and nothing to publish.

The renderers are replaced by a stand-in that writes each output's files (as in
``test_cache.py``) naming the initiatives it was given, so these tests follow what the build
decides, publishes and keeps without waiting for WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from typer.testing import CliRunner

import systematise.build as build_module
from systematise.build import BuildError, BuildResult, build
from systematise.cli import app
from systematise.config import PathSettings, ReportSettings, Settings
from systematise.pipeline.outputs import OUTPUTS, Output
from systematise.render.writers import OutputResult
from systematise.template.fill import save_workbook
from tests.support.workbooks import VALID_HEADER, workbook_from_md

ROOT = Path(__file__).resolve().parents[2]
ALL = {output.name for output in OUTPUTS}
FILES = {
    "html": ("{lang}/report.html",),
    "pdf": ("{lang}/report.pdf",),
    "docx": ("{lang}/report.docx",),
    "index": ("index.html",),
    "open data": ("data/initiatives.csv",),
}

ARGENTINA = """
| title                                      |
|--------------------------------------------|
| Registro Nacional de Migrantes             |
| Programa Patria Grande de regularización   |
"""
ARGENTINA_CORRECTED = """
| title                                      |
|--------------------------------------------|
| Registro Nacional de Migrantes             |
| Programa Patria Grande de regularización   |
| Observatorio de movilidad humana           |
"""
MEXICO = """
| title                                 |
|---------------------------------------|
| Registro Nacional de Movilidad Humana |
"""
ALL_WRONG = """
| title |
|-------|
| Plan  |
"""


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The outputs rendered (each writes its files, naming the initiatives it was given)."""
    calls: list[str] = []

    def fake_output(
        output: Output, public: Any, reports: dict[str, object], settings: object, staging: Path
    ) -> OutputResult:
        calls.append(output.name)
        ids = ",".join(entry.id for entry in public.entries)
        written = []
        for pattern in FILES[output.kind]:
            path = staging / pattern.format(lang=output.lang)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"{output.name}: {ids}\n", encoding="utf-8")
            written.append(path)
        return OutputResult(tuple(written))

    monkeypatch.setattr(build_module, "_write_output", fake_output)
    # Wording the report (charts) takes seconds and decides nothing here.
    monkeypatch.setattr(
        build_module._Words, "word", lambda _words, lang: SimpleNamespace(lang=lang)
    )
    return calls


def _submission(
    path: Path, rows: str, *, country: str = "ARG", date: str = "2025-10-15", saved: int = 0
) -> Path:
    header = {**VALID_HEADER, "country": country, "submission_date": date}
    path.parent.mkdir(parents=True, exist_ok=True)
    save_workbook(workbook_from_md(rows, header=header), path, dt.datetime(2025, 10, 16, saved))
    return path


def _settings(root: Path) -> Settings:
    return Settings(
        report=ReportSettings(publication_date=dt.date(2025, 12, 15)),
        paths=PathSettings(content=ROOT / "content", translations=root / "translations"),
    )


def _build(folder: Path, out: Path, *, strict: bool = False) -> BuildResult:
    return build([folder], _settings(out.parent), out, strict=strict)


def _report(out: Path) -> dict[str, Any]:
    report: dict[str, Any] = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    return report


def _published_ids(out: Path) -> list[str]:
    text = (out / "data" / "initiatives.csv").read_text(encoding="utf-8")
    return text.split(": ", 1)[1].strip().split(",")


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "submissions"
    _submission(folder / "ARG-2025.xlsx", ARGENTINA)
    shutil.copy(folder / "ARG-2025.xlsx", folder / "ARG-2025 - copia.xlsx")
    _submission(folder / "MEX-2025.xlsx", MEXICO, country="MEX")
    return folder


def test_two_files_for_one_state_publish_one_of_them(
    batch: Path, tmp_path: Path, rendered: list[str]
) -> None:
    out = tmp_path / "output"
    result = _build(batch, out)
    assert result.ok
    assert _published_ids(out) == ["ARG-01", "ARG-02", "MEX-01"]
    report = _report(out)
    assert report["included"] == 3 and report["errors"] == 2
    files = {item["file"]: (item["included"], item["excluded"]) for item in report["files"]}
    assert files == {
        "ARG-2025 - copia.xlsx": (2, 0),  # the same bytes: the last by name is published
        "ARG-2025.xlsx": (0, 1),
        "MEX-2025.xlsx": (1, 0),
    }
    (left_out,) = report["excluded"]
    assert left_out["file"] == "ARG-2025.xlsx" and left_out["row"] is None
    (reason,) = left_out["problems"]
    assert reason["code"] == "duplicate_submission"
    for key in ("message_es", "message_en"):
        assert "ARG-2025.xlsx" in reason[key] and "ARG-2025 - copia.xlsx" in reason[key]
    # Nothing changed: the same choice, nothing rendered again.
    rendered.clear()
    assert _build(batch, out).up_to_date and rendered == []


def test_the_latest_version_is_published_and_a_new_one_rebuilds(
    batch: Path, tmp_path: Path, rendered: list[str]
) -> None:
    out = tmp_path / "output"
    _submission(batch / "ARG-2025 - copia.xlsx", ARGENTINA, date="2025-10-01")
    _submission(batch / "ARG-2025-v2.xlsx", ARGENTINA_CORRECTED, saved=12)
    _build(batch, out)
    assert _published_ids(out) == ["ARG-01", "ARG-02", "ARG-03", "MEX-01"]
    included = {item["file"]: item["included"] for item in _report(out)["files"]}
    assert included["ARG-2025-v2.xlsx"] == 3 and included["ARG-2025.xlsx"] == 0
    # The focal point sends a later version again, dated later: it replaces the others.
    rendered.clear()
    _submission(batch / "ARG-2025 - copia.xlsx", ARGENTINA, date="2025-10-20")
    _build(batch, out)
    assert set(rendered) == ALL
    assert _published_ids(out) == ["ARG-01", "ARG-02", "MEX-01"]
    included = {item["file"]: item["included"] for item in _report(out)["files"]}
    assert included["ARG-2025 - copia.xlsx"] == 2 and included["ARG-2025-v2.xlsx"] == 0


def test_strict_fails_on_two_files_for_one_state(batch: Path, tmp_path: Path) -> None:
    with pytest.raises(BuildError):
        _build(batch, tmp_path / "output", strict=True)
    assert not (tmp_path / "output" / "data").exists()


def test_other_files_are_listed_and_a_new_one_is_reported(
    batch: Path, tmp_path: Path, rendered: list[str]
) -> None:
    (batch / "ARG-2025 - copia.xlsx").unlink()
    (batch / "carta.pdf").write_bytes(b"%PDF-1.4\n")
    (batch / "~$MEX-2025.xlsx").write_bytes(b"lock")
    out = tmp_path / "output"
    _build(batch, out)
    report = _report(out)
    assert report["not_read"] == ["carta.pdf"] and report["skipped"] == ["~$MEX-2025.xlsx"]
    assert [(w["file"], w["code"]) for w in report["warnings"]] == [("carta.pdf", "file_not_read")]
    # A file dropped in the folder later is reported, though no output needs rendering.
    rendered.clear()
    (batch / "notas.txt").write_text("pendiente", encoding="utf-8")
    result = _build(batch, out)
    assert not result.up_to_date and rendered == [] and set(result.reused) == ALL
    assert _report(out)["not_read"] == ["carta.pdf", "notas.txt"]
    assert _build(batch, out).up_to_date


@pytest.mark.parametrize(
    ("contents", "failure"),
    [
        ({}, "no workbook was found"),
        ({"carta.pdf": b"%PDF-1.4\n"}, "no workbook was found"),
        ({"broken.xlsx": b"PK\x03\x04 not a workbook"}, "no submission could be read"),
        ({"ARG.xlsx": ALL_WRONG}, "no initiative can be published"),
    ],
    ids=["empty", "only a PDF", "only broken", "every row wrong"],
)
def test_nothing_to_publish_fails_and_keeps_the_previous_outputs(
    batch: Path,
    tmp_path: Path,
    rendered: list[str],
    contents: dict[str, bytes | str],
    failure: str,
) -> None:
    out = tmp_path / "output"
    _build(batch, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and "report" in p.name}
    empty = tmp_path / "now"
    empty.mkdir()
    for name, content in contents.items():
        if isinstance(content, bytes):
            (empty / name).write_bytes(content)
        else:
            _submission(empty / name, content)
    rendered.clear()
    for _attempt in range(2):  # and again: a failed build is never taken for an up-to-date one
        with pytest.raises(BuildError, match=failure) as raised:
            _build(empty, out)
        assert not raised.value.result.ok and raised.value.reason is not None
        assert rendered == []
        report = _report(out)
        assert report["ok"] is False and report["failure"].startswith(failure)
        assert report["included"] == 0
        after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and "report" in p.name}
        assert after.keys() - {out / "build-report.json"} == before.keys() - {
            out / "build-report.json"
        }
        assert all(after[p] == before[p] for p in before if p.name != "build-report.json")
    # Back to the real submissions: the outputs kept are reused, and the build is good again.
    result = _build(batch, out)
    assert result.ok and rendered == [] and set(result.reused) == ALL


def _project(root: Path) -> None:
    shutil.copy(ROOT / "systematise.toml", root / "systematise.toml")
    shutil.copytree(ROOT / "content", root / "content")
    (root / "submissions").mkdir()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "es",
            [
                "La generación falló: no se pudo leer ningún envío (libros revisados: 1)",
                "No se publicó nada.",
                "No leídos, no son libros (1): notas.txt",
            ],
        ),
        (
            "en",
            [
                "Build failed: no submission could be read (workbooks checked: 1)",
                "Nothing was published.",
                "Not read, not workbooks (1): notas.txt",
            ],
        ),
    ],
)
def test_the_cli_says_nothing_was_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, expected: list[str]
) -> None:
    _project(tmp_path)
    (tmp_path / "submissions" / "broken.xlsx").write_bytes(b"PK\x03\x04 broken")
    (tmp_path / "submissions" / "notas.txt").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["build", "--quiet", "--jobs", "1", "--lang", lang])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for line in expected:
        assert line in result.output
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == ["build-report.json"]
