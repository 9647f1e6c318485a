"""The ``report`` gettext catalogues: which messages the code and templates use.

Messages are extracted with Babel from the report templates (Jinja2's extractor) and from the
Python modules that word the report (:mod:`systematise.wording`) and write it.
:func:`update_catalogues` merges them into ``locale/{es,en}/LC_MESSAGES/report.po`` (run
``python -m systematise.render.catalogue``):
new messages arrive untranslated in Spanish and as themselves in English (the msgids are
English), obsolete ones are dropped. The test suite fails while any message is missing or
untranslated.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from systematise.i18n import catalogue_path
from systematise.resources import templates_dir
from systematise.schema.lang import REPORT_LANGS

DOMAIN = "report"
_PACKAGE = Path(__file__).resolve().parent.parent

#: Where report messages live: (folder, Babel method map).
SOURCES: tuple[tuple[Path, list[tuple[str, str]]], ...] = (
    (templates_dir() / "report", [("**.j2", "jinja2.ext:babel_extract")]),
    # docx.py words its own strings in the ``export`` domain and reuses report msgids via _r.
    (_PACKAGE / "render", [("docx.py", "ignore"), ("**.py", "python")]),
    (_PACKAGE / "wording", [("**.py", "python")]),
    (_PACKAGE, [("build.py", "python"), ("cli/build.py", "python")]),
)
_OPTIONS = {"**.j2": {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}}


def extract_messages() -> Catalog:
    """Every message the report uses, with the places it appears."""
    catalog = Catalog(domain=DOMAIN, project="systematise", charset="utf-8")
    for folder, method_map in SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
            folder, method_map, options_map=_OPTIONS
        ):
            catalog.add(
                message, None, [(filename, lineno)], auto_comments=comments, context=context
            )
    return catalog


def update_catalogues() -> None:
    """Merge the extracted messages into the Spanish and English catalogues."""
    template = extract_messages()
    for lang in REPORT_LANGS:
        path = catalogue_path(DOMAIN, lang)
        if path.is_file():
            with path.open("rb") as stream:
                catalog = read_po(stream, locale=lang, domain=DOMAIN)
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, project="systematise", charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        for message in catalog:
            if lang == "en" and message.id and not message.string:
                message.string = message.id
        catalog.revision_date = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
        catalog.creation_date = catalog.revision_date
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as stream:
            write_po(stream, catalog, width=100, sort_output=True, omit_header=False)


if __name__ == "__main__":
    update_catalogues()
