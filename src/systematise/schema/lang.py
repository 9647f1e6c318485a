"""The languages of the report and of submitted text."""

from __future__ import annotations

from typing import Literal, TypeGuard

#: Languages the report, the template and all messages exist in.
Lang = Literal["es", "en"]
REPORT_LANGS: tuple[Lang, ...] = ("es", "en")

#: Languages a submission's free text may be written in (data contract: submission_language).
TextLang = Literal["es", "en", "pt", "fr"]
TEXT_LANGS: tuple[TextLang, ...] = ("es", "en", "pt", "fr")


def is_lang(value: str) -> TypeGuard[Lang]:
    return value in REPORT_LANGS


def other_lang(lang: Lang) -> Lang:
    return "en" if lang == "es" else "es"


def message_lang(text_lang: str) -> Lang:
    """The report language closest to a submission language, for messages to its focal point.

    Portuguese-writing focal points get Spanish, French-writing ones English: both are the
    languages those officials are most likely to work in within SELA and IOM.
    """
    return "en" if text_lang in ("en", "fr") else "es"
