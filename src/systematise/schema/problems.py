"""Problems are values: a code, a severity, a place, parameters; the text comes from one catalogue.

Every user-facing problem message lives in :data:`CATALOGUE`, in Spanish and English, and says
what to do. ``{label}`` in a message is replaced by the field's label in the reader's language;
other ``{placeholders}`` come from the problem's ``params`` (a language-dependent one is given as
two parameters, ``name_es`` and ``name_en``). A test fails when a code lacks a
language or the two languages use different placeholders. Messages never quote personal values.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from systematise.schema.lang import Lang


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Message:
    severity: Severity
    es: str
    en: str

    def text(self, lang: Lang) -> str:
        return self.es if lang == "es" else self.en


E, W = Severity.ERROR, Severity.WARNING

CATALOGUE: dict[str, Message] = {
    # --- the file as a whole -------------------------------------------------------------
    "file_unreadable": Message(
        E,
        "El archivo no se puede abrir como libro de Excel (.xlsx). Guárdelo de nuevo como "
        "«Libro de Excel (.xlsx)» a partir de la plantilla y vuelva a enviarlo.",
        "The file cannot be opened as an Excel workbook (.xlsx). Save it again as "
        "'Excel Workbook (.xlsx)' from the template and send it again.",
    ),
    "file_encrypted": Message(
        E,
        "El archivo está protegido con contraseña. Quite la contraseña de apertura y vuelva a "
        "enviarlo.",
        "The file is password-protected. Remove the opening password and send it again.",
    ),
    "file_rejected": Message(
        E,
        "El archivo se rechazó por seguridad ({reason}). Copie sus datos en una plantilla nueva "
        "y vuelva a enviarlo.",
        "The file was rejected for safety ({reason}). Copy your data into a new template and "
        "send it again.",
    ),
    "not_a_template": Message(
        E,
        "Este libro no se hizo con la plantilla de systematise: falta la hoja «{sheet}». Use la "
        "plantilla oficial y copie en ella sus datos.",
        "This workbook was not made from the systematise template: the sheet '{sheet}' is "
        "missing. Use the official template and copy your data into it.",
    ),
    "template_version_old": Message(
        W,
        "Este libro se hizo con la versión {found} de la plantilla; la actual es la {current}. "
        "Se leyó igualmente, pero para el próximo envío use la plantilla actual.",
        "This workbook was made from template version {found}; the current one is {current}. "
        "It was read anyway, but please use the current template next time.",
    ),
    "template_version_unsupported": Message(
        E,
        "Este libro se hizo con la versión {found} de la plantilla, que ya no se puede leer "
        "(actual: {current}). Copie sus datos en la plantilla actual.",
        "This workbook was made from template version {found}, which can no longer be read "
        "(current: {current}). Copy your data into the current template.",
    ),
    "template_version_newer": Message(
        E,
        "Este libro se hizo con la versión {found} de la plantilla, más nueva que la que este "
        "programa sabe leer ({current}). Actualice systematise o use la plantilla {current}.",
        "This workbook was made from template version {found}, newer than the one this program "
        "can read ({current}). Update systematise or use template {current}.",
    ),
    "no_initiatives": Message(
        E,
        "La hoja de iniciativas no tiene ninguna fila completada. Agregue al menos una iniciativa.",
        "The initiatives sheet has no filled-in row. Add at least one initiative.",
    ),
    "unknown_column": Message(
        W,
        "La columna «{header}» no forma parte de la plantilla y no se leyó. Si contiene "
        "información importante, pásela a la columna que corresponda.",
        "The column '{header}' is not part of the template and was not read. If it holds "
        "important information, move it to the matching column.",
    ),
    "missing_column": Message(
        E,
        "Falta la columna «{label}» de la plantilla. Restáurela desde una plantilla nueva.",
        "The template's column '{label}' is missing. Restore it from a fresh template.",
    ),
    # --- one cell ------------------------------------------------------------------------
    "required": Message(
        E,
        "«{label}» es obligatorio. Complete esta celda.",
        "'{label}' is required. Fill in this cell.",
    ),
    "too_short": Message(
        E,
        "«{label}» es demasiado corto: tiene {length} caracteres y se piden al menos {minimum}. "
        "Amplíe el texto.",
        "'{label}' is too short: it has {length} characters and at least {minimum} are needed. "
        "Expand the text.",
    ),
    "too_long": Message(
        E,
        "«{label}» es demasiado largo: tiene {length} caracteres y se admiten {maximum}. "
        "Acorte el texto.",
        "'{label}' is too long: it has {length} characters and {maximum} are allowed. "
        "Shorten the text.",
    ),
    "not_in_vocabulary": Message(
        E,
        "«{label}»: el valor escrito no está en la lista. Elija uno de la lista desplegable: "
        "{allowed}.",
        "'{label}': the value typed is not in the list. Choose one from the dropdown: {allowed}.",
    ),
    "too_many_values": Message(
        E,
        "«{label}»: se admiten como máximo {maximum} valores y hay {count}. Deje los principales.",
        "'{label}': at most {maximum} values are allowed and there are {count}. Keep the main "
        "ones.",
    ),
    "duplicate_value": Message(
        W,
        "«{label}»: el mismo valor está elegido más de una vez; se tuvo en cuenta una sola vez.",
        "'{label}': the same value is chosen more than once; it was counted once.",
    ),
    "date_invalid": Message(
        E,
        "«{label}»: no es una fecha válida. Escriba el año (2021), el mes y el año (03/2021) o "
        "la fecha completa (15/03/2021).",
        "'{label}': not a valid date. Write the year (2021), month and year (03/2021) or the "
        "full date (15/03/2021).",
    ),
    "date_not_full": Message(
        E,
        "«{label}»: indique la fecha completa, con día, mes y año (p. ej. 15/10/2025).",
        "'{label}': give the full date, with day, month and year (e.g. 15/10/2025).",
    ),
    "date_ambiguous": Message(
        E,
        "«{label}»: la fecha es ambigua (el día y el mes podrían estar invertidos). Escríbala "
        "como día/mes/año con cuatro cifras para el año, p. ej. 05/03/2021.",
        "'{label}': the date is ambiguous (day and month could be swapped). Write it as "
        "day/month/year with a four-digit year, e.g. 05/03/2021.",
    ),
    "date_in_future": Message(
        E,
        "«{label}»: la fecha es futura. Indique la fecha en que se completó el formulario.",
        "'{label}': the date is in the future. Give the date the form was completed.",
    ),
    "date_too_early": Message(
        E,
        "«{label}»: la fecha es anterior a 1950. Revise el año.",
        "'{label}': the date is before 1950. Check the year.",
    ),
    "end_before_start": Message(
        E,
        "«{label}»: la fecha de fin es anterior a la de inicio. Revise ambas fechas.",
        "'{label}': the end date is before the start date. Check both dates.",
    ),
    "end_date_required": Message(
        E,
        "«{label}»: la iniciativa figura como finalizada pero no tiene fecha de fin. Indique la "
        "fecha de fin o cambie el estado.",
        "'{label}': the initiative is marked completed but has no end date. Give the end date "
        "or change the status.",
    ),
    "number_invalid": Message(
        E,
        "«{label}»: no es un número. Escriba solo cifras, p. ej. 250000.",
        "'{label}': not a number. Write digits only, e.g. 250000.",
    ),
    "number_negative": Message(
        E,
        "«{label}»: el número no puede ser negativo.",
        "'{label}': the number cannot be negative.",
    ),
    "not_integer": Message(
        E,
        "«{label}»: debe ser un número entero de personas, sin decimales.",
        "'{label}': must be a whole number of people, without decimals.",
    ),
    "currency_required": Message(
        E,
        "«{label}»: hay un presupuesto sin moneda. Indique el código de la moneda (USD, MXN...).",
        "'{label}': a budget is given without its currency. Give the currency code (USD, TTD...).",
    ),
    "currency_without_amount": Message(
        W,
        "«{label}»: hay una moneda pero no un presupuesto. Indique el monto o borre la moneda.",
        "'{label}': a currency is given but no budget. Give the amount or clear the currency.",
    ),
    "currency_invalid": Message(
        E,
        "«{label}»: no es un código de moneda ISO 4217. Use tres letras, p. ej. USD.",
        "'{label}': not an ISO 4217 currency code. Use three letters, e.g. USD.",
    ),
    "url_invalid": Message(
        E,
        "«{label}»: no es una dirección web válida. Escriba la dirección completa, que empiece "
        "por https://.",
        "'{label}': not a valid web address. Write the full address, starting with https://.",
    ),
    "email_invalid": Message(
        E,
        "«{label}»: no es una dirección de correo válida. Revísela (nombre@dominio).",
        "'{label}': not a valid e-mail address. Check it (name@domain).",
    ),
    "sdg_target_invalid": Message(
        E,
        "«{label}»: una meta o indicador de los ODS se escribe como 10.7 o 10.7.2. Sepárelos "
        "con «;».",
        "'{label}': an SDG target or indicator is written like 10.7 or 10.7.2. Separate them "
        "with ';'.",
    ),
    "formula_in_cell": Message(
        E,
        "«{label}»: la celda contiene una fórmula. Escriba el valor directamente.",
        "'{label}': the cell holds a formula. Type the value itself.",
    ),
    "merged_cells": Message(
        W,
        "Hay celdas combinadas ({range}). Se leyó el valor en cada fila, pero evite combinar "
        "celdas.",
        "Cells are merged ({range}). The value was read for each row, but avoid merging cells.",
    ),
    "duplicate_title": Message(
        E,
        "«{label}»: otra iniciativa de este envío tiene el mismo título (fila {other_row}). "
        "Cada iniciativa necesita un título propio.",
        "'{label}': another initiative of this submission has the same title (row "
        "{other_row}). Each initiative needs its own title.",
    ),
    "duplicate_title_across": Message(
        W,
        "«{label}»: una iniciativa de otro envío ({other}) tiene el mismo título. Verifique que "
        "no sea la misma.",
        "'{label}': an initiative of another submission ({other}) has the same title. Check "
        "that it is not the same one.",
    ),
    "results_missing": Message(
        W,
        "«{label}»: la iniciativa está finalizada y no describe resultados. Agregue los "
        "principales resultados.",
        "'{label}': the initiative is completed and describes no results. Add its main results.",
    ),
    "personal_data_in_text": Message(
        W,
        "«{label}»: el texto parece contener datos personales ({kind}). Quítelos: el informe es "
        "público.",
        "'{label}': the text seems to contain personal data ({kind}). Remove them: the report "
        "is public.",
    ),
    "invalid_value": Message(
        E,
        "«{label}»: el valor no es válido. Revise la celda.",
        "'{label}': the value is not valid. Check the cell.",
    ),
    # --- reading a workbook by its labels; other file formats ---------------------------
    # --- what was understood; values quoted ---------------------------------------------
    # --- the batch: duplicates, strays --------------------------------------------------
    # --- personal data --------------------------------------------------------------------
    # --- translator workbooks -----------------------------------------------------------
}


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
    label_es: str | None = None
    label_en: str | None = None
    params: dict[str, str | int] = {}

    def label(self, lang: Lang) -> str:
        chosen = self.label_es if lang == "es" else self.label_en
        return chosen or self.field or ""

    def message(self, lang: Lang) -> str:
        """The message in ``lang``; a parameter ``name_es`` / ``name_en`` fills ``{name}``."""
        template = CATALOGUE[self.code].text(lang)
        values = dict(self.params)
        suffix = f"_{lang}"
        for key, value in self.params.items():
            if key.endswith(suffix):
                values[key.removesuffix(suffix)] = value
        return template.format(label=self.label(lang), **values)


def problem(
    code: str,
    *,
    file: str,
    sheet: str | None = None,
    cell: str | None = None,
    row: int | None = None,
    field: str | None = None,
    label: tuple[str, str] | None = None,
    severity: Severity | None = None,
    **params: str | int,
) -> Problem:
    """Make a problem of a catalogued code; its default severity comes from the catalogue."""
    entry = CATALOGUE[code]
    return Problem(
        code=code,
        severity=severity or entry.severity,
        file=file,
        sheet=sheet,
        cell=cell,
        row=row,
        field=field,
        label_es=label[0] if label else None,
        label_en=label[1] if label else None,
        params=params,
    )


def placeholders(template: str) -> set[str]:
    """The ``{names}`` a message template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
