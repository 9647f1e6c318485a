"""Every problem code and every ``check`` message exists in Spanish and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from systematise.i18n import catalogue_path
from systematise.resources import package_file, templates_dir
from systematise.schema.problems import CATALOGUE, placeholders

_SOURCES = [
    *sorted(package_file("feedback").glob("*.py")),
    package_file("cli", "check.py"),
]


def _msgids() -> set[str]:
    found: set[str] = set()
    for path in _SOURCES:
        found.update(m for _, m, _, _ in extract_from_file("python", path) if isinstance(m, str))
    template = templates_dir() / "feedback" / "report.html.j2"
    options = {"extensions": "jinja2.ext.i18n"}
    extracted = extract_from_file("jinja2", template, options=options)
    found.update(m for _, m, _, _ in extracted if isinstance(m, str))
    return found


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_problem_code_has_both_languages_with_the_same_placeholders(code: str) -> None:
    message = CATALOGUE[code]
    assert message.es.strip() and message.en.strip()
    assert placeholders(message.es) == placeholders(message.en)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_check_message_is_translated(lang: str) -> None:
    with Path(catalogue_path("check", lang)).open("rb") as stream:  # type: ignore[arg-type]
        catalogue = read_po(stream, locale=lang)
    translated = {m.id: m.string for m in catalogue if m.id and not m.fuzzy}
    missing = sorted(msgid for msgid in _msgids() if not translated.get(msgid))
    assert missing == []
    for msgid, text in translated.items():
        assert isinstance(msgid, str) and isinstance(text, str)
        assert placeholders(msgid) == placeholders(text), msgid
