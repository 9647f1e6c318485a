"""Open data: ``data/initiatives.{csv,json,xlsx}`` and ``data/datapackage.json``.

Decisions:

- **CSV** is UTF-8 *with* a byte-order mark, comma-separated, CRLF line ends, quoted where
  needed (RFC 4180). The mark is what makes Excel read the file as UTF-8 when it is opened
  with a double click (without it, a Spanish-locale Excel shows "MÃ©xico" for "México"); the
  package declares the encoding as ``utf-8-sig``, which frictionless, pandas and Python read
  without passing the mark into the first column's name. The JSON is plain UTF-8.
- **The data dictionary** (each field's ``description`` in the package, and the xlsx's
  ``fields`` sheet) speaks to data users: meaning, type and unit, allowed values and how a
  missing value is written (:mod:`systematise.export.dictionary`).
- **Multi-value fields** are joined with ``" | "`` in CSV and xlsx, and are arrays in JSON.
- **Coded fields** carry the code and its Spanish and English labels (``<field>_es``,
  ``<field>_en``).
- **Formula-like text** (starting with ``= + - @``, tab, CR or LF) gets a leading apostrophe in
  CSV and xlsx (:mod:`systematise.export.cells`); JSON keeps the text as it is.
- Only the public view of the dataset is written (:mod:`systematise.export.public`).
- Every file is written atomically.
- **The package validates as a data user runs it**: ``frictionless validate
  data/datapackage.json``, no option. Each resource declares the ``hash`` of the bytes written
  and the encoding and CSV dialect they were written with (one constant for both). The CSV and
  xlsx also declare their size (``bytes``); the JSON does not, because frictionless reads JSON
  with ijson, outside the byte counter it compares a declared size with, so any declared size
  fails as "actual is None" (it skips a hash it did not compute, which other tools can check).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from systematise import atomic
from systematise.config import Settings
from systematise.consolidate.models import Dataset
from systematise.export.cells import neutralise
from systematise.export.columns import SEPARATOR, Column, Value, open_data_columns, row
from systematise.export.public import public_dataset
from systematise.export.strings import _, both
from systematise.schema.models import SCHEMA_VERSION
from systematise.schema.vocabulary import vocabulary
from systematise.template.archive import workbook_bytes

DATA_DIR = "data"
CSV_NAME = "initiatives.csv"
JSON_NAME = "initiatives.json"
XLSX_NAME = "initiatives.xlsx"
PACKAGE_NAME = "datapackage.json"
SHEET = "initiatives"
DICTIONARY_SHEET = "fields"
#: The encodings of the CSV (with a byte-order mark, for Excel) and of the JSON, as written
#: and as declared in the package.
CSV_ENCODING = "utf-8-sig"
JSON_ENCODING = "utf-8"
#: The CSV's dialect, as written and as declared in the package (Data Package CSV Dialect).
CSV_DIALECT: dict[str, str | bool] = {
    "delimiter": ",",
    "lineTerminator": "\r\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "header": True,
}
#: Formats whose size frictionless can compare with a declared ``bytes`` (see the docstring).
_SIZE_DECLARED = frozenset({"csv", "xlsx"})


def _flat(value: Value, column: Column) -> str | int | Decimal | bool | None:
    """A value for a spreadsheet-like file: lists joined, text neutralised."""
    if isinstance(value, tuple):
        return neutralise(SEPARATOR.join(value)) if value else None
    if isinstance(value, str):
        return neutralise(value) if column.type == "string" else value
    return value


def _csv_text(value: str | int | Decimal | bool | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_bytes(records: Sequence[dict[str, Value]], columns: Sequence[Column]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=str(CSV_DIALECT["delimiter"]),
        lineterminator=str(CSV_DIALECT["lineTerminator"]),
        quotechar=str(CSV_DIALECT["quoteChar"]),
        doublequote=bool(CSV_DIALECT["doubleQuote"]),
    )
    writer.writerow([column.name for column in columns])
    for record in records:
        writer.writerow([_csv_text(_flat(record[c.name], c)) for c in columns])
    return buffer.getvalue().encode(CSV_ENCODING)


def _json_value(value: Value, column: Column) -> Any:
    if isinstance(value, tuple):
        return [int(item) for item in value] if column.integer_items else list(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def json_bytes(records: Sequence[dict[str, Value]], columns: Sequence[Column]) -> bytes:
    data = [{c.name: _json_value(record[c.name], c) for c in columns} for record in records]
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode(JSON_ENCODING)


def xlsx_bytes(
    records: Sequence[dict[str, Value]], columns: Sequence[Column], settings: Settings
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    def clean(value: str | int | Decimal | bool | None) -> str | int | Decimal | bool | None:
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    from systematise.xlsx import first_sheet

    book = Workbook()
    sheet = first_sheet(book)
    sheet.title = SHEET
    sheet.append([column.name for column in columns])
    for record in records:
        sheet.append([clean(_flat(record[c.name], c)) for c in columns])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 40 if column.text else 18
        sheet.cell(row=1, column=index).font = Font(bold=True)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions

    dictionary = book.create_sheet(DICTIONARY_SHEET)
    dictionary.append(["name", "title_es", "title_en", "type", "description_es", "description_en"])
    for column in columns:
        dictionary.append(
            [
                column.name,
                *column.title,
                "list" if column.multi else column.type,
                *(neutralise(text) for text in column.description),
            ]
        )
    for letter, width in zip("ABCDEF", (24, 30, 30, 10, 70, 70), strict=True):
        dictionary.column_dimensions[letter].width = width
    for cells in dictionary.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    moment = _publication_moment(settings)
    book.properties.creator = settings.report.author.en
    book.properties.lastModifiedBy = settings.report.author.en
    book.properties.title = settings.report.title.en
    # workbook_bytes, not book.save(): openpyxl stamps the save time into every zip entry.
    return workbook_bytes(book, moment)


def _publication_moment(settings: Settings) -> Any:
    import datetime as dt

    day = settings.report.date()
    return dt.datetime(day.year, day.month, day.day)


def _field_descriptor(column: Column, *, for_json: bool) -> dict[str, Any]:
    title_es, title_en = column.title
    description_es, description_en = column.description
    descriptor: dict[str, Any] = {
        "name": column.name,
        "type": "array" if (column.multi and for_json) else column.type,
        "title": f"{title_en} / {title_es}",
        "description": f"{description_en}\n\n{description_es}",
        # Bilingual texts as data: the Data Package profile allows extra properties.
        "x-title": {"es": title_es, "en": title_en},
        "x-description": {"es": description_es, "en": description_en},
    }
    if column.multi and not for_json:
        descriptor["x-separator"] = SEPARATOR
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.pattern and not column.multi:
        constraints["pattern"] = column.pattern
    if column.vocabulary and not column.multi and column.type == "string":
        constraints["enum"] = list(vocabulary(column.vocabulary).codes)
    if constraints:
        descriptor["constraints"] = constraints
    if column.name == "website":
        descriptor["format"] = "uri"
    return descriptor


def _schema(columns: Sequence[Column], *, for_json: bool) -> dict[str, Any]:
    return {
        "fields": [_field_descriptor(c, for_json=for_json) for c in columns],
        "primaryKey": ["id"],
        "missingValues": [""] if not for_json else [],
    }


def _resource(
    name: str, path: str, data: bytes, media: str, schema: dict[str, Any], fmt: str
) -> dict[str, Any]:
    titles = both(_("Initiatives ({format})"), format=fmt.upper())
    resource: dict[str, Any] = {
        "name": name,
        "path": path,
        "profile": "tabular-data-resource",
        "title": f"{titles[1]} / {titles[0]}",
        "x-title": {"es": titles[0], "en": titles[1]},
        "format": fmt,
        "mediatype": media,
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "schema": schema,
    }
    if fmt in _SIZE_DECLARED:
        resource["bytes"] = len(data)
    if fmt != "xlsx":
        resource["encoding"] = CSV_ENCODING if fmt == "csv" else JSON_ENCODING
    if fmt == "csv":
        resource["dialect"] = dict(CSV_DIALECT)
    if fmt == "xlsx":
        resource["dialect"] = {"excel": {"sheet": SHEET}}
    return resource


def package_descriptor(
    settings: Settings, cycle: str, files: dict[str, bytes], columns: Sequence[Column]
) -> dict[str, Any]:
    report = settings.report
    description = both(
        _(
            "Initiatives that SELA Member States reported for the systematisation of migration "
            "policy initiatives, cycle {cycle}: one row per initiative. Contact data appear only "
            "with the submitting State's consent; personal data found in text are masked."
        ),
        cycle=cycle,
    )
    return {
        "name": f"sela-migration-initiatives-{cycle}".lower(),
        "title": f"{report.title.en} / {report.title.es}",
        "description": f"{description[1]}\n\n{description[0]}",
        "x-title": {"es": report.title.es, "en": report.title.en},
        "x-description": {"es": description[0], "en": description[1]},
        "version": cycle,
        "created": _publication_moment(settings).isoformat() + "Z",
        "keywords": [
            *(k.strip() for k in report.keywords.en.split(";")),
            *(k.strip() for k in report.keywords.es.split(";")),
        ],
        "licenses": [
            {
                "name": report.licence_name,
                "path": report.licence_url,
                "title": f"{report.licence_title.en} / {report.licence_title.es}",
            }
        ],
        "contributors": [{"title": report.author.en, "role": "publisher"}],
        "x-schema-version": SCHEMA_VERSION,
        "resources": [
            _resource(
                "initiatives_csv",
                CSV_NAME,
                files[CSV_NAME],
                "text/csv",
                _schema(columns, for_json=False),
                "csv",
            ),
            _resource(
                "initiatives_json",
                JSON_NAME,
                files[JSON_NAME],
                "application/json",
                _schema(columns, for_json=True),
                "json",
            ),
            _resource(
                "initiatives_xlsx",
                XLSX_NAME,
                files[XLSX_NAME],
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                _schema(columns, for_json=False),
                "xlsx",
            ),
        ],
    }


def write_open_data(dataset: Dataset, settings: Settings, out_dir: Path) -> tuple[Path, ...]:
    """Write the open-data files into ``out_dir/data/``; return their paths.

    Only the public view of ``dataset`` is written (see :func:`public_dataset`); raises
    :class:`~systematise.export.public.PersonalDataInTextError` when the settings say to fail on
    personal data in text.
    """
    public = public_dataset(dataset, settings)
    columns = open_data_columns()
    records = [
        row(entry if entry.cycle else entry.model_copy(update={"cycle": public.cycle}), columns)
        for entry in public.entries
    ]
    files = {
        CSV_NAME: csv_bytes(records, columns),
        JSON_NAME: json_bytes(records, columns),
        XLSX_NAME: xlsx_bytes(records, columns, settings),
    }
    descriptor = package_descriptor(settings, public.cycle, files, columns)
    files[PACKAGE_NAME] = (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode()
    target = out_dir / DATA_DIR
    written = []
    for name, data in files.items():
        atomic.write_bytes(target / name, data)
        written.append(target / name)
    return tuple(written)
