"""Every text of the editor's cycle views exists in Spanish and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from systematise.i18n import catalogue_path
from systematise.resources import package_file, templates_dir
from systematise.schema.lang import Lang
from systematise.schema.problems import placeholders


def _extracted() -> list[str]:
    found: list[str | tuple[str, ...]] = []
    sources: list[Path] = [
        *sorted(package_file("cycle").glob("*.py")),
        package_file("cli", "cycle.py"),
    ]
    for path in sources:
        found.extend(m for _, m, _, _ in extract_from_file("python", path, keywords={"_": None}))
    template = templates_dir() / "status" / "status.html.j2"
    options = {"extensions": "jinja2.ext.i18n"}
    found.extend(m for _, m, _, _ in extract_from_file("jinja2", template, options=options))
    return [m for m in found if isinstance(m, str)]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_cycle_text_is_translated(lang: Lang) -> None:
    with catalogue_path("cycle", lang).open("rb") as stream:
        catalogue = read_po(stream, locale=lang)
    translated = {m.id: m.string for m in catalogue if isinstance(m.id, str) and not m.fuzzy}
    messages = _extracted()
    assert len(messages) > 30
    assert [m for m in messages if not translated.get(m)] == []
    for msgid, text in translated.items():
        assert isinstance(text, str)
        assert placeholders(msgid) == placeholders(text), msgid
