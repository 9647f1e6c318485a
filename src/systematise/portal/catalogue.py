"""The ``portal`` gettext catalogues: every word of the portal's pages.

``python -m systematise.portal.catalogue`` merges the messages marked with ``_()`` in
``src/systematise/portal/`` and ``templates/portal/`` into ``locale/<lang>/LC_MESSAGES/
portal.po`` for each language of the domain: new ones arrive untranslated (as themselves in
English, whose msgids they are); obsolete ones are dropped. The test suite fails while any
message is missing or untranslated in any language.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from systematise.i18n import DOMAIN_LANGS, catalogue_path
from systematise.resources import templates_dir

DOMAIN = "portal"
_FOLDER = Path(__file__).resolve().parent


def extract_messages() -> list[str]:
    """Every message of the portal, in order of appearance."""
    found: list[str] = []

    def add(messages: object) -> None:
        for _, message, _, _ in messages:  # type: ignore[attr-defined]
            if isinstance(message, tuple):
                message = message[0]
            if isinstance(message, str) and message not in found:
                found.append(message)

    for path in sorted(_FOLDER.glob("*.py")):
        add(extract_from_file("python", str(path), keywords={"_": None}))
    options = {"extensions": "jinja2.ext.i18n"}
    for path in sorted((templates_dir() / "portal").glob("*.j2")):
        add(extract_from_file("jinja2", str(path), options=options))
    return found


def update_catalogues() -> None:
    messages = extract_messages()
    for lang in DOMAIN_LANGS[DOMAIN]:
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
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as stream:
            write_po(stream, catalog, width=100, omit_header=False, sort_output=True)


if __name__ == "__main__":
    update_catalogues()
