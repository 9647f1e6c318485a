"""The one registry of languages: which exist, and what each is used for.

Two sets, one a subset of the other:

- **focal-point languages** (:data:`FOCAL_LANGS`, type :data:`FocalLang`): the languages a
  template is made in, a submission's free text is written in (data contract:
  ``submission_language``) and ``check`` speaks to a focal point in: Spanish, English,
  Portuguese, French, the four languages of SELA's own name;
- **report languages** (:data:`REPORT_LANGS`, type :data:`Lang`): the languages the report is
  published in (Spanish and English). Every report language is a focal-point language.

Every user-facing string exists in each language of the set it belongs to: gettext catalogues
under ``locale/<lang>/`` and the data contract's per-language entries; tests fail otherwise.
"""

from __future__ import annotations

from typing import Literal, TypeGuard

#: Languages the report is published in (and the editors' tools speak).
Lang = Literal["es", "en"]
REPORT_LANGS: tuple[Lang, ...] = ("es", "en")

#: Languages of a template, of a submission's text and of the messages to its focal point.
FocalLang = Literal["es", "en", "pt", "fr"]
FOCAL_LANGS: tuple[FocalLang, ...] = ("es", "en", "pt", "fr")

#: Languages a submission's free text may be written in (the focal-point languages).
TextLang = FocalLang
TEXT_LANGS: tuple[TextLang, ...] = FOCAL_LANGS

#: Each language's name in itself, as a user choosing it would look for it.
NATIVE_NAMES: dict[FocalLang, str] = {
    "es": "Español",
    "en": "English",
    "pt": "Português",
    "fr": "Français",
}


def is_lang(value: str) -> TypeGuard[Lang]:
    """Whether ``value`` is a report language."""
    return value in REPORT_LANGS


def is_focal_lang(value: str) -> TypeGuard[FocalLang]:
    """Whether ``value`` is a focal-point language."""
    return value in FOCAL_LANGS


def other_lang(lang: Lang) -> Lang:
    return "en" if lang == "es" else "es"


def message_lang(text_lang: str) -> FocalLang:
    """The language to write to a focal point whose submission is in ``text_lang``: that very
    language when it is a focal-point language, else Spanish."""
    return text_lang if is_focal_lang(text_lang) else "es"


def report_lang(lang: FocalLang) -> Lang:
    """The report language closest to a focal-point language, for what exists only in the
    report's languages (the editors' tools): Spanish for Portuguese, English for French."""
    if is_lang(lang):
        return lang
    return "en" if lang == "fr" else "es"


#: The focal-point languages that write a decimal comma (0,5) rather than a point (0.5).
DECIMAL_COMMA_LANGS: tuple[FocalLang, ...] = ("es", "pt", "fr")


def separator(mark: str, lang: FocalLang) -> str:
    """``mark`` (":" or ";") and the space after it, as ``lang`` writes it between a label and
    its text or between listed items: French also puts a no-break space before it."""
    return f"\u00a0{mark} " if lang == "fr" else f"{mark} "
