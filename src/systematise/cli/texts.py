"""The command line's own words (help texts), in the language of the user's locale.

``SYSTEMATISE_LANG`` (``es``, ``en``, ``pt`` or ``fr``) chooses it; otherwise the usual locale
variables (``LC_ALL``, ``LC_MESSAGES``, ``LANG``). The command line's own words exist in the
report languages: a Spanish or Portuguese locale gives Spanish, anything else English; what
``check`` tells a focal point is in their own language (:func:`user_lang`).
The texts live in the ``cli`` gettext catalogues, like every other user-facing string.
"""

from __future__ import annotations

import os

from systematise.i18n import translations
from systematise.schema.lang import FocalLang, Lang, is_focal_lang, report_lang


def user_lang() -> FocalLang:
    """The user's focal-point language from the environment (English when none is known)."""
    for name in ("SYSTEMATISE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").strip().lower()
        if value:
            code = value[:2]
            return code if is_focal_lang(code) else "en"
    return "en"


def cli_lang() -> Lang:
    """The command line's language: the report language nearest the user's."""
    return report_lang(user_lang())


#: The gettext function of the ``cli`` domain (its own name, so extraction finds only these).
cli_text = translations("cli", cli_lang()).gettext
