"""The personal-data detector: what it finds, what it must leave alone, masking, and its speed.

The tables are the specification: identity numbers as each State of the region writes them,
local and international phone numbers, and the near misses a policy text is full of (laws,
decrees, budgets, years, SDG targets, counts, files) that must never be flagged or masked.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from systematise.schema.fieldmeta import field_specs
from systematise.schema.models import Initiative, SubmissionHeader
from systematise.schema.stages import CheckedWorkbook
from systematise.validate.personal_data import (
    find_personal_data,
    is_scanned,
    kinds,
    mask,
)
from systematise.validate.personal_data.checksums import (
    argentina_cuil,
    cpf,
    curp,
    guatemala_cui,
    rut,
    salvador_dui,
    uruguay_ci,
)
from tests.support.workbooks import VALID_HEADER, workbook_from_md

CheckWorkbook = Callable[..., CheckedWorkbook]

#: (text, kind, the part found). Each text holds exactly one piece of personal data.
FOUND = [
    # e-mail addresses and IBANs
    ("Contacto: juan.perez@gmail.com", "email", "juan.perez@gmail.com"),
    ("IBAN DO28 BAGR 0000 0001 2124 5361 1324", "iban", "DO28 BAGR 0000 0001 2124 5361 1324"),
    ("cuenta GB82 WEST 1234 5698 7654 32", "iban", "GB82 WEST 1234 5698 7654 32"),
    # identity numbers after the name of the document, whatever their check digit
    ("pasaporte N° AB123456", "id_number", "AB123456"),
    ("Passport No: X1234567", "id_number", "X1234567"),
    ("passport no. 123456789", "id_number", "123456789"),
    ("pasaporte venezolano N° 123456789", "id_number", "123456789"),
    ("cédula 8-123-456", "id_number", "8-123-456"),
    ("cédula de identidad V-12.345.678", "id_number", "V-12.345.678"),
    ("cédula de ciudadanía 1.020.304.050", "id_number", "1.020.304.050"),
    ("CÉDULA DE IDENTIDAD N° 1712345678", "id_number", "1712345678"),
    ("C.I. 1.234.567-8", "id_number", "1.234.567-8"),
    ("CI 1712345678", "id_number", "1712345678"),
    ("C.C. 80.123.456", "id_number", "80.123.456"),
    ("CC 1020304050", "id_number", "1020304050"),
    ("C.E. 001234567", "id_number", "001234567"),
    ("T.I. 1002345678", "id_number", "1002345678"),
    ("DNI 12.345.678", "id_number", "12.345.678"),
    ("D.N.I. Nº 12345678", "id_number", "12345678"),
    ("DNI: 45678912", "id_number", "45678912"),
    ("RUT 12.345.678-K", "id_number", "12.345.678-K"),
    ("RUN: 9.876.543-0", "id_number", "9.876.543-0"),
    ("CPF 123.456.789-00", "id_number", "123.456.789-00"),
    ("RG 12.345.678-9", "id_number", "12.345.678-9"),
    ("CURP PEPJ800101HDFRRN09", "id_number", "PEPJ800101HDFRRN09"),
    ("DUI 01234567-0", "id_number", "01234567-0"),
    ("DPI 1234 56789 0101", "id_number", "1234 56789 0101"),
    ("CUIL 20-12345678-0", "id_number", "20-12345678-0"),
    ("carné de extranjería 001234567", "id_number", "001234567"),
    ("RNE W123456-7", "id_number", "W123456-7"),
    ("documento de identidad 12345678", "id_number", "12345678"),
    ("número de documento: 98765432", "id_number", "98765432"),
    ("ID card 123456789", "id_number", "123456789"),
    ("TRN 123-456-789", "id_number", "123-456-789"),
    ("PTP 1234567", "id_number", "1234567"),
    ("clave de elector GMVLMR80070501M100", "id_number", "GMVLMR80070501M100"),
    ("DNI NUMERO 12345678", "id_number", "12345678"),
    ("CI: V-12.345.678", "id_number", "V-12.345.678"),
    ("C.I. Nº V-12345678", "id_number", "V-12345678"),
    ("con cédula de ciudadanía No. 1.020.304.050 de Bogotá", "id_number", "1.020.304.050"),
    # identity numbers on their own: a national layout, and a right check digit where it has one
    ("firmado por 529.982.247-25", "id_number", "529.982.247-25"),  # CPF
    ("CPF del titular: 52998224725", "id_number", "52998224725"),
    ("cadastro 123.456.789-09 ativo", "id_number", "123.456.789-09"),
    ("registrado como 12.345.678-5", "id_number", "12.345.678-5"),  # RUT
    ("registrado como 12.345.670-K", "id_number", "12.345.670-K"),
    ("registrado como 12.345.678-K", "id_number", "12.345.678-K"),  # a K is only a RUT's
    ("inscrito 9876543-3", "id_number", "9876543-3"),
    ("titular 1.234.567-2", "id_number", "1.234.567-2"),  # Uruguay
    ("titular 00016297-5", "id_number", "00016297-5"),  # El Salvador
    ("titular 20-12345678-6", "id_number", "20-12345678-6"),  # Argentina, CUIL
    ("titular LOOA531113HTCPBN07", "id_number", "LOOA531113HTCPBN07"),  # CURP
    ("titular LOOA531113AB1", "id_number", "LOOA531113AB1"),  # RFC
    ("titular 1234 56789 0101", "id_number", "1234 56789 0101"),  # Guatemala
    ("titular V-12.345.678", "id_number", "V-12.345.678"),  # Venezuela
    ("titular E-84.123.456", "id_number", "E-84.123.456"),
    ("titular V12345678", "id_number", "V12345678"),
    ("su RIF V-12345678-9", "id_number", "V-12345678-9"),
    ("titular 001-1234567-8", "id_number", "001-1234567-8"),  # Dominican Republic
    ("titular 1-1234-5678", "id_number", "1-1234-5678"),  # Costa Rica
    ("titular 8-123-456", "id_number", "8-123-456"),  # Panama
    ("titular PE-12-3456", "id_number", "PE-12-3456"),
    ("titular 0801-1990-12345", "id_number", "0801-1990-12345"),  # Honduras
    ("titular 001-010190-0001A", "id_number", "001-010190-0001A"),  # Nicaragua
    # phone numbers: international
    ("Llamar al +52 55 1234 5678.", "phone", "+52 55 1234 5678"),
    ("+58 412 123 4567", "phone", "+58 412 123 4567"),
    ("+1 (868) 555-1234", "phone", "+1 (868) 555-1234"),
    ("(+506) 2222-3333", "phone", "(+506) 2222-3333"),
    ("+55 (11) 98765-4321", "phone", "+55 (11) 98765-4321"),
    ("0058 412 1234567", "phone", "0058 412 1234567"),
    ("WhatsApp +52 1 55 1234 5678", "phone", "+52 1 55 1234 5678"),
    # phone numbers: local forms
    ("o al (809) 555-1234", "phone", "(809) 555-1234"),
    ("llamar al 809-555-1234", "phone", "809-555-1234"),
    ("Puerto España 868-555-1234", "phone", "868-555-1234"),
    ("Kingston 1-876-555-1234", "phone", "1-876-555-1234"),
    ("RD 809-555-1234", "phone", "809-555-1234"),
    ("RM 868-555-1234", "phone", "868-555-1234"),
    ("Bogotá 601 234 5678", "phone", "601 234 5678"),
    ("Caracas 0414-1234567", "phone", "0414-1234567"),
    ("Caracas 0212-555.12.34", "phone", "0212-555.12.34"),
    ("São Paulo (11) 98765-4321", "phone", "(11) 98765-4321"),
    ("São Paulo 11 98765-4321", "phone", "11 98765-4321"),
    ("Ciudad de México 55 1234 5678", "phone", "55 1234 5678"),
    ("Buenos Aires 011 4123-4567", "phone", "011 4123-4567"),
    ("Córdoba (0351) 412-3456", "phone", "(0351) 412-3456"),
    ("Quito 02-234-5678", "phone", "02-234-5678"),
    ("Montevideo 099 123 456", "phone", "099 123 456"),
    ("Asunción 0981 123 456", "phone", "0981 123 456"),
    ("Guayaquil 0991234567", "phone", "0991234567"),
    ("Bogotá 300 123 4567", "phone", "300 123 4567"),
    ("Santiago 9 8765 4321", "phone", "9 8765 4321"),
    ("Buenos Aires 15-1234-5678", "phone", "15-1234-5678"),
    ("Caracas (0212) 555-12-34", "phone", "(0212) 555-12-34"),
    ("Caracas 0414 123 45 67", "phone", "0414 123 45 67"),
    ("Ciudad de México 044 55 1234 5678", "phone", "044 55 1234 5678"),
    ("+54 9 11 1234-5678", "phone", "+54 9 11 1234-5678"),
    # phone numbers after a phone word
    ("tel. 2222-3333", "phone", "2222-3333"),
    ("Teléfono: 8888 8888", "phone", "8888 8888"),
    ("celular 7123-4567", "phone", "7123-4567"),
    ("móvil 612345678", "phone", "612345678"),
    ("fax (502) 2222-3333", "phone", "(502) 2222-3333"),
    ("llame al 2222 3333", "phone", "2222 3333"),
    ("phone 246 123 4567", "phone", "246 123 4567"),
    # dashes and spaces typed by office suites
    ("Caracas 0414\u20111234567", "phone", "0414\u20111234567"),
    ("+58\u00a0412\u00a0123\u00a04567", "phone", "+58\u00a0412\u00a0123\u00a04567"),
    ("titular 001\u20131234567\u20138", "id_number", "001\u20131234567\u20138"),
]

#: Policy text that looks numeric but holds no personal data: never flagged, never masked.
NEAR_MISSES = [
    # laws, decrees, resolutions, files
    "Ley 25.871",
    "Ley N.º 21.325",
    "Ley 20.430 de 2010 y Decreto 1067 de 2015",
    "Ley 19.253-1 de pueblos indígenas",
    "Decreto Supremo N° 007-2017-IN",
    "Decreto Ejecutivo 1182 de 2012",
    "Decreto 8-123-2019",
    "Decreto 001-1234567-8 del Poder Ejecutivo",
    "Resolución 1238/2023",
    "Resolución 0123-2021 del Ministerio",
    "Resolución Ministerial N° 0123-2021-IN",
    "Reglamento (CE) 862/2007 y CE 862/2007",
    "expediente 001-1234567-8",
    "Expediente N.º 0414-1234567",
    "caso 809-555-1234",
    "Registro 0123456789",
    "artículo 8-123-456",
    "ISBN 978-92-9068-123-4",
    "RUC 20123456789 y NIT 899.999.001-7",
    "CC BY 4.0",
    "Lei nº 13.445/2017 e Portaria Interministerial nº 9, de 14 de março de 2018",
    "CONPES 3950 de 2018",
    "Resolución de Superintendencia N° 000177-2022-MIGRACIONES",
    "Resolución CE-2019-001234",
    "Oficio N° 0123-2023-MRE/DGC",
    "Acuerdo Ministerial 0000122",
    "processo SEI nº 08018.012345/2019-11",
    "Expediente N.° 2023-01234-0-1801-JR-CI-01",
    "Registro Oficial Suplemento 938 de 6 de febrero de 2017",
    "ISO 27001:2013, versión 2.1.3, servidor 192.168.1.1",
    # tax numbers of companies and public bodies
    "RUT 60.910.000-1 del Servicio Nacional de Migraciones",
    "proveedor 76.123.456-0",
    "CUIT 30-12345678-1",
    "CNPJ 00.394.494/0001-36",
    # budgets and amounts
    "USD 1.250.000",
    "$800.000.000",
    "1.250.000,50",
    "USD 12.345.678",
    "Presupuesto: USD 1,250,000 (2021-2024)",
    "presupuesto de 1.500.000 a 2.000.000",
    "+12.345.678 personas",
    "+ 12.345.678",
    # years, dates, ranges
    "2019-2023",
    "período 2018-2022 y 2023-2027",
    "entre 2013-2020 se atendió a 1.250.000 personas",
    "El programa will run 2020-2024",
    "Informe (2019) 2020-2021",
    "(1) 2019-2023",
    "ODS 10 2019 2023",
    "el DNI 2019-2023",
    "2023-05-14",
    "14/05/2023, 05-14-2023 y 01.12.2023",
    "8 de marzo de 2023",
    "entre el 01/01/2020 y el 31/12/2023, de 08:00-17:00",
    "Plan Nacional 2022-2026",
    # SDG targets, GCM objectives, percentages, counts
    "17.18",
    "ODS 10.7.2 y 17.18; meta 10.c",
    "objetivo 23",
    "Objetivos 1, 3 y 23 del PMM",
    "45,5 %",
    "12.345 personas",
    "12.345.678 migrantes",
    "Personas beneficiarias: 12 500",
    "población: 17 643 054 habitantes",
    "USD 50 000 000",
    "más de 2.800.000 venezolanos; 7,1 millones de personas",
    "rango 200-300-4000",
    "de 3 1500 2000",
    "(2) 123.456 personas",
    "entre 2500-3000 personas",
    "5.000-10.000 personas",
    "10-100-1000",
    "DNI: 125.000",
    "DNI tramitados 1.250.000",
    "pasaportes: 125.000",
    "teléfonos celulares 2.500.000",
    # check digits that are wrong, without the document's name
    "12.345.678-9",
    "123.456.789-00",
    "GOMC800101HDFRRR08",
    # toll-free and shared-cost helplines, postal codes
    "línea gratuita 800-123-4567",
    "0800-222-1234",
    "01 800 123 4567",
    "1-800-555-1234",
    "(800) 123-4567",
    "C.P. 06600, Ciudad de México",
    "CEP 01310-100, São Paulo",
    "Código postal 1425",
    "Línea 141, Disque 100",
    # documents named without a number
    "Cédula de identidad y pasaporte vigentes",
    "cédula de identidad para extranjeros",
]


@pytest.mark.parametrize(("text", "kind", "found"), FOUND)
def test_finds_personal_data(text: str, kind: str, found: str) -> None:
    (finding,) = find_personal_data(text)
    assert (finding.kind, text[finding.start : finding.end]) == (kind, found)
    assert found not in mask(text)


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_leaves_policy_text_alone(text: str) -> None:
    assert find_personal_data(text) == []
    assert mask(text) == text


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("DNI 12.345.678 y 23.456.789", ["12.345.678", "23.456.789"]),
        ("cédulas: C.I. 1234567, 2345678 / 3456789", ["1234567", "2345678", "3456789"]),
        ("Tel: 2222-3333 / 2222-4444", ["2222-3333", "2222-4444"]),
        ("teléfonos 8888-1111 o 8888-2222", ["8888-1111", "8888-2222"]),
    ],
)
def test_finds_every_number_of_a_list(text: str, found: list[str]) -> None:
    assert [text[f.start : f.end] for f in find_personal_data(text)] == found


def test_a_list_stops_at_what_is_not_a_number_of_it() -> None:
    text = "DNI 12.345.678 y 2019 personas"
    assert [text[f.start : f.end] for f in find_personal_data(text)] == ["12.345.678"]


@pytest.mark.parametrize(
    ("name", "right", "wrong"),
    [
        ("CPF", "529.982.247-25", "529.982.247-26"),
        ("RUT", "12.345.678-5", "12.345.678-4"),
        ("CURP", "LOOA531113HTCPBN07", "LOOA531113HTCPBN08"),
        ("CUIL", "20-12345678-6", "20-12345678-7"),
        ("DPI", "2345678990101", "2345678910101"),
        ("C.I.", "1.234.567-2", "1.234.567-3"),
        ("DUI", "00016297-5", "00016297-4"),
    ],
)
def test_a_bare_number_needs_its_check_digit_but_a_named_one_does_not(
    name: str, right: str, wrong: str
) -> None:
    assert kinds(f"titular {right}") == ["id_number"]
    assert kinds(f"titular {wrong}") == []
    assert kinds(f"{name} {right}") == ["id_number"]
    assert kinds(f"{name} {wrong}") == ["id_number"]


def test_check_digits() -> None:
    assert cpf("52998224725") and cpf("12345678909")
    assert not cpf("11111111111") and not cpf("52998224724")
    assert rut("12345678", "5") and rut("12345670", "k") and rut("9876543", "3")
    assert not rut("12345678", "K")
    assert uruguay_ci("1234567", "2") and not uruguay_ci("1234567", "3")
    assert salvador_dui("00016297", "5") and not salvador_dui("00016297", "4")
    assert argentina_cuil("20123456786") and not argentina_cuil("30123456786")
    assert guatemala_cui("2345678990101") and not guatemala_cui("2345678992301")
    assert curp("LOOA531113HTCPBN07") and not curp("LOOA531113HTCPBN06")


def test_mask_and_kinds() -> None:
    text = "Escriba a ana@example.org o al +52 55 1234 5678, DNI 12.345.678."
    assert mask(text) == "Escriba a […] o al […], DNI […]."
    assert kinds(text) == ["email", "phone", "id_number"]


@pytest.mark.parametrize(("text", "kind", "found"), FOUND)
def test_found_inside_a_policy_paragraph(text: str, kind: str, found: str) -> None:
    before = "Según la Ley 25.871 (2019-2023), con USD 1.250.000 y 12.345 personas (ODS 10.7.2), "
    after = " conforme al Decreto Supremo N° 007-2017-IN y a la meta 17.18."
    paragraph = before + text + after
    (finding,) = find_personal_data(paragraph)
    assert (finding.kind, paragraph[finding.start : finding.end]) == (kind, found)


# --- properties -------------------------------------------------------------------------------

_PIECES = [text for text, _kind, _found in FOUND] + NEAR_MISSES
_GLUE = st.sampled_from([" ", ", ", ". ", "; ", "\n", " y ", " (", ") ", ": ", "-", "/", ""])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
@pytest.mark.slow
def test_any_text_gives_ordered_findings_within_it(text: str) -> None:
    found = find_personal_data(text)
    assert all(0 <= f.start < f.end <= len(text) for f in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


#: Characters and words that make the detector work hardest: digits of other scripts, office
#: suites' dashes and spaces, document and phone words.
_TRICKY = st.sampled_from(
    [
        *"0123456789٠١٢٣٤٥٦٧٨٩０１²½ .-+()/,:@KVEAZÑñé\u2011\u00a0",
        *("DNI ", "CURP ", "tel. ", "RUT ", "IBAN ", "C.I. ", "Ley ", "+58 ", "V-", "pasaporte "),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TRICKY, max_size=60))
@pytest.mark.slow
def test_tricky_text_never_breaks_the_detector(parts: list[str]) -> None:
    text = "".join(parts)
    once = mask(text)
    assert mask(once) == once
    assert all(0 <= f.start < f.end <= len(text) for f in find_personal_data(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), _GLUE), max_size=8))
@pytest.mark.slow
def test_masking_is_idempotent(parts: list[tuple[str, str]]) -> None:
    text = "".join(piece + glue for piece, glue in parts)
    once = mask(text)
    assert mask(once) == once


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NEAR_MISSES), min_size=1, max_size=6))
@pytest.mark.slow
def test_near_misses_stay_near_misses_together(parts: list[str]) -> None:
    text = ". ".join(parts)
    assert find_personal_data(text) == []


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(FOUND), st.sampled_from(NEAR_MISSES), st.sampled_from(NEAR_MISSES))
def test_personal_data_is_masked_among_near_misses(
    case: tuple[str, str, str], before: str, after: str
) -> None:
    text, kind, found = case
    paragraph = f"{before}. {text}. {after}"
    assert mask(paragraph) == f"{before}. {mask(text)}. {after}"
    assert found not in mask(text)
    assert kinds(paragraph) == [kind]


# --- speed --------------------------------------------------------------------------------------

#: Cells a hostile submission could hold: every pattern's worst case, 30,000 characters each.
_ADVERSARIAL = {
    "digits": "1" * 30_000,
    "zeros": "0" * 30_000,
    "hyphenated": "1-" * 15_000,
    "dotted": "1." * 15_000,
    "spaced": "12 " * 10_000,
    "plus": "+1 " * 10_000,
    "brackets": "(11) " * 6_000,
    "at signs": "a@" * 15_000,
    "domain": "a@" + "a." * 14_999,
    "local part": "a." * 14_999 + "@",
    "document names": "DNI N° " * 4_300,
    "document and digits": "cédula 1." * 3_300,
    "phone words": "tel. 1 " * 4_300,
    "phone word, long number": "tel. " + "1 (" * 10_000,
    "letters and digits": "AB12 " * 6_000,
    "iban word": "IBAN AB12 " * 3_000,
    "venezuelan": "V-1." * 7_500,
    "mixed": "Ley 1.234-5 +58 (0) 12-34 DNI V-1 " * 880,
}


@pytest.mark.parametrize("name", sorted(_ADVERSARIAL))
def test_hostile_cells_are_read_quickly(name: str) -> None:
    text = _ADVERSARIAL[name]
    started = time.perf_counter()
    find_personal_data(text)
    mask(text)
    # Generous: linear reading takes milliseconds; backtracking without bound takes minutes.
    assert time.perf_counter() - started < 10, name


# --- in the workbook: every published text field ---------------------------------------------


def test_the_check_scans_every_published_text_field() -> None:
    scanned = {spec.key for spec in field_specs(Initiative) if is_scanned(spec)}
    assert {"title", "title_translation", "acronym", "lead_institution", "partners"} <= scanned
    assert {"summary", "description", "funding_sources"} <= scanned
    assert not scanned & {"contact_name", "contact_email", "website", "status"}
    header = {spec.key for spec in field_specs(SubmissionHeader) if is_scanned(spec)}
    assert header == {"submitting_institution"}


def test_personal_data_in_short_fields_is_reported_at_its_cell(
    check_workbook: CheckWorkbook,
) -> None:
    rows = [
        "| title | acronym | lead_institution | partners | funding_sources |",
        "|---|---|---|---|---|",
        "| Cédula V-12.345.678 | SNM 809-555-1234 | MRE, tel. 0414-1234567"
        " | OIM; CPF 123.456.789-09 | Fondo 2024 |",
        "| Registro Único | RUM | Instituto Nacional de Migración | OIM; ACNUR | DNI 12.345.678 |",
    ]
    workbook = workbook_from_md(
        "\n".join(rows),
        header={**VALID_HEADER, "submitting_institution": "Cancillería (+58) 212 555 8426"},
    )
    checked = check_workbook(workbook)
    flagged = {
        (problem.field, problem.cell)
        for problem in checked.problems
        if problem.code == "personal_data_in_text"
    }
    fields = {field for field, _cell in flagged}
    assert fields == {
        "title",
        "acronym",
        "lead_institution",
        "partners",
        "funding_sources",
        "submitting_institution",
    }
    assert all(cell for _field, cell in flagged)
    assert sum(field == "partners" for field, _cell in flagged) == 1
    assert not any("12.345.678" in problem.message("es") for problem in checked.problems)
