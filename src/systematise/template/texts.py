"""The template's own words: instructions, titles and validation messages.

Field labels, help texts, examples and vocabulary labels come from the schema (the data
contract); this module holds only what belongs to the workbook itself: each text is written in
English here (the msgid) and translated into every focal-point language in the ``template``
gettext catalogues. :func:`text` picks one and fills its ``{placeholders}``.
"""

from __future__ import annotations

from systematise.i18n import N_, fill, translations
from systematise.schema.lang import FocalLang

TEXTS: dict[str, str] = {
    # Document and sheet titles.
    "doc_title": N_("Submission template for migration initiatives"),
    "doc_subject": N_(
        "Form for SELA Member States to describe their public policy initiatives on migration."
    ),
    "submission_title": N_("Submission details"),
    "submission_hint": N_("Fill in the 'Answer' column. Rows marked with * are required."),
    "id_column_help": N_(
        "The stable identifier of each initiative, given by SELA. Do not change it: it lets the "
        "initiative be recognised from one submission and one year to the next. Leave it empty "
        "for new initiatives."
    ),
    "form_label": N_("Question"),
    "form_value": N_("Answer"),
    "form_help": N_("Help and example"),
    "example": N_("Example: {example}"),
    "illustrative_note": N_("Illustrative sample data; not an official submission."),
    # Instructions sheet.
    "what_heading": N_("What is this file for?"),
    "what_body": N_(
        "SELA and IOM are preparing the document '{report_title}', a bilingual report "
        "(Spanish/English) bringing together the initiatives with which Member States improve "
        "their public policy on migration. With this file your institution describes those "
        "initiatives: one row per initiative. Your answers are read automatically, so please "
        "follow the guidance below."
    ),
    "steps_heading": N_("What to fill in"),
    "step_submission": N_(
        "1. Sheet '{sheet_submission}': details of your institution, the focal point and the "
        "submission ('Answer' column)."
    ),
    "step_initiatives": N_(
        "2. Sheet '{sheet_initiatives}': one initiative per row, from row 3. There are {rows} "
        "prepared rows; if you need more, write to {send_to}."
    ),
    "step_help": N_(
        "3. When you select a cell, a message shows help and an example of what is expected. "
        "If a value is not valid, an alert tells you what to fix."
    ),
    "required_heading": N_("Required fields"),
    "required_body": N_(
        "Required columns have an asterisk (*) at the end of the heading and a heading of this "
        "colour:"
    ),
    "legend_required": N_("Required *"),
    "legend_optional": N_("Optional"),
    "lists_heading": N_("Dropdown lists and several values"),
    "lists_body": N_(
        "Where there is an arrow, choose the value from the list; do not type codes. When a "
        "question accepts several values, there are several numbered columns (for example "
        "'{slot_example} 1', '{slot_example} 2' and '{slot_example} 3'): choose one value in "
        "each, the main one first, and leave unused ones empty."
    ),
    "dates_heading": N_("Dates"),
    "dates_body": N_(
        "Start and end dates: write the year (2021), the month and year (03/2021) or the full "
        "date (15/03/2021). Submission date: a full date (15/10/2025), not in the future. "
        "Always write day/month/year, whatever your program's language: 05/03/2021 is "
        "5 March."
    ),
    "text_heading": N_("Texts"),
    "text_body": N_(
        "Write plain text: paragraphs and lines starting with '-' or '•' are kept, but not "
        "bold, colours or links. When pasting from Word, use 'Paste values' (Ctrl+Shift+V). "
        "For lists of text (partners, SDG targets) separate the items with ';' or with line "
        "breaks (Alt+Enter). Do not merge cells."
    ),
    "structure_heading": N_("Do not change the structure"),
    "structure_body": N_(
        "Do not rename or delete sheets. Do not delete the hidden first row of the "
        "'{sheet_initiatives}' sheet or the hidden column A of '{sheet_submission}': they hold "
        "the keys that let us read your answers. You may widen columns and change row heights."
    ),
    "privacy_heading": N_("Personal data"),
    "privacy_body": N_(
        "The focal point's name, position, e-mail and phone are not published. The contact "
        "details of each initiative are published only if you answer 'Yes' to the question "
        "about publishing them on the '{sheet_submission}' sheet. Do not include data about "
        "private individuals in the texts."
    ),
    "send_heading": N_("Sending"),
    "send_body": N_("Save the file in Excel format (.xlsx) and send it to {send_to}."),
    "send_body_deadline": N_(
        "Save the file in Excel format (.xlsx) and send it to {send_to} by {deadline}."
    ),
    "version_line": N_("Template version {template_version}; data model version {schema_version}."),
    # Input and error messages of the data validations.
    "error_list": N_(
        "Choose a value from the dropdown list (arrow to the right of the cell). For several "
        "values use the numbered columns."
    ),
    "error_length_between": N_("Write between {min} and {max} characters."),
    "error_length_max": N_("Write at most {max} characters."),
    "error_integer": N_("Write a whole number of 0 or more, without separators."),
    "error_decimal": N_(
        "Write a number of 0 or more, without a currency symbol: the currency goes in the next "
        "column."
    ),
    "error_date": N_(
        "Write the full date as day/month/year, not in the future, for example 15/10/2025."
    ),
    "error_partial_date": N_(
        "Write a year (2021), month and year (03/2021) or full date (15/03/2021), 1950 or later."
    ),
    "error_email": N_("Write an e-mail address, for example name@institution.gov."),
    "error_url": N_("Write the full address, starting with https:// or http://."),
    "error_currency": N_("Write the three-letter currency code (USD, TTD, BBD...)."),
}


def text(key: str, lang: FocalLang, **params: object) -> str:
    """The template text ``key`` in ``lang``, with its placeholders filled in."""
    return fill(translations("template", lang).gettext(TEXTS[key]), params)
