"""Editors' Markdown: live figures by placeholder, unknown ones stop the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from systematise.render.editorial import ContentError, load_sections, render_section, substitute
from systematise.render.formatting import Formatter
from systematise.render.statistics import compute_overview
from systematise.schema.lang import REPORT_LANGS, Lang
from tests.render.fixture import fixture_dataset

PROJECT_CONTENT = Path(__file__).resolve().parents[2] / "content"


def _values(lang: Lang = "en") -> dict[str, str]:
    from systematise.render.editorial import figures

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
    with pytest.raises(ContentError, match="must start with"):
        render_section("x", "No title here.", "x.md", {})


@pytest.mark.parametrize("lang", REPORT_LANGS)
def test_the_project_content_uses_only_known_placeholders(lang: Lang) -> None:
    sections = load_sections(PROJECT_CONTENT, lang, _values(lang))
    keys = [section.key for section in sections]
    assert keys[:3] == ["presentation", "introduction", "methodology"]
    assert all("{{" not in str(section.body) for section in sections)


def test_a_missing_required_file_fails(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="presentation"):
        load_sections(tmp_path, "es", _values("es"))
