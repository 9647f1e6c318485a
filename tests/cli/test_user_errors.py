"""User errors on the command line: a clear message in the CLI's language, no traceback, and
nothing written where it should not be (outside a project, with broken settings or text)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from systematise.cli import app
from systematise.cli.messages import (
    content_problem_text,
    content_templates,
    settings_problem_text,
    settings_templates,
)
from systematise.config_problems import SettingsCode, SettingsProblem
from systematise.schema.lang import Lang
from systematise.schema.problems import placeholders
from systematise.template.layout import TEMPLATE_VERSION
from systematise.wording.placeholders import ContentCode, ContentProblem
from tests.support.files import folder_bytes
from tests.support.workbooks import write_md_workbook

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_NAME = f"systematise-template-es-v{TEMPLATE_VERSION}.xlsx"
NO_PROJECT = {"es": "no es una carpeta de proyecto", "en": "this is not a project folder"}
NOTHING_WRITTEN = {"es": "No se escribió nada.", "en": "Nothing was written."}

#: Every command, as an editor would type it in a folder that is not a project.
COMMANDS = [
    ["template"],
    ["template", "--lang", "en"],
    ["check"],
    ["check", "submissions/"],
    ["check", "some.xlsx", "--lang", "en"],
    ["build"],
    ["build", "--force", "-o", "out"],
    ["translations", "export", "--lang", "en"],
    ["translations", "export", "--lang", "es", "-o", "t.xlsx"],
    ["translations", "import", "translated.xlsx"],
    ["status"],
    ["cycle", "new", "2026"],
]


def _run(arguments: list[str], lang: Lang, monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.setenv("SYSTEMATISE_LANG", lang)
    return CliRunner().invoke(app, arguments)


def _no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


@pytest.fixture
def empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "not-a-project"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("arguments", COMMANDS, ids=" ".join)
def test_outside_a_project_every_command_says_so_and_writes_nothing(
    empty_folder: Path, arguments: list[str], lang: Lang, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _run(arguments, lang, monkeypatch)
    _no_traceback(result)
    assert result.exit_code == 2, result.output
    assert NO_PROJECT[lang] in result.output
    assert NOTHING_WRITTEN[lang] in result.output
    assert str(empty_folder.resolve()) in result.output
    assert list(empty_folder.iterdir()) == []


def test_outside_a_project_a_template_is_written_where_asked(
    empty_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _run(["template", "-o", "templates"], "en", monkeypatch)
    _no_traceback(result)
    assert result.exit_code == 0, result.output
    assert "using the default settings" in result.output
    assert [p.as_posix() for p in sorted(empty_folder.rglob("*")) if p.is_file()] == [
        (
            empty_folder / "templates" / f"systematise-template-es-v{TEMPLATE_VERSION}.xlsx"
        ).as_posix()
    ]


@pytest.mark.slow
def test_outside_a_project_check_reads_the_named_files_and_writes_only_where_told(
    empty_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook = write_md_workbook(tmp_path / "in" / "ok.xlsx", "| title |\n|---|\n| Registro |")
    quiet = _run(["check", str(workbook), "--no-feedback"], "es", monkeypatch)
    _no_traceback(quiet)
    assert quiet.exit_code == 0, quiet.output
    assert list(empty_folder.iterdir()) == []
    told = _run(["check", str(workbook), "-o", "feedback"], "es", monkeypatch)
    assert told.exit_code == 0, told.output
    assert [p.name for p in empty_folder.iterdir()] == ["feedback"]


# --- broken settings ------------------------------------------------------------------------

BROKEN_SETTINGS = """\
[report]
cycle = 2025
publicaton_date = 2025-12-15
group_by = "pais"

[report.locale]
es = "es_XX"
"""

EXPECTED = {
    "es": [
        "No se pueden usar los ajustes de systematise.toml:",
        "systematise.toml, línea 2: `report.cycle` debe ser un texto, entre comillas dobles: "
        'cycle = "2025"',
        "systematise.toml, línea 3: `report.publicaton_date` no es un ajuste; ¿quiso decir "
        "`publication_date`?",
        'systematise.toml, línea 4: `report.group_by` debe ser uno de estos valores: "country", '
        '"thematic_area"; no "pais"',
        'systematise.toml, línea 7: `report.locale.es`: "es_XX" no es un locale que Babel '
        "conozca; por ejemplo: es_419, es",
    ],
    "en": [
        "The settings in systematise.toml cannot be used:",
        'systematise.toml, line 2: `report.cycle` must be text, in double quotes: cycle = "2025"',
        "systematise.toml, line 3: `report.publicaton_date` is not a setting; did you mean "
        "`publication_date`?",
        'systematise.toml, line 4: `report.group_by` must be one of "country", "thematic_area", '
        'not "pais"',
        'systematise.toml, line 7: `report.locale.es`: "es_XX" is not a locale Babel knows; for '
        "example: es_419, es",
    ],
}


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("arguments", COMMANDS, ids=" ".join)
def test_broken_settings_are_named_by_key_and_line_before_anything_is_written(
    empty_folder: Path, arguments: list[str], lang: Lang, monkeypatch: pytest.MonkeyPatch
) -> None:
    (empty_folder / "systematise.toml").write_text(BROKEN_SETTINGS, encoding="utf-8")
    result = _run(arguments, lang, monkeypatch)
    _no_traceback(result)
    assert result.exit_code == 2, result.output
    for line in EXPECTED[lang]:
        assert line in result.output
    assert [p.name for p in empty_folder.iterdir()] == ["systematise.toml"]


def test_broken_toml_is_named_at_line_and_column(
    empty_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (empty_folder / "systematise.toml").write_text('[report\ncycle = "1"\n', encoding="utf-8")
    result = _run(["build"], "en", monkeypatch)
    _no_traceback(result)
    assert result.exit_code == 2
    assert "systematise.toml, line 1, column 8: a [section] header is not closed with ]" in (
        result.output
    )


def test_a_command_in_a_subfolder_uses_the_project_above(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "systematise.toml").write_text('[paths]\noutput = "built"\n', encoding="utf-8")
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path / "content")
    result = _run(["template"], "en", monkeypatch)
    assert result.exit_code == 0, result.output
    assert (
        tmp_path / "built" / "templates" / f"systematise-template-es-v{TEMPLATE_VERSION}.xlsx"
    ).is_file()
    assert list((tmp_path / "content").iterdir()) == []


# --- editorial text --------------------------------------------------------------------------


def _project(folder: Path) -> None:
    shutil.copy(ROOT / "systematise.toml", folder / "systematise.toml")
    shutil.copytree(ROOT / "content", folder / "content")
    (folder / "submissions").mkdir()
    shutil.copy(ROOT / "submissions" / "MEX-2025.xlsx", folder / "submissions")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "es",
            [
                "La generación se detuvo: el texto editorial tiene problemas:",
                "es/introduction.md, línea 3, columna 10: {{ cycle }: el marcador no se cierra "
                "con }} en su línea; ¿quiso decir {{ cycle }}?",
                "en/methodology.md, línea 3, columna 1: {% if n_states %}: no se admiten "
                "etiquetas de plantilla",
                "Para que el texto muestre una llave, escriba \\{ o \\}.",
                "Nombres conocidos: cycle, n_initiatives",
            ],
        ),
        (
            "en",
            [
                "The build stopped: the editorial text has problems:",
                "es/introduction.md, line 3, column 10: {{ cycle }: the placeholder is not closed "
                "with }} on its line; did you mean {{ cycle }}?",
                "en/methodology.md, line 3, column 1: {% if n_states %}: template tags are not "
                "supported",
                "To print a brace in the text, write \\{ or \\}.",
                "Known names: cycle, n_initiatives",
            ],
        ),
    ],
)
def test_a_malformed_placeholder_stops_the_build_in_the_cli_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: Lang, expected: list[str]
) -> None:
    _project(tmp_path)
    (tmp_path / "content" / "es" / "introduction.md").write_text(
        "# Introducción\n\nEl ciclo {{ cycle } y \\{esto\\}.\n", encoding="utf-8"
    )
    (tmp_path / "content" / "en" / "methodology.md").write_text(
        "# Methodology\n\n{% if n_states %}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = _run(["build", "--jobs", "1", "--quiet"], lang, monkeypatch)
    _no_traceback(result)
    assert result.exit_code == 2, result.output
    for line in expected:
        assert line in result.output
    published = folder_bytes(tmp_path / "output") if (tmp_path / "output").exists() else {}
    assert sorted(published) in ([], ["build-report.json"])


# --- a file that cannot be written ------------------------------------------------------------


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.slow
def test_an_unwritable_path_is_one_clear_line(tmp_path: Path, lang: Lang) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    shown = subprocess.run(
        [sys.executable, "-m", "systematise", "template", "-o", str(blocker / "t.xlsx")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "SYSTEMATISE_LANG": lang},
        check=False,
    )
    assert shown.returncode == 2
    assert "Traceback" not in shown.stderr + shown.stdout
    words = {"es": "No se pudo leer o escribir", "en": "Could not read or write"}[lang]
    assert words in shown.stderr
    assert str(blocker) in shown.stderr


# --- every problem code has its words in both languages -----------------------------------


@pytest.mark.parametrize("code", list(SettingsCode))
def test_every_settings_problem_is_worded_in_both_languages(code: SettingsCode) -> None:
    params = dict.fromkeys(placeholders(settings_templates("en")[code]) - {"key"}, "x")
    problem = SettingsProblem(code, "report.cycle", 2, params=params, suggestion="cycle")
    worded = {lang: settings_problem_text(problem, lang) for lang in ("es", "en")}
    assert worded["es"] != worded["en"]
    assert set(settings_templates("es")) == set(SettingsCode)


@pytest.mark.parametrize("code", list(ContentCode))
def test_every_editorial_problem_is_worded_in_both_languages(code: ContentCode) -> None:
    problem = ContentProblem(code, "es/x.md", 1, 1, "{{ x }", "{{ cycle }}")
    worded = {lang: content_problem_text(problem, lang) for lang in ("es", "en")}
    assert worded["es"] != worded["en"]
    assert set(content_templates("en")) == set(ContentCode)
