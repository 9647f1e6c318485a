"""The build's cache: outputs keyed by their inputs, the manifest, ``force``.

The renderers (and the wording) are replaced by a stand-in that writes each output's files with
a marker, so these tests follow the cache's decisions (what is rendered again, what is kept)
without waiting for WeasyPrint; ``test_parallel.py`` builds real outputs. One test runs the
unchanged build in a fresh interpreter to show it imports none of the heavy libraries.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from typer.testing import CliRunner

import systematise.build as build_module
from systematise.build import BuildResult, build
from systematise.cli import app
from systematise.config import PathSettings, ReportSettings, Settings
from systematise.pipeline import stamp
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


# --- the stamp: an unchanged build answered without loading the settings ----------------------

SETTINGS = "[report]\npublication_date = 2025-12-15\nmin_translation_coverage = 0\n"


@pytest.fixture
def cli_project(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Project]:
    """The project as the command line finds it (its settings file, the working folder), its
    stamps in a cache folder of its own, files changed 0.2 s before a build trusted."""
    (project.root / "systematise.toml").write_text(SETTINGS, encoding="utf-8")
    monkeypatch.chdir(project.root)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(stamp, "RACY_SECONDS", 0.2)
    time.sleep(0.25)
    yield project


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each time the command line went the whole way (the pipeline's ``build`` called)."""
    calls: list[bool] = []
    whole_way = build_module.build

    def spy(*args: Any, **kwargs: Any) -> BuildResult:
        calls.append(True)
        return whole_way(*args, **kwargs)

    monkeypatch.setattr(build_module, "build", spy)
    return calls


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, ["build", "--quiet", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_an_unchanged_build_is_answered_by_its_stamp(
    cli_project: Project, builds: list[bool], rendered: list[str]
) -> None:
    _cli()  # the whole way (nothing to render: the same settings as the fixture's), stamped
    assert builds == [True]
    stamps = list(stamp.stamps_folder().iterdir())
    assert len(stamps) == 1 and stamps[0].stat().st_mode & 0o777 == 0o600
    assert stamp.stamps_folder().stat().st_mode & 0o777 == 0o700
    assert not list(cli_project.output.rglob("*stamp*"))
    rendered.clear()
    quick = _cli()
    assert builds == [True] and rendered == []  # answered by the stamp
    assert "Nothing changed since the last build: 9 files are up to date." in quick
    stamps[0].unlink()
    assert _cli() == quick and builds == [True, True]  # the whole way: the same words


def _stamp_answers() -> bool:
    request = stamp.Request.of([], None, strict=False, langs=None, only=None)
    return stamp.answer(request) is not None


def _same_bytes(path: Path) -> None:
    path.write_bytes(path.read_bytes())


Change = Callable[[Project, pytest.MonkeyPatch], object]

CHANGES: dict[str, Change] = {
    "a submission written again, same bytes": lambda p, _: _same_bytes(
        p.submissions / "MEX-2025.xlsx"
    ),
    "a new file in the submissions": lambda p, _: (p.submissions / "notes.txt").write_text("x"),
    "a chapter edited": lambda p, _: (p.content / "es" / "introduction.md").write_text(
        "# Introducción\n\nOtro texto.\n", encoding="utf-8"
    ),
    "a translations folder made": lambda p, _: (p.root / "translations" / "en").mkdir(parents=True),
    "the settings edited": lambda p, _: (p.root / "systematise.toml").write_text(
        SETTINGS + "cycle = '2025'\n", encoding="utf-8"
    ),
    "an output removed": lambda p, _: (p.output / "es" / "report.pdf").unlink(),
    "an output written again, same bytes": lambda p, _: _same_bytes(p.output / "index.html"),
    "the build report written again": lambda p, _: _same_bytes(p.output / "build-report.json"),
    "the publication date's variable set": lambda _, env: env.setenv(
        "SOURCE_DATE_EPOCH", "1700000000"
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_any_change_sends_the_build_the_whole_way(
    cli_project: Project,
    builds: list[bool],
    rendered: list[str],
    change: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _cli()
    assert _stamp_answers()
    builds.clear()
    CHANGES[change](cli_project, monkeypatch)
    assert not _stamp_answers()
    _cli()
    assert builds == [True], "the stamp was used"


def test_a_stamp_of_another_day_is_not_used(
    cli_project: Project, builds: list[bool], rendered: list[str]
) -> None:
    _cli()
    (path,) = stamp.stamps_folder().iterdir()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["circumstances"]["day"] = "2025-01-01"
    path.write_text(json.dumps(data), encoding="utf-8")
    builds.clear()
    _cli()
    assert builds == [True]


def test_other_options_are_another_request(
    cli_project: Project, builds: list[bool], rendered: list[str]
) -> None:
    _cli()
    assert _stamp_answers()
    builds.clear()
    _cli("--only", "data")
    _cli("--force")
    assert builds == [True, True]


def test_a_file_changed_just_before_the_build_leaves_no_stamp(
    cli_project: Project, builds: list[bool], rendered: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stamp, "RACY_SECONDS", 2.0)
    _same_bytes(cli_project.content / "es" / "introduction.md")
    _cli()
    assert not stamp.stamps_folder().exists() or not list(stamp.stamps_folder().iterdir())
    builds.clear()
    _cli()
    assert builds == [True]


def test_a_failed_build_removes_the_stamp(
    cli_project: Project, builds: list[bool], rendered: list[str]
) -> None:
    _cli()
    assert list(stamp.stamps_folder().iterdir())
    (cli_project.submissions / "MEX-2025.xlsx").write_bytes(b"not a workbook")
    result = CliRunner().invoke(app, ["build", "--quiet"])  # nothing left to publish
    assert result.exit_code == 1, result.output
    assert not list(stamp.stamps_folder().iterdir())


_STAMPED_CLI = """
import atexit, sys
atexit.register(lambda: print("imported:", sorted(LIGHT & set(sys.modules))))
sys.argv = ["systematise", "build", "--quiet"]
from systematise.cli import main
main()
"""


def test_a_stamped_unchanged_build_loads_no_settings(
    cli_project: Project, rendered: list[str]
) -> None:
    """Answered by its stamp, an unchanged build imports neither Pydantic nor the settings."""
    _cli()
    light = {"pydantic", "systematise.config", "systematise.build", *HEAVY}
    done = subprocess.run(
        [sys.executable, "-c", f"LIGHT = {light!r}\n{_STAMPED_CLI}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=cli_project.root,
        env={**os.environ},
    )
    assert "imported: []" in done.stdout, done.stdout + done.stderr
    assert "9 files are up to date" in done.stdout


def test_stamps_of_earlier_days_are_removed_when_one_is_written(
    cli_project: Project, builds: list[bool], rendered: list[str]
) -> None:
    folder = stamp.stamps_folder()
    folder.mkdir(parents=True, mode=0o700)
    old, recent = folder / "old.json", folder / "recent.json"
    for path in (old, recent):
        path.write_text("{}", encoding="utf-8")
    two_days_ago = time.time() - 2 * 86400
    os.utime(old, (two_days_ago, two_days_ago))
    _cli()
    assert not old.exists() and recent.exists() and len(list(folder.iterdir())) == 2
