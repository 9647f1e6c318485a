"""The ``report`` gettext catalogues: which messages the code and templates use.

Messages are extracted with Babel from the report templates (Jinja2's extractor) and from the
Python modules that word the report (:mod:`systematise.wording`) and write it, as listed in
``make catalogs``' one extraction table (:data:`systematise.catalogs.SOURCES`).
:func:`update_catalogues` merges them into ``locale/{es,en}/LC_MESSAGES/report.po`` (run
``python -m systematise.render.catalogue``, or ``make catalogs`` for every domain):
new messages arrive untranslated in Spanish and as themselves in English (the msgids are
English), obsolete ones are dropped. The test suite fails while any message is missing or
untranslated.
"""

from __future__ import annotations

from babel.messages.catalog import Catalog

from systematise import catalogs

DOMAIN = "report"


def extract_messages() -> Catalog:
    """Every message the report uses, with the places it appears."""
    return catalogs.extract(DOMAIN)


def update_catalogues() -> None:
    """Merge the extracted messages into the Spanish and English catalogues."""
    catalogs.update(DOMAIN)


if __name__ == "__main__":
    update_catalogues()
