"""Settings: every key has a default; every mistake is told at once, by key and line."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from babel import Locale
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from systematise.config import (
    ConfigError,
    ProjectNotFoundError,
    Settings,
    find_project,
    load_settings,
)
from systematise.config_problems import SettingsCode, SettingsProblem, validation_problems

ROOT = Path(__file__).resolve().parents[2]


def test_no_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "absent.toml") == Settings()


def test_the_project_settings_load() -> None:
    settings = load_settings(ROOT / "systematise.toml")
    assert settings.report.group_by == "country"
    assert settings.report.notice is not None


def test_unknown_keys_are_all_reported(tmp_path: Path) -> None:
    path = tmp_path / "systematise.toml"
    path.write_text(
        '[report]\ntitel = "x"\ngroup_by = "region"\n[pathz]\noutput = "out"\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert "3 problem(s)" in message
    for place in ("report.titel", "report.group_by", "pathz"):
        assert place in message


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "systematise.toml"
    path.write_text("[report\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"systematise\.toml"):
        load_settings(path)


# --- each mistake named by its key, line and what was probably meant ----------------------

MISTAKES = """\
# the report
[report]
cycle = 2025
publicaton_date = 2025-12-15
publication_date = "15/12/2025"
group_by = "Country"
submissions = "elsewhere"
notice = "one text"

[report.title]
es = "Título"

[report.locale]
es = "es_XX"
en = "klingon"

[limits]
max_rows = 0
max_columns = "many"
parse_seconds = 1.5

[paths]
output = 3

[pathz]
content = "c"
"""


def _problems(tmp_path: Path, text: str) -> list[SettingsProblem]:
    path = tmp_path / "systematise.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert caught.value.path == path
    return list(caught.value.problems)


def test_every_mistake_is_named_by_key_and_line(tmp_path: Path) -> None:
    found = [
        (p.line, p.key, p.code, p.suggestion, p.section) for p in _problems(tmp_path, MISTAKES)
    ]
    assert found == [
        (3, "report.cycle", SettingsCode.NOT_TEXT, "", ""),
        (4, "report.publicaton_date", SettingsCode.UNKNOWN_KEY, "publication_date", ""),
        (5, "report.publication_date", SettingsCode.NOT_DATE, "", ""),
        (6, "report.group_by", SettingsCode.NOT_ONE_OF, "country", ""),
        (7, "report.submissions", SettingsCode.UNKNOWN_KEY, "submissions", "paths"),
        (8, "report.notice", SettingsCode.NOT_TABLE, "", ""),
        (10, "report.title.en", SettingsCode.MISSING_KEY, "", ""),
        (14, "report.locale.es", SettingsCode.UNKNOWN_LOCALE, "", ""),
        (15, "report.locale.en", SettingsCode.UNKNOWN_LOCALE, "", ""),
        (18, "limits.max_rows", SettingsCode.TOO_SMALL, "", ""),
        (19, "limits.max_columns", SettingsCode.NOT_WHOLE_NUMBER, "", ""),
        (20, "limits.parse_seconds", SettingsCode.NOT_WHOLE_NUMBER, "", ""),
        (23, "paths.output", SettingsCode.NOT_TEXT, "", ""),
        (25, "pathz", SettingsCode.UNKNOWN_SECTION, "paths", ""),
    ]


def test_the_problems_carry_what_was_written(tmp_path: Path) -> None:
    by_key = {p.key: p.params for p in _problems(tmp_path, MISTAKES)}
    assert by_key["report.cycle"]["example"] == 'cycle = "2025"'
    assert by_key["report.publication_date"]["value"] == '"15/12/2025"'
    assert by_key["report.group_by"]["options"] == '"country", "thematic_area"'
    assert by_key["limits.max_rows"]["limit"] == "0"
    assert by_key["report.locale.en"]["examples"] == "en, en_GB"


@pytest.mark.parametrize(
    ("written", "code", "suggestion"),
    [
        ('es = "es_XX"', SettingsCode.UNKNOWN_LOCALE, ""),
        ('es = "klingon"', SettingsCode.UNKNOWN_LOCALE, ""),
        ('es = "es-MX"', SettingsCode.UNKNOWN_LOCALE, "es_MX"),
        ('es = "ES_419"', None, ""),
        ('es = ""', SettingsCode.UNKNOWN_LOCALE, ""),
        ('es = "en"', SettingsCode.LOCALE_LANGUAGE, ""),
        ('en = "en-gb"', SettingsCode.UNKNOWN_LOCALE, "en_GB"),
        ('en = "pt_BR"', SettingsCode.LOCALE_LANGUAGE, ""),
        ('es = "es_MX"', None, ""),
    ],
)
def test_an_unknown_locale_is_refused_when_the_settings_load(
    tmp_path: Path, written: str, code: SettingsCode | None, suggestion: str
) -> None:
    path = tmp_path / "systematise.toml"
    path.write_text(f"[report.locale]\n{written}\n", encoding="utf-8")
    if code is None:
        locale = load_settings(path).report.locale
        assert Locale.parse(locale.es).language == "es"
        return
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.line, problem.suggestion) == (code, 2, suggestion)


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ("[report\ncycle = '1'\n", SettingsCode.TOML_HEADER, 1, 8),
        ("[report]\npublication_date = 2025-02-30\n", SettingsCode.TOML_DATE, 2, 20),
        ("[report]\ncycle = 2025 edition\n", SettingsCode.TOML_VALUE, 2, 14),
        ("[report]\ncycle = two\n", SettingsCode.TOML_VALUE, 2, 9),
        ('[report]\ncycle = "2025\n', SettingsCode.TOML_STRING, 2, 14),
        ('[report]\ncycle = "1"\ncycle = "2"\n', SettingsCode.TOML_TWICE, 3, 12),
        ("[report]\ncycle\n", SettingsCode.TOML_KEY, 2, 6),
        ('[paths]\noutput = "C:\\out"\n', SettingsCode.TOML_BACKSLASH, 2, 15),
    ],
)
def test_broken_toml_is_named_at_its_line_and_column(
    tmp_path: Path, text: str, code: SettingsCode, line: int, column: int
) -> None:
    (problem,) = _problems(tmp_path, text)
    assert (problem.code, problem.line, problem.column) == (code, line, column)


def test_a_file_not_in_utf8_is_named_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "systematise.toml"
    path.write_bytes('[report]\ncycle = "2025"\nplace = "Bogotá"\n'.encode("latin-1"))
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert [(p.code, p.line) for p in caught.value.problems] == [(SettingsCode.NOT_UTF8, 3)]


def test_keys_are_found_in_dotted_and_inline_forms(tmp_path: Path) -> None:
    text = '[report]\ntitle.es = "a"\n"group_by" = "x"\nplace = { es = "a" }\nlimits.max_rows = 0\n'
    found = {p.key: p.line for p in _problems(tmp_path, text)}
    assert found == {
        "report.title.en": 2,
        "report.group_by": 3,
        "report.place.en": 4,
        "report.limits": 5,
    }


def test_a_key_inside_a_multiline_text_is_not_taken_for_a_key(tmp_path: Path) -> None:
    text = '[report.notice]\nes = """\ncycle = 1\n"""\nen = 5\n'
    (problem,) = _problems(tmp_path, text)
    assert (problem.key, problem.line) == ("report.notice.en", 5)


# --- the project folder ------------------------------------------------------------------


def test_the_settings_are_found_in_a_folder_above(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "systematise.toml").write_text('[paths]\noutput = "built"\n', encoding="utf-8")
    inner = tmp_path / "content" / "es"
    inner.mkdir(parents=True)
    monkeypatch.chdir(inner)
    assert find_project() == tmp_path.resolve() / "systematise.toml"
    paths = load_settings().paths
    assert paths.output == tmp_path.resolve() / "built"
    assert paths.content == tmp_path.resolve() / "content"


def test_in_the_project_folder_the_folders_stay_relative(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "systematise.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert load_settings().paths.output == Path("output")


def test_no_project_folder_is_an_error_naming_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert find_project() is None
    with pytest.raises(ProjectNotFoundError) as caught:
        load_settings()
    assert caught.value.start == tmp_path.resolve()


def test_a_file_saved_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    path = tmp_path / "systematise.toml"
    path.write_bytes('\ufeff[report]\ncycle = "2031"\n'.encode())
    assert load_settings(path).report.cycle == "2031"


@pytest.mark.parametrize(
    ("written", "code", "limit"),
    [
        ('"high"', SettingsCode.NOT_NUMBER, ""),
        ("1.5", SettingsCode.AT_MOST, "1"),
        ("-0.1", SettingsCode.AT_LEAST, "0"),
    ],
)
def test_a_number_out_of_its_bounds_is_named_with_the_bound(
    tmp_path: Path, written: str, code: SettingsCode, limit: str
) -> None:
    (problem,) = _problems(tmp_path, f"[report]\nmin_translation_coverage = {written}\n")
    assert (problem.code, problem.line) == (code, 2)
    assert problem.params.get("limit", "") == limit


class _Switches(BaseModel):
    model_config = ConfigDict(extra="forbid")
    strict: bool = False
    ratio: float = Field(default=0.5, lt=1)


@pytest.mark.parametrize(
    ("text", "code"),
    [("strict = 3", SettingsCode.NOT_BOOLEAN), ("ratio = 1", SettingsCode.TOO_LARGE)],
)
def test_booleans_and_strict_bounds_are_named(text: str, code: SettingsCode) -> None:
    with pytest.raises(ValidationError) as caught:
        _Switches.model_validate(tomllib.loads(text))
    (problem,) = validation_problems(_Switches, caught.value, text)
    assert (problem.code, problem.key, problem.line) == (code, text.split()[0], 1)
