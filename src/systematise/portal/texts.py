"""The portal's words, in every focal-point language (the ``portal`` gettext domain).

The languages are :data:`systematise.schema.lang.FOCAL_LANGS` (those the templates exist in),
named by :data:`~systematise.schema.lang.NATIVE_NAMES`: a language added there is offered on
every page once its catalogue exists (a test fails until it does). What exists only in the
report's languages (Member State names, the status table's columns) is shown in the closest
report language (:func:`~systematise.schema.lang.report_lang`).
"""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import Environment

from systematise.feedback.texts import counts_text
from systematise.i18n import DOMAIN_LANGS, jinja_environment, translations
from systematise.schema.lang import NATIVE_NAMES, FocalLang

DOMAIN = "portal"
#: The language of a visitor who has not chosen one and whose browser asks for none we offer.
DEFAULT_LANG: FocalLang = "es"


def page_langs() -> tuple[FocalLang, ...]:
    return DOMAIN_LANGS[DOMAIN]


def is_page_lang(value: str) -> bool:
    return value in page_langs()


def portal_gettext(lang: FocalLang) -> Callable[[str], str]:
    return translations(DOMAIN, lang).gettext


def language_names() -> dict[FocalLang, str]:
    """Each language, named in itself (for the switcher)."""
    return {lang: NATIVE_NAMES[lang] for lang in page_langs()}


def negotiate(cookie: str | None, accept_language: str | None) -> FocalLang:
    """The visitor's language: the one they chose (a cookie), else their browser's first
    language we offer, else :data:`DEFAULT_LANG`."""
    offered = page_langs()
    for lang in offered:
        if cookie == lang:
            return lang
    wanted: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        wanted.append((-quality, index, tag.strip().lower()[:2]))
    for _, _, code in sorted(wanted):
        for lang in offered:
            if code == lang:
                return lang
    return DEFAULT_LANG


def page_environment(lang: FocalLang) -> Environment:
    """The Jinja2 environment of ``templates/portal`` in ``lang`` (autoescape, StrictUndefined),
    with ``problem_counts(errors, warnings)``: a checked upload's counts, worded as the check
    words them everywhere (:func:`systematise.feedback.texts.counts_text`, with its plurals)."""
    environment = jinja_environment("portal", DOMAIN, lang)
    environment.globals["problem_counts"] = problem_counts(lang)
    return environment


def problem_counts(lang: FocalLang) -> Callable[[int, int], str]:
    """``"1 error, 2 warnings"`` of an upload in ``lang`` (its notes are not counted)."""

    def counts(errors: int, warnings: int) -> str:
        return counts_text(errors, warnings, 0, lang)

    return counts
