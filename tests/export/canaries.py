"""Personal data planted in real submitted workbooks, for the no-personal-data test.

Canaries (unique strings) are planted in one State's workbook: the focal point's fields,
contact fields without consent, free text (e-mail, phone, passport, IBAN), identity numbers and
phones in the short published fields (title, acronym, lead institution, partners, funding
sources, submitting institution), a cell comment, a hidden sheet, a hidden column and the
document properties. Another State consents to publishing its contact, planted the same way: it
must be found, which proves the search sees what is published.

Both workbooks are part of the shared hostile cycle (:mod:`tests.hostile.cycle`), built once
per test run; ``tests/export/test_personal_data.py`` searches its outputs.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.utils import get_column_letter

from systematise.config import Settings
from systematise.template.fill import fill_workbook, save_workbook
from systematise.template.layout import FIRST_DATA_ROW, SHEET_NAMES, initiative_columns
from systematise.xlsx import custom_properties
from tests.support.workbooks import VALID_INITIATIVE

#: The State whose workbook carries the canaries (two initiatives), and the one that consents
#: to publishing its contact (one initiative).
PLANTED_STATE = "PER"
CONSENTED_STATE = "COL"
PLANTED_FILE = f"{PLANTED_STATE}-2025.xlsx"
CONSENTED_FILE = f"{CONSENTED_STATE}-2025.xlsx"

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


def planted_workbook() -> Workbook:
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
    book = fill_workbook("es", _header(PLANTED_STATE, "no", planted=True), rows, Settings())
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


def consented_workbook() -> Workbook:
    rows = [
        {
            **VALID_INITIATIVE,
            "title": "Iniciativa con contacto publicable",
            "contact_name": CONSENTED["contact name with consent"],
            "contact_email": CONSENTED["contact e-mail with consent"],
        }
    ]
    return fill_workbook("es", _header(CONSENTED_STATE, "yes", planted=False), rows, Settings())


def write_canary_workbooks(folder: Path) -> None:
    """Both workbooks, into the submissions ``folder``."""
    save_workbook(planted_workbook(), folder / PLANTED_FILE)
    save_workbook(consented_workbook(), folder / CONSENTED_FILE)
