"""The command line's help exists in Spanish and English."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from systematise.cli.catalogue import extract_messages
from systematise.i18n import catalogue_path
from systematise.schema.lang import Lang
from systematise.schema.problems import placeholders


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_help_text_is_translated(lang: Lang) -> None:
    with catalogue_path("cli", lang).open("rb") as stream:
        catalogue = read_po(stream, locale=lang)
    translated = {m.id: m.string for m in catalogue if isinstance(m.id, str) and not m.fuzzy}
    messages = extract_messages()
    assert len(messages) > 20
    assert [m for m in messages if not translated.get(m)] == []
    for msgid, text in translated.items():
        assert isinstance(text, str)
        assert placeholders(msgid) == placeholders(text), msgid


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("es", "Revisa los libros enviados"), ("en", "Check submitted workbooks")],
)
def test_help_follows_the_locale(lang: str, expected: str) -> None:
    environment = {**os.environ, "SYSTEMATISE_LANG": lang, "COLUMNS": "200"}
    shown = subprocess.run(
        [sys.executable, "-m", "systematise", "--help"],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    ).stdout
    assert expected in shown
