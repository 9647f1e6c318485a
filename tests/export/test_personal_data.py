"""No personal data reaches any byte of a build's output, wherever it was planted.

Canaries (unique strings) are planted in a real submitted workbook: the focal point's fields,
contact fields without consent, free text (e-mail, phone, passport, IBAN), identity numbers and
phones in the short published fields (title, acronym, lead institution, partners, funding
sources, submitting institution), a cell comment, a hidden sheet, a hidden column and the
document properties. The real pipeline builds the report;
then every file under the output folder is searched: PDF streams decompressed and the text of
every page extracted, DOCX and xlsx members unzipped, the rest as they are, in UTF-8 and
UTF-16. A consented contact, planted the same way, must be found: it proves the search sees
what is published.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.utils import get_column_letter

from systematise.build import build
from systematise.config import PathSettings, ReportSettings, Settings
from systematise.export.public import SCANNED_FIELDS, public_dataset
from systematise.resources import project_root
from systematise.schema.fieldmeta import field_specs
from systematise.schema.models import Initiative
from systematise.template.fill import fill_workbook, save_workbook
from systematise.template.layout import FIRST_DATA_ROW, SHEET_NAMES, initiative_columns
from systematise.xlsx import custom_properties
from tests.export.sample import sample_dataset
from tests.support.workbooks import VALID_INITIATIVE

#: Where each canary was planted, and the canary. None may appear in the output.
CANARIES = {
    "focal point name": "Zorvanek Quillisfocal",
    "focal point position": "Directorzq7 Canaryposition",
    "focal point e-mail": "canary.focal.q7@example.org",
    "focal point phone": "+52 55 9137 2468",
    "contact name without consent": "Wexlimbor Contactcanary",
    "contact e-mail without consent": "canary.contact.x3@example.org",
    "e-mail in free text": "canary.text.k9@example.org",
    "phone in free text": "+52 55 7314 9926",
    "passport in free text": "G48291736",
    "IBAN in free text": "DE89 3704 0044 0532 0130 00",
    "cédula in a title": "V-13.579.246",
    "phone in the acronym": "809-555-7193",
    "phone in the lead institution": "0414-7391846",
    "CPF in a partner's name": "529.982.247-25",
    "DNI in the funding sources": "31.846.257",
    "phone in the submitting institution": "(11) 98765-1357",
    "cell comment": "canarycommentT5",
    "comment author": "canaryauthorA1",
    "hidden sheet": "canaryhiddensheetH2",
    "hidden column": "canaryhiddencolumnC8",
    "document creator": "canarydoccreatorP4",
    "document title": "canarydoctitleP5",
    "document keywords": "canarydockeywordsP6",
    "custom document property": "canarydoccustomP7",
}
#: Published with consent: must be found, or the search is blind.
CONSENTED = {
    "contact name with consent": "Publishable Contactperson",
    "contact e-mail with consent": "published.contact@example.org",
}

TEXT = (
    "La iniciativa ofrece orientación a personas migrantes y coordina a las instituciones "
    "del sector para mejorar la calidad de los registros administrativos. "
)


def _header(country: str, consent: str, planted: bool) -> dict[str, object]:
    return {
        "country": country,
        "submitting_institution": "Ministerio de Relaciones Exteriores"
        + (f", {CANARIES['phone in the submitting institution']}" if planted else ""),
        "focal_point_name": CANARIES["focal point name"] if planted else "Ana Ejemplo",
        "focal_point_position": CANARIES["focal point position"] if planted else None,
        "focal_point_email": CANARIES["focal point e-mail"] if planted else "ana@example.org",
        "focal_point_phone": CANARIES["focal point phone"] if planted else None,
        "submission_date": "2025-10-15",
        "submission_language": "es",
        "consent_publish_contact": consent,
    }


def _planted_workbook() -> Workbook:
    rows = [
        {
            **VALID_INITIATIVE,
            "title": "Registro de movilidad de la cédula " + CANARIES["cédula in a title"],
            "acronym": "RM " + CANARIES["phone in the acronym"],
            "lead_institution": "Instituto Nacional de Migración, tel. "
            + CANARIES["phone in the lead institution"],
            "partners": ["OIM", "Fundación Ejemplo, CPF " + CANARIES["CPF in a partner's name"]],
            "funding_sources": "Fondo del titular, DNI " + CANARIES["DNI in the funding sources"],
            "description": TEXT
            + f"Escriba a {CANARIES['e-mail in free text']} o llame al "
            + f"{CANARIES['phone in free text']}.",
            "results": f"Pagos a la cuenta IBAN {CANARIES['IBAN in free text']}.",
            "challenges": f"Se extravió el pasaporte N° {CANARIES['passport in free text']}.",
            "contact_name": CANARIES["contact name without consent"],
            "contact_email": CANARIES["contact e-mail without consent"],
        },
        {**VALID_INITIATIVE, "title": "Segunda iniciativa sin datos personales"},
    ]
    book = fill_workbook("es", _header("MEX", "no", planted=True), rows, Settings())
    sheet = book[SHEET_NAMES["initiatives"]["es"]]
    sheet.cell(row=FIRST_DATA_ROW, column=2).comment = Comment(
        CANARIES["cell comment"], CANARIES["comment author"]
    )
    letter = get_column_letter(len(initiative_columns()) + 2)
    sheet[f"{letter}{FIRST_DATA_ROW}"] = CANARIES["hidden column"]
    sheet.column_dimensions[letter].hidden = True
    hidden = book.create_sheet("Notas")
    hidden["A1"] = CANARIES["hidden sheet"]
    hidden.sheet_state = "hidden"
    book.properties.creator = CANARIES["document creator"]
    book.properties.title = CANARIES["document title"]
    book.properties.keywords = CANARIES["document keywords"]
    custom_properties(book).append(
        StringProperty(name="notes", value=CANARIES["custom document property"])
    )
    return book


def _consented_workbook() -> Workbook:
    rows = [
        {
            **VALID_INITIATIVE,
            "title": "Iniciativa con contacto publicable",
            "contact_name": CONSENTED["contact name with consent"],
            "contact_email": CONSENTED["contact e-mail with consent"],
        }
    ]
    return fill_workbook("es", _header("COL", "yes", planted=False), rows, Settings())


def _pdf_texts(path: Path) -> list[bytes]:
    """The file, every object (streams decompressed), the pages' text, metadata and outline."""
    from pypdf import PdfReader
    from pypdf.generic import IndirectObject, StreamObject

    reader = PdfReader(path)
    found = [path.read_bytes()]
    numbers = {(n, g) for g, ids in reader.xref.items() for n in ids}
    numbers |= {(n, 0) for n in reader.xref_objStm}
    for number, generation in sorted(numbers):
        item = reader.get_object(IndirectObject(number, generation, reader))
        if isinstance(item, StreamObject):
            found.append(item.get_data())
        found.append(repr(item).encode("utf-8", "replace"))
    found.append(" ".join(page.extract_text() or "" for page in reader.pages).encode("utf-8"))
    found.append(repr(reader.metadata).encode("utf-8", "replace"))
    found.append(repr(reader.outline).encode("utf-8", "replace"))
    return found


def _blobs(output: Path) -> dict[str, list[bytes]]:
    """Every file under ``output`` as the byte strings a reader could get out of it."""
    blobs: dict[str, list[bytes]] = {}
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        name = path.relative_to(output).as_posix()
        if path.suffix == ".pdf":
            blobs[name] = _pdf_texts(path)
        elif path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(path) as archive:
                blobs[name] = [archive.read(member) for member in archive.namelist()]
        else:
            blobs[name] = [path.read_bytes()]
    return blobs


def _needles(canary: str) -> list[bytes]:
    squeezed = re.sub(r"\s+", "", canary)
    forms = {canary, squeezed}
    return [form.encode(encoding) for form in forms for encoding in ("utf-8", "utf-16-be")]


def _where(canary: str, blobs: dict[str, list[bytes]]) -> list[str]:
    needles = _needles(canary)
    places = []
    for name, parts in blobs.items():
        for part in parts:
            squeezed = re.sub(rb"\s+", b"", part)
            if any(needle in part or needle in squeezed for needle in needles):
                places.append(name)
                break
    return places


Built = tuple[Path, str, dict[str, list[bytes]]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = project_root()
    assert root is not None
    folder = tmp_path_factory.mktemp("canaries")
    submissions = folder / "submissions"
    submissions.mkdir()
    save_workbook(_planted_workbook(), submissions / "MEX-2025.xlsx")
    save_workbook(_consented_workbook(), submissions / "COL-2025.xlsx")
    settings = Settings(
        report=ReportSettings(publication_date=dt.date(2025, 11, 20)),
        paths=PathSettings(
            submissions=submissions,
            output=folder / "output",
            content=root / "content",
            translations=folder / "translations",
        ),
    )
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Keep(level=logging.DEBUG)
    logger = logging.getLogger("systematise")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        result = build([submissions], settings, settings.paths.output)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
    assert result.ok and len(result.dataset.entries if result.dataset else ()) == 3
    output = settings.paths.output
    return output, "\n".join(records), _blobs(output)


@pytest.mark.slow
def test_every_output_format_was_written(built: Built) -> None:
    output, _log, _blobs_found = built
    names = {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}
    for lang in ("es", "en"):
        for kind in ("html", "pdf", "docx"):
            assert f"{lang}/report.{kind}" in names
    assert {"data/initiatives.csv", "data/initiatives.xlsx", "build-report.json"} <= names


@pytest.mark.slow
@pytest.mark.parametrize("place", sorted(CANARIES))
def test_no_personal_data_in_any_output(built: Built, place: str) -> None:
    _output, log, blobs = built
    assert _where(CANARIES[place], blobs) == [], place
    assert CANARIES[place] not in log


@pytest.mark.slow
@pytest.mark.parametrize("place", sorted(CONSENTED))
def test_consented_contact_is_published_and_found(built: Built, place: str) -> None:
    _output, _log, blobs = built
    found = set(_where(CONSENTED[place], blobs))
    for name in ("es/report.html", "es/report.pdf", "es/report.docx", "data/initiatives.csv"):
        assert name in found, (place, name)


#: Personal data the detector finds in any text, one per kind of field, none of it an e-mail.
_PLANTED = ("cédula V-24.681.357", "tel. 0414-2468135", "CPF 529.982.247-25")


def test_the_build_masks_every_field_the_check_scans() -> None:
    """Every published text field, short ones included, is masked in the public view."""
    dataset = sample_dataset(("MEX",))
    entry = dataset.entries[0]
    updates: dict[str, object] = {}
    for spec in field_specs(Initiative):
        if spec.key in SCANNED_FIELDS:
            text = f"{spec.key}: " + ", ".join(_PLANTED)
            updates[spec.key] = (text, "OIM") if spec.kind == "text_list" else text
    planted = entry.model_copy(
        update={
            "initiative": entry.initiative.model_copy(update=updates),
            "submitting_institution": "Cancillería, " + _PLANTED[1],
        }
    )
    header = dataset.submissions[0].model_copy(
        update={"submitting_institution": "Cancillería, " + _PLANTED[1]}
    )
    public = public_dataset(
        dataset.model_copy(update={"entries": (planted,), "submissions": (header,)}), Settings()
    )
    blob = public.model_dump_json()
    for piece in ("24.681.357", "2468135", "529.982.247-25"):
        assert piece not in blob
    masked = public.entries[0].initiative
    assert masked.title == "title: cédula […], tel. […], CPF […]"
    assert masked.partners == ("partners: cédula […], tel. […], CPF […]", "OIM")
    assert set(updates) == set(SCANNED_FIELDS)
    assert {"title", "acronym", "lead_institution", "partners"} <= set(SCANNED_FIELDS)


def test_near_misses_are_published_as_written() -> None:
    dataset = sample_dataset(("MEX",))
    entry = dataset.entries[0]
    title = "Ley 25.871 y Decreto Supremo N° 007-2017-IN: USD 1.250.000 (2019-2023), ODS 17.18"
    changed = entry.model_copy(
        update={"initiative": entry.initiative.model_copy(update={"title": title})}
    )
    public = public_dataset(dataset.model_copy(update={"entries": (changed,)}), Settings())
    assert public.entries[0].initiative.title == title
