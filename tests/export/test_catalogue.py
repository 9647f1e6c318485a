"""The export domain's messages, and the report messages the DOCX borrows, in both languages."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from systematise.i18n import catalogue_path
from systematise.resources import package_file
from systematise.schema.lang import Lang

SOURCES = [
    *sorted(package_file("export").glob("*.py")),
    *sorted(package_file("translations").glob("*.py")),
    package_file("render", "docx.py"),
]


def _extract(paths: list[Path], keywords: dict[str, None]) -> set[str]:
    found: set[str] = set()
    for path in paths:
        for _line, message, _comments, _context in extract_from_file(
            "python", path, keywords=keywords
        ):
            if isinstance(message, str):
                found.add(message)
    return found


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_export_message_is_translated(lang: Lang) -> None:
    with catalogue_path("export", lang).open("rb") as stream:
        catalogue = read_po(stream)
    messages = _extract(SOURCES, {"_": None, "both": None})
    assert messages
    for message in messages:
        entry = catalogue.get(message)
        assert entry is not None and entry.string, f"{lang}: {message!r}"
        assert _fields(str(entry.string)) == _fields(message), message
    assert list(catalogue.check()) == []


def test_report_messages_used_by_the_docx_exist_in_spanish() -> None:
    with catalogue_path("report", "es").open("rb") as stream:
        catalogue = read_po(stream)
    messages = _extract([package_file("render", "docx.py")], {"_r": None})
    assert len(messages) > 20
    for message in messages:
        entry = catalogue.get(message)
        assert entry is not None and entry.string, message
