"""``--only`` and ``--lang``, outputs published as soon as they are rendered, per-language keys.

With the stand-in renderer of ``test_cache.py``: these follow what the build renders, publishes
and records, not what the outputs look like.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import systematise.build as build_module
from systematise.pipeline.cache import MANIFEST, file_record, read_manifest
from systematise.pipeline.outputs import OUTPUTS, Output, select
from systematise.render.writers import OutputResult
from tests.build import test_cache
from tests.build.test_cache import ALL, ES, Project

#: The stand-in renderer and the small project, as in test_cache.py.
rendered = test_cache.rendered
project = test_cache.project

EN = {"html en", "pdf en", "docx en", "index"}


def test_select_chooses_by_kind_and_language() -> None:
    def names(outputs: tuple[Output, ...]) -> set[str]:
        return {output.name for output in outputs}

    assert names(select()) == ALL
    assert names(select(["html", "pdf"], ["es"])) == {"html es", "pdf es"}
    assert names(select(langs=["es"])) == {"html es", "pdf es", "docx es"}
    assert names(select(["landing", "data"], ["en"])) == {"index", "open data"}
    assert names(select(["docx"])) == {"docx es", "docx en"}
    assert [output.name for output in select()] == [output.name for output in OUTPUTS]


def _manifest_describes_the_files(output: Path) -> None:
    for entry in read_manifest(output).values():
        for relative, record in entry.files.items():
            assert file_record(output / relative) == record, relative


def test_only_what_is_asked_is_rendered(project: Project, rendered: list[str]) -> None:
    keys = {name: entry.key for name, entry in read_manifest(project.output).items()}
    introduction = project.content / "es" / "introduction.md"
    introduction.write_text(introduction.read_text("utf-8") + "\nOtro párrafo.\n", "utf-8")
    result = build_module.build(
        [project.submissions], project.settings(), project.output, only=["html"], langs=["es"]
    )
    assert rendered == ["html es"] and result.rebuilt == ["html es"]
    assert set(result.not_asked) == ALL - {"html es"}
    after = {name: entry.key for name, entry in read_manifest(project.output).items()}
    assert after["html es"] != keys["html es"]
    assert {name: key for name, key in after.items() if name != "html es"} == {
        name: key for name, key in keys.items() if name != "html es"
    }  # the others keep their entries: they still describe their (older) files
    _manifest_describes_the_files(project.output)
    report = json.loads((project.output / "build-report.json").read_text("utf-8"))
    assert report["ok"] and report["rebuilt"] == ["html es"]

    # The rest is rendered by the next build that asks for it.
    rendered.clear()
    project.build()
    assert set(rendered) == ES - {"html es"}


def test_an_english_translation_renders_the_english_outputs_only(
    project: Project, rendered: list[str]
) -> None:
    folder = project.root / "translations" / "en"
    folder.mkdir(parents=True)
    (folder / "MEX-01.yaml").write_text("id: MEX-01\nlang: en\nfields: {}\n", "utf-8")
    project.build()
    assert set(rendered) == EN


def test_each_output_is_published_as_soon_as_it_is_rendered(
    project: Project, rendered: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At each publication the files are in place and the manifest lists them; a failure later
    keeps them."""
    seen: list[str] = []

    def published(name: str, paths: tuple[Path, ...]) -> None:
        assert paths and all(path.is_file() for path in paths)
        assert name in read_manifest(project.output)
        _manifest_describes_the_files(project.output)
        seen.append(name)

    stand_in = build_module._write_output

    def failing_pdf(
        output: Output, public: object, reports: dict[str, object], settings: object, dest: Path
    ) -> OutputResult:
        if output.name == "pdf es":
            (dest / "es").mkdir(parents=True, exist_ok=True)
            (dest / "es" / "report.pdf").write_bytes(b"half a PDF")
            raise RuntimeError("injected failure")
        return stand_in(output, public, reports, settings, dest)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module, "_write_output", failing_pdf)
    before = read_manifest(project.output)
    project.title = "Otro título"  # every output is stale
    with pytest.raises(RuntimeError, match="injected"):
        build_module.build(
            [project.submissions], project.settings(), project.output, on_published=published
        )
    assert seen == ["html es", "html en"]
    after = read_manifest(project.output)
    assert {name for name in after if after[name] != before[name]} == {"html es", "html en"}
    _manifest_describes_the_files(project.output)
    assert (project.output / "es" / "report.pdf").read_text("utf-8").startswith("pdf es")
    assert not list(project.output.glob(build_module.STAGING_PREFIX + "*"))
    report = json.loads((project.output / "build-report.json").read_text("utf-8"))
    assert report["ok"] is False and "injected failure" in report["failure"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--only", "html,epub"], "--only takes one or more of html, pdf, docx, landing, data"),
        (["--lang", "fr"], "--lang takes one or more of es, en"),
        (["--only", ","], "--only takes one or more of"),
    ],
)
def test_the_cli_names_what_it_takes(
    arguments: list[str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from systematise.cli import app

    monkeypatch.setenv("SYSTEMATISE_LANG", "en")
    result = CliRunner().invoke(app, ["build", *arguments])
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output


def test_the_cli_builds_what_is_asked(
    project: Project, rendered: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from systematise.cli import app

    monkeypatch.setattr("systematise.config.load_settings", lambda path=None: project.settings())
    monkeypatch.setenv("SYSTEMATISE_LANG", "es")
    project.title = "Otro título"
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(
        app,
        [
            "build",
            str(project.submissions),
            "-o",
            str(project.output),
            "--only",
            "pdf,landing",
            "--lang",
            "en",
            "--quiet",
            "--jobs",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert set(rendered) == {"pdf en", "index"}
    assert "Not built (not asked for): html es, html en, pdf es" in result.output  # in English
    assert MANIFEST in {path.name for path in project.output.iterdir()}


def test_only_the_public_view_makes_the_dataset_the_writers_take() -> None:
    from systematise.export.public import PublicDataset, public_view
    from tests.render.fixture import fixture_dataset, fixture_settings

    dataset = fixture_dataset()
    with pytest.raises(TypeError, match="public_view"):
        PublicDataset(dataset, object())
    public = public_view(dataset, fixture_settings())
    assert len(public.entries) == len(dataset.entries)
    assert all(not header.focal_point_email for header in public.dataset.submissions)
