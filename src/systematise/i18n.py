"""gettext translations for every user-facing string, one catalogue domain per area.

Domains and the languages each exists in (:data:`DOMAIN_LANGS`): ``check`` (problem messages,
console and feedback pages of ``systematise check``) and ``template`` (the template's own words)
speak to focal points, in every focal-point language; ``report`` (the report in every format,
the landing page and the build's console output), ``export`` (open-data descriptions and the
translators' workbook), ``cli`` (the command line's help and the editors' errors) and ``cycle``
(``systematise status``) speak to the report's readers and editors, in the report languages.
``portal`` (the intake portal's pages) speaks to focal points and editors alike, in every
focal-point language.

Messages are written in English in the code and templates (the msgid), with ``{name}``
placeholders filled by :func:`fill` (``str.format`` that never raises); in Jinja templates
``_("… {name} …", name=value)`` does the same, escaping the values. ``locale/<lang>/LC_MESSAGES/
<domain>.po`` holds the texts; ``make catalogs`` extracts and updates them (``babel.cfg``).
Catalogues are compiled when first used (and cached by their content), so a build always
reflects the ``.po`` files and nothing compiled needs to be committed or built at install.
"""

from __future__ import annotations

import gettext
import hashlib
import io
import string
import struct
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from systematise.resources import package_file, templates_dir, user_cache_dir
from systematise.schema.lang import FOCAL_LANGS, REPORT_LANGS, FocalLang

if TYPE_CHECKING:  # imported when used: the command line's help needs neither
    from jinja2 import Environment
    from markupsafe import Markup

#: Every catalogue domain, with the languages it must exist in.
DOMAIN_LANGS: dict[str, tuple[FocalLang, ...]] = {
    "check": FOCAL_LANGS,
    "template": FOCAL_LANGS,
    "report": REPORT_LANGS,
    "export": REPORT_LANGS,
    "cli": REPORT_LANGS,
    "cycle": REPORT_LANGS,
    "portal": FOCAL_LANGS,
}


def N_(message: str) -> str:  # noqa: N802 (gettext's name for a deferred translation)
    """Marks a message for extraction; it is translated when shown."""
    return message


def catalogue_path(domain: str, lang: FocalLang) -> Path:
    return package_file("locale", lang, "LC_MESSAGES", f"{domain}.po")


@cache
def translations(domain: str, lang: FocalLang) -> gettext.GNUTranslations:
    """The compiled catalogue of ``domain`` in ``lang``.

    The compiled form is kept in the user's cache folder under the hash of the ``.po`` file: an
    edited catalogue is compiled afresh, an unchanged one is read as it is (so the command
    line's help starts without loading Babel). Without a writable cache, it is compiled each
    time.
    """
    if lang not in DOMAIN_LANGS[domain]:
        raise ValueError(f"the {domain!r} catalogue does not exist in {lang!r}")
    source = catalogue_path(domain, lang).read_bytes()
    compiled = (
        user_cache_dir("locale") / f"{domain}-{lang}-{hashlib.sha256(source).hexdigest()[:24]}.mo"
    )
    try:
        return gettext.GNUTranslations(io.BytesIO(compiled.read_bytes()))
    except (OSError, ValueError, struct.error):  # none yet, or unreadable: compiled again
        pass
    data = _compile(source, domain, lang)
    try:
        from systematise.atomic import write_bytes

        write_bytes(compiled, data)
    except OSError:
        pass
    return gettext.GNUTranslations(io.BytesIO(data))


def _compile(source: bytes, domain: str, lang: FocalLang) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(source), locale=lang, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


class _Filled(dict[str, Any]):
    """Values for :meth:`str.format_map`; a placeholder nothing fills shows as "…"."""

    def __missing__(self, key: str) -> str:
        return "…"


def fill(text: str, values: Mapping[str, object] | None = None, /, **more: object) -> str:
    """``text`` with its ``{name}`` placeholders filled. Never raises: a placeholder nothing
    fills (a bug the tests look for) shows as "…", a malformed one leaves the text as it is."""
    filled = _Filled({**(values or {}), **more})
    try:
        return string.Formatter().vformat(text, (), filled)
    except (ValueError, IndexError, AttributeError, KeyError):
        return text


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a message uses."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return {"<malformed>"}


def _markup_fill(text: str, values: Mapping[str, object]) -> Markup:
    """Like :func:`fill` for HTML: the translated text is markup, the values are escaped."""
    from markupsafe import Markup, escape

    return Markup(fill(text, {key: escape(value) for key, value in values.items()}))


def _jinja_callables(
    catalogue: gettext.GNUTranslations,
) -> tuple[Callable[..., Markup], Callable[..., Markup]]:
    def gettext_(message: str, **values: object) -> Markup:
        return _markup_fill(catalogue.gettext(message), values)

    def ngettext_(singular: str, plural: str, count: int, **values: object) -> Markup:
        values.setdefault("count", count)
        return _markup_fill(catalogue.ngettext(singular, plural, count), values)

    return gettext_, ngettext_


@cache
def jinja_environment(folder: str, domain: str, lang: FocalLang) -> Environment:
    """The Jinja2 environment of ``templates/<folder>``: autoescape on, StrictUndefined, and the
    ``domain`` catalogue of ``lang`` installed for ``_()`` and ``ngettext()``."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    environment = Environment(
        loader=FileSystemLoader(templates_dir() / folder),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    gettext_, ngettext_ = _jinja_callables(translations(domain, lang))
    # Added by the i18n extension, hence unknown to the type checker.
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        gettext_, ngettext_, newstyle=False
    )
    return environment
