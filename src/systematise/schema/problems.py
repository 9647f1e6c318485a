"""Problems are values: a code, a severity, a place, parameters; the text comes from one catalogue.

Every user-facing problem message is registered in :data:`CATALOGUE` by its code, written in
English (the msgid) and translated, like every other message to a focal point, in the ``check``
gettext catalogues (``locale/<lang>/LC_MESSAGES/check.po``, every focal-point language), and says
what to do. ``{label}`` in a message is replaced by the field's label in the reader's language;
other ``{placeholders}`` come from the problem's place and ``params`` (a language-dependent one
is given once per language, ``name_es``, ``name_en``…; a language without its own falls back to
the nearest report language). A test fails when a message lacks a language or a translation uses
other placeholders. Messages never quote personal values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from systematise.i18n import N_, fill, placeholders, translations
from systematise.schema.lang import FOCAL_LANGS, FocalLang, report_lang

__all__ = [
    "CATALOGUE",
    "Message",
    "Problem",
    "Severity",
    "in_every_lang",
    "joined_in_every_lang",
    "placeholders",
    "problem",
]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    #: A note showing how a value was read ("understood as …"): no action needed if right.
    INFO = "info"


@dataclass(frozen=True)
class Message:
    severity: Severity
    #: The English text, the msgid of the ``check`` catalogues.
    msgid: str

    def text(self, lang: FocalLang) -> str:
        return translations("check", lang).gettext(self.msgid)


E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: a note

CATALOGUE: dict[str, Message] = {
    # --- the file as a whole -------------------------------------------------------------
    "file_unreadable": Message(
        E,
        N_(
            "The file cannot be opened as a spreadsheet workbook (.xlsx, .ods or .xls): it may be "
            "damaged or incomplete. Save the filled-in template again as 'Excel Workbook (.xlsx)' "
            "and send it again."
        ),
    ),
    "file_encrypted": Message(
        E,
        N_("The file is password-protected. Remove the opening password and send it again."),
    ),
    "file_rejected": Message(
        E,
        N_(
            "The file was rejected for safety ({reason}). Copy your data into a new template and "
            "send it again."
        ),
    ),
    "template_version_old": Message(
        W,
        N_(
            "This workbook was made from template version {found}; the current one is {current}. "
            "It was read anyway, but please use the current template next time."
        ),
    ),
    "template_version_unsupported": Message(
        E,
        N_(
            "This workbook was made from template version {found}, which can no longer be read "
            "(current: {current}). Copy your data into the current template."
        ),
    ),
    "template_version_newer": Message(
        E,
        N_(
            "This workbook was made from template version {found}, newer than the one this program "
            "can read ({current}). Update systematise or use template {current}."
        ),
    ),
    "no_initiatives": Message(
        E,
        N_("The initiatives sheet has no filled-in row. Add at least one initiative."),
    ),
    "unknown_column": Message(
        W,
        N_(
            "The column '{header}' is not part of the template and was not read. If it holds "
            "important information, move it to the matching column."
        ),
    ),
    "missing_column": Message(
        E,
        N_("The template's column '{label}' is missing. Restore it from a fresh template."),
    ),
    # --- one cell ------------------------------------------------------------------------
    "required": Message(
        E,
        N_("'{label}' is required. Fill in this cell."),
    ),
    "too_short": Message(
        E,
        N_(
            "'{label}' is too short: it has {length} characters and at least {minimum} are needed. "
            "Expand the text."
        ),
    ),
    "too_long": Message(
        E,
        N_(
            "'{label}' is too long: it has {length} characters and {maximum} are allowed. "
            "Shorten the text."
        ),
    ),
    "not_in_vocabulary": Message(
        E,
        N_("'{label}': '{value}' is not in the list. Choose a value from the dropdown: {allowed}."),
    ),
    "too_many_values": Message(
        E,
        N_(
            "'{label}': at most {maximum} values are allowed and there are {count}. Keep the main "
            "ones."
        ),
    ),
    "duplicate_value": Message(
        W,
        N_("'{label}': the same value is chosen more than once; it was counted once."),
    ),
    "date_invalid": Message(
        E,
        N_(
            "'{label}': '{value}' is not a valid date. Write the year (2021), the month and year "
            "(03/2021) or the full date as day/month/year (15/03/2021)."
        ),
    ),
    "date_not_full": Message(
        E,
        N_(
            "'{label}': '{value}' is not a full date. Give day, month and year as day/month/year "
            "(e.g. 15/10/2025)."
        ),
    ),
    "date_ambiguous": Message(
        E,
        N_(
            "'{label}': the date '{value}' is ambiguous: with a two-digit year, the century or the "
            "order of day and month is a guess. Write it as day/month/year with a four-digit year, "
            "e.g. 05/03/2021."
        ),
    ),
    "date_in_future": Message(
        E,
        N_("'{label}': the date is in the future. Give the date the form was completed."),
    ),
    "date_too_early": Message(
        E,
        N_("'{label}': the date is before 1950. Check the year."),
    ),
    "end_before_start": Message(
        E,
        N_("'{label}': the end date is before the start date. Check both dates."),
    ),
    "end_date_required": Message(
        E,
        N_(
            "'{label}': the initiative is marked completed but has no end date. Give the end date "
            "or change the status."
        ),
    ),
    "number_invalid": Message(
        E,
        N_("'{label}': '{value}' is not a number. Write digits only, e.g. 250000."),
    ),
    "number_negative": Message(
        E,
        N_("'{label}': '{value}' is negative; the number cannot be negative."),
    ),
    "not_integer": Message(
        E,
        N_(
            "'{label}': '{value}' is not a whole number. Give a whole number of people, without "
            "decimals."
        ),
    ),
    "currency_required": Message(
        E,
        N_(
            "'{label}': a budget is given without its currency. Give the currency code "
            "(USD, TTD...)."
        ),
    ),
    "currency_without_amount": Message(
        W,
        N_("'{label}': a currency is given but no budget. Give the amount or clear the currency."),
    ),
    "currency_invalid": Message(
        E,
        N_("'{label}': '{value}' is not an ISO 4217 currency code. Use three letters, e.g. USD."),
    ),
    "url_invalid": Message(
        E,
        N_(
            "'{label}': '{value}' is not a valid public web address. Write the full address, "
            "starting with https://."
        ),
    ),
    "email_invalid": Message(
        E,
        N_("'{label}': not a valid e-mail address. Check it (name@domain)."),
    ),
    "sdg_target_invalid": Message(
        E,
        N_(
            "'{label}': '{value}' is not an SDG target or indicator: they are written like 10.7 or "
            "10.7.2, separated by ';'."
        ),
    ),
    "formula_in_cell": Message(
        E,
        N_("'{label}': the cell holds a formula. Type the value itself."),
    ),
    "merged_cells": Message(
        W,
        N_("Cells are merged ({range}). The value was read for each row, but avoid merging cells."),
    ),
    "duplicate_title": Message(
        E,
        N_(
            "'{label}': another initiative of this submission has the same title (row "
            "{other_row}). Each initiative needs its own title."
        ),
    ),
    "duplicate_title_across": Message(
        W,
        N_(
            "'{label}': an initiative of another submission ({other}) has the same title. Check "
            "that it is not the same one."
        ),
    ),
    "results_missing": Message(
        W,
        N_(
            "'{label}': the initiative is completed and describes no results. Add its main results."
        ),
    ),
    "personal_data_in_text": Message(
        W,
        N_(
            "'{label}': the text seems to contain personal data ({kind}). Remove them: the report "
            "is public."
        ),
    ),
    "invalid_value": Message(
        E,
        N_("'{label}': the value is not valid. Check the cell."),
    ),
    # --- reading a workbook by its labels; other file formats ---------------------------
    "read_by_labels": Message(
        W,
        N_(
            "The sheet '{sheet}' lacks the template's hidden key row: its columns were recognised "
            "by the headers in row {row}. Check that every value sits under its original header "
            "and, next time, copy your rows into a fresh template."
        ),
    ),
    "form_read_by_labels": Message(
        W,
        N_(
            "The sheet '{sheet}' lacks the form's hidden key column: its fields were recognised by "
            "their labels, and each answer was read from the cell to the right of its label. "
            "Check this and, next time, use a fresh template."
        ),
    ),
    "columns_not_recognised": Message(
        E,
        N_(
            "The initiatives' columns cannot be recognised: the workbook lacks the template's "
            "hidden key row and no row holds its headers (such as {examples}). Copy your rows into "
            "the sheet '{sheet}' of a fresh template without changing the headers."
        ),
    ),
    "form_not_recognised": Message(
        E,
        N_(
            "The submission form cannot be found: the template's hidden key column is missing and "
            "no sheet holds its labels (such as {examples}). Fill in the sheet '{sheet}' of a "
            "fresh template with the submission's details."
        ),
    ),
    "annotated_as_xlsx": Message(
        N,
        N_(
            "Your file is {format} workbook; it was read just like an .xlsx. The copy with the "
            "comments comes as an Excel workbook (.xlsx), which LibreOffice and Excel both open: "
            "correct your data in it and send it back."
        ),
    ),
    "wrong_format": Message(
        E,
        N_(
            "What was received is {kind}, not a spreadsheet workbook. Open the template and "
            "save it as a workbook: in LibreOffice, File ▸ Save As ▸ 'ODF Spreadsheet (.ods)' "
            "or 'Excel 2007-365 (.xlsx)'; in Excel, File ▸ Save As ▸ 'Excel Workbook (.xlsx)'. "
            "Then send it again."
        ),
    ),
    # --- what was understood; values quoted ---------------------------------------------
    "understood_as": Message(
        N,
        N_(
            "'{label}': '{value}' was understood as '{understood}'. If that is not what you meant, "
            "correct the cell."
        ),
    ),
    "date_cell_read": Message(
        N,
        N_(
            "'{label}': the cell is formatted as a date and was read as '{understood}'. Your "
            "spreadsheet program ordered day and month by its language: check they are not swapped."
        ),
    ),
    "currency_from_amount": Message(
        N,
        N_(
            "'{label}': the cell is empty; the currency {currency} given with the budget was used. "
            "If it is not right, type the currency code here."
        ),
    ),
    "currency_conflict": Message(
        W,
        N_(
            "'{label}': the budget names the currency {named} and this cell {currency}; "
            "{currency} was used. Correct whichever is wrong."
        ),
    ),
    "part_too_long": Message(
        E,
        N_(
            "'{label}': '{value}' is too long: it has {length} characters and {maximum} are "
            "allowed. Shorten it."
        ),
    ),
    # --- the cycle: stable IDs, the template's cycle ---------------------------------------
    "id_not_recognised": Message(
        W,
        N_(
            "'{label}': the identifier '{given}' is not that of a known initiative of this State "
            "matching this row (or another row already carries it), so it was not used: the row "
            "was identified as {id}. Do not change or copy the values of this column."
        ),
    ),
    "id_uncertain_match": Message(
        W,
        N_(
            "'{label}': the row had no identifier and was recognised by its content as the "
            "initiative {id} ('{known_title}') sent before, though not with certainty. If it is a "
            "different initiative, tell SELA; if it is the same one, nothing needs doing."
        ),
    ),
    "other_cycle": Message(
        E,
        N_(
            "This workbook was made from the template of the {found} cycle, and the current cycle "
            "is {current}. Copy your rows into the template of the {current} cycle (ask SELA "
            "for it if you do not have it) and send it again."
        ),
    ),
    "dated_before_cycle": Message(
        W,
        N_(
            "This workbook's submission date is in {year}, before the current cycle ({current}): "
            "it may be a file of an earlier cycle. If so, fill in the template of the {current} "
            "cycle and send it again; if not, correct the submission date."
        ),
    ),
    # --- the batch: duplicates, strays --------------------------------------------------
    "duplicate_submission": Message(
        E,
        N_(
            "There is more than one file for {country} in this batch: {files}. Only one per State "
            "is published: '{published}' (the latest submission date; on the same date, the one "
            "saved last; then the last by name). If initiatives of the other files are missing "
            "from it, copy them into that workbook and keep a single file per State."
        ),
    ),
    "file_not_read": Message(
        W,
        N_(
            "Not a spreadsheet workbook but {kind}; it was not read. If it is a State's "
            "submission, save the filled-in template as a workbook (.xlsx or .ods) and put it in "
            "the submissions folder; if not, you may move it out of that folder."
        ),
    ),
    "workbook_misnamed": Message(
        W,
        N_(
            "This file is a spreadsheet workbook, but its name does not end in .xlsx, .ods or .xls "
            "and it was not read. Rename it to end in '{suffix}' and run the command again."
        ),
    ),
    "folder_not_read": Message(
        W,
        N_(
            "This is a folder: the files in it were not read (only the workbooks directly in the "
            "submissions folder are). If it holds submissions, move them into the submissions "
            "folder."
        ),
    ),
    # --- personal data --------------------------------------------------------------------
    # --- translator workbooks -----------------------------------------------------------
    "translation_workbook_missing": Message(
        E,
        N_(
            "The file cannot be found (or is not a file). Give the path of the filled-in "
            "translations workbook."
        ),
    ),
    "translation_workbook_unreadable": Message(
        E,
        N_(
            "The file cannot be opened as an Excel workbook (.xlsx); nothing was imported. If it "
            "was saved in another format, save it again as 'Excel Workbook (.xlsx)' (in "
            "LibreOffice: File ▸ Save As) and import it again."
        ),
    ),
    "translation_workbook_wrong_format": Message(
        E,
        N_(
            "What was received is {kind}, not an Excel workbook (.xlsx); nothing was "
            "imported. Open the translations workbook and save it as 'Excel Workbook (.xlsx)' "
            "(in LibreOffice: File ▸ Save As ▸ 'Excel 2007-365 (.xlsx)') and import it again."
        ),
    ),
    "translation_workbook_encrypted": Message(
        E,
        N_(
            "The file is password-protected; nothing was imported. Remove the opening password and "
            "import it again."
        ),
    ),
    "translation_workbook_rejected": Message(
        E,
        N_(
            "The file was rejected for safety ({reason}); nothing was imported. Export a new "
            "workbook with 'systematise translations export' and copy the translations into it."
        ),
    ),
    "translation_workbook_foreign": Message(
        E,
        N_(
            "This file is not a systematise translations workbook; nothing was imported. Import "
            "the workbook written by 'systematise translations export', filled in."
        ),
    ),
    "translation_workbook_version": Message(
        E,
        N_(
            "This translations workbook has format {found} and this program reads format "
            "{current}; nothing was imported. Export a new workbook and copy the translations "
            "into it."
        ),
    ),
    "translation_workbook_lang": Message(
        E,
        N_(
            "The translations workbook names no valid target language (es or en); nothing was "
            "imported. Export a new workbook with 'systematise translations export --lang'."
        ),
    ),
    "translation_workbook_columns": Message(
        E,
        N_(
            "The translations sheet or one of its columns (hidden ones included) is missing; "
            "nothing was imported. Export a new workbook and copy the translations into it."
        ),
    ),
    "translation_store_unreadable": Message(
        E,
        N_(
            "Nothing was imported: the file translations/{store_file}, which this import would "
            "change, cannot be read ({reason}). Correct or delete it and import again."
        ),
    ),
}


#: Codes that mean a file could not be read as a workbook at all: nothing else is reported.
UNUSABLE_CODES = frozenset({"file_unreadable", "file_encrypted", "file_rejected", "wrong_format"})


class Problem(BaseModel):
    """One thing to fix (error) or to look at (warning), and where."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    file: str
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    field: str | None = None
    #: The field's label in each focal-point language (from the data contract).
    labels: dict[str, str] = {}
    params: dict[str, str | int] = {}
    #: Shown in both languages: the submitter's language could not be known (a PDF was sent).
    both_languages: bool = False

    def label(self, lang: FocalLang) -> str:
        return self.labels.get(lang) or self.labels.get(report_lang(lang)) or self.field or ""

    def values(self, lang: FocalLang) -> dict[str, str | int]:
        """What fills a message's placeholders in ``lang``: the problem's place (``{file}``,
        ``{sheet}``, ``{cell}``, ``{row}``), ``{label}``, then its parameters, where
        ``name_<lang>`` fills ``{name}`` (``name_es`` or ``name_en`` for a language without its
        own: the nearest report language)."""
        values: dict[str, str | int] = {
            key: value
            for key, value in (
                ("file", self.file),
                ("sheet", self.sheet),
                ("cell", self.cell),
                ("row", self.row),
            )
            if value is not None
        }
        values["label"] = self.label(lang)
        values.update(self.params)
        for suffix in (f"_{report_lang(lang)}", f"_{lang}"):  # the language's own wins
            for key, value in self.params.items():
                if key.endswith(suffix):
                    values[key.removesuffix(suffix)] = value
        return values

    def missing_placeholders(self) -> set[str]:
        """Placeholders of this code's messages that nothing fills (a bug at the raise site)."""
        entry = CATALOGUE[self.code]
        missing: set[str] = set()
        for lang in FOCAL_LANGS:
            missing |= placeholders(entry.text(lang)) - self.values(lang).keys()
        return missing

    def message(self, lang: FocalLang) -> str:
        """The message in ``lang``. Never raises: a placeholder that nothing fills (a bug the
        test suite looks for at every raise site) is shown as "…" rather than stopping a batch.
        """
        text = fill(CATALOGUE[self.code].text(lang), self.values(lang))
        if not self.both_languages:
            return text
        other: FocalLang = "en" if lang == "es" else "es"
        return f"{text}\n\n{fill(CATALOGUE[self.code].text(other), self.values(other))}"


def in_every_lang(name: str, msgid: str, **values: object) -> dict[str, str | int]:
    """``{name}_<lang>`` parameters of a problem: ``msgid``, a phrase of the ``check``
    catalogues, in every focal-point language, its placeholders filled with ``values``."""
    return {
        f"{name}_{lang}": fill(translations("check", lang).gettext(msgid), values)
        for lang in FOCAL_LANGS
    }


def joined_in_every_lang(name: str, msgids: Sequence[str]) -> dict[str, str | int]:
    """Like :func:`in_every_lang` for a list of phrases: "a, b and c" in each language."""
    params: dict[str, str | int] = {}
    for lang in FOCAL_LANGS:
        gettext = translations("check", lang).gettext
        items = [gettext(msgid) for msgid in msgids]
        text = items[-1]
        if len(items) > 1:
            text = fill(gettext(N_("{items} and {last}")), items=", ".join(items[:-1]), last=text)
        params[f"{name}_{lang}"] = text
    return params


def problem(
    code: str,
    *,
    file: str,
    sheet: str | None = None,
    cell: str | None = None,
    row: int | None = None,
    field: str | None = None,
    label: Mapping[str, str] | None = None,
    severity: Severity | None = None,
    per_lang: Mapping[str, str | int] | None = None,
    **params: str | int,
) -> Problem:
    """Make a problem of a catalogued code; its default severity comes from the catalogue.
    ``label`` is the field's label by language (``FieldSpec.labels``); ``per_lang`` holds
    parameters given per language (:func:`in_every_lang`)."""
    entry = CATALOGUE[code]
    return Problem(
        code=code,
        severity=severity or entry.severity,
        file=file,
        sheet=sheet,
        cell=cell,
        row=row,
        field=field,
        labels=dict(label or {}),
        params={**(per_lang or {}), **params},
    )
