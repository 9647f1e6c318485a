"""Stage 0: the workbook template focal points fill in, generated from the schema and the layout.

:func:`build_workbook` builds the template in memory (no I/O); :func:`write_template` saves it
atomically. The sheets, key row, slots and version stamps follow
:mod:`systematise.template.layout` exactly; labels, help texts and vocabularies come from the
schema, the template's own words from :mod:`systematise.template.texts`. The result is checked
against the Excel limits openpyxl does not enforce before it is returned.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from systematise.atomic import write_bytes
from systematise.config import Settings
from systematise.schema.lang import FocalLang, report_lang
from systematise.schema.models import SCHEMA_VERSION
from systematise.schema.vocabulary import vocabulary
from systematise.template import layout
from systematise.template.archive import workbook_bytes
from systematise.template.limits import check_excel_limits
from systematise.template.texts import text
from systematise.template.validation import field_validation, is_controlled, list_name
from systematise.xlsx import custom_properties, first_sheet

#: Row of the instructions sheet left empty for a note (the illustrative-sample mark).
INSTRUCTIONS_NOTE_ROW = 2
INSTRUCTIONS_WIDTH = 80
#: Print scale (%) of the initiatives sheet.
PRINT_SCALE_WIDE = 60

REQUIRED_FILL = PatternFill("solid", fgColor="F8CBAD")
OPTIONAL_FILL = PatternFill("solid", fgColor="DDEBF7")
TITLE_FONT = Font(bold=True, size=15, color="1F4E79")
HEADING_FONT = Font(bold=True, size=12, color="1F4E79")
NOTE_FONT = Font(bold=True, size=12, color="C00000")
QUIET_FONT = Font(italic=True, size=9, color="595959")
_THIN = Side(style="thin", color="BFBFBF")
CELL_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
#: Answers: left-aligned whatever their type, so a typed date or number looks like the rest.
INPUT_ALIGNMENT = Alignment(wrap_text=True, vertical="top", horizontal="left")
UNLOCKED = Protection(locked=False)

_DEFAULT_WIDTHS = {"code": 26, "codes": 26, "yes_no": 11, "date": 13, "partial_date": 13}
#: Cells formatted as text ("@"): what is typed is kept as typed. Dates too, so that an office
#: suite set to another language never turns "05/03/2025" into 3 May: the checker reads them
#: day first, whatever the program's language.
_TEXT_FORMAT_KINDS = frozenset(
    {"text", "free_text", "text_list", "date", "partial_date", "email", "url", "currency"}
)
#: The format of a real date cell (filled in by program: samples, fixtures).
DATE_FORMAT = "dd/mm/yyyy"


def default_name(lang: FocalLang) -> str:
    """File name of the template, e.g. ``systematise-template-es-v1.0.xlsx``."""
    return f"systematise-template-{lang}-v{layout.TEMPLATE_VERSION}.xlsx"


def build_workbook(lang: FocalLang, settings: Settings) -> Workbook:
    """The template in ``lang``, ready to save."""
    workbook = Workbook()
    names = {role: by_lang[lang] for role, by_lang in layout.SHEET_NAMES.items()}
    instructions = first_sheet(workbook)
    instructions.title = names["instructions"]
    submission = workbook.create_sheet(names["submission"])
    initiatives = workbook.create_sheet(names["initiatives"])
    lists = workbook.create_sheet(names["lists"])
    meta = workbook.create_sheet(layout.META_SHEET)

    _write_lists(workbook, lists, lang)
    _write_submission(submission, lang)
    _write_initiatives(initiatives, lang)
    _write_instructions(instructions, lang, settings, names)
    _write_meta(meta, lang, settings.report.cycle)
    _set_properties(workbook, lang, settings)
    workbook.active = 0
    check_excel_limits(workbook)
    return workbook


def write_template(path: Path, lang: FocalLang, settings: Settings) -> None:
    """Write the template in ``lang`` to ``path`` (parent folders created, atomic write)."""
    workbook = build_workbook(lang, settings)
    moment = dt.datetime.combine(settings.report.date(), dt.time())
    write_bytes(path, workbook_bytes(workbook, moment))


def _protect(sheet: Worksheet) -> None:
    """Sheet protection without password; people may still resize columns and rows."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _print_setup(
    sheet: Worksheet, orientation: Literal["portrait", "landscape"] = "landscape"
) -> None:
    """A4, fitted to the page width, as many pages down as needed."""
    sheet.page_setup.orientation = orientation
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _print_setup_wide(sheet: Worksheet, title_rows: str, title_columns: str) -> None:
    """A4 landscape for a table far wider than a page.

    Fitted to one page wide, the initiatives sheet would print at a tenth of its size; it prints
    instead at a readable scale across several pages, each repeating the header row and the
    reference and title columns, so every page says which initiative it shows.
    """
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.scale = PRINT_SCALE_WIDE
    sheet.page_setup.pageOrder = "overThenDown"
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=False)
    sheet.print_title_rows = title_rows
    sheet.print_title_cols = title_columns


def _controlled_vocabularies() -> list[str]:
    keys: list[str] = []
    for column in layout.submission_rows() + layout.initiative_columns():
        key = column.spec.vocabulary
        if is_controlled(column.spec) and key is not None and key not in keys:
            keys.append(key)
    return keys


def _write_lists(workbook: Workbook, sheet: Worksheet, lang: FocalLang) -> None:
    """One column per vocabulary: its title, then its labels, covered by a named range."""
    for index, key in enumerate(_controlled_vocabularies(), start=1):
        terms = vocabulary(key)
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index, value=terms.title(lang))
        header.font = Font(bold=True)
        labels = terms.labels(lang)
        for row, label in enumerate(labels, start=2):
            sheet.cell(row=row, column=index, value=label)
        sheet.column_dimensions[letter].width = max(len(label) for label in labels) + 2
        reference = f"{quote_sheetname(sheet.title)}!${letter}$2:${letter}${len(labels) + 1}"
        workbook.defined_names[list_name(key)] = DefinedName(list_name(key), attr_text=reference)
    sheet.sheet_state = "hidden"
    _protect(sheet)


def _header_cell_style(required: bool) -> tuple[PatternFill, Font]:
    return (REQUIRED_FILL if required else OPTIONAL_FILL), Font(bold=True)


def _write_submission(sheet: Worksheet, lang: FocalLang) -> None:
    """The form: keys in A (hidden), labels in B, answers in C, help in D."""
    title = sheet.cell(row=1, column=layout.FORM_LABEL_COLUMN, value=text("submission_title", lang))
    title.font = TITLE_FONT
    title.alignment = Alignment(vertical="center")
    hint = sheet.cell(row=1, column=layout.FORM_VALUE_COLUMN, value=text("submission_hint", lang))
    hint.font = Font(italic=True, color="595959")
    hint.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.merge_cells(
        start_row=1,
        start_column=layout.FORM_VALUE_COLUMN,
        end_row=1,
        end_column=layout.FORM_HELP_COLUMN,
    )
    sheet.row_dimensions[1].height = 30
    headings = (
        (layout.FORM_LABEL_COLUMN, "form_label"),
        (layout.FORM_VALUE_COLUMN, "form_value"),
        (layout.FORM_HELP_COLUMN, "form_help"),
    )
    for column, key in headings:
        cell = sheet.cell(row=layout.FORM_FIRST_ROW - 1, column=column, value=text(key, lang))
        cell.font = Font(bold=True, color="595959")
    for row, field in enumerate(layout.submission_rows(), start=layout.FORM_FIRST_ROW):
        spec = field.spec
        sheet.cell(row=row, column=layout.FORM_KEY_COLUMN, value=field.key)
        label = sheet.cell(row=row, column=layout.FORM_LABEL_COLUMN, value=field.header(lang))
        label.fill, label.font = _header_cell_style(spec.required)
        label.alignment = WRAP_TOP
        label.border = CELL_BORDER
        answer = sheet.cell(row=row, column=layout.FORM_VALUE_COLUMN)
        answer.protection = UNLOCKED
        answer.border = CELL_BORDER
        answer.alignment = INPUT_ALIGNMENT
        if spec.kind in _TEXT_FORMAT_KINDS:
            answer.number_format = "@"
        help_text = f"{spec.help(lang)} {text('example', lang, example=spec.example(lang))}"
        help_cell = sheet.cell(row=row, column=layout.FORM_HELP_COLUMN, value=help_text)
        help_cell.alignment = WRAP_TOP
        help_cell.font = Font(size=10, color="595959")
        sheet.row_dimensions[row].height = 32
        validation = field_validation(spec, lang, answer.coordinate)
        validation.add(answer.coordinate)
        sheet.add_data_validation(validation)
    widths = {
        layout.FORM_KEY_COLUMN: 26,
        layout.FORM_LABEL_COLUMN: 38,
        layout.FORM_VALUE_COLUMN: 46,
        layout.FORM_HELP_COLUMN: 64,
    }
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.column_dimensions[get_column_letter(layout.FORM_KEY_COLUMN)].hidden = True
    sheet.freeze_panes = sheet.cell(row=layout.FORM_FIRST_ROW, column=1).coordinate
    _protect(sheet)
    _print_setup(sheet)


def _write_initiatives(sheet: Worksheet, lang: FocalLang) -> None:
    """Key row (hidden), header row, then PREPARED_ROWS rows with dropdowns and checks."""
    last_row = layout.FIRST_DATA_ROW + layout.PREPARED_ROWS - 1
    columns = layout.initiative_columns()
    for index, column in enumerate(columns, start=1):
        spec = column.spec
        letter = get_column_letter(index)
        sheet.cell(row=layout.KEY_ROW, column=index, value=column.key)
        header = sheet.cell(row=layout.HEADER_ROW, column=index, value=column.header(lang))
        header.fill, header.font = _header_cell_style(spec.required and column.slot == 1)
        header.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        header.border = CELL_BORDER
        sheet.column_dimensions[letter].width = spec.width or _DEFAULT_WIDTHS.get(spec.kind, 18)
        number_format = "@" if spec.kind in _TEXT_FORMAT_KINDS else "General"
        for row in range(layout.FIRST_DATA_ROW, last_row + 1):
            cell = sheet.cell(row=row, column=index)
            cell.protection = UNLOCKED
            cell.alignment = INPUT_ALIGNMENT
            cell.border = CELL_BORDER
            cell.number_format = number_format
        first_cell = f"{letter}{layout.FIRST_DATA_ROW}"
        validation = field_validation(spec, lang, first_cell)
        validation.add(f"{first_cell}:{letter}{last_row}")
        sheet.add_data_validation(validation)
    _write_id_column(sheet, lang, len(columns) + 1, last_row)
    sheet.row_dimensions[layout.KEY_ROW].hidden = True
    sheet.row_dimensions[layout.HEADER_ROW].height = 48
    for row in range(layout.FIRST_DATA_ROW, last_row + 1):
        sheet.row_dimensions[row].height = 45
    title_index = next(i for i, c in enumerate(columns, start=1) if c.key == "title")
    sheet.freeze_panes = sheet.cell(row=layout.FIRST_DATA_ROW, column=title_index + 1).coordinate
    sheet.print_area = f"A{layout.HEADER_ROW}:{get_column_letter(len(columns))}{last_row}"
    _protect(sheet)
    title_letter = get_column_letter(title_index)
    _print_setup_wide(sheet, f"{layout.HEADER_ROW}:{layout.HEADER_ROW}", f"A:{title_letter}")


def _write_id_column(sheet: Worksheet, lang: FocalLang, index: int, last_row: int) -> None:
    """The stable ID column: locked (the sheet is protected), filled in by the pipeline."""
    sheet.cell(row=layout.KEY_ROW, column=index, value=layout.ID_KEY)
    header = sheet.cell(row=layout.HEADER_ROW, column=index, value=layout.ID_HEADERS[lang])
    header.fill, header.font = _header_cell_style(False)
    header.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    header.border = CELL_BORDER
    header.comment = Comment(text("id_column_help", lang), "systematise")
    sheet.column_dimensions[get_column_letter(index)].width = 14
    for row in range(layout.FIRST_DATA_ROW, last_row + 1):
        cell = sheet.cell(row=row, column=index)
        cell.font = QUIET_FONT
        cell.alignment = INPUT_ALIGNMENT
        cell.border = CELL_BORDER
        cell.number_format = "@"


def _row_height(value: str, width: int, font_size: float = 11) -> float:
    """Height of a wrapped text row: Excel and LibreOffice do not grow rows on opening."""
    per_line = max(1, int(width * 1.15))
    lines = sum(max(1, math.ceil(len(part) / per_line)) for part in value.split("\n"))
    return round(lines * font_size * 1.4 + 4, 1)


def _instruction_lines(
    lang: FocalLang, settings: Settings, names: dict[str, str]
) -> list[tuple[str, str]]:
    """(style, text) lines of the instructions sheet, after the title and the note row."""
    params: dict[str, object] = {
        # The report exists in its own languages only: its title in the nearest one.
        "report_title": settings.report.title.get(report_lang(lang)),
        "sheet_submission": names["submission"],
        "sheet_initiatives": names["initiatives"],
        "rows": layout.PREPARED_ROWS,
        "send_to": settings.template.send_to,
        "slot_example": next(
            c.spec.label(lang) for c in layout.initiative_columns() if c.spec.slots == 3
        ),
        "template_version": layout.TEMPLATE_VERSION,
        "schema_version": SCHEMA_VERSION,
    }
    deadline = settings.template.deadline
    send = (
        text("send_body_deadline", lang, deadline=deadline.get(lang), **params)
        if deadline
        else text("send_body", lang, **params)
    )
    lines: list[tuple[str, str]] = [
        ("heading", text("what_heading", lang)),
        ("body", text("what_body", lang, **params)),
        ("heading", text("steps_heading", lang)),
        ("body", text("step_submission", lang, **params)),
        ("body", text("step_initiatives", lang, **params)),
        ("body", text("step_help", lang)),
        ("heading", text("required_heading", lang)),
        ("body", text("required_body", lang)),
        ("required", text("legend_required", lang)),
        ("optional", text("legend_optional", lang)),
    ]
    for section in ("lists", "dates", "text", "structure", "privacy"):
        lines.append(("heading", text(f"{section}_heading", lang)))
        lines.append(("body", text(f"{section}_body", lang, **params)))
    lines += [
        ("heading", text("send_heading", lang)),
        ("send", send),
        ("blank", ""),
        ("quiet", text("version_line", lang, **params)),
    ]
    return lines


def _write_instructions(
    sheet: Worksheet, lang: FocalLang, settings: Settings, names: dict[str, str]
) -> None:
    sheet.column_dimensions["A"].width = INSTRUCTIONS_WIDTH
    title = sheet.cell(row=1, column=1, value=text("doc_title", lang))
    title.font = TITLE_FONT
    sheet.row_dimensions[1].height = 24
    row = INSTRUCTIONS_NOTE_ROW + 1
    for style, value in _instruction_lines(lang, settings, names):
        cell = sheet.cell(row=row, column=1, value=value or None)
        cell.alignment = WRAP_TOP
        if style == "heading":
            cell.font = HEADING_FONT
            sheet.row_dimensions[row].height = 24
            cell.alignment = Alignment(vertical="bottom")
        elif style in ("required", "optional"):
            cell.fill = REQUIRED_FILL if style == "required" else OPTIONAL_FILL
            cell.font = Font(bold=True)
            cell.border = CELL_BORDER
        elif style == "quiet":
            cell.font = QUIET_FONT
        elif style == "send":
            cell.font = Font(bold=True)
        if style in ("body", "send") and value:
            sheet.row_dimensions[row].height = _row_height(value, INSTRUCTIONS_WIDTH)
        row += 1
    _protect(sheet)
    _print_setup(sheet, orientation="portrait")


def _write_meta(sheet: Worksheet, lang: FocalLang, cycle: str) -> None:
    sheet.append(["key", "value"])
    for key, value in layout.stamps(lang, cycle).items():
        sheet.append([key, value])
    sheet.sheet_state = "veryHidden"
    _protect(sheet)


def _set_properties(workbook: Workbook, lang: FocalLang, settings: Settings) -> None:
    properties = workbook.properties
    properties.title = text("doc_title", lang)
    properties.subject = text("doc_subject", lang)
    properties.creator = settings.report.author.get(report_lang(lang))
    properties.lastModifiedBy = settings.report.author.get(report_lang(lang))
    properties.keywords = settings.report.keywords.get(report_lang(lang))
    properties.language = lang
    for key, value in layout.stamps(lang, settings.report.cycle).items():
        custom_properties(workbook).append(StringProperty(name=key, value=value))
