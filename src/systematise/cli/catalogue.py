"""The ``cli`` gettext catalogues: the command line's help texts.

``python -m systematise.cli.catalogue`` merges the messages marked with ``cli_text(...)`` in
``src/systematise/cli/`` into ``locale/{es,en}/LC_MESSAGES/cli.po``: new ones arrive untranslated
in Spanish and as themselves in English (the msgids are English); obsolete ones are dropped.
The test suite fails while any message is missing or untranslated.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from systematise.i18n import catalogue_path
from systematise.schema.lang import REPORT_LANGS

DOMAIN = "cli"
KEYWORDS: dict[str, None] = {"cli_text": None}
_FOLDER = Path(__file__).resolve().parent


def extract_messages() -> list[str]:
    """Every help text of the command line, in order of appearance."""
    found: list[str] = []
    for path in sorted(_FOLDER.glob("*.py")):
        for _, message, _, _ in extract_from_file("python", str(path), keywords=KEYWORDS):
            if isinstance(message, str) and message not in found:
                found.append(message)
    return found


def update_catalogues() -> None:
    messages = extract_messages()
    for lang in REPORT_LANGS:
        path = catalogue_path(DOMAIN, lang)
        known: dict[str, str] = {}
        if path.is_file():
            with path.open("rb") as stream:
                known = {
                    m.id: m.string
                    for m in read_po(stream)
                    if isinstance(m.id, str) and isinstance(m.string, str)
                }
        catalog = Catalog(locale=lang, domain=DOMAIN, project="systematise", charset="utf-8")
        for message in messages:
            default = message if lang == "en" else ""
            catalog.add(message, known.get(message) or default)
        with path.open("wb") as stream:
            write_po(stream, catalog, width=100, omit_header=False, sort_output=True)


if __name__ == "__main__":
    update_catalogues()
