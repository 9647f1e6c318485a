"""The ``check`` gettext domain, and the language each workbook's feedback is written in.

Counts are written with the catalogue's plural forms ("1 error", "2 errores"), through
:func:`ngettext_for`; :func:`counts_text` is the one way every view says how many problems a
workbook has.
"""

from __future__ import annotations

from collections.abc import Callable

from systematise.i18n import translations
from systematise.schema.lang import FocalLang, separator
from systematise.schema.problems import Severity
from systematise.schema.stages import CheckedWorkbook


def gettext_for(lang: FocalLang) -> Callable[[str], str]:
    """``gettext`` of the ``check`` domain in ``lang``."""
    return translations("check", lang).gettext


def ngettext_for(lang: FocalLang) -> Callable[[str, str, int], str]:
    """``ngettext`` of the ``check`` domain in ``lang`` (singular, plural, count)."""
    return translations("check", lang).ngettext


def feedback_lang(workbook: CheckedWorkbook, override: FocalLang | None = None) -> FocalLang:
    """``override`` when given (``--lang``), else the workbook's own message language."""
    return override or workbook.message_lang


def colon(lang: FocalLang) -> str:
    """A colon joining a label to its text, as ``lang`` writes it: French puts a no-break
    space before it."""
    return separator(":", lang)


def severity_label(severity: str, lang: FocalLang) -> str:
    _ = gettext_for(lang)
    if severity == Severity.ERROR:
        return _("Error")
    if severity == Severity.WARNING:
        return _("Warning")
    return _("Note")


def counts_text(errors: int, warnings: int, notes: int, lang: FocalLang) -> str:
    """ "2 errors, 1 warning" in ``lang``, with ", 3 notes" when there are notes."""
    ngettext = ngettext_for(lang)
    parts = [
        ngettext("{count} error", "{count} errors", errors).format(count=errors),
        ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
    ]
    if notes:
        parts.append(ngettext("{count} note", "{count} notes", notes).format(count=notes))
    return ", ".join(parts)


def workbook_counts(workbook: CheckedWorkbook, lang: FocalLang) -> str:
    """:func:`counts_text` of one workbook."""
    return counts_text(workbook.errors, workbook.warnings, workbook.notes, lang)
