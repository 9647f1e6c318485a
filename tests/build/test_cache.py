"""The build's cache: outputs keyed by their inputs, the manifest, ``force``.

The renderers (and the wording) are replaced by a stand-in that writes each output's files with
a marker, so these tests follow the cache's decisions (what is rendered again, what is kept)
without waiting for WeasyPrint; ``test_parallel.py`` builds real outputs. One test runs the
unchanged build in a fresh interpreter to show it imports none of the heavy libraries.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import systematise.build as build_module
from systematise.build import BuildResult, build
from systematise.config import PathSettings, ReportSettings, Settings
from systematise.pipeline.cache import MANIFEST
from systematise.pipeline.outputs import OUTPUTS, Output
from systematise.render.writers import OutputResult
from tests.support.workbooks import write_md_workbook

ROOT = Path(__file__).resolve().parents[2]

MEXICO = """
| title                                 | start_date | status      |
|---------------------------------------|------------|-------------|
| Registro Nacional de Movilidad Humana | 2021-03    | in_progress |
"""

ALL = {output.name for output in OUTPUTS}
ES = {"html es", "pdf es", "docx es", "index"}
TEMPLATED = {"html es", "html en", "pdf es", "pdf en", "index"}

#: Expected files of each output, as the real renderers name them.
FILES = {
    "html": ("{lang}/report.html",),
    "pdf": ("{lang}/report.pdf",),
    "docx": ("{lang}/report.docx",),
    "index": ("index.html",),
    "open data": ("data/initiatives.csv", "data/datapackage.json"),
}


class Project:
    """A small project copied into a temporary folder: submissions, content, templates."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.submissions = root / "submissions"
        self.content = root / "content"
        self.output = root / "output"
        self.submissions.mkdir(parents=True)
        write_md_workbook(self.submissions / "MEX-2025.xlsx", MEXICO)
        shutil.copytree(ROOT / "content", self.content)
        self.title = "Informe de prueba"

    def settings(self) -> Settings:
        return Settings(
            report=ReportSettings(
                publication_date=dt.date(2025, 12, 15),
                title=ReportSettings().title.model_copy(update={"es": self.title}),
            ),
            paths=PathSettings(content=self.content, translations=self.root / "translations"),
        )

    def build(self, *, force: bool = False) -> BuildResult:
        return build([self.submissions], self.settings(), self.output, force=force)


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The outputs rendered since the fixture started (the stand-in renderer records them)."""
    calls: list[str] = []

    def fake_output(
        output: Output, public: object, reports: dict[str, object], settings: object, staging: Path
    ) -> OutputResult:
        calls.append(output.name)
        if output.kind in ("html", "pdf", "docx", "index"):
            assert set(output.needs_reports) <= set(reports)
        written = []
        for pattern in FILES[output.kind]:
            path = staging / pattern.format(lang=output.lang)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"{output.name} of {sorted(reports)}\n", encoding="utf-8")
            written.append(path)
        return OutputResult(tuple(written))

    monkeypatch.setattr(build_module, "_write_output", fake_output)
    monkeypatch.setattr(build_module._Words, "word", _stand_in_report)
    return calls


def _stand_in_report(words: object, lang: str) -> object:
    """No wording either (matplotlib's charts take seconds): what the stand-in renderer needs."""
    return SimpleNamespace(lang=lang)


@pytest.fixture
def project(tmp_path: Path, rendered: list[str]) -> Project:
    built = Project(tmp_path)
    first = built.build()
    assert first.ok and set(first.rebuilt) == ALL and first.reused == []
    rendered.clear()
    return built


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_nothing_changed_writes_nothing(project: Project, rendered: list[str]) -> None:
    before = _snapshot(project.output)
    result = project.build()
    assert result.up_to_date and result.ok
    assert rendered == [] and result.dataset is None  # not even checked
    assert set(result.reused) == ALL
    assert _snapshot(project.output) == before
    assert {path for path, _ in result.outputs} >= {"es/report.pdf", "index.html"}


def test_the_manifest_records_keys_and_hashes_only(project: Project) -> None:
    text = (project.output / MANIFEST).read_text(encoding="utf-8")
    manifest = json.loads(text)
    assert set(manifest["outputs"]) == ALL
    assert manifest["outputs"]["pdf es"]["files"]["es/report.pdf"]["sha256"]
    assert str(project.root) not in text and "MEX-2025" not in text


def test_a_changed_submission_rebuilds_everything(project: Project, rendered: list[str]) -> None:
    workbook = project.submissions / "MEX-2025.xlsx"
    write_md_workbook(workbook, MEXICO.replace("Humana", "Humana II"))
    result = project.build()
    assert set(rendered) == ALL and set(result.rebuilt) == ALL and result.dataset is not None


def test_a_new_submission_rebuilds_everything(project: Project, rendered: list[str]) -> None:
    write_md_workbook(project.submissions / "PER-2025.xlsx", MEXICO)
    project.build()
    assert set(rendered) == ALL


def test_a_content_file_rebuilds_its_language_only(project: Project, rendered: list[str]) -> None:
    introduction = project.content / "es" / "introduction.md"
    introduction.write_text(introduction.read_text("utf-8") + "\nUn párrafo más.\n", "utf-8")
    result = project.build()
    assert set(rendered) == ES
    assert set(result.reused) == ALL - ES
    assert {path for path, _ in result.outputs} == {
        path for path, _ in project.build().outputs
    }  # every output is listed, rendered or kept (and the second build changes nothing)


def test_a_template_rebuilds_html_and_pdf(
    project: Project, rendered: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = project.root / "templates"
    shutil.copytree(ROOT / "templates", templates)
    monkeypatch.setattr("systematise.pipeline.cache.templates_dir", lambda: templates)
    project.build()
    assert rendered == []  # the same templates elsewhere: same keys
    fiche = templates / "report" / "fiche.html.j2"
    fiche.write_text(fiche.read_text("utf-8") + "\n", "utf-8")
    project.build()
    assert set(rendered) == TEMPLATED


def test_the_config_rebuilds_everything(project: Project, rendered: list[str]) -> None:
    project.title = "Otro título"
    project.build()
    assert set(rendered) == ALL


def test_a_changed_or_missing_output_is_rendered_again(
    project: Project, rendered: list[str]
) -> None:
    (project.output / "en" / "report.pdf").write_bytes(b"edited by hand")
    (project.output / "data" / "initiatives.csv").unlink()
    project.build()
    assert set(rendered) == {"pdf en", "open data"}


def test_force_rebuilds_everything(project: Project, rendered: list[str]) -> None:
    result = project.build(force=True)
    assert set(rendered) == ALL and not result.up_to_date


def test_a_failed_build_is_not_taken_for_an_up_to_date_one(
    project: Project, rendered: list[str]
) -> None:
    report = project.output / "build-report.json"
    data = json.loads(report.read_text("utf-8"))
    report.write_text(json.dumps({**data, "ok": False}), "utf-8")
    result = project.build()
    assert not result.up_to_date and result.dataset is not None
    assert rendered == []  # every output is still fresh: only the report is written again
    assert json.loads(report.read_text("utf-8"))["ok"] is True


_UNCHANGED_BUILD = """
import datetime as dt, sys
from pathlib import Path
from systematise.build import build
from systematise.config import PathSettings, ReportSettings, Settings
root = Path(sys.argv[1])
settings = Settings(
    report=ReportSettings(
        publication_date=dt.date(2025, 12, 15),
        title=ReportSettings().title.model_copy(update={"es": "Informe de prueba"}),
    ),
    paths=PathSettings(content=root / "content", translations=root / "translations"),
)
result = build([root / "submissions"], settings, root / "output")
print(result.up_to_date, sorted(HEAVY & set(sys.modules)))
"""

#: What an unchanged build never needs: the renderers, and the check with what it imports (the
#: workbook reader, the models, validation, the ID registry), nor the editorial Markdown.
HEAVY = {
    "openpyxl",
    "weasyprint",
    "pypandoc",
    "matplotlib",
    "fontTools",
    "markdown_it",
    "multiprocessing",
    "systematise.check",
    "systematise.cycle.ids",
    "systematise.cycle.registry",
    "systematise.schema.models",
    "systematise.validate.batch",
    "systematise.validate.workbook",
    "systematise.wording.editorial",
    "systematise.wording.formatting",
}


def test_an_unchanged_build_imports_no_renderer(project: Project) -> None:
    done = subprocess.run(
        [sys.executable, "-c", f"HEAVY = {HEAVY!r}\n{_UNCHANGED_BUILD}", str(project.root)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert done.stdout.strip() == "True []"


_UNCHANGED_CLI = """
import atexit, sys
atexit.register(lambda: print("imported:", sorted(HEAVY & set(sys.modules))))
sys.argv = ["systematise", "build", "--quiet"]
from systematise.cli import main
main()
"""


def test_an_unchanged_build_on_the_command_line_checks_nothing(project: Project) -> None:
    """``systematise build`` in a project whose outputs are up to date: the registry is not
    opened and nothing of the check or the renderers is imported."""
    from systematise.config import load_settings

    (project.root / "systematise.toml").write_text(
        "[report]\npublication_date = 2025-12-15\nmin_translation_coverage = 0\n",
        encoding="utf-8",
    )
    settings = load_settings(project.root / "systematise.toml")
    assert build([project.submissions], settings, project.output).ok  # with the stand-ins
    done = subprocess.run(
        [sys.executable, "-c", f"HEAVY = {HEAVY!r}\n{_UNCHANGED_CLI}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=project.root,
    )
    assert "imported: []" in done.stdout, done.stdout + done.stderr
    assert not (project.root / "registry").exists()
