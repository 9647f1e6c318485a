"""The data validation of each template cell: a dropdown or a check, with its messages.

Every field gets an input message (its help and example, shown when the cell is selected) and an
error alert saying what to write. Controlled fields are dropdowns fed by a named range on the
lists sheet, never an inline list (Excel caps those at 255 characters). Checks stay permissive
where people legitimately write things several ways (partial dates, e-mail, web addresses): the
workbook checker, not the template, has the last word.
"""

from __future__ import annotations

from typing import Literal

from openpyxl.worksheet.datavalidation import DataValidation

from systematise.schema.fieldmeta import FieldSpec
from systematise.schema.lang import FocalLang
from systematise.template.limits import MAX_ERROR, MAX_PROMPT, MAX_PROMPT_TITLE
from systematise.template.texts import text

#: Prefix of the named ranges holding each vocabulary's labels on the lists sheet.
LIST_NAME_PREFIX = "list_"
#: Kinds entered with a dropdown.
CONTROLLED_KINDS = frozenset({"code", "codes", "yes_no"})
#: Excel's serial number of 1 January 1950: any date from then on is at least this.
_SERIAL_1950 = 18264
_PARTIAL_DATE_TEXT_MAX = 40
_CELL_TEXT_MAX = 32767


def list_name(vocabulary_key: str) -> str:
    """The defined name of the range listing a vocabulary's labels."""
    return f"{LIST_NAME_PREFIX}{vocabulary_key}"


def is_controlled(spec: FieldSpec) -> bool:
    return spec.kind in CONTROLLED_KINDS and spec.vocabulary is not None


def shorten(value: str, limit: int) -> str:
    """``value`` cut to ``limit`` characters, ending with an ellipsis when cut."""
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def prompt_title(spec: FieldSpec, lang: FocalLang) -> str:
    return shorten(spec.label(lang), MAX_PROMPT_TITLE)


def prompt_text(spec: FieldSpec, lang: FocalLang) -> str:
    """Help and example; the example is dropped before the help is cut."""
    with_example = f"{spec.help(lang)}\n{text('example', lang, example=spec.example(lang))}"
    if len(with_example) <= MAX_PROMPT:
        return with_example
    return shorten(spec.help(lang), MAX_PROMPT)


def _length_check(spec: FieldSpec, lang: FocalLang) -> DataValidation:
    maximum = spec.max_length or _CELL_TEXT_MAX
    if spec.min_length and spec.min_length > 1:
        message = text("error_length_between", lang, min=spec.min_length, max=maximum)
        return _check("textLength", "between", str(spec.min_length), str(maximum), message)
    message = text("error_length_max", lang, max=maximum)
    return _check("textLength", "lessThanOrEqual", str(maximum), None, message)


_Kind = Literal["whole", "decimal", "list", "textLength", "custom"]
_Operator = Literal["between", "equal", "lessThanOrEqual", "greaterThanOrEqual"]


def _check(
    kind: _Kind, operator: _Operator | None, formula1: str, formula2: str | None, error: str
) -> DataValidation:
    return DataValidation(
        type=kind,
        operator=operator,
        formula1=formula1,
        formula2=formula2,
        error=shorten(error, MAX_ERROR),
        errorStyle="stop",
    )


def _custom(formula: str, error: str, style: Literal["stop", "warning"]) -> DataValidation:
    validation = _check("custom", None, formula, None, error)
    validation.errorStyle = style
    return validation


def _validation(spec: FieldSpec, lang: FocalLang, cell: str) -> DataValidation:
    """The check for ``spec``; ``cell`` is the top-left cell relative formulas refer to."""
    if is_controlled(spec):
        assert spec.vocabulary is not None
        return _check("list", None, list_name(spec.vocabulary), None, text("error_list", lang))
    if spec.kind == "integer":
        return _check("whole", "greaterThanOrEqual", "0", None, text("error_integer", lang))
    if spec.kind == "decimal":
        return _check("decimal", "greaterThanOrEqual", "0", None, text("error_decimal", lang))
    if spec.kind == "date":
        # The cell is text (typed dates are read day first by the checker): any short text, or
        # a date serial from 1950 to today when a real date was pasted in.
        formula = (
            f"OR(AND(ISTEXT({cell}),LEN({cell})<={_PARTIAL_DATE_TEXT_MAX}),"
            f"AND(ISNUMBER({cell}),{cell}>={_SERIAL_1950},{cell}<=TODAY()))"
        )
        return _custom(formula, text("error_date", lang), "stop")
    if spec.kind == "partial_date":
        # A year, a date serial from 1950, or any short text ("03/2021", "marzo 2021"): the
        # reader parses text; this only stops numbers that cannot be a date.
        formula = (
            f"OR(AND(ISTEXT({cell}),LEN({cell})<={_PARTIAL_DATE_TEXT_MAX}),"
            f"AND(ISNUMBER({cell}),OR(AND({cell}>=1950,{cell}<=2100),{cell}>={_SERIAL_1950})))"
        )
        return _custom(formula, text("error_partial_date", lang), "stop")
    if spec.kind == "email":
        formula = f'AND(ISNUMBER(FIND("@",{cell})),LEN({cell})<=254)'
        return _custom(formula, text("error_email", lang), "warning")
    if spec.kind == "url":
        formula = f'OR(LEFT({cell},7)="http://",LEFT({cell},8)="https://")'
        return _custom(formula, text("error_url", lang), "warning")
    if spec.kind == "currency":
        return _check("textLength", "equal", "3", None, text("error_currency", lang))
    return _length_check(spec, lang)


def field_validation(spec: FieldSpec, lang: FocalLang, cell: str) -> DataValidation:
    """The data validation of ``spec``'s cells, with input message and error alert.

    ``cell`` is the top-left cell of the range it will cover (relative references in custom
    formulas are relative to it). Add the range with ``validation.add(...)``.
    """
    validation = _validation(spec, lang, cell)
    validation.allow_blank = True
    validation.showInputMessage = True
    validation.showErrorMessage = True
    validation.promptTitle = prompt_title(spec, lang)
    validation.prompt = prompt_text(spec, lang)
    validation.errorTitle = prompt_title(spec, lang)
    return validation
