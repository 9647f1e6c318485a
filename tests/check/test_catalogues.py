"""Every ``check`` message (problem codes, console, feedback pages) exists in every focal-point
language, with its plural forms."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from systematise.feedback.texts import counts_text
from systematise.i18n import catalogue_path
from systematise.resources import package_file, templates_dir
from systematise.schema.lang import FOCAL_LANGS, FocalLang
from systematise.schema.problems import CATALOGUE, placeholders

_SOURCES = [
    package_file("schema", "problems.py"),
    *sorted(package_file("feedback").glob("*.py")),
    package_file("cli", "check.py"),
]


def _extracted() -> list[str | tuple[str, ...]]:
    found: list[str | tuple[str, ...]] = []
    for path in _SOURCES:
        found.extend(m for _, m, _, _ in extract_from_file("python", path))
    template = templates_dir() / "feedback" / "report.html.j2"
    options = {"extensions": "jinja2.ext.i18n"}
    found.extend(m for _, m, _, _ in extract_from_file("jinja2", template, options=options))
    return found


def _msgids() -> set[str]:
    return {m for m in _extracted() if isinstance(m, str)}


def _plural_msgids() -> set[tuple[str, str]]:
    """(singular, plural) of every ``ngettext`` call."""
    return {(m[0], m[1]) for m in _extracted() if isinstance(m, tuple) and len(m) >= 2}


def test_every_problem_message_is_extracted() -> None:
    assert {message.msgid for message in CATALOGUE.values()} <= _msgids()


@pytest.mark.parametrize("lang", FOCAL_LANGS)
def test_every_check_message_is_translated(lang: str) -> None:
    with Path(catalogue_path("check", lang)).open("rb") as stream:  # type: ignore[arg-type]
        catalogue = read_po(stream, locale=lang)
    translated = {m.id: m.string for m in catalogue if m.id and not m.fuzzy}
    missing = sorted(msgid for msgid in _msgids() if not translated.get(msgid))
    assert missing == []
    for msgid, text in translated.items():
        if isinstance(msgid, tuple):
            continue  # plural forms: checked below
        assert isinstance(msgid, str) and isinstance(text, str)
        assert placeholders(msgid) == placeholders(text), msgid


@pytest.mark.parametrize("lang", FOCAL_LANGS)
def test_every_count_has_both_plural_forms(lang: str) -> None:
    with Path(catalogue_path("check", lang)).open("rb") as stream:  # type: ignore[arg-type]
        catalogue = read_po(stream, locale=lang)
    plurals = {
        (m.id[0], m.id[1]): m.string for m in catalogue if isinstance(m.id, tuple) and not m.fuzzy
    }
    wanted = _plural_msgids()
    assert {("{count} error", "{count} errors"), ("error", "errors")} <= wanted
    missing = sorted(pair for pair in wanted if pair not in plurals)
    assert missing == []
    for (singular, plural), forms in plurals.items():
        assert isinstance(forms, tuple) and len(forms) == 2 and all(forms), singular
        assert placeholders(forms[0]) == placeholders(singular), singular
        assert placeholders(forms[1]) == placeholders(plural), plural


@pytest.mark.parametrize(
    ("lang", "counts", "expected"),
    [
        ("en", (1, 1, 0), "1 error, 1 warning"),
        ("en", (2, 0, 3), "2 errors, 0 warnings, 3 notes"),
        ("es", (1, 1, 1), "1 error, 1 advertencia, 1 nota"),
        ("es", (2, 3, 0), "2 errores, 3 advertencias"),
        ("es", (0, 0, 0), "0 errores, 0 advertencias"),
        ("pt", (1, 2, 0), "1 erro, 2 avisos"),
        ("fr", (0, 1, 2), "0 erreur, 1 avertissement, 2 notes"),
        ("fr", (2, 0, 0), "2 erreurs, 0 avertissement"),
    ],
)
def test_counts_use_plural_forms(
    lang: FocalLang, counts: tuple[int, int, int], expected: str
) -> None:
    assert counts_text(*counts, lang) == expected
