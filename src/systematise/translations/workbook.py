"""The translators' workbook: written by ``translations export``, read by ``translations import``
(:mod:`systematise.translations.importer`).

Layout (format version 1)::

    sheet 1  instructions, in Spanish and in English
    sheet 2  the texts: row 1 machine keys (hidden), row 2 headings, one text per row from row 3
             id | field | source language | source text | translation | field key | source hash
             (the last two columns are hidden; only the translation column is editable)
    _systematise (very hidden)  kind, format version, target language, cycle

Like the submission template, the sheets are protected without a password: it prevents slips,
not intent, so the import checks everything again. Texts are written as text cells (never as
formulas, whatever they start with); a translation typed as a formula is refused on import.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from systematise.atomic import write_bytes
from systematise.config import Settings
from systematise.consolidate.models import Dataset, Entry
from systematise.export.strings import _, gettext
from systematise.schema.fieldmeta import field_specs
from systematise.schema.lang import REPORT_LANGS, Lang
from systematise.schema.models import Initiative
from systematise.schema.vocabulary import vocabulary
from systematise.template.archive import workbook_bytes
from systematise.template.limits import check_excel_limits
from systematise.translations.store import (
    TranslationStore,
    iter_needed,
    public_source_hash,
    read_store,
)
from systematise.xlsx import first_sheet

FORMAT_VERSION = "1"
KIND = "systematise-translations"
META_SHEET = "_systematise"
KEY_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
COLUMNS: tuple[tuple[str, int], ...] = (  # machine key, width
    ("id", 10),
    ("field_label", 18),
    ("source_lang", 12),
    ("source_text", 70),
    ("translation", 70),
    ("field", 16),
    ("source_sha256", 18),
)
HIDDEN_KEYS = ("field", "source_sha256")
#: Excel's tallest row, in points.
MAX_ROW_HEIGHT = 409

_SHEET_NAMES: dict[str, str] = {
    "instructions": _("Instructions"),
    "texts": _("Translations"),
}
_HEADINGS: dict[str, str] = {
    "id": _("Initiative"),
    "field_label": _("Field"),
    "source_lang": _("Source language"),
    "source_text": _("Source text"),
    "translation": _("Translation"),
    "field": _("Field key"),
    "source_sha256": _("Source hash"),
}
_INSTRUCTIONS: tuple[str, ...] = (
    _("Translations into {language} for the report '{title}'"),
    _(
        "Each row of the sheet '{sheet}' holds one text of one initiative that the report "
        "cannot yet show in {language}. Write its translation in the column '{column}', the only "
        "one you can edit. Leave a row empty if you do not translate it: it will be asked for "
        "again next time."
    ),
    _(
        "Keep the paragraphs: start a new paragraph with Alt+Enter (Option+Enter on a Mac). "
        "Write plain text: no formatting, no formulas. Start a list item with '•', not with "
        "'-', '=', '+' or '@', which the spreadsheet would read as a formula."
    ),
    _(
        "Do not add, move or delete rows or columns: the hidden columns tie each translation "
        "to the exact text it translates. If a text changes before your translation is "
        "imported, your translation is reported as out of date and not used."
    ),
    _(
        "Return the file to the editors. They import it with 'systematise translations "
        "import', review the translations in the project's files and rebuild the report."
    ),
)

_FILL_EDIT = PatternFill("solid", fgColor="FFF2CC")
_FILL_REVIEW = PatternFill("solid", fgColor="F8CBAD")
_REVIEW_NOTE = _(
    "The source text changed since this translation was made: the earlier translation is "
    "filled in for you to review against the new text and correct."
)
_FILL_HEAD = PatternFill("solid", fgColor="DDEBF7")
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)


def _both(message: str, **params: object) -> str:
    """``message`` in Spanish and in English, one after the other."""
    return " / ".join(gettext(message, lang).format(**params) for lang in REPORT_LANGS)


def _language_name(code: str, lang: Lang) -> str:
    return vocabulary("submission_language").label(code, lang)


def _field_label(field: str, lang: Lang) -> str:
    spec = next(spec for spec in field_specs(Initiative) if spec.key == field)
    return spec.label(lang)


def _protect(sheet: Worksheet) -> None:
    """As the template: no password; columns and rows may be resized, rows filtered."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.autoFilter = False


def _row_height(text: str, width: int) -> float:
    per_line = max(1, int(width * 1.1))
    lines = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
    return min(MAX_ROW_HEIGHT, round(lines * 15 + 4, 1))


def _text_cell(sheet: Worksheet, row: int, column: int, value: str) -> None:
    cell = sheet.cell(row=row, column=column, value=value)
    cell.data_type = "s"  # text, never a formula, whatever it starts with
    cell.alignment = _WRAP_TOP


def _write_instructions(sheet: Worksheet, lang: Lang, settings: Settings, texts: str) -> None:
    sheet.column_dimensions["A"].width = 100
    row = 1
    for reader in REPORT_LANGS:
        params = {
            "language": _language_name(lang, reader).lower()
            if reader == "es"
            else _language_name(lang, reader),
            "title": settings.report.title.get(reader),
            "sheet": texts,
            "column": gettext(_HEADINGS["translation"], reader),
        }
        for index, message in enumerate(_INSTRUCTIONS):
            value = gettext(message, reader).format(**params)
            _text_cell(sheet, row, 1, value)
            if index == 0:
                sheet.cell(row=row, column=1).font = Font(bold=True, size=13, color="1F4E79")
            sheet.row_dimensions[row].height = _row_height(value, 100)
            row += 1
        row += 1
    _protect(sheet)


def _write_texts(
    sheet: Worksheet,
    lang: Lang,
    rows: Iterable[tuple[Entry, str, str]],
    earlier: Mapping[tuple[str, str], str] | None = None,
) -> int:
    """The texts to translate; a text whose earlier version was translated (a stale
    translation) comes with that translation pre-filled, marked for review."""
    earlier = earlier or {}
    for index, (key, width) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.cell(row=KEY_ROW, column=index, value=key)
        head = sheet.cell(row=HEADER_ROW, column=index, value=_both(_HEADINGS[key]))
        head.font = Font(bold=True)
        head.fill = _FILL_HEAD
        head.alignment = _WRAP_TOP
        sheet.column_dimensions[letter].width = width
        if key in HIDDEN_KEYS:
            sheet.column_dimensions[letter].hidden = True
    sheet.row_dimensions[KEY_ROW].hidden = True
    sheet.row_dimensions[HEADER_ROW].height = 32
    row = FIRST_ROW
    for entry, field, source in rows:
        values = {
            "id": entry.id,
            "field_label": _field_label(field, lang),
            "source_lang": _language_name(entry.text_lang, lang),
            "source_text": source,
            "field": field,
            "source_sha256": public_source_hash(source),
        }
        for index, (key, _width) in enumerate(COLUMNS, start=1):
            if key == "translation":
                cell = sheet.cell(row=row, column=index)
                cell.protection = _UNLOCKED
                cell.fill = _FILL_EDIT
                cell.alignment = _WRAP_TOP
                cell.number_format = "@"
                previous = earlier.get((entry.id, field))
                if previous:
                    cell.value = previous
                    cell.data_type = "s"
                    cell.fill = _FILL_REVIEW
                    cell.comment = Comment(_both(_REVIEW_NOTE), "systematise")
            else:
                _text_cell(sheet, row, index, values[key])
        sheet.row_dimensions[row].height = _row_height(source, 70)
        row += 1
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=4).coordinate
    last = get_column_letter(len(COLUMNS) - len(HIDDEN_KEYS))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(row - 1, HEADER_ROW)}"
    _protect(sheet)
    return row - FIRST_ROW


def build_export_workbook(
    dataset: Dataset, store: TranslationStore, lang: Lang, settings: Settings
) -> tuple[Workbook, int]:
    """The translators' workbook into ``lang`` and the number of texts it asks for."""
    workbook = Workbook()
    instructions = first_sheet(workbook)
    instructions.title = " - ".join(
        gettext(_SHEET_NAMES["instructions"], reader) for reader in REPORT_LANGS
    )[:31]
    texts = workbook.create_sheet(gettext(_SHEET_NAMES["texts"], lang))
    earlier = {
        (item.entry_id, item.field): item.text
        for (_id, _field, item_lang), item in store.items.items()
        if item_lang == lang
    }
    count = _write_texts(texts, lang, iter_needed(dataset, store, lang), earlier)
    _write_instructions(instructions, lang, settings, texts.title)
    meta = workbook.create_sheet(META_SHEET)
    for pair in (
        ("key", "value"),
        ("kind", KIND),
        ("format_version", FORMAT_VERSION),
        ("lang", lang),
        ("cycle", dataset.cycle),
    ):
        meta.append(pair)
    meta.sheet_state = "veryHidden"
    _protect(meta)
    workbook.properties.title = gettext(_INSTRUCTIONS[0], lang).format(
        language=_language_name(lang, lang), title=settings.report.title.get(lang)
    )
    workbook.properties.creator = settings.report.author.get(lang)
    workbook.properties.language = lang
    workbook.active = 1 if count else 0
    check_excel_limits(workbook)
    return workbook, count


def default_export_name(lang: Lang, cycle: str) -> str:
    return f"translations-{cycle}-to-{lang}.xlsx"


def export_workbook(dataset: Dataset, settings: Settings, lang: Lang, path: Path) -> int:
    """Write the workbook of texts not yet available in ``lang``; return how many it holds."""
    store = read_store(settings.paths.translations)
    workbook, count = build_export_workbook(dataset, store, lang, settings)
    moment = dt.datetime.combine(settings.report.date(), dt.time())
    write_bytes(path, workbook_bytes(workbook, moment))
    return count
