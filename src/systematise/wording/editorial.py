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
Any ``{{ ... }}`` that does not name a known figure, and any other brace (``{{ x }``, ``{% ... %}``,
a placeholder split over lines...; see :mod:`systematise.wording.placeholders`), stops the build
with the file, line and column and the list of known names, so that the text never disagrees
silently with the data and no brace reaches the report. ``\\{`` and ``\\}`` print a brace.

Markdown is rendered by markdown-it-py (CommonMark, tables on, raw HTML off). A file's first
level-1 heading is the section title; its ``##`` headings become subsections. Straight quotes
typed in the text come out as the language's quotation marks («» in Spanish, “” in English)
and apostrophes as ’.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from systematise.schema.lang import Lang
from systematise.wording.formatting import Formatter
from systematise.wording.placeholders import (
    ContentCode,
    ContentError,
    ContentProblem,
    ContentProblems,
    scan,
)
from systematise.wording.statistics import Overview

#: Editorial files, in the order they appear; the last ones are optional.
SECTIONS = ("presentation", "introduction", "methodology", "conclusions")
OPTIONAL_SECTIONS = frozenset({"conclusions"})
#: Sections placed after the chapters rather than before the overview.
CLOSING_SECTIONS = frozenset({"conclusions"})

__all__ = [
    "ContentCode",
    "ContentError",
    "ContentProblem",
    "Section",
    "figures",
    "load_every_language",
    "load_sections",
    "render_section",
    "substitute",
]

_COUNT_PREFIXES = {
    "count_state": "country",
    "count_theme": "thematic_area",
    "count_gcm": "gcm_objective",
    "count_stage": "migration_stage",
    "count_type": "initiative_type",
    "count_status": "status",
    "count_population": "target_population",
}


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


def known_names(values: dict[str, str]) -> list[str]:
    """The names an editor may use, as listed in messages: each plain name, each count prefix."""
    simple = sorted(name for name in values if "." not in name)
    return simple + [f"{prefix}.<code>" for prefix in _COUNT_PREFIXES]


def _suggestion(written: str, values: dict[str, str]) -> str:
    """The placeholder ``written`` most probably meant, if one is close (ignoring case): a known
    name written inside it (``{{ n_states | upper }}``), else the name closest to what it holds."""
    by_folded = {name.casefold(): name for name in values}
    words = re.findall(r"[A-Za-z_][\w.]*", written)
    known = [by_folded[word.casefold()] for word in words if word.casefold() in by_folded]
    inside = "".join(char for char in written if char not in "{}%# \t\n")
    close = difflib.get_close_matches(inside.casefold(), list(by_folded), n=1, cutoff=0.75)
    name = known[0] if known else by_folded[close[0]] if inside and close else ""
    return f"{{{{ {name} }}}}" if name else ""


def substitute(text: str, values: dict[str, str], source: str) -> str:
    """``text`` with every placeholder replaced; ContentError naming every problem otherwise."""
    placeholders, problems = scan(text, source)
    parts: list[str] = []
    position = 0
    for placeholder in placeholders:
        if placeholder.name in values:
            parts += [text[position : placeholder.start], values[placeholder.name]]
            position = placeholder.end
            continue
        problems.append(
            ContentProblem(
                ContentCode.UNKNOWN_NAME,
                source,
                placeholder.line,
                placeholder.column,
                placeholder.written,
            )
        )
    if problems:
        problems = [replace(p, suggestion=_suggestion(p.written, values)) for p in problems]
        problems.sort(key=lambda problem: (problem.line or 0, problem.column or 0))
        raise ContentError(problems, known_names(values))
    return "".join([*parts, text[position:]])


#: Quotation marks of each language, for straight quotes typed in the chapters (double, then
#: single): «» in Spanish (RAE), “” in English (United Nations); an apostrophe becomes ’.
QUOTES = {"es": "«»‘’", "en": "“”‘’"}


def _markdown(lang: Lang) -> MarkdownIt:
    """CommonMark with tables, no raw HTML, and typographic quotes in ``lang`` (only in text:
    never in code, link targets or attributes; no other typographic replacement)."""
    options = {"html": False, "typographer": True, "quotes": QUOTES[lang]}
    return MarkdownIt("commonmark", options).enable(["table", "smartquotes"])


def render_section(
    key: str, text: str, source: str, values: dict[str, str], lang: Lang = "es"
) -> Section:
    """One editorial file as a section: its ``#`` title and its body one heading level down."""
    md = _markdown(lang)
    tokens = md.parse(substitute(text, values, source))
    title = ""
    body_tokens = []
    skip_inline = False
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1" and not title:
            title = _plain(tokens[index + 1])
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
        raise ContentError([ContentProblem(ContentCode.NO_TITLE, source)])
    html = md.renderer.render(body_tokens, md.options, {})
    return Section(key=key, title=title, body=Markup(html))


def _plain(inline: Token) -> str:
    """An inline token's text after the typographic quotes (its ``content`` is the source)."""
    return "".join(child.content for child in inline.children or ()) or inline.content


def load_sections(content_dir: Path, lang: Lang, values: dict[str, str]) -> list[Section]:
    """The editorial sections of ``lang`` that exist, in report order.

    ContentError lists the problems of every file of the language, not only the first.
    """
    sections: list[Section] = []
    gathered = ContentProblems()
    for key in SECTIONS:
        path = content_dir / lang / f"{key}.md"
        if not path.is_file():
            if key not in OPTIONAL_SECTIONS:
                gathered.problems.append(ContentProblem(ContentCode.MISSING_FILE, str(path)))
            continue
        source = f"{lang}/{key}.md"
        with gathered:
            sections.append(render_section(key, _read(path, source), source, values, lang))
    gathered.raise_any()
    return sections


def load_every_language(
    content_dir: Path, values: Mapping[Lang, dict[str, str]]
) -> dict[Lang, list[Section]]:
    """The sections of each language of ``values``; ContentError lists the problems of all."""
    sections: dict[Lang, list[Section]] = {}
    gathered = ContentProblems()
    for lang, figures_of_lang in values.items():
        with gathered:
            sections[lang] = load_sections(content_dir, lang, figures_of_lang)
    gathered.raise_any()
    return sections


def _read(path: Path, source: str) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")  # Windows editors may write a BOM
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ContentError([ContentProblem(ContentCode.NOT_UTF8, source, line)]) from None
