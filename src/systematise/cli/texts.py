"""The command line's own words (help texts), in the language of the user's locale.

``SYSTEMATISE_LANG`` (``es`` or ``en``) chooses it; otherwise the usual locale variables
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``): a Spanish locale gives Spanish, anything else English.
The texts live in the ``cli`` gettext catalogues, like every other user-facing string.
"""

from __future__ import annotations

import os

from systematise.i18n import translations
from systematise.schema.lang import Lang


def cli_lang() -> Lang:
    for name in ("SYSTEMATISE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").strip().lower()
        if value:
            return "es" if value.startswith("es") else "en"
    return "en"


#: The gettext function of the ``cli`` domain (its own name, so extraction finds only these).
cli_text = translations("cli", cli_lang()).gettext
