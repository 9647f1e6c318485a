"""What is wrong in a settings file, as values: a code, the key, its line, and what helps fix it.

:func:`decode_problem` reads a TOML syntax error; :func:`validation_problems` reads Pydantic's
errors and places each at the line of ``systematise.toml`` that holds its key (or the nearest
table above it), with a suggestion for a misspelt key or value. The texts of the codes live in
the ``cli`` catalogues (:mod:`systematise.cli.messages`); ``str(ConfigError)`` is a plain English
line per problem for logs and tests.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError


class SettingsCode(StrEnum):
    """Every kind of problem a settings file can have."""

    UNREADABLE = "unreadable"
    NOT_UTF8 = "not_utf8"
    TOML_VALUE = "toml_value"
    TOML_TWICE = "toml_twice"
    TOML_HEADER = "toml_header"
    TOML_STRING = "toml_string"
    TOML_DATE = "toml_date"
    TOML_KEY = "toml_key"
    TOML_BACKSLASH = "toml_backslash"
    TOML_SYNTAX = "toml_syntax"
    UNKNOWN_SECTION = "unknown_section"
    UNKNOWN_KEY = "unknown_key"
    MISSING_KEY = "missing_key"
    NOT_TEXT = "not_text"
    NOT_DATE = "not_date"
    NOT_WHOLE_NUMBER = "not_whole_number"
    NOT_NUMBER = "not_number"
    NOT_BOOLEAN = "not_boolean"
    TOO_SMALL = "too_small"
    AT_LEAST = "at_least"
    TOO_LARGE = "too_large"
    AT_MOST = "at_most"
    NOT_TABLE = "not_table"
    NOT_ONE_OF = "not_one_of"
    UNKNOWN_LOCALE = "unknown_locale"
    LOCALE_LANGUAGE = "locale_language"
    # A logo of [report.logos] (systematise.logos.LogoCode, same values), or too many of them.
    LOGO_NOT_LOCAL = "logo_not_local"
    LOGO_OUTSIDE = "logo_outside"
    LOGO_MISSING = "logo_missing"
    LOGO_TOO_LARGE = "logo_too_large"
    LOGO_NOT_IMAGE = "logo_not_image"
    LOGO_UNSAFE_SVG = "logo_unsafe_svg"
    LOGO_COUNT = "logo_count"
    INVALID = "invalid"


@dataclass(frozen=True)
class SettingsProblem:
    """One problem: ``key`` is the dotted key (``report.cycle``), empty for syntax errors.

    ``params`` fill the code's message (``value``, ``options``, ``lang``...); ``suggestion`` is
    what the editor probably meant (a key or value), ``section`` the table where a key given in
    the wrong table belongs.
    """

    code: SettingsCode
    key: str = ""
    line: int | None = None
    column: int | None = None
    params: Mapping[str, str] = field(default_factory=dict)
    suggestion: str = ""
    section: str = ""


class ConfigError(Exception):
    """The settings file cannot be used; ``problems`` lists every problem found in it."""

    def __init__(self, path: Path, problems: Sequence[SettingsProblem]) -> None:
        self.path = path
        self.problems = tuple(problems)
        super().__init__(self._plain())

    def _plain(self) -> str:
        lines = [f"{self.path}: {len(self.problems)} problem(s)"]
        for problem in self.problems:
            place = f"line {problem.line}" if problem.line else "file"
            details = ", ".join(f"{name}={value!r}" for name, value in problem.params.items())
            hint = f" (did you mean {problem.suggestion}?)" if problem.suggestion else ""
            lines.append(f"  {place}: {problem.key or '-'}: {problem.code}: {details}{hint}")
        return "\n".join(lines)


class ProjectNotFoundError(Exception):
    """No settings file in the folder a command was run from, nor in any folder above it."""

    def __init__(self, start: Path) -> None:
        self.start = start
        super().__init__(f"no systematise.toml in {start} or any folder above it")


# --- TOML syntax --------------------------------------------------------------------------

_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_CODES = (
    ("Invalid value", SettingsCode.TOML_VALUE),
    ("Expected newline or end of document", SettingsCode.TOML_VALUE),
    ("Cannot overwrite", SettingsCode.TOML_TWICE),
    ("Cannot declare", SettingsCode.TOML_TWICE),
    ("Cannot redefine", SettingsCode.TOML_TWICE),
    ("Cannot mutate", SettingsCode.TOML_TWICE),
    ("Duplicate inline table key", SettingsCode.TOML_TWICE),
    ("Expected ']", SettingsCode.TOML_HEADER),
    ("Unterminated string", SettingsCode.TOML_STRING),
    ("Illegal character '\\n'", SettingsCode.TOML_STRING),
    ("Invalid date", SettingsCode.TOML_DATE),
    ("Expected '='", SettingsCode.TOML_KEY),
    ("Invalid statement", SettingsCode.TOML_KEY),
    ("Invalid initial character for a key", SettingsCode.TOML_KEY),
    ("Unescaped '\\'", SettingsCode.TOML_BACKSLASH),
)


def decode_problem(error: tomllib.TOMLDecodeError) -> SettingsProblem:
    """The syntax error, at its line and column, with tomllib's own words as ``detail``."""
    text = str(error)
    found = _POSITION.search(text)
    detail = _POSITION.sub("", text)
    code = next((code for start, code in _TOML_CODES if detail.startswith(start)), None)
    return SettingsProblem(
        code=code or SettingsCode.TOML_SYNTAX,
        line=int(found.group(1)) if found else None,
        column=int(found.group(2)) if found else None,
        params={"detail": detail},
    )


def encoding_problem(text: bytes, error: UnicodeDecodeError) -> SettingsProblem:
    return SettingsProblem(code=SettingsCode.NOT_UTF8, line=text.count(b"\n", 0, error.start) + 1)


# --- where each key is written ------------------------------------------------------------

_HEADER = re.compile(r"^\s*\[\[?\s*([^\[\]#]+?)\s*\]\]?\s*(?:#.*)?$")
_PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_KEY = re.compile(rf"^\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")
_MULTILINE_QUOTES = ('"""', "'''")


def _key_parts(dotted: str) -> tuple[str, ...]:
    parts = re.findall(_PART, dotted)
    return tuple(part.strip("\"'") for part in parts)


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The line (1-based) where each table and key of a TOML text is first written.

    A plain line scanner (tomllib keeps no positions): table headers set the current table,
    ``key =`` lines add the key under it; the insides of multi-line strings are skipped.
    """
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    open_quote = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if open_quote:
            if line.count(open_quote) % 2 == 1:
                open_quote = ""
            continue
        header = _HEADER.match(line)
        if header:
            table = _key_parts(header.group(1))
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            parts = _key_parts(key.group(1))
            for end in range(1, len(parts) + 1):  # a dotted key also opens its tables
                lines.setdefault((*table, *parts[:end]), number)
        open_quote = next((q for q in _MULTILINE_QUOTES if line.count(q) % 2 == 1), "")
    return lines


def line_of(location: Sequence[str], lines: Mapping[tuple[str, ...], int]) -> int | None:
    """The line of the key at ``location``, else of the nearest table holding it."""
    for end in range(len(location), 0, -1):
        if tuple(location[:end]) in lines:
            return lines[tuple(location[:end])]
    return None


# --- Pydantic's errors as problems --------------------------------------------------------


def _section_model(root: type[BaseModel], location: Sequence[str]) -> type[BaseModel] | None:
    """The model of the table at ``location`` (``()`` is the whole file)."""
    model: type[BaseModel] | None = root
    for part in location:
        if model is None or part not in model.model_fields:
            return None
        model = _model_of(model.model_fields[part].annotation)
    return model


def _model_of(annotation: Any) -> type[BaseModel] | None:
    candidates = typing.get_args(annotation) if _is_union(annotation) else (annotation,)
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _is_union(annotation: Any) -> bool:
    return isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union


def _options(root: type[BaseModel], location: Sequence[str]) -> list[str]:
    """The values a Literal-typed key accepts."""
    model = _section_model(root, location[:-1])
    if model is None or location[-1] not in model.model_fields:
        return []
    return [str(option) for option in typing.get_args(model.model_fields[location[-1]].annotation)]


def _closest(word: str, choices: Sequence[str]) -> str:
    """The choice ``word`` was most probably meant to be, ignoring case; empty if none is close."""
    by_folded = {choice.casefold(): choice for choice in choices}
    found = difflib.get_close_matches(word.casefold(), list(by_folded), n=1, cutoff=0.6)
    return by_folded[found[0]] if found else ""


def _shown(value: Any) -> str:
    """A value as it reads in the settings file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _unknown_key(root: type[BaseModel], location: Sequence[str]) -> SettingsProblem:
    key, table = location[-1], tuple(location[:-1])
    model = _section_model(root, table)
    known = list(model.model_fields) if model else []
    if not table:
        return SettingsProblem(
            SettingsCode.UNKNOWN_SECTION, key=key, suggestion=_closest(key, known)
        )
    problem = SettingsProblem(
        SettingsCode.UNKNOWN_KEY, key=".".join(location), suggestion=_closest(key, known)
    )
    if not problem.suggestion:
        elsewhere = _table_holding(root, key)
        if elsewhere:
            return SettingsProblem(
                SettingsCode.UNKNOWN_KEY, key=problem.key, suggestion=key, section=elsewhere
            )
    return problem


def _table_holding(root: type[BaseModel], key: str, table: tuple[str, ...] = ()) -> str:
    """The first table (``report``, ``report.title``) whose model has ``key``, if any."""
    model = _section_model(root, table)
    if model is None:
        return ""
    if key in model.model_fields and table:
        return ".".join(table)
    for name in model.model_fields:
        if _model_of(model.model_fields[name].annotation) is not None:
            found = _table_holding(root, key, (*table, name))
            if found:
                return found
    return ""


_TYPE_CODES = {
    "string_type": SettingsCode.NOT_TEXT,
    "path_type": SettingsCode.NOT_TEXT,
    "int_type": SettingsCode.NOT_WHOLE_NUMBER,
    "int_parsing": SettingsCode.NOT_WHOLE_NUMBER,
    "int_from_float": SettingsCode.NOT_WHOLE_NUMBER,
    "float_type": SettingsCode.NOT_NUMBER,
    "float_parsing": SettingsCode.NOT_NUMBER,
    "finite_number": SettingsCode.NOT_NUMBER,
    "bool_type": SettingsCode.NOT_BOOLEAN,
    "bool_parsing": SettingsCode.NOT_BOOLEAN,
    "model_type": SettingsCode.NOT_TABLE,
    "model_attributes_type": SettingsCode.NOT_TABLE,
    "dict_type": SettingsCode.NOT_TABLE,
}


#: Pydantic's bound errors: the code and the name of the bound in the error's context.
_BOUND_CODES = {
    "greater_than": (SettingsCode.TOO_SMALL, "gt"),
    "greater_than_equal": (SettingsCode.AT_LEAST, "ge"),
    "less_than": (SettingsCode.TOO_LARGE, "lt"),
    "less_than_equal": (SettingsCode.AT_MOST, "le"),
}


def _problem(root: type[BaseModel], item: Mapping[str, Any]) -> SettingsProblem:
    location = [str(part) for part in item["loc"]]
    kind: str = item["type"]
    key = ".".join(location)
    value = item.get("input")
    context: Mapping[str, Any] = item.get("ctx") or {}
    if kind == "extra_forbidden":
        return _unknown_key(root, location)
    if kind == "missing":
        return SettingsProblem(SettingsCode.MISSING_KEY, key=key, params={"name": location[-1]})
    if kind in _TYPE_CODES:
        params = {"value": _shown(value)}
        if _TYPE_CODES[kind] == SettingsCode.NOT_TEXT:
            typed = "…" if isinstance(value, dict | list) else _shown(value).strip('"')
            params["example"] = f'{location[-1]} = "{typed}"'
        return SettingsProblem(_TYPE_CODES[kind], key=key, params=params)
    if kind.startswith("date"):
        return SettingsProblem(SettingsCode.NOT_DATE, key=key, params={"value": _shown(value)})
    if kind in _BOUND_CODES:
        code, bound = _BOUND_CODES[kind]
        params = {"value": _shown(value), "limit": _shown(context.get(bound, ""))}
        return SettingsProblem(code, key=key, params=params)
    if kind == "literal_error":
        options = _options(root, location)
        return SettingsProblem(
            SettingsCode.NOT_ONE_OF,
            key=key,
            params={"value": _shown(value), "options": ", ".join(f'"{o}"' for o in options)},
            suggestion=_closest(str(value), options),
        )
    if kind in (SettingsCode.UNKNOWN_LOCALE, SettingsCode.LOCALE_LANGUAGE):
        return SettingsProblem(
            SettingsCode(kind),
            key=key,
            params={
                "value": _shown(value),
                "lang": location[-1],
                "examples": str(context.get("examples", "")),
            },
            suggestion=str(context.get("suggestion", "")),
        )
    return SettingsProblem(
        SettingsCode.INVALID, key=key, params={"value": _shown(value), "detail": item["msg"]}
    )


def validation_problems(
    root: type[BaseModel], error: ValidationError, text: str
) -> list[SettingsProblem]:
    """Each of Pydantic's errors as a problem at the line of ``text`` that holds its key."""
    lines = key_lines(text)
    problems = [
        replace(_problem(root, item), line=line_of([str(part) for part in item["loc"]], lines))
        for item in error.errors()
    ]
    return sorted(problems, key=lambda problem: problem.line or 0)
