"""gettext translations for user-facing strings, one catalogue domain per area.

Domains: ``check`` (console and feedback pages of ``systematise check``), ``report`` (the report
in every format, the landing page and the build's console output), ``export`` (open-data
descriptions and the translators' workbook), ``cli`` (the command line's help), ``cycle`` (the
editor's view of the cycle: ``systematise status`` and its CSV and HTML).

Messages are written in English in the code and templates (the msgid);
``locale/<lang>/LC_MESSAGES/<domain>.po`` holds the Spanish and English texts. Catalogues are
compiled in memory when first used, so a build always reflects the ``.po`` files; the test
suite also compiles them to catch placeholder mismatches.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from systematise.resources import package_file, templates_dir
from systematise.schema.lang import Lang

DOMAINS = ("check", "report", "export", "cli", "cycle")


def catalogue_path(domain: str, lang: Lang) -> Path:
    return package_file("locale", lang, "LC_MESSAGES", f"{domain}.po")


@cache
def translations(domain: str, lang: Lang) -> gettext.GNUTranslations:
    """The compiled catalogue of ``domain`` in ``lang``."""
    with catalogue_path(domain, lang).open("rb") as stream:
        catalog = read_po(stream, locale=lang, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@cache
def jinja_environment(folder: str, domain: str, lang: Lang) -> Environment:
    """The Jinja2 environment of ``templates/<folder>``: autoescape on, StrictUndefined, and the
    ``domain`` catalogue of ``lang`` installed for ``_()`` and ``{% trans %}``."""
    environment = Environment(
        loader=FileSystemLoader(templates_dir() / folder),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # Added by the i18n extension, hence unknown to the type checker.
    environment.install_gettext_translations(  # type: ignore[attr-defined]
        translations(domain, lang), newstyle=True
    )
    return environment
