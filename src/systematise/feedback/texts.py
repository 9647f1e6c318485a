"""The ``check`` gettext domain, and the language each workbook's feedback is written in."""

from __future__ import annotations

from collections.abc import Callable

from systematise.i18n import translations
from systematise.schema.lang import Lang
from systematise.schema.stages import CheckedWorkbook


def gettext_for(lang: Lang) -> Callable[[str], str]:
    """``gettext`` of the ``check`` domain in ``lang``."""
    return translations("check", lang).gettext


def feedback_lang(workbook: CheckedWorkbook, override: Lang | None = None) -> Lang:
    """``override`` when given (``--lang``), else the workbook's own message language."""
    return override or workbook.message_lang


def severity_label(severity: str, lang: Lang) -> str:
    _ = gettext_for(lang)
    return _("Error") if severity == "error" else _("Warning")
