"""Placeholders in the editors' Markdown, and every brace that is not one, as problems.

A placeholder is ``{{ name }}``: two opening braces, a name (spaces around it optional), two
closing braces, all on one line. Every other brace is a mistake to report, never text to print:
``{{ x }``, ``{ x }}``, ``{ x }``, ``{{{ x }}}``, ``{{}}``, a placeholder split over lines, a
``{% tag %}`` or ``{# comment #}`` of a template language, a filter or an expression where only
a name is allowed (``{{ n | upper }}``, ``{{ 7*7 }}``), a brace alone. A brace the text really
needs is escaped with a backslash, ``\\{`` and ``\\}``: Markdown's own escape, which the report
prints as the brace alone.

:func:`scan` only reads the syntax; :mod:`systematise.wording.editorial` looks the names up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class ContentCode(StrEnum):
    """Every kind of problem an editorial file can have."""

    MISSING_FILE = "missing_file"
    NOT_UTF8 = "not_utf8"
    NO_TITLE = "no_title"
    UNKNOWN_NAME = "unknown_name"
    NOT_A_NAME = "not_a_name"
    EMPTY = "empty"
    BRACES = "braces"
    UNCLOSED = "unclosed"
    SPLIT = "split"
    TAG = "tag"
    STRAY = "stray"


@dataclass(frozen=True)
class ContentProblem:
    """One problem in ``source`` (``es/introduction.md``), at a line and column when it has one.

    ``written`` is the text as the editor wrote it (shortened when long); ``suggestion`` the
    placeholder they probably meant (``{{ n_states }}``), when one is close.
    """

    code: ContentCode
    source: str
    line: int | None = None
    column: int | None = None
    written: str = ""
    suggestion: str = ""


class ContentError(Exception):
    """Editorial text that cannot be used; ``problems`` lists each problem found.

    ``known`` holds the placeholder names an editor may use, to be listed with the problems.
    """

    def __init__(self, problems: Sequence[ContentProblem], known: Sequence[str] = ()) -> None:
        self.problems = tuple(problems)
        self.known = tuple(known)
        super().__init__(self._plain())

    def _plain(self) -> str:
        lines = []
        for problem in self.problems:
            place = problem.source
            if problem.line is not None:
                place += f", line {problem.line}, column {problem.column}"
            hint = f" (did you mean {problem.suggestion}?)" if problem.suggestion else ""
            lines.append(f"{place}: {problem.code} {problem.written}{hint}".rstrip())
        if self.known:
            lines.append(f"Known names: {', '.join(self.known)}")
        return "\n".join(lines)


class ContentProblems:
    """The problems of several texts gathered, to be raised together as one ContentError::

    gathered = ContentProblems()
    for text in texts:
        with gathered:
            use(text)
    gathered.raise_any()
    """

    def __init__(self) -> None:
        self.problems: list[ContentProblem] = []
        self.known: tuple[str, ...] = ()

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> bool:
        if not isinstance(error, ContentError):
            return False
        self.problems += error.problems
        self.known = self.known or error.known
        return True

    def raise_any(self) -> None:
        if self.problems:
            raise ContentError(self.problems, self.known)


@dataclass(frozen=True)
class Placeholder:
    """A well-formed ``{{ name }}`` at ``start:end`` of the text (the name not yet looked up)."""

    start: int
    end: int
    name: str
    line: int
    column: int
    written: str


#: A name, or a name and a key: ``n_states``, ``count_state.MEX``, ``count_gcm.1``.
NAME = re.compile(r"[a-z_]+(?:\.[A-Za-z0-9_]+)?")
#: What a placeholder split over lines may hold between its braces.
_SPLIT_INSIDE = re.compile(r"[\w.\s]*")
#: A backslash escape (skipped whole) or a brace.
_BRACE = re.compile(r"\\.|[{}]")
_SHOWN_CHARS = 60


def _shortened(written: str) -> str:
    """``written`` on one line (a line break shown as ⏎) and at most 60 characters."""
    written = written.strip().replace("\n", "⏎")
    return written if len(written) <= _SHOWN_CHARS else written[: _SHOWN_CHARS - 1] + "…"


def _run_end(text: str, start: int, char: str) -> int:
    """The end of the run of ``char`` starting at ``start``."""
    end = start
    while end < len(text) and text[end] == char:
        end += 1
    return end


def _read_braces(text: str, start: int) -> tuple[int, ContentCode | None, str]:
    """What starts at the brace at ``start``: its end, its problem (None for a placeholder) and,
    for a placeholder, the name between its braces. A tag's closing ``%}`` or ``#}`` met alone
    is a tag problem too (``scan`` shows it with its ``%``)."""
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    if text.startswith("{{", start):
        return _read_placeholder(text, start, line_end)
    if text[start] == "{" and text[start + 1 : start + 2] in ("%", "#"):
        close = text.find(text[start + 1] + "}", start + 2, line_end)
        return (close + 2 if close != -1 else line_end), ContentCode.TAG, ""
    if text[start] == "{":
        close = text.find("}", start + 1, line_end)
        if close != -1 and "{" not in text[start + 1 : close]:
            return _run_end(text, close, "}"), ContentCode.BRACES, ""
        return start + 1, ContentCode.STRAY, ""
    code = ContentCode.TAG if text[start - 1 : start] in ("%", "#") else ContentCode.STRAY
    return _run_end(text, start, "}"), code, ""


def _read_placeholder(text: str, start: int, line_end: int) -> tuple[int, ContentCode | None, str]:
    inside_start = _run_end(text, start, "{")
    close = text.find("}}", inside_start, line_end)
    if close == -1:
        further = text.find("}}", inside_start)
        inside = text[inside_start:further]
        if further != -1 and _SPLIT_INSIDE.fullmatch(inside) and inside.count("\n") <= 2:
            return _run_end(text, further, "}"), ContentCode.SPLIT, ""
        return _unclosed_end(text, inside_start, line_end), ContentCode.UNCLOSED, ""
    inside = text[inside_start:close]
    if "{" in inside:  # not closed before the next opening brace
        end = _unclosed_end(text, inside_start, inside_start + inside.index("{"))
        return end, ContentCode.UNCLOSED, ""
    end = _run_end(text, close, "}")
    if inside_start - start != 2 or end - close != 2 or "}" in inside:
        return end, ContentCode.BRACES, ""
    name = inside.strip()
    if not name:
        return end, ContentCode.EMPTY, ""
    if not NAME.fullmatch(name):
        return end, ContentCode.NOT_A_NAME, ""
    return end, None, name


def _unclosed_end(text: str, inside_start: int, limit: int) -> int:
    """Where a placeholder without its ``}}`` ends: after a single ``}`` (``{{ x }``), else at
    ``limit`` (the end of the line, or the next opening brace)."""
    brace = text.find("}", inside_start, limit)
    return _run_end(text, brace, "}") if brace != -1 else limit


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def scan(text: str, source: str) -> tuple[list[Placeholder], list[ContentProblem]]:
    """Every well-formed placeholder of ``text``, and a problem for every other brace."""
    placeholders: list[Placeholder] = []
    problems: list[ContentProblem] = []
    position = 0
    while (found := _BRACE.search(text, position)) is not None:
        start = found.start()
        if text[start] == "\\":
            position = found.end()
            continue
        end, code, name = _read_braces(text, start)
        if code == ContentCode.TAG and text[start] == "}":
            start -= 1
        line, column = _line_and_column(text, start)
        written = _shortened(text[start:end])
        if code is None:
            placeholders.append(Placeholder(start, end, name, line, column, written))
        else:
            problems.append(ContentProblem(code, source, line, column, written))
        position = max(end, start + 1)
    return placeholders, problems
