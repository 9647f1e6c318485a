"""The annotated copy of a focal point's own workbook.

Every problem cell is filled (errors red, warnings amber) and carries a comment with the
messages, in the feedback language; a first sheet lists every problem with a link to its cell.
Everything else is left as it was. A returned annotated copy is cleaned of the earlier marks
first (:mod:`systematise.feedback.marks`), so fixed cells come back as they were. Dropdowns
openpyxl could not keep (Excel's extension-list validations) are put back from the schema with
the template writer's own validation code.
Macros are not carried over: the copy is always a plain ``.xlsx``.

Runs in a sandboxed child process (the workbook is opened again).
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from systematise.config import LimitSettings
from systematise.feedback.marks import (
    ERROR_COLOUR,
    MAX_LISTED_PROBLEMS,
    SUMMARY_FIRST_ROW,
    WARNING_COLOUR,
    fill_code,
    marked_comment,
    record_marks,
    remove_marks,
)
from systematise.feedback.texts import (
    colon,
    counts_text,
    gettext_for,
    ngettext_for,
    severity_label,
)
from systematise.i18n import fill
from systematise.schema.lang import FocalLang
from systematise.schema.problems import Problem, Severity
from systematise.template import layout
from systematise.xlsx import quoted_sheet

__all__ = ["ERROR_COLOUR", "WARNING_COLOUR", "annotate_workbook"]

_MAX_SHEET_TITLE = 31
#: Fills by severity; a note's (in the problem list only: a cell with notes only is not filled).
_COLOURS = {Severity.ERROR: ERROR_COLOUR, Severity.WARNING: WARNING_COLOUR, Severity.INFO: "DDEBF7"}


def _count(problems: Sequence[Problem], severity: Severity) -> int:
    return sum(1 for item in problems if item.severity == severity)


def _summary_title(workbook: Any, lang: FocalLang) -> str:
    _ = gettext_for(lang)
    title = _("Problems")[:_MAX_SHEET_TITLE]
    candidate, counter = title, 1
    while candidate in workbook.sheetnames:
        counter += 1
        candidate = f"{title[: _MAX_SHEET_TITLE - 3]} {counter}"
    return candidate


#: Characters of a message that fit on one line of the summary's message column (width 70).
_MESSAGE_CHARS_PER_LINE = 80


def _listed(problems: Sequence[Problem]) -> Sequence[Problem]:
    """The problems the problem sheet lists: all, or errors first up to its limit."""
    if len(problems) <= MAX_LISTED_PROBLEMS:
        return problems
    order = list(Severity)
    by_severity = sorted(problems, key=lambda item: order.index(item.severity))
    return by_severity[:MAX_LISTED_PROBLEMS]


def _write_summary(workbook: Any, problems: Sequence[Problem], lang: FocalLang) -> str:
    """Add the problem sheet first; returns its title."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    _ = gettext_for(lang)
    sheet = workbook.create_sheet(_summary_title(workbook, lang), 0)
    errors, warnings = _count(problems, Severity.ERROR), _count(problems, Severity.WARNING)
    sheet["A1"] = counts_text(errors, warnings, _count(problems, Severity.INFO), lang)
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = _("Click a cell reference to go to the cell. Errors must be fixed.")
    headings = (_("Sheet"), _("Cell"), _("Field"), _("Severity"), _("Message"))
    for column, heading in enumerate(headings, start=1):
        cell = sheet.cell(row=4, column=column, value=heading)
        cell.font = Font(bold=True)
    listed = _listed(problems)
    for row, item in enumerate(listed, start=SUMMARY_FIRST_ROW):
        colour = _COLOURS[item.severity]
        values = (
            item.sheet or "",
            item.cell or "",
            item.label(lang),
            severity_label(item.severity, lang),
            item.message(lang),
        )
        for column, value in enumerate(values, start=1):
            # Values are set as strings of our own making; none starts with "=".
            cell = sheet.cell(row=row, column=column, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row=row, column=4).fill = PatternFill("solid", fgColor=colour)
        # Spreadsheet programs do not grow a row for wrapped text written by openpyxl.
        lines = max(1, -(-len(values[4]) // _MESSAGE_CHARS_PER_LINE))
        sheet.row_dimensions[row].height = 15 * lines
        if item.sheet and item.cell and item.sheet in workbook.sheetnames:
            link = sheet.cell(row=row, column=2)
            link.hyperlink = Hyperlink(
                ref=link.coordinate, location=f"{quoted_sheet(item.sheet)}!{item.cell}"
            )
            link.font = Font(color="0563C1", underline="single")
    if len(listed) < len(problems):
        more = len(problems) - len(listed)
        ngettext = ngettext_for(lang)  # a name, so that the catalogues' extraction finds it
        text = fill(
            ngettext(
                "And {count} more problem, listed in the report that came with this workbook.",
                "And {count} more problems, listed in the report that came with this workbook.",
                more,
            ),
            count=more,
        )
        sheet.cell(row=SUMMARY_FIRST_ROW + len(listed), column=1, value=text).font = Font(bold=True)
    for letter, width in zip("ABCDE", (14, 8, 24, 11, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A5"
    # Printed, the list fits the page width with the header row on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "4:4"
    for other in workbook.worksheets:
        other.sheet_view.tabSelected = False
    sheet.sheet_view.tabSelected = True
    workbook.active = 0
    return str(sheet.title)


def _mark_cells(
    workbook: Any, problems: Sequence[Problem], lang: FocalLang
) -> dict[tuple[str, str], str]:
    """Fill and comment each problem cell; returns each marked cell's earlier fill."""
    from openpyxl.styles import PatternFill

    by_cell: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    for item in problems:
        if item.sheet and item.cell and item.sheet in workbook.sheetnames:
            by_cell[(item.sheet, item.cell)].append(item)
    marked: dict[tuple[str, str], str] = {}
    for (sheet_name, coordinate), items in by_cell.items():
        cell = workbook[sheet_name][coordinate]
        if type(cell).__name__ == "MergedCell":
            continue
        worst = min(items, key=lambda item: list(Severity).index(item.severity))
        if worst.severity != Severity.INFO:  # a cell with notes only keeps its fill
            marked[(sheet_name, cell.coordinate)] = fill_code(cell.fill)
            cell.fill = PatternFill("solid", fgColor=_COLOURS[worst.severity])
        messages = "\n\n".join(
            f"{severity_label(item.severity, lang)}{colon(lang)}{item.message(lang)}"
            for item in items
        )
        comment = marked_comment(cell.comment, messages)
        text = str(comment.text)
        comment.width = 320
        comment.height = min(60 + 16 * (len(text) // 40 + text.count("\n")), 600)
        cell.comment = comment
    return marked


#: Columns of their own a focal point may have inserted among the template's.
_INSERTED_COLUMNS = 100


def _reapply_validations(workbook: Any, sheet_name: str | None, lang: FocalLang) -> None:
    """Put the template's dropdowns back on the initiatives sheet if openpyxl dropped them."""
    if sheet_name is None or sheet_name not in workbook.sheetnames:
        return
    sheet = workbook[sheet_name]
    if sheet.data_validations.dataValidation:
        return
    from openpyxl.utils import get_column_letter

    from systematise.template.validation import field_validation, is_controlled, list_name

    columns = {column.key: column for column in layout.initiative_columns()}
    last = max(layout.FIRST_DATA_ROW + layout.PREPARED_ROWS - 1, sheet.max_row)
    # The key row as far as the template's columns and some a focal point inserted reach:
    # never its full width, which one far cell of a hostile file stretches to column XFD.
    width = min(sheet.max_column, len(columns) + _INSERTED_COLUMNS)
    (keys,) = sheet.iter_rows(
        min_row=layout.KEY_ROW, max_row=layout.KEY_ROW, min_col=1, max_col=width, values_only=True
    )
    for column_number, key in enumerate(keys, start=1):
        column = columns.get(str(key)) if key is not None else None
        if column is None:
            continue
        spec = column.spec
        vocabulary = spec.vocabulary
        if (
            is_controlled(spec)
            and vocabulary
            and list_name(vocabulary) not in workbook.defined_names
        ):
            continue
        letter = get_column_letter(column_number)
        first = f"{letter}{layout.FIRST_DATA_ROW}"
        validation = field_validation(spec, lang, first)
        validation.add(f"{first}:{letter}{last}")
        sheet.add_data_validation(validation)


def _write_ids(workbook: Any, sheet_name: str | None, ids: Mapping[str, str]) -> None:
    if sheet_name is None or sheet_name not in workbook.sheetnames:
        return
    sheet = workbook[sheet_name]
    for coordinate, identifier in ids.items():
        cell = sheet[coordinate]
        if type(cell).__name__ != "MergedCell":
            cell.value = identifier
            cell.data_type = "s"


def _places(source: Path, workbook: Any, limits: LimitSettings) -> dict[str, list[tuple[int, int]]]:
    """The cells of ``workbook`` that may carry marks, within the reader's limits.

    An ``.ods`` or ``.xls`` comes in through its values only (:mod:`systematise.feedback.
    convert`): no fill or comment of an earlier annotation survives that, so there is none.
    """
    from systematise.read.archive import sniff_format
    from systematise.read.grid import Format
    from systematise.xlsx import cell_places

    if sniff_format(source) not in (None, Format.XLSX):
        return {}
    bounds = {
        sheet.title: (
            min(sheet.max_row, limits.max_rows),
            min(sheet.max_column, limits.max_columns),
        )
        for sheet in workbook.worksheets
    }
    return cell_places(source, bounds)


def annotate_workbook(
    source: Path,
    target: Path,
    problems: Sequence[Problem],
    lang: FocalLang,
    template_lang: FocalLang | None,
    initiatives_sheet: str | None,
    ids: Mapping[str, str] | None = None,
    limits: LimitSettings | None = None,
) -> str:
    """Write the annotated copy of ``source`` to ``target``; returns ``target`` as text.

    ``ids`` maps each row's cell of the ID column (on ``initiatives_sheet``) to the row's
    stable ID, written there so the ID travels with the row when the copy comes back.
    ``limits``: the reader's, which bound the cells an earlier annotation's marks are looked
    for in (the checker never marks a cell beyond them).
    """
    from systematise.atomic import write_bytes
    from systematise.feedback.convert import workbook_for_annotation

    workbook = workbook_for_annotation(source)  # an .ods or .xls becomes an .xlsx
    remove_marks(workbook, _places(source, workbook, limits or LimitSettings()))
    _write_ids(workbook, initiatives_sheet, ids or {})
    _reapply_validations(workbook, initiatives_sheet, template_lang or lang)
    marked = _mark_cells(workbook, problems, lang)
    record_marks(workbook, marked, _write_summary(workbook, problems, lang))
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_bytes(target, buffer.getvalue())
    return str(target)
