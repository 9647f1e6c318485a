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
    #: A note showing how a value was read ("understood as …"): no action needed if right.
    INFO = "info"


@dataclass(frozen=True)
class Message:
    severity: Severity
    es: str
    en: str

    def text(self, lang: Lang) -> str:
        return self.es if lang == "es" else self.en


E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: a note

CATALOGUE: dict[str, Message] = {
    # --- the file as a whole -------------------------------------------------------------
    "file_unreadable": Message(
        E,
        "El archivo no se puede abrir como libro de hoja de cálculo (.xlsx, .ods o .xls): puede "
        "estar dañado o incompleto. Guarde de nuevo la plantilla completada como «Libro de "
        "Excel (.xlsx)» y vuelva a enviarla.",
        "The file cannot be opened as a spreadsheet workbook (.xlsx, .ods or .xls): it may be "
        "damaged or incomplete. Save the filled-in template again as 'Excel Workbook (.xlsx)' "
        "and send it again.",
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
        "«{label}»: «{value}» no está en la lista. Elija un valor de la lista desplegable: "
        "{allowed}.",
        "'{label}': '{value}' is not in the list. Choose a value from the dropdown: {allowed}.",
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
        "«{label}»: «{value}» no es una fecha válida. Escriba el año (2021), el mes y el año "
        "(03/2021) o la fecha completa como día/mes/año (15/03/2021).",
        "'{label}': '{value}' is not a valid date. Write the year (2021), the month and year "
        "(03/2021) or the full date as day/month/year (15/03/2021).",
    ),
    "date_not_full": Message(
        E,
        "«{label}»: «{value}» no es una fecha completa. Indique día, mes y año como "
        "día/mes/año (p. ej. 15/10/2025).",
        "'{label}': '{value}' is not a full date. Give day, month and year as day/month/year "
        "(e.g. 15/10/2025).",
    ),
    "date_ambiguous": Message(
        E,
        "«{label}»: la fecha «{value}» es ambigua: con el año en dos cifras, el siglo o el orden "
        "del día y el mes son una suposición. Escríbala como día/mes/año con el año en cuatro "
        "cifras, p. ej. 05/03/2021.",
        "'{label}': the date '{value}' is ambiguous: with a two-digit year, the century or the "
        "order of day and month is a guess. Write it as day/month/year with a four-digit year, "
        "e.g. 05/03/2021.",
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
        "«{label}»: «{value}» no es un número. Escriba solo cifras, p. ej. 250000.",
        "'{label}': '{value}' is not a number. Write digits only, e.g. 250000.",
    ),
    "number_negative": Message(
        E,
        "«{label}»: «{value}» es negativo; el número no puede ser negativo.",
        "'{label}': '{value}' is negative; the number cannot be negative.",
    ),
    "not_integer": Message(
        E,
        "«{label}»: «{value}» no es un número entero. Indique un número entero de personas, "
        "sin decimales.",
        "'{label}': '{value}' is not a whole number. Give a whole number of people, without "
        "decimals.",
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
        "«{label}»: «{value}» no es un código de moneda ISO 4217. Use tres letras, p. ej. USD.",
        "'{label}': '{value}' is not an ISO 4217 currency code. Use three letters, e.g. USD.",
    ),
    "url_invalid": Message(
        E,
        "«{label}»: «{value}» no es una dirección web pública válida. Escriba la dirección "
        "completa, que empiece por https://.",
        "'{label}': '{value}' is not a valid public web address. Write the full address, "
        "starting with https://.",
    ),
    "email_invalid": Message(
        E,
        "«{label}»: no es una dirección de correo válida. Revísela (nombre@dominio).",
        "'{label}': not a valid e-mail address. Check it (name@domain).",
    ),
    "sdg_target_invalid": Message(
        E,
        "«{label}»: «{value}» no es una meta ni un indicador de los ODS: se escriben como 10.7 "
        "o 10.7.2, separados con «;».",
        "'{label}': '{value}' is not an SDG target or indicator: they are written like 10.7 or "
        "10.7.2, separated by ';'.",
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
    "read_by_labels": Message(
        W,
        "La hoja «{sheet}» no tiene la fila oculta de claves de la plantilla: sus columnas se "
        "reconocieron por los encabezados de la fila {row}. Compruebe que cada dato esté bajo "
        "su encabezado original y, para el próximo envío, copie sus filas en una plantilla "
        "nueva.",
        "The sheet '{sheet}' lacks the template's hidden key row: its columns were recognised "
        "by the headers in row {row}. Check that every value sits under its original header "
        "and, next time, copy your rows into a fresh template.",
    ),
    "form_read_by_labels": Message(
        W,
        "La hoja «{sheet}» no tiene la columna oculta de claves del formulario: sus campos se "
        "reconocieron por sus etiquetas, y cada respuesta se leyó en la celda a la derecha de "
        "su etiqueta. Compruébelo y, para el próximo envío, use una plantilla nueva.",
        "The sheet '{sheet}' lacks the form's hidden key column: its fields were recognised by "
        "their labels, and each answer was read from the cell to the right of its label. "
        "Check this and, next time, use a fresh template.",
    ),
    "columns_not_recognised": Message(
        E,
        "No se reconocen las columnas de las iniciativas: el libro no tiene la fila oculta de "
        "claves de la plantilla y ninguna fila tiene sus encabezados (como {examples}). Copie "
        "sus filas en la hoja «{sheet}» de una plantilla nueva sin cambiar los encabezados.",
        "The initiatives' columns cannot be recognised: the workbook lacks the template's "
        "hidden key row and no row holds its headers (such as {examples}). Copy your rows into "
        "the sheet '{sheet}' of a fresh template without changing the headers.",
    ),
    "form_not_recognised": Message(
        E,
        "No se encuentra el formulario del envío: falta la columna oculta de claves de la "
        "plantilla y ninguna hoja tiene sus etiquetas (como {examples}). Complete la hoja "
        "«{sheet}» de una plantilla nueva con los datos del envío.",
        "The submission form cannot be found: the template's hidden key column is missing and "
        "no sheet holds its labels (such as {examples}). Fill in the sheet '{sheet}' of a "
        "fresh template with the submission's details.",
    ),
    "annotated_as_xlsx": Message(
        N,
        "Su archivo es un libro {format}; se leyó igual que un .xlsx. La copia con las "
        "observaciones se entrega como libro de Excel (.xlsx), que LibreOffice y Excel abren: "
        "corrija en ella sus datos y envíela de vuelta.",
        "Your file is {format} workbook; it was read just like an .xlsx. The copy with the "
        "comments comes as an Excel workbook (.xlsx), which LibreOffice and Excel both open: "
        "correct your data in it and send it back.",
    ),
    "wrong_format": Message(
        E,
        "Se recibió {kind}, no un libro de hoja de cálculo. Abra la plantilla y guárdela como "
        "libro: en LibreOffice, Archivo ▸ Guardar como ▸ «Hoja de cálculo ODF (.ods)» o «Libro "
        "de Excel 2007-365 (.xlsx)»; en Excel, Archivo ▸ Guardar como ▸ «Libro de Excel "
        "(.xlsx)». Luego vuelva a enviarla.",
        "What was received is {kind}, not a spreadsheet workbook. Open the template and save it "
        "as a workbook: in LibreOffice, File ▸ Save As ▸ 'ODF Spreadsheet (.ods)' or 'Excel "
        "2007-365 (.xlsx)'; in Excel, File ▸ Save As ▸ 'Excel Workbook (.xlsx)'. Then send it "
        "again.",
    ),
    # --- what was understood; values quoted ---------------------------------------------
    "understood_as": Message(
        N,
        "«{label}»: «{value}» se entendió como «{understood}». Si no es lo que quiso decir, "
        "corrija la celda.",
        "'{label}': '{value}' was understood as '{understood}'. If that is not what you meant, "
        "correct the cell.",
    ),
    "date_cell_read": Message(
        N,
        "«{label}»: la celda tiene formato de fecha y se leyó como «{understood}». Su programa "
        "ordenó el día y el mes según su idioma: compruebe que no estén invertidos.",
        "'{label}': the cell is formatted as a date and was read as '{understood}'. Your "
        "spreadsheet program ordered day and month by its language: check they are not swapped.",
    ),
    "currency_from_amount": Message(
        N,
        "«{label}»: la celda está vacía; se usó la moneda {currency}, indicada junto al "
        "presupuesto. Si no es la correcta, escriba aquí el código de la moneda.",
        "'{label}': the cell is empty; the currency {currency} given with the budget was used. "
        "If it is not right, type the currency code here.",
    ),
    "currency_conflict": Message(
        W,
        "«{label}»: el presupuesto indica la moneda {named} y esta celda {currency}; se usó "
        "{currency}. Corrija la que no sea la correcta.",
        "'{label}': the budget names the currency {named} and this cell {currency}; "
        "{currency} was used. Correct whichever is wrong.",
    ),
    "part_too_long": Message(
        E,
        "«{label}»: «{value}» es demasiado largo: tiene {length} caracteres y se admiten "
        "{maximum}. Acórtelo.",
        "'{label}': '{value}' is too long: it has {length} characters and {maximum} are "
        "allowed. Shorten it.",
    ),
    # --- the cycle: stable IDs, the template's cycle ---------------------------------------
    "id_not_recognised": Message(
        W,
        "«{label}»: el identificador «{given}» no corresponde a una iniciativa conocida de este "
        "Estado que coincida con esta fila (o ya lo lleva otra fila), así que no se usó: la "
        "fila se identificó como {id}. No cambie ni copie los valores de esta columna.",
        "'{label}': the identifier '{given}' is not that of a known initiative of this State "
        "matching this row (or another row already carries it), so it was not used: the row "
        "was identified as {id}. Do not change or copy the values of this column.",
    ),
    "id_uncertain_match": Message(
        W,
        "«{label}»: la fila no tenía identificador y, por su contenido, se reconoció como la "
        "iniciativa {id} («{known_title}») enviada antes, aunque no con certeza. Si se trata de "
        "otra iniciativa, indíqueselo al SELA; si es la misma, no hace falta hacer nada.",
        "'{label}': the row had no identifier and was recognised by its content as the "
        "initiative {id} ('{known_title}') sent before, though not with certainty. If it is a "
        "different initiative, tell SELA; if it is the same one, nothing needs doing.",
    ),
    "other_cycle": Message(
        E,
        "Este libro se hizo con la plantilla del ciclo {found}, y el ciclo en curso es el "
        "{current}. Copie sus filas en la plantilla del ciclo {current} (pídasela al SELA si no "
        "la tiene) y vuelva a enviarla.",
        "This workbook was made from the template of the {found} cycle, and the current cycle "
        "is {current}. Copy your rows into the template of the {current} cycle (ask SELA for it "
        "if you do not have it) and send it again.",
    ),
    "dated_before_cycle": Message(
        W,
        "Este libro tiene fecha de envío de {year}, anterior al ciclo en curso ({current}): "
        "puede ser el archivo de un ciclo anterior. Si es así, complete la plantilla del ciclo "
        "{current} y vuelva a enviarla; si no, corrija la fecha de envío.",
        "This workbook's submission date is in {year}, before the current cycle ({current}): "
        "it may be a file of an earlier cycle. If so, fill in the template of the {current} "
        "cycle and send it again; if not, correct the submission date.",
    ),
    # --- the batch: duplicates, strays --------------------------------------------------
    "duplicate_submission": Message(
        E,
        "Hay más de un archivo de {country} en este lote: {files}. Se publica solo uno por "
        "Estado: «{published}» (el de fecha de envío más reciente; a igual fecha, el guardado "
        "por última vez; luego, el último por nombre). Si en él faltan iniciativas de los otros "
        "archivos, cópielas en ese libro y deje un solo archivo por Estado.",
        "There is more than one file for {country} in this batch: {files}. Only one per State "
        "is published: '{published}' (the latest submission date; on the same date, the one "
        "saved last; then the last by name). If initiatives of the other files are missing "
        "from it, copy them into that workbook and keep a single file per State.",
    ),
    "file_not_read": Message(
        W,
        "No es un libro de hoja de cálculo sino {kind}, y no se leyó. Si es el envío de un "
        "Estado, guarde la plantilla completada como libro (.xlsx u .ods) y póngalo en la "
        "carpeta de envíos; si no, puede sacarlo de ella.",
        "Not a spreadsheet workbook but {kind}; it was not read. If it is a State's "
        "submission, save the filled-in template as a workbook (.xlsx or .ods) and put it in "
        "the submissions folder; if not, you may move it out of that folder.",
    ),
    "workbook_misnamed": Message(
        W,
        "Este archivo es un libro de hoja de cálculo, pero su nombre no termina en .xlsx, .ods "
        "ni .xls y no se leyó. Cambie su nombre para que termine en «{suffix}» y vuelva a "
        "ejecutar la orden.",
        "This file is a spreadsheet workbook, but its name does not end in .xlsx, .ods or .xls "
        "and it was not read. Rename it to end in '{suffix}' and run the command again.",
    ),
    "folder_not_read": Message(
        W,
        "Es una carpeta: los archivos que contiene no se leyeron (solo se leen los libros que "
        "están directamente en la carpeta de envíos). Si contiene envíos, páselos a la carpeta "
        "de envíos.",
        "This is a folder: the files in it were not read (only the workbooks directly in the "
        "submissions folder are). If it holds submissions, move them into the submissions "
        "folder.",
    ),
    # --- personal data --------------------------------------------------------------------
    # --- translator workbooks -----------------------------------------------------------
    "translation_workbook_missing": Message(
        E,
        "No se encuentra el archivo (o no es un archivo). Indique la ruta del libro de "
        "traducciones completado.",
        "The file cannot be found (or is not a file). Give the path of the filled-in "
        "translations workbook.",
    ),
    "translation_workbook_unreadable": Message(
        E,
        "El archivo no se puede abrir como libro de Excel (.xlsx); no se importó nada. Si se "
        "guardó en otro formato, guárdelo de nuevo como «Libro de Excel (.xlsx)» (en "
        "LibreOffice: Archivo ▸ Guardar como) e impórtelo otra vez.",
        "The file cannot be opened as an Excel workbook (.xlsx); nothing was imported. If it "
        "was saved in another format, save it again as 'Excel Workbook (.xlsx)' (in "
        "LibreOffice: File ▸ Save As) and import it again.",
    ),
    "translation_workbook_wrong_format": Message(
        E,
        "Se recibió {kind}, no un libro de Excel (.xlsx); no se importó nada. Abra el libro de "
        "traducciones y guárdelo como «Libro de Excel (.xlsx)» (en LibreOffice: Archivo ▸ "
        "Guardar como ▸ «Libro de Excel 2007-365 (.xlsx)») e impórtelo otra vez.",
        "What was received is {kind}, not an Excel workbook (.xlsx); nothing was imported. Open "
        "the translations workbook and save it as 'Excel Workbook (.xlsx)' (in LibreOffice: "
        "File ▸ Save As ▸ 'Excel 2007-365 (.xlsx)') and import it again.",
    ),
    "translation_workbook_encrypted": Message(
        E,
        "El archivo está protegido con contraseña; no se importó nada. Quite la contraseña de "
        "apertura e impórtelo otra vez.",
        "The file is password-protected; nothing was imported. Remove the opening password and "
        "import it again.",
    ),
    "translation_workbook_rejected": Message(
        E,
        "El archivo se rechazó por seguridad ({reason}); no se importó nada. Exporte un libro "
        "nuevo con «systematise translations export» y copie en él las traducciones.",
        "The file was rejected for safety ({reason}); nothing was imported. Export a new "
        "workbook with 'systematise translations export' and copy the translations into it.",
    ),
    "translation_workbook_foreign": Message(
        E,
        "Este archivo no es un libro de traducciones de systematise; no se importó nada. "
        "Importe el libro que escribió «systematise translations export», completado.",
        "This file is not a systematise translations workbook; nothing was imported. Import "
        "the workbook written by 'systematise translations export', filled in.",
    ),
    "translation_workbook_version": Message(
        E,
        "Este libro de traducciones tiene el formato {found} y este programa lee el formato "
        "{current}; no se importó nada. Exporte un libro nuevo y copie en él las traducciones.",
        "This translations workbook has format {found} and this program reads format "
        "{current}; nothing was imported. Export a new workbook and copy the translations "
        "into it.",
    ),
    "translation_workbook_lang": Message(
        E,
        "El libro de traducciones no indica un idioma de destino válido (es o en); no se "
        "importó nada. Exporte un libro nuevo con «systematise translations export --lang».",
        "The translations workbook names no valid target language (es or en); nothing was "
        "imported. Export a new workbook with 'systematise translations export --lang'.",
    ),
    "translation_workbook_columns": Message(
        E,
        "Falta la hoja de traducciones o alguna de sus columnas (también las ocultas); no se "
        "importó nada. Exporte un libro nuevo y copie en él las traducciones.",
        "The translations sheet or one of its columns (hidden ones included) is missing; "
        "nothing was imported. Export a new workbook and copy the translations into it.",
    ),
    "translation_store_unreadable": Message(
        E,
        "No se importó nada: el archivo translations/{store_file}, que esta importación "
        "cambiaría, no se puede leer ({reason}). Corríjalo o bórrelo e importe otra vez.",
        "Nothing was imported: the file translations/{store_file}, which this import would "
        "change, cannot be read ({reason}). Correct or delete it and import again.",
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
    label_es: str | None = None
    label_en: str | None = None
    params: dict[str, str | int] = {}
    #: Shown in both languages: the submitter's language could not be known (a PDF was sent).
    both_languages: bool = False

    def label(self, lang: Lang) -> str:
        chosen = self.label_es if lang == "es" else self.label_en
        return chosen or self.field or ""

    def values(self, lang: Lang) -> dict[str, str | int]:
        """What fills a message's placeholders in ``lang``: the problem's place (``{file}``,
        ``{sheet}``, ``{cell}``, ``{row}``), ``{label}``, then its parameters, where
        ``name_es`` / ``name_en`` fills ``{name}``."""
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
        suffix = f"_{lang}"
        for key, value in self.params.items():
            if key.endswith(suffix):
                values[key.removesuffix(suffix)] = value
        return values

    def missing_placeholders(self) -> set[str]:
        """Placeholders of this code's messages that nothing fills (a bug at the raise site)."""
        entry = CATALOGUE[self.code]
        missing = placeholders(entry.es) - self.values("es").keys()
        return missing | (placeholders(entry.en) - self.values("en").keys())

    def message(self, lang: Lang) -> str:
        """The message in ``lang``. Never raises: a placeholder that nothing fills (a bug the
        test suite looks for at every raise site) is shown as "…" rather than stopping a batch.
        """
        text = CATALOGUE[self.code].text(lang).format_map(_Filled(self.values(lang)))
        if not self.both_languages:
            return text
        other: Lang = "en" if lang == "es" else "es"
        return (
            f"{text}\n\n{CATALOGUE[self.code].text(other).format_map(_Filled(self.values(other)))}"
        )


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


class _Filled(dict[str, str | int]):
    def __missing__(self, key: str) -> str:
        return "…"


def placeholders(template: str) -> set[str]:
    """The ``{names}`` a message template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
