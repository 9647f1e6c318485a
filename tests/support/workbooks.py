"""Workbooks as Markdown tables: fixtures written the way a reader of the test can check them.

A fixture is a Markdown table whose header cells are machine keys and whose rows are
initiatives; :func:`workbook_from_md` writes it into a real template through
:func:`systematise.template.fill.fill_workbook`, exactly as a focal point would have filled it in
(codes become dropdown labels, "2021-03" becomes "03/2021", anything else is written as given)::

    workbook = workbook_from_md(
        '''
        | title            | initiative_type | thematic_areas                 | start_date |
        |------------------|-----------------|--------------------------------|------------|
        | Registro Único   | programme_project | migration_data; data_exchange | 2021-03    |
        ''',
        lang="es",
    )

Empty cells are left empty; ``<br>`` in a cell is a line break; ``\\|`` is a literal bar. Fields
left out of the table take the values of :data:`VALID_INITIATIVE` unless ``complete=False``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from openpyxl import Workbook

from systematise.config import Settings
from systematise.schema.lang import FocalLang
from systematise.template.fill import fill_workbook, save_workbook
from systematise.template.layout import split_key

#: A submission header that passes every check (the date is in the past).
VALID_HEADER: dict[str, object] = {
    "country": "MEX",
    "submitting_institution": "Secretaría de Relaciones Exteriores",
    "focal_point_name": "Ana Ejemplo",
    "focal_point_email": "ana.ejemplo@example.org",
    "submission_date": "2025-10-15",
    "submission_language": "es",
    "consent_publish_contact": "no",
}

#: An initiative that passes every check; fixtures override the fields they are about.
VALID_INITIATIVE: dict[str, object] = {
    "title": "Sistema Nacional de Información sobre Movilidad Humana",
    "initiative_type": "information_system",
    "thematic_areas": ["migration_data", "data_exchange"],
    "migration_stages": ["destination"],
    "target_populations": ["migrants_general"],
    "gcm_objectives": [1, 3],
    "geographic_scope": "national",
    "status": "in_progress",
    "start_date": "2021-03",
    "lead_institution": "Instituto Nacional de Migración",
    "summary": (
        "Plataforma que integra los registros de entradas y salidas para producir estadísticas "
        "mensuales desglosadas."
    ),
    "description": (
        "El sistema reúne los registros administrativos de las instituciones del sector, aplica "
        "reglas comunes de validación y publica cuadros mensuales en formatos abiertos."
    ),
}

_SEPARATOR_ROW = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner.removeprefix("|")
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return [
        cell.strip().replace("\\|", "|").replace("<br>", "\n") for cell in _CELL_SPLIT.split(inner)
    ]


def md_table_to_rows(md: str) -> list[dict[str, str]]:
    """The rows of a Markdown table as dicts keyed by its header cells (machine keys)."""
    lines = [line for line in md.strip().splitlines() if line.strip()]
    if not lines:
        return []
    keys = _cells(lines[0])
    rows: list[dict[str, str]] = []
    for line in lines[1:]:
        if _SEPARATOR_ROW.match(line.strip()):
            continue
        cells = _cells(line)
        if len(cells) != len(keys):
            raise ValueError(f"row has {len(cells)} cells, header has {len(keys)}: {line!r}")
        rows.append(dict(zip(keys, cells, strict=True)))
    return rows


def workbook_from_md(
    initiatives_md: str,
    *,
    header: Mapping[str, object] | None = None,
    lang: FocalLang = "es",
    complete: bool = True,
    settings: Settings | None = None,
) -> Workbook:
    """A filled template: ``header`` (default :data:`VALID_HEADER`) and the table's rows.

    With ``complete``, each row starts from :data:`VALID_INITIATIVE`; cells of the table
    (empty ones included, which clear the field) override it.
    """
    rows: list[dict[str, object]] = []
    for cells in md_table_to_rows(initiatives_md):
        row: dict[str, object] = dict(VALID_INITIATIVE) if complete else {}
        for key in cells:  # a slot column (thematic_areas.2) replaces its field's default
            row.pop(split_key(key)[0], None)
        row.update(cells)
        rows.append(row)
    return fill_workbook(
        lang,
        VALID_HEADER if header is None else header,
        rows,
        settings or Settings(),
    )


def write_md_workbook(
    path: Path,
    initiatives_md: str,
    *,
    header: Mapping[str, object] | None = None,
    lang: FocalLang = "es",
    complete: bool = True,
) -> Path:
    """:func:`workbook_from_md` saved to ``path``; returns ``path``."""
    workbook = workbook_from_md(initiatives_md, header=header, lang=lang, complete=complete)
    save_workbook(workbook, path)
    return path
