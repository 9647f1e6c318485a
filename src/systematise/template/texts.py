"""The template's own words: instructions, titles and validation messages, in Spanish and English.

Field labels, help texts, examples and vocabulary labels come from the schema; this module holds
only what belongs to the workbook itself. Every entry is a ``(Spanish, English)`` pair, so a
language cannot be missing; :func:`text` picks one and fills its ``{placeholders}``.
"""

from __future__ import annotations

from systematise.schema.lang import Lang

TEXTS: dict[str, tuple[str, str]] = {
    # Document and sheet titles.
    "doc_title": (
        "Plantilla de envío de iniciativas migratorias",
        "Submission template for migration initiatives",
    ),
    "doc_subject": (
        "Formulario para que los Estados Miembros del SELA describan sus iniciativas de "
        "política pública sobre migración.",
        "Form for SELA Member States to describe their public policy initiatives on migration.",
    ),
    "submission_title": ("Datos del envío", "Submission details"),
    "submission_hint": (
        "Complete la columna «Respuesta». Las filas marcadas con * son obligatorias.",
        "Fill in the 'Answer' column. Rows marked with * are required.",
    ),
    "id_column_help": (
        "Identificador estable de cada iniciativa, asignado por el SELA. No lo cambie: permite "
        "reconocer la iniciativa de un envío y de un año a otro. Déjelo vacío en las "
        "iniciativas nuevas.",
        "The stable identifier of each initiative, given by SELA. Do not change it: it lets the "
        "initiative be recognised from one submission and one year to the next. Leave it empty "
        "for new initiatives.",
    ),
    "form_label": ("Pregunta", "Question"),
    "form_value": ("Respuesta", "Answer"),
    "form_help": ("Ayuda y ejemplo", "Help and example"),
    "example": ("Ejemplo: {example}", "Example: {example}"),
    "illustrative_note": (
        "Datos ilustrativos de ejemplo; no es un envío oficial.",
        "Illustrative sample data; not an official submission.",
    ),
    # Instructions sheet.
    "what_heading": ("¿Para qué sirve este archivo?", "What is this file for?"),
    "what_body": (
        "El SELA y la OIM preparan el documento «{report_title}», un informe bilingüe "
        "(español/inglés) que reúne las iniciativas con las que los Estados Miembros mejoran "
        "sus políticas públicas sobre migración. Con este archivo su institución describe esas "
        "iniciativas: una fila por iniciativa. Sus respuestas se leen automáticamente, por eso "
        "le pedimos seguir las indicaciones siguientes.",
        "SELA and IOM are preparing the document '{report_title}', a bilingual report "
        "(Spanish/English) bringing together the initiatives with which Member States improve "
        "their public policy on migration. With this file your institution describes those "
        "initiatives: one row per initiative. Your answers are read automatically, so please "
        "follow the guidance below.",
    ),
    "steps_heading": ("Qué completar", "What to fill in"),
    "step_submission": (
        "1. Hoja «{sheet_submission}»: los datos de su institución, del punto focal y del envío "
        "(columna «Respuesta»).",
        "1. Sheet '{sheet_submission}': details of your institution, the focal point and the "
        "submission ('Answer' column).",
    ),
    "step_initiatives": (
        "2. Hoja «{sheet_initiatives}»: una iniciativa por fila, a partir de la fila 3. Hay "
        "{rows} filas preparadas; si necesita más, escriba a {send_to}.",
        "2. Sheet '{sheet_initiatives}': one initiative per row, from row 3. There are {rows} "
        "prepared rows; if you need more, write to {send_to}.",
    ),
    "step_help": (
        "3. Al seleccionar una celda aparece un mensaje con la ayuda y un ejemplo de lo que se "
        "espera. Si un valor no es válido, un aviso le indica qué corregir.",
        "3. When you select a cell, a message shows help and an example of what is expected. "
        "If a value is not valid, an alert tells you what to fix.",
    ),
    "required_heading": ("Campos obligatorios", "Required fields"),
    "required_body": (
        "Las columnas obligatorias llevan un asterisco (*) al final del título y el encabezado "
        "de este color:",
        "Required columns have an asterisk (*) at the end of the heading and a heading of this "
        "colour:",
    ),
    "legend_required": ("Obligatorio *", "Required *"),
    "legend_optional": ("Opcional", "Optional"),
    "lists_heading": ("Listas desplegables y varios valores", "Dropdown lists and several values"),
    "lists_body": (
        "Donde hay una flecha, elija el valor de la lista; no escriba códigos. Cuando una "
        "pregunta admite varios valores, hay varias columnas numeradas (por ejemplo "
        "«{slot_example} 1», «{slot_example} 2» y «{slot_example} 3»): elija un valor en cada "
        "una, el principal en la primera, y deje vacías las que no use.",
        "Where there is an arrow, choose the value from the list; do not type codes. When a "
        "question accepts several values, there are several numbered columns (for example "
        "'{slot_example} 1', '{slot_example} 2' and '{slot_example} 3'): choose one value in "
        "each, the main one first, and leave unused ones empty.",
    ),
    "dates_heading": ("Fechas", "Dates"),
    "dates_body": (
        "Fechas de inicio y de fin: escriba el año (2021), el mes y el año (03/2021) o la fecha "
        "completa (15/03/2021). Fecha de envío: una fecha completa (15/10/2025), no futura. "
        "Escriba siempre día/mes/año, cualquiera sea el idioma de su programa: 05/03/2021 es "
        "el 5 de marzo.",
        "Start and end dates: write the year (2021), the month and year (03/2021) or the full "
        "date (15/03/2021). Submission date: a full date (15/10/2025), not in the future. "
        "Always write day/month/year, whatever your program's language: 05/03/2021 is "
        "5 March.",
    ),
    "text_heading": ("Textos", "Texts"),
    "text_body": (
        "Escriba texto sin formato: se conservan los párrafos y las líneas que empiezan con "
        "«-» o «•», pero no negritas, colores ni enlaces. Al pegar desde Word, use «Pegar "
        "valores» (Ctrl+Mayús+V). Para listas de texto (socios, metas de los ODS) separe los "
        "elementos con «;» o con saltos de línea (Alt+Intro). No combine celdas.",
        "Write plain text: paragraphs and lines starting with '-' or '•' are kept, but not "
        "bold, colours or links. When pasting from Word, use 'Paste values' (Ctrl+Shift+V). "
        "For lists of text (partners, SDG targets) separate the items with ';' or with line "
        "breaks (Alt+Enter). Do not merge cells.",
    ),
    "structure_heading": ("No cambie la estructura", "Do not change the structure"),
    "structure_body": (
        "No cambie el nombre de las hojas ni las borre. No borre la primera fila oculta de la "
        "hoja «{sheet_initiatives}» ni la columna A oculta de «{sheet_submission}»: contienen "
        "las claves que permiten leer sus respuestas. Puede ensanchar columnas y cambiar la "
        "altura de las filas.",
        "Do not rename or delete sheets. Do not delete the hidden first row of the "
        "'{sheet_initiatives}' sheet or the hidden column A of '{sheet_submission}': they hold "
        "the keys that let us read your answers. You may widen columns and change row heights.",
    ),
    "privacy_heading": ("Datos personales", "Personal data"),
    "privacy_body": (
        "El nombre, cargo, correo y teléfono del punto focal no se publican. Los datos de "
        "contacto de cada iniciativa solo se publican si responde «Sí» a la pregunta sobre "
        "su publicación en la hoja «{sheet_submission}». No incluya datos de personas "
        "particulares en los textos.",
        "The focal point's name, position, e-mail and phone are not published. The contact "
        "details of each initiative are published only if you answer 'Yes' to the question "
        "about publishing them on the '{sheet_submission}' sheet. Do not include data about "
        "private individuals in the texts.",
    ),
    "send_heading": ("Envío", "Sending"),
    "send_body": (
        "Guarde el archivo en formato Excel (.xlsx) y envíelo a {send_to}.",
        "Save the file in Excel format (.xlsx) and send it to {send_to}.",
    ),
    "send_body_deadline": (
        "Guarde el archivo en formato Excel (.xlsx) y envíelo a {send_to} a más tardar el "
        "{deadline}.",
        "Save the file in Excel format (.xlsx) and send it to {send_to} by {deadline}.",
    ),
    "version_line": (
        "Versión de la plantilla {template_version}; versión del modelo de datos {schema_version}.",
        "Template version {template_version}; data model version {schema_version}.",
    ),
    # Input and error messages of the data validations.
    "error_list": (
        "Elija un valor de la lista desplegable (flecha a la derecha de la celda). Para varios "
        "valores use las columnas numeradas.",
        "Choose a value from the dropdown list (arrow to the right of the cell). For several "
        "values use the numbered columns.",
    ),
    "error_length_between": (
        "Escriba entre {min} y {max} caracteres.",
        "Write between {min} and {max} characters.",
    ),
    "error_length_max": (
        "Escriba como máximo {max} caracteres.",
        "Write at most {max} characters.",
    ),
    "error_integer": (
        "Escriba un número entero igual o mayor que 0, sin puntos ni comas.",
        "Write a whole number of 0 or more, without separators.",
    ),
    "error_decimal": (
        "Escriba un número igual o mayor que 0, sin símbolo de moneda: la moneda va en la "
        "columna siguiente.",
        "Write a number of 0 or more, without a currency symbol: the currency goes in the next "
        "column.",
    ),
    "error_date": (
        "Escriba la fecha completa como día/mes/año, no futura, por ejemplo 15/10/2025.",
        "Write the full date as day/month/year, not in the future, for example 15/10/2025.",
    ),
    "error_partial_date": (
        "Escriba un año (2021), mes y año (03/2021) o fecha completa (15/03/2021), desde 1950.",
        "Write a year (2021), month and year (03/2021) or full date (15/03/2021), 1950 or later.",
    ),
    "error_email": (
        "Escriba una dirección de correo electrónico, por ejemplo nombre@institucion.gob.",
        "Write an e-mail address, for example name@institution.gov.",
    ),
    "error_url": (
        "Escriba la dirección completa, que empiece por https:// o http://.",
        "Write the full address, starting with https:// or http://.",
    ),
    "error_currency": (
        "Escriba el código de moneda de tres letras (USD, MXN, COP...).",
        "Write the three-letter currency code (USD, TTD, BBD...).",
    ),
}


def text(key: str, lang: Lang, **params: object) -> str:
    """The template text ``key`` in ``lang``, with its placeholders filled in."""
    spanish, english = TEXTS[key]
    chosen = spanish if lang == "es" else english
    return chosen.format(**params) if params else chosen
