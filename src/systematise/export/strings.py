"""The export domain's user-facing strings, in both report languages at once.

Open data and the translators' workbook speak to both audiences in one file, so a message is
fetched in Spanish and English together. Messages are written in English (the msgid) and live in
``locale/<lang>/LC_MESSAGES/export.po``.
"""

from __future__ import annotations

from systematise.i18n import translations
from systematise.schema.lang import Lang

DOMAIN = "export"


def gettext(message: str, lang: Lang) -> str:
    text: str = translations(DOMAIN, lang).gettext(message)
    return text


def both(message: str, **params: object) -> tuple[str, str]:
    """(Spanish, English) text of ``message``, with ``params`` filled in."""
    return gettext(message, "es").format(**params), gettext(message, "en").format(**params)


def _(message: str) -> str:
    """Marks a message for extraction; the text is looked up later in each language."""
    return message
