"""Editors' Markdown: live figures by placeholder; unknown or malformed ones stop the build."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from systematise.schema.lang import REPORT_LANGS, Lang
from systematise.wording.editorial import (
    ContentCode,
    ContentError,
    load_every_language,
    load_sections,
    render_section,
    substitute,
)
from systematise.wording.formatting import Formatter
from systematise.wording.statistics import compute_overview
from tests.render.fixture import fixture_dataset

PROJECT_CONTENT = Path(__file__).resolve().parents[2] / "content"


def _values(lang: Lang = "en") -> dict[str, str]:
    from systematise.wording.editorial import figures

    locale = "es_419" if lang == "es" else "en"
    return figures(compute_overview(fixture_dataset()), "2025", Formatter(locale))


def test_placeholders_take_the_figures() -> None:
    text = "{{ n_initiatives }} from {{n_states}}; data: {{ count_theme.migration_data }}"
    assert substitute(text, _values(), "x.md") == "6 from 3; data: 2"


def test_counts_by_state_and_objective() -> None:
    values = _values()
    assert values["count_state.MEX"] == "2"
    assert values["count_gcm.1"] == "3"


@pytest.mark.parametrize(
    "placeholder",
    ["{{ n_initiative }}", "{{ 7*7 }}", "{{ count_theme.nonexistent }}", "{{ cycle.__class__ }}"],
)
def test_an_unknown_placeholder_fails_with_file_and_line(placeholder: str) -> None:
    with pytest.raises(ContentError) as raised:
        substitute(f"First line\nSecond {placeholder}", _values(), "es/intro.md")
    message = str(raised.value)
    assert "es/intro.md, line 2" in message
    assert placeholder in message
    assert "n_initiatives" in message  # the known names are listed


def test_title_becomes_the_section_heading_and_levels_shift() -> None:
    section = render_section("intro", "# Title\n\nText.\n\n## Part\n", "x.md", {})
    assert section.title == "Title"
    assert "<h3>Part</h3>" in str(section.body)
    assert "<h1>" not in str(section.body) and "Title" not in str(section.body)


def test_raw_html_in_editorial_text_is_not_passed_through() -> None:
    section = render_section("x", "# T\n\n<script>alert(1)</script>\n", "x.md", {})
    assert "<script>" not in str(section.body)


def test_a_file_without_title_fails() -> None:
    with pytest.raises(ContentError) as raised:
        render_section("x", "No title here.", "x.md", {})
    assert [(p.code, p.source) for p in raised.value.problems] == [(ContentCode.NO_TITLE, "x.md")]


@pytest.mark.parametrize("lang", REPORT_LANGS)
def test_the_project_content_uses_only_known_placeholders(lang: Lang) -> None:
    sections = load_sections(PROJECT_CONTENT, lang, _values(lang))
    keys = [section.key for section in sections]
    assert keys[:3] == ["presentation", "introduction", "methodology"]
    assert all("{{" not in str(section.body) for section in sections)


def test_a_missing_required_file_fails(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="presentation"):
        load_sections(tmp_path, "es", _values("es"))


# --- malformed placeholders: each one stops the build at its line and column -----------------

MALFORMED = [
    ("{{ n_states }", ContentCode.UNCLOSED),
    ("{{ n_states", ContentCode.UNCLOSED),
    ("{{ n_states } and more", ContentCode.UNCLOSED),
    ("{ n_states }}", ContentCode.BRACES),
    ("{ n_states }", ContentCode.BRACES),
    ("{n_states}", ContentCode.BRACES),
    ("{{{ n_states }}}", ContentCode.BRACES),
    ("{{ n_states }}}", ContentCode.BRACES),
    ("{{{ n_states }}", ContentCode.BRACES),
    ("{{ n_st } ates }}", ContentCode.BRACES),
    ("{{}}", ContentCode.EMPTY),
    ("{{   }}", ContentCode.EMPTY),
    ("{{ n_states\n}}", ContentCode.SPLIT),
    ("{{\nn_states }}", ContentCode.SPLIT),
    ("{{ count_theme.\nmigration_data }}", ContentCode.SPLIT),
    ("{% if n_states %}", ContentCode.TAG),
    ("{%- for x in y -%}", ContentCode.TAG),
    ("{# a comment #}", ContentCode.TAG),
    ("%}", ContentCode.TAG),
    ("{{ n_states | upper }}", ContentCode.NOT_A_NAME),
    ("{{ n_states|round }}", ContentCode.NOT_A_NAME),
    ("{{ 7*7 }}", ContentCode.NOT_A_NAME),
    ("{{ n_states + 1 }}", ContentCode.NOT_A_NAME),
    ("{{ n_states() }}", ContentCode.NOT_A_NAME),
    ("{{ 'text' }}", ContentCode.NOT_A_NAME),
    ("{{ N_STATES }}", ContentCode.NOT_A_NAME),
    ("{{ n states }}", ContentCode.NOT_A_NAME),
    ("{{ count_theme.migration_data.x }}", ContentCode.NOT_A_NAME),
    ("{{ n_initiative }}", ContentCode.UNKNOWN_NAME),
    ("{{ count_state.XXX }}", ContentCode.UNKNOWN_NAME),
    ("}}", ContentCode.STRAY),
    ("}", ContentCode.STRAY),
    ("{", ContentCode.STRAY),
    ("a { b", ContentCode.STRAY),
]


@pytest.mark.parametrize(("written", "code"), MALFORMED)
def test_a_malformed_placeholder_stops_at_its_line_and_column(
    written: str, code: ContentCode
) -> None:
    text = f"# Title\n\nSome text,   {written} and the rest.\n"
    with pytest.raises(ContentError) as raised:
        render_section("intro", text, "es/introduction.md", _values())
    problems = raised.value.problems
    assert [p.code for p in problems] == [code]
    assert (problems[0].source, problems[0].line) == ("es/introduction.md", 3)
    start = written.lstrip("a ")
    assert problems[0].column == len("Some text,   ") + 1 + written.index(start)
    assert problems[0].written[0] == start[0]


def test_every_problem_of_a_file_is_reported_in_order() -> None:
    text = "# T\n\n{{ cycle }, {% if x %}\nok {{ n_states }} {{ n_initiative }}\n{{\nn_states}}\n"
    with pytest.raises(ContentError) as raised:
        substitute(text, _values(), "en/x.md")
    found = [(p.code, p.line, p.column, p.written) for p in raised.value.problems]
    assert found == [
        (ContentCode.UNCLOSED, 3, 1, "{{ cycle }"),
        (ContentCode.TAG, 3, 13, "{% if x %}"),
        (ContentCode.UNKNOWN_NAME, 4, 19, "{{ n_initiative }}"),
        (ContentCode.SPLIT, 5, 1, "{{⏎n_states}}"),
    ]


@pytest.mark.parametrize(
    ("written", "suggestion"),
    [
        ("{{ n_initiative }}", "{{ n_initiatives }}"),
        ("{{ count_state.mex }}", "{{ count_state.MEX }}"),
        ("{{ N_STATES }}", "{{ n_states }}"),
        ("{{ n_states | upper }}", "{{ n_states }}"),
        ("{ n_states }", "{{ n_states }}"),
        ("{{ cycle }", "{{ cycle }}"),
        ("{{ 7*7 }}", ""),
    ],
)
def test_a_close_name_is_suggested(written: str, suggestion: str) -> None:
    with pytest.raises(ContentError) as raised:
        substitute(written, _values(), "x.md")
    assert raised.value.problems[0].suggestion == suggestion


def test_escaped_braces_are_printed_and_do_not_stop_the_build() -> None:
    text = (
        "# T\n\nWrite \\{\\{ n_states \\}\\} for {{ n_states }}; a set \\{a, b\\}; "
        "\\\\{{ cycle }}.\n"
    )
    section = render_section("x", text, "x.md", _values())
    assert "Write {{ n_states }} for 3; a set {a, b}; \\2025." in str(section.body)


@given(st.text(alphabet="{}%#\\ \nabn_states.|", max_size=40))
def test_no_unescaped_brace_ever_reaches_the_text(text: str) -> None:
    """Whatever the braces, the text either stops the build or keeps only escaped braces."""
    try:
        result = substitute(text, {"n_states": "3"}, "x.md")
    except ContentError as error:
        assert error.problems and all(p.line for p in error.problems)
        return
    for index, char in enumerate(result):
        if char in "{}":
            backslashes = len(result[:index]) - len(result[:index].rstrip("\\"))
            assert backslashes % 2 == 1, result


def test_every_file_and_language_is_reported_together(tmp_path: Path) -> None:
    for lang in REPORT_LANGS:
        for key in ("presentation", "introduction", "methodology"):
            (tmp_path / lang).mkdir(exist_ok=True)
            (tmp_path / lang / f"{key}.md").write_text("# T\n\nText.\n", encoding="utf-8")
    (tmp_path / "es" / "introduction.md").write_text("# T\n\n{{ n_state }}\n", encoding="utf-8")
    (tmp_path / "en" / "methodology.md").write_text("# T\n\n{% x %}\n", encoding="utf-8")
    (tmp_path / "en" / "presentation.md").unlink()
    (tmp_path / "en" / "conclusions.md").write_bytes("# T\n\nConclusión\n".encode("latin-1"))
    with pytest.raises(ContentError) as raised:
        load_every_language(tmp_path, {"es": _values("es"), "en": _values("en")})
    found = [(p.code, Path(p.source).name, p.line) for p in raised.value.problems]
    assert found == [
        (ContentCode.UNKNOWN_NAME, "introduction.md", 3),
        (ContentCode.MISSING_FILE, "presentation.md", None),
        (ContentCode.TAG, "methodology.md", 3),
        (ContentCode.NOT_UTF8, "conclusions.md", 3),
    ]
    assert "n_initiatives" in raised.value.known


def test_a_file_saved_with_a_byte_order_mark_keeps_its_title(tmp_path: Path) -> None:
    for key in ("presentation", "introduction", "methodology"):
        (tmp_path / "es").mkdir(exist_ok=True)
        (tmp_path / "es" / f"{key}.md").write_bytes("\ufeff# Título\n\nTexto.\n".encode())
    sections = load_sections(tmp_path, "es", _values("es"))
    assert [section.title for section in sections] == ["Título"] * 3
