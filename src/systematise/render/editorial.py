"""The editors' chapters: trusted Markdown from ``content/<lang>/`` with live figures.

Placeholder syntax
------------------
``{{ name }}`` or ``{{ name.key }}`` (spaces inside the braces optional) is replaced by a figure
computed from the data, formatted for the report's locale:

- ``n_initiatives``, ``n_states``, ``n_institutions``, ``cycle``;
- ``count_state.<ISO3>`` (e.g. ``count_state.MEX``), ``count_theme.<code>``,
  ``count_gcm.<number>``, ``count_stage.<code>``, ``count_type.<code>``,
  ``count_status.<code>``, ``count_population.<code>``, with the vocabulary codes of
  ``schemas/vocabularies/`` (e.g. ``count_theme.migration_data``).

Nothing else is evaluated: this is a lookup in a table of figures, not a template language.
Any ``{{ ... }}`` that does not name a known figure stops the build with the file, line and the
list of known names, so that the text never disagrees silently with the data.

Markdown is rendered by markdown-it-py (CommonMark, tables on, raw HTML off). A file's first
level-1 heading is the section title; its ``##`` headings become subsections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markupsafe import Markup

from systematise.render.formatting import Formatter
from systematise.render.statistics import Overview
from systematise.schema.lang import Lang

#: Editorial files, in the order they appear; the last ones are optional.
SECTIONS = ("presentation", "introduction", "methodology", "conclusions")
OPTIONAL_SECTIONS = frozenset({"conclusions"})
#: Sections placed after the chapters rather than before the overview.
CLOSING_SECTIONS = frozenset({"conclusions"})

_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
_NAME = re.compile(r"^[a-z_]+(?:\.[A-Za-z0-9_]+)?$")

_COUNT_PREFIXES = {
    "count_state": "country",
    "count_theme": "thematic_area",
    "count_gcm": "gcm_objective",
    "count_stage": "migration_stage",
    "count_type": "initiative_type",
    "count_status": "status",
    "count_population": "target_population",
}


class ContentError(Exception):
    """An editorial file cannot be used (missing, or an unknown placeholder)."""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    body: Markup


def figures(overview: Overview, cycle: str, formatter: Formatter) -> dict[str, str]:
    """Every placeholder name and its formatted value."""
    values = {
        "n_initiatives": formatter.number(overview.n_initiatives),
        "n_states": formatter.number(overview.n_states),
        "n_institutions": formatter.number(overview.n_institutions),
        "cycle": cycle,
    }
    for prefix, dimension in _COUNT_PREFIXES.items():
        for code, count in overview.counts[dimension].items():
            values[f"{prefix}.{code}"] = formatter.number(count)
    return values


def substitute(text: str, values: dict[str, str], source: str) -> str:
    """``text`` with every placeholder replaced; ContentError on any unknown one."""
    unknown: list[str] = []

    def replace(found: re.Match[str]) -> str:
        name = found.group(1).strip()
        if _NAME.match(name) and name in values:
            return values[name]
        line = text.count("\n", 0, found.start()) + 1
        unknown.append(f"{source}, line {line}: unknown placeholder {found.group(0)}")
        return found.group(0)

    result = _PLACEHOLDER.sub(replace, text)
    if unknown:
        simple = sorted(name for name in values if "." not in name)
        raise ContentError(
            "\n".join(unknown)
            + f"\nKnown names: {', '.join(simple)}, and "
            + ", ".join(f"{prefix}.<code>" for prefix in _COUNT_PREFIXES)
        )
    return result


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


def render_section(key: str, text: str, source: str, values: dict[str, str]) -> Section:
    """One editorial file as a section: its ``#`` title and its body one heading level down."""
    md = _markdown()
    tokens = md.parse(substitute(text, values, source))
    title = ""
    body_tokens = []
    skip_inline = False
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1" and not title:
            title = tokens[index + 1].content
            skip_inline = True
            continue
        if skip_inline:
            if token.type == "heading_close":
                skip_inline = False
            continue
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
        body_tokens.append(token)
    if not title:
        raise ContentError(f"{source}: the file must start with a '# Title' line")
    html = md.renderer.render(body_tokens, md.options, {})
    return Section(key=key, title=title, body=Markup(html))


def load_sections(content_dir: Path, lang: Lang, values: dict[str, str]) -> list[Section]:
    """The editorial sections of ``lang`` that exist, in report order."""
    sections: list[Section] = []
    for key in SECTIONS:
        path = content_dir / lang / f"{key}.md"
        if not path.is_file():
            if key in OPTIONAL_SECTIONS:
                continue
            raise ContentError(f"missing editorial file {lang}/{key}.md in the content folder")
        source = f"{lang}/{key}.md"
        sections.append(render_section(key, path.read_text(encoding="utf-8"), source, values))
    return sections
