"""The generated template, read back with openpyxl: what a focal point and the reader rely on."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from systematise.config import PerLang, Settings, TemplateSettings
from systematise.schema.lang import FOCAL_LANGS, FocalLang
from systematise.schema.models import SCHEMA_VERSION
from systematise.schema.vocabulary import vocabulary
from systematise.template import layout
from systematise.template.limits import (
    MAX_ERROR,
    MAX_ERROR_TITLE,
    MAX_LIST_FORMULA,
    MAX_PROMPT,
    MAX_PROMPT_TITLE,
)
from systematise.template.texts import TEXTS
from systematise.template.texts import text as template_text
from systematise.template.validation import is_controlled, list_name
from systematise.template.writer import (
    OPTIONAL_FILL,
    REQUIRED_FILL,
    build_workbook,
    default_name,
    write_template,
)
from systematise.xlsx import custom_properties


def _sheet(workbook: Workbook, role: str, lang: FocalLang) -> Worksheet:
    return workbook[layout.SHEET_NAMES[role][lang]]


def _validations_by_cell(sheet: Worksheet) -> dict[str, DataValidation]:
    """The validation covering each top-left cell of a range."""
    found: dict[str, DataValidation] = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            found[cell_range.coord.split(":")[0]] = validation
    return found


def _named_range_values(workbook: Workbook, name: str) -> list[object]:
    ((sheet_name, cells),) = workbook.defined_names[name].destinations
    min_col, min_row, max_col, max_row = range_boundaries(cells.replace("$", ""))
    assert min_col and min_row and max_col and max_row
    sheet = workbook[sheet_name]
    return [
        sheet.cell(row=row, column=column).value
        for row in range(min_row, max_row + 1)
        for column in range(min_col, max_col + 1)
    ]


@pytest.mark.slow
def test_sheets_their_order_and_visibility(template: Workbook, lang: FocalLang) -> None:
    names = layout.SHEET_NAMES
    assert template.sheetnames == [
        names["instructions"][lang],
        names["submission"][lang],
        names["initiatives"][lang],
        names["lists"][lang],
        layout.META_SHEET,
    ]
    states = [sheet.sheet_state for sheet in template.worksheets]
    assert states == ["visible", "visible", "visible", "hidden", "veryHidden"]
    assert template.active is not None
    assert template.active.title == names["instructions"][lang]


def test_key_row_matches_layout_and_is_hidden(template: Workbook, lang: FocalLang) -> None:
    sheet = _sheet(template, "initiatives", lang)
    columns = layout.initiative_columns()
    keys = [sheet.cell(row=layout.KEY_ROW, column=i).value for i in range(1, len(columns) + 1)]
    assert keys == [column.key for column in columns]
    # Then the stable ID column, locked while every data column is open to typing.
    id_column = len(columns) + 1
    assert sheet.cell(row=layout.KEY_ROW, column=id_column).value == layout.ID_KEY
    assert sheet.cell(row=layout.HEADER_ROW, column=id_column).value == layout.ID_HEADERS[lang]
    assert sheet.cell(row=layout.FIRST_DATA_ROW, column=id_column).protection.locked
    assert not sheet.cell(row=layout.FIRST_DATA_ROW, column=1).protection.locked
    assert sheet.protection.sheet
    assert sheet.cell(row=layout.KEY_ROW, column=id_column + 1).value is None
    assert sheet.row_dimensions[layout.KEY_ROW].hidden
    headers = [sheet.cell(row=layout.HEADER_ROW, column=i).value for i in range(1, 1 + len(keys))]
    assert headers == [column.header(lang) for column in columns]


def test_form_rows_match_layout(template: Workbook, lang: FocalLang) -> None:
    sheet = _sheet(template, "submission", lang)
    for row, field in enumerate(layout.submission_rows(), start=layout.FORM_FIRST_ROW):
        assert sheet.cell(row=row, column=layout.FORM_KEY_COLUMN).value == field.key
        assert sheet.cell(row=row, column=layout.FORM_LABEL_COLUMN).value == field.header(lang)
        assert sheet.cell(row=row, column=layout.FORM_VALUE_COLUMN).value is None
        assert sheet.cell(row=row, column=layout.FORM_HELP_COLUMN).value
    assert sheet.column_dimensions[get_column_letter(layout.FORM_KEY_COLUMN)].hidden


def test_required_columns_are_marked(template: Workbook, lang: FocalLang) -> None:
    sheet = _sheet(template, "initiatives", lang)
    for index, column in enumerate(layout.initiative_columns(), start=1):
        header = sheet.cell(row=layout.HEADER_ROW, column=index)
        required = column.spec.required and column.slot == 1
        assert str(header.value).endswith(layout.REQUIRED_MARK) == required, column.key
        expected = REQUIRED_FILL if required else OPTIONAL_FILL
        assert header.fill.fgColor.rgb.endswith(expected.fgColor.rgb), column.key
    assert REQUIRED_FILL.fgColor.rgb != OPTIONAL_FILL.fgColor.rgb


def test_every_initiative_column_has_prompt_and_error(template: Workbook, lang: FocalLang) -> None:
    sheet = _sheet(template, "initiatives", lang)
    by_cell = _validations_by_cell(sheet)
    last_row = layout.FIRST_DATA_ROW + layout.PREPARED_ROWS - 1
    for index, column in enumerate(layout.initiative_columns(), start=1):
        letter = get_column_letter(index)
        validation = by_cell[f"{letter}{layout.FIRST_DATA_ROW}"]
        assert f"{letter}{layout.FIRST_DATA_ROW}:{letter}{last_row}" in str(validation.sqref)
        assert validation.showInputMessage and validation.showErrorMessage, column.key
        assert validation.promptTitle and validation.prompt, column.key
        assert validation.errorTitle and validation.error, column.key
        assert column.spec.help(lang) in validation.prompt
        assert validation.allow_blank


def test_every_form_field_has_prompt_and_error(template: Workbook, lang: FocalLang) -> None:
    sheet = _sheet(template, "submission", lang)
    by_cell = _validations_by_cell(sheet)
    for row, field in enumerate(layout.submission_rows(), start=layout.FORM_FIRST_ROW):
        validation = by_cell[f"{get_column_letter(layout.FORM_VALUE_COLUMN)}{row}"]
        assert validation.prompt and validation.error, field.key


def test_controlled_columns_are_dropdowns_fed_by_named_ranges(
    template: Workbook, lang: FocalLang
) -> None:
    sheet = _sheet(template, "initiatives", lang)
    by_cell = _validations_by_cell(sheet)
    controlled = 0
    for index, column in enumerate(layout.initiative_columns(), start=1):
        validation = by_cell[f"{get_column_letter(index)}{layout.FIRST_DATA_ROW}"]
        if not is_controlled(column.spec):
            assert validation.type != "list", column.key
            continue
        controlled += 1
        assert column.spec.vocabulary is not None
        name = list_name(column.spec.vocabulary)
        assert validation.type == "list"
        assert validation.errorStyle == "stop"
        assert validation.formula1 == name  # a name, never an inline list
        assert not validation.showDropDown  # (True would hide the arrow)
        values = _named_range_values(template, name)
        assert values == list(vocabulary(column.spec.vocabulary).labels(lang))
    assert controlled >= 20  # slots included
    lists = _sheet(template, "lists", lang)
    for name, defined in template.defined_names.items():
        ((sheet_name, _cells),) = defined.destinations
        assert sheet_name == lists.title, name


def test_form_dropdowns_use_the_same_named_ranges(template: Workbook, lang: FocalLang) -> None:
    sheet = _sheet(template, "submission", lang)
    by_cell = _validations_by_cell(sheet)
    rows = {field.key: row for row, field in enumerate(layout.submission_rows(), start=3)}
    column = get_column_letter(layout.FORM_VALUE_COLUMN)
    assert by_cell[f"{column}{rows['country']}"].formula1 == list_name("country")
    assert by_cell[f"{column}{rows['consent_publish_contact']}"].formula1 == list_name("yes_no")
    date_cell = f"{column}{rows['submission_date']}"
    date_check = by_cell[date_cell]
    # A text cell, like the initiatives' dates: an office suite in another language never
    # turns a typed "05/03/2025" into a date of its own order; a pasted real date still passes.
    assert sheet[date_cell].number_format == "@"
    assert date_check.type == "custom" and date_check.errorStyle == "stop"
    assert f"ISTEXT({date_cell})" in str(date_check.formula1)
    assert f"{date_cell}<=TODAY()" in str(date_check.formula1)


def test_checks_match_field_kinds(template: Workbook, lang: FocalLang) -> None:
    sheet = _sheet(template, "initiatives", lang)
    by_cell = _validations_by_cell(sheet)
    checks = {
        column.key: by_cell[f"{get_column_letter(index)}{layout.FIRST_DATA_ROW}"]
        for index, column in enumerate(layout.initiative_columns(), start=1)
    }
    assert (checks["title"].type, checks["title"].formula1, checks["title"].formula2) == (
        "textLength",
        "5",
        "250",
    )
    assert (checks["acronym"].type, checks["acronym"].formula1) == ("textLength", "30")
    assert (checks["description"].formula1, checks["description"].formula2) == ("100", "6000")
    assert (checks["beneficiaries"].type, checks["beneficiaries"].formula1) == ("whole", "0")
    assert (checks["budget_amount"].type, checks["budget_amount"].formula1) == ("decimal", "0")
    assert checks["start_date"].type == "custom"
    assert checks["start_date"].formula1 is not None
    assert "F3" not in checks["start_date"].formula1  # relative to its own column
    start = get_column_letter(1 + [c.key for c in layout.initiative_columns()].index("start_date"))
    assert f"{start}{layout.FIRST_DATA_ROW}" in str(checks["start_date"].formula1)
    assert checks["website"].type == "custom"
    assert checks["budget_currency"].type == "textLength"


def test_messages_within_excel_limits(template: Workbook) -> None:
    for sheet in template.worksheets:
        for validation in sheet.data_validations.dataValidation:
            assert len(validation.promptTitle or "") <= MAX_PROMPT_TITLE
            assert len(validation.prompt or "") <= MAX_PROMPT
            assert len(validation.errorTitle or "") <= MAX_ERROR_TITLE
            assert len(validation.error or "") <= MAX_ERROR
            assert len(validation.formula1 or "") <= MAX_LIST_FORMULA
    assert all(len(name) <= 31 for name in template.sheetnames)


def test_prepared_rows_are_editable_and_the_rest_protected(
    template: Workbook, lang: FocalLang
) -> None:
    assert layout.PREPARED_ROWS >= 50
    sheet = _sheet(template, "initiatives", lang)
    last_row = layout.FIRST_DATA_ROW + layout.PREPARED_ROWS - 1
    width = len(layout.initiative_columns())
    assert sheet.protection.sheet
    assert not sheet.protection.password
    for column in (1, width // 2, width):
        assert sheet.cell(row=layout.KEY_ROW, column=column).protection.locked
        assert sheet.cell(row=layout.HEADER_ROW, column=column).protection.locked
        assert not sheet.cell(row=layout.FIRST_DATA_ROW, column=column).protection.locked
        assert not sheet.cell(row=last_row, column=column).protection.locked
    form = _sheet(template, "submission", lang)
    assert form.protection.sheet
    for row in range(layout.FORM_FIRST_ROW, layout.FORM_FIRST_ROW + 3):
        assert form.cell(row=row, column=layout.FORM_KEY_COLUMN).protection.locked
        assert form.cell(row=row, column=layout.FORM_LABEL_COLUMN).protection.locked
        assert not form.cell(row=row, column=layout.FORM_VALUE_COLUMN).protection.locked
    for role in ("instructions", "lists"):
        assert _sheet(template, role, lang).protection.sheet
    assert template[layout.META_SHEET].protection.sheet


def test_version_stamps_in_properties_and_meta_sheet(template: Workbook, lang: FocalLang) -> None:
    expected = {
        layout.PROPERTY_TEMPLATE_VERSION: layout.TEMPLATE_VERSION,
        layout.PROPERTY_SCHEMA_VERSION: SCHEMA_VERSION,
        layout.PROPERTY_LANG: lang,
        layout.PROPERTY_CYCLE: Settings().report.cycle,
    }
    properties = {prop.name: prop.value for prop in custom_properties(template)}
    assert properties == expected
    meta = template[layout.META_SHEET]
    pairs = {row[0]: row[1] for row in meta.iter_rows(min_row=2, values_only=True)}
    assert pairs == expected
    assert template.properties.title and template.properties.subject
    assert template.properties.creator


def test_frozen_panes_widths_and_print_setup(template: Workbook, lang: FocalLang) -> None:
    sheet = _sheet(template, "initiatives", lang)
    assert sheet.freeze_panes == "C3"  # header rows and reference + title columns
    keys = [column.key for column in layout.initiative_columns()]
    assert keys.index("title") == column_index_from_string("B") - 1
    assert sheet.column_dimensions["B"].width == 40  # the schema's width for the title
    assert sheet.row_dimensions[layout.FIRST_DATA_ROW].height
    for role in ("instructions", "submission", "initiatives"):
        setup = _sheet(template, role, lang).page_setup
        assert setup.paperSize is not None
        assert int(setup.paperSize) == int(Worksheet.PAPERSIZE_A4)
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.print_title_cols == "$A:$B"
    form = _sheet(template, "submission", lang)
    properties = form.sheet_properties.pageSetUpPr
    assert properties is not None and properties.fitToPage
    assert form.page_setup.fitToWidth == 1
    assert sheet.cell(row=layout.FIRST_DATA_ROW, column=2).alignment.wrap_text


def test_instructions_in_the_template_language(template: Workbook, lang: FocalLang) -> None:
    sheet = _sheet(template, "instructions", lang)
    text = "\n".join(str(cell.value) for cell in sheet["A"] if cell.value)
    assert Settings().template.send_to in text
    assert layout.SHEET_NAMES["initiatives"][lang] in text
    for other in FOCAL_LANGS:
        heading = template_text("what_heading", other)
        assert (heading in text) == (heading == template_text("what_heading", lang)), other
    assert "1" in text and "2" in text and "3" in text  # the numbered slot example


def test_deadline_appears_when_configured(tmp_path: Path) -> None:
    settings = Settings(
        template=TemplateSettings(
            send_to="focal@example.org",
            deadline=PerLang(es="30 de enero de 2026", en="30 January 2026"),
        )
    )
    workbook = build_workbook("en", settings)
    text = " ".join(str(c.value) for c in workbook["Instructions"]["A"] if c.value)
    assert "focal@example.org" in text and "30 January 2026" in text


def test_every_template_text_exists_in_every_language() -> None:
    for key in TEXTS:
        english = template_text(key, "en")
        for lang in FOCAL_LANGS:
            assert template_text(key, lang).strip(), (key, lang)
            # Translated, except where a language writes it as English does.
            same = template_text(key, lang) == english
            assert lang == "en" or not same or key in {"form_label", "dates_heading"}, (key, lang)


def test_deadline_in_portuguese_and_french_when_given() -> None:
    deadline = PerLang(es="30 de enero de 2026", en="30 January 2026", fr="30 janvier 2026")
    settings = Settings(template=TemplateSettings(send_to="focal@example.org", deadline=deadline))
    french = build_workbook("fr", settings)["Instructions"]
    assert any("au plus tard le 30 janvier 2026" in str(c.value) for c in french["A"])
    portuguese = build_workbook("pt", settings)["Instruções"]
    # No Portuguese text given: the nearest report language's (Spanish) rather than nothing.
    assert any("até 30 de enero de 2026" in str(c.value) for c in portuguese["A"])


@pytest.mark.slow
def test_default_name_and_atomic_write(tmp_path: Path) -> None:
    assert default_name("es") == f"systematise-template-es-v{layout.TEMPLATE_VERSION}.xlsx"
    target = tmp_path / "deep" / "folder" / default_name("en")
    write_template(target, "en", Settings())
    first = target.read_bytes()
    write_template(target, "en", Settings())
    assert target.read_bytes() == first  # reproducible
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary left
