"""The ``cli`` gettext catalogues: the command line's help texts and the editors' errors.

Messages are marked with ``cli_text(...)`` in ``src/systematise/cli/``; ``make catalogs``
(:mod:`systematise.catalogs`) extracts them with every other domain and updates
``locale/{es,en}/LC_MESSAGES/cli.po``. The test suite fails while any message is missing or
untranslated.
"""

from __future__ import annotations

from systematise import catalogs

DOMAIN = "cli"


def extract_messages() -> list[str]:
    """Every message of the command line, in order of appearance."""
    return [str(message.id) for message in catalogs.extract(DOMAIN) if message.id]


def update_catalogues() -> None:
    catalogs.update(DOMAIN)


if __name__ == "__main__":
    update_catalogues()
