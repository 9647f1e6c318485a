"""The translation round trip: a workbook for translators out, reviewed YAML files in.

``translations export`` writes every published free text not yet available in a language;
``translations import`` reads the filled-in workbook as untrusted input (archive checks,
sandboxed parsing), validates it and stores the translations in ``translations/<lang>/<ID>.yaml``;
the renderers read them through :func:`load_translations`.
"""

from systematise.translations.importer import (
    ImportResult,
    TranslationWorkbookError,
    import_workbook,
)
from systematise.translations.store import (
    Coverage,
    ResolvedText,
    TranslationStore,
    load_translations,
)
from systematise.translations.workbook import export_workbook

__all__ = [
    "Coverage",
    "ImportResult",
    "ResolvedText",
    "TranslationStore",
    "TranslationWorkbookError",
    "export_workbook",
    "import_workbook",
    "load_translations",
]
