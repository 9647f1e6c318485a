"""The personal-data detector: what it finds, what it must leave alone, and masking."""

from __future__ import annotations

import pytest

from systematise.validate.personal_data import find_personal_data, kinds, mask


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("Contacto: juan.perez@gmail.com", "email", "juan.perez@gmail.com"),
        ("Llamar al +52 55 1234 5678.", "phone", "+52 55 1234 5678"),
        ("o al (809) 555-1234", "phone", "(809) 555-1234"),
        ("tel. 2222-3333", "phone", "2222-3333"),
        ("pasaporte N° AB123456", "id_number", "AB123456"),
        ("cédula 8-123-456", "id_number", "8-123-456"),
        ("CURP PEPJ800101HDFRRN09", "id_number", "PEPJ800101HDFRRN09"),
        ("CPF 123.456.789-09", "id_number", "123.456.789-09"),
        ("RUT 12.345.678-5", "id_number", "12.345.678-5"),
        ("IBAN DO28 BAGR 0000 0001 2124 5361 1324", "iban", "DO28 BAGR 0000 0001 2124 5361 1324"),
        ("cuenta GB82 WEST 1234 5698 7654 32", "iban", "GB82 WEST 1234 5698 7654 32"),
    ],
)
def test_finds_personal_data(text: str, kind: str, found: str) -> None:
    (finding,) = find_personal_data(text)
    assert (finding.kind, text[finding.start : finding.end]) == (kind, found)


@pytest.mark.parametrize(
    "text",
    [
        "Ley 20.430 de 2010 y Decreto 1067 de 2015",
        "entre 2013-2020 se atendió a 1.250.000 personas",
        "ODS 10.7.2 y 17.18; meta 10.c",
        "ISBN 978-92-9068-123-4",
        "Presupuesto: USD 1,250,000 (2021-2024)",
        "Resolución 0123-2021 del Ministerio",
        "línea gratuita 800-123-4567",
        "El programa will run 2020-2024",
        "Cédula de identidad y pasaporte vigentes",
        "Personas beneficiarias: 12 500",
        "Objetivos 1, 3 y 23 del PMM",
    ],
)
def test_leaves_policy_text_alone(text: str) -> None:
    assert find_personal_data(text) == []


def test_mask_and_kinds() -> None:
    text = "Escriba a ana@example.org o al +52 55 1234 5678."
    assert mask(text) == "Escriba a […] o al […]."
    assert kinds(text) == ["email", "phone"]
