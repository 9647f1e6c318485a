"""The landing page is rendered after every other output, and describes the files as published.

It shows each file's size and the PDF's cover, so the build renders it last, also when the
other outputs render in parallel processes, and reads the files it describes where they are:
published by this build (each output as soon as it is rendered) or kept from the last one.
"""

from __future__ import annotations

import time
from pathlib import Path

import pikepdf
import pytest

import systematise.build as build_module
from systematise.config import Settings
from systematise.export.public import public_view
from systematise.pipeline.outputs import OUTPUTS, Output
from systematise.render.landing import file_size
from systematise.render.writers import OutputResult, RenderContext, landing
from tests.build.test_cache import FILES, Project
from tests.render.conftest import make_reports
from tests.render.fixture import fixture_dataset, fixture_settings


def test_the_landing_page_is_the_last_output_and_depends_on_every_input() -> None:
    last = [output for output in OUTPUTS if output.last]
    assert [output.kind for output in last] == ["index"]
    assert list(OUTPUTS[-len(last) :]) == last
    for output in OUTPUTS:
        assert set(output.inputs) <= set(last[0].inputs), output.name


@pytest.mark.usefixtures("no_charts")
@pytest.mark.parametrize("workers", [1, 2])
def test_the_landing_page_is_rendered_once_the_others_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    """Each other output takes a moment; the landing page finds all of their files."""

    def slow_output(
        output: Output, public: object, reports: object, settings: object, staging: Path
    ) -> OutputResult:
        others = [o for o in OUTPUTS if not o.last]
        if output.last:
            missing = [
                pattern.format(lang=other.lang)
                for other in others
                for pattern in FILES[other.kind]
                if not (staging.parent / pattern.format(lang=other.lang)).is_file()
            ]
            assert missing == [], "the landing page was rendered before the others were published"
        else:
            time.sleep(0.3)
        written = []
        for pattern in FILES[output.kind]:
            path = staging / pattern.format(lang=output.lang)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(output.name, encoding="utf-8")
            written.append(path)
        return OutputResult(tuple(written))

    monkeypatch.setattr(build_module, "_write_output", slow_output)
    project = Project(tmp_path)
    result = build_module.build(
        [project.submissions], project.settings(), project.output, workers=workers
    )
    assert result.ok and "index" in result.rebuilt


def _pdf(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = pikepdf.new()
    document.add_blank_page(page_size=(595, 842))
    document.save(path)


@pytest.mark.usefixtures("no_charts")
def test_the_landing_page_reads_new_files_and_kept_ones(tmp_path: Path) -> None:
    output = tmp_path / "output"
    staging = output / ".staging-test"
    _pdf(output / "es" / "report.pdf")  # kept from the last build
    _pdf(staging / "en" / "report.pdf")  # rendered now
    (staging / "data").mkdir()
    (staging / "data" / "initiatives.csv").write_bytes(b"x" * 2_600)
    (output / "data").mkdir()
    (output / "data" / "initiatives.csv").write_bytes(b"x" * 9_000)  # replaced by the new one
    settings = fixture_settings()
    reports = make_reports(settings)
    contact = Settings.model_validate({"report": {"contact": "https://www.sela.org/"}})
    index = next(o for o in OUTPUTS if o.kind == "index")
    context = RenderContext(index, contact, reports, output)
    (page,) = landing.render(context, public_view(fixture_dataset(), settings), staging).files
    assert page == staging / "index.html"
    html = page.read_text(encoding="utf-8")
    size = file_size((output / "es" / "report.pdf").stat().st_size, "es_419")
    assert f"PDF · {size}" in html
    assert "CSV · 3 kB" in html and "CSV · 9 kB" not in html
    assert html.count("data:image/png;base64,") == 2
    assert 'href="https://www.sela.org/"' in html
