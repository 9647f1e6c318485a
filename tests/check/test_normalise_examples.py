"""What focal points type, and what each normaliser makes of it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from systematise.normalise.dates import to_full_date, to_partial_date
from systematise.normalise.issue import Issue
from systematise.normalise.numbers import Amount, to_amount, to_integer
from systematise.normalise.text import clean_text, split_values
from systematise.normalise.vocab import to_codes, to_country
from systematise.normalise.web import to_email, to_url


def _code(result: object) -> object:
    return result.code if isinstance(result, Issue) else result


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("marzo de 2021", "2021-03"),
        ("March 2021", "2021-03"),
        ("março de 2021", "2021-03"),
        ("mars 2021", "2021-03"),
        ("Sept. 2020", "2020-09"),
        ("2021", "2021"),
        ("2021-03", "2021-03"),
        ("2021-03-15", "2021-03-15"),
        ("15/03/2021", "2021-03-15"),
        ("15.03.2021", "2021-03-15"),
        ("03/2021", "2021-03"),
        ("1er mars 2021", "2021-03-01"),
        ("15 de marzo de 2021", "2021-03-15"),
        ("March 15, 2021", "2021-03-15"),
        # LibreOffice's and Excel's own French abbreviations
        ("janv. 2026", "2026-01"),
        ("15 févr. 2025", "2025-02-15"),
        ("juill. 2027", "2027-07"),
        ("44256", "2021-03-01"),
        (44256, "2021-03-01"),
        (2021, "2021"),
        (dt.datetime(2021, 3, 15), "2021-03-15"),
        ("31/02/2021", "date_invalid"),
        ("13/2021", "date_invalid"),
        ("03/25/2021", "date_invalid"),
        ("15/03/21", "date_ambiguous"),
        ("03/21", "date_ambiguous"),
        ("mar-21", "date_ambiguous"),
        ("pronto", "date_invalid"),
        ("", None),
    ],
)
def test_dates(typed: object, expected: str | None) -> None:
    result = to_partial_date(typed)
    assert (str(result) if not isinstance(result, Issue) and result else _code(result)) == (
        expected
    )


def test_dates_keep_the_precision_a_cell_format_shows_and_the_1904_system() -> None:
    assert str(to_partial_date(dt.datetime(2021, 3, 1), number_format="mmm-yy")) == "2021-03"
    assert str(to_partial_date(dt.datetime(2021, 1, 1), number_format="yyyy")) == "2021"
    assert str(to_partial_date(42794, epoch_1904=True)) == "2021-03-01"
    assert _code(to_full_date("2021")) == "date_not_full"
    assert to_full_date("15/10/2025") == dt.date(2025, 10, 15)


@pytest.mark.parametrize(
    ("typed", "value", "currency"),
    [
        ("1.250.000", "1250000", None),
        ("1,250,000", "1250000", None),
        ("1 250 000,50", "1250000.50", None),
        ("1.250.000,50", "1250000.50", None),
        ("1,250,000.50", "1250000.50", None),
        ("USD 1.250.000", "1250000", "USD"),
        ("US$ 30,000", "30000", "USD"),
        ("€1.000,00", "1000.00", "EUR"),
        ("$ 1.5 millones", "1500000", None),
        ("1,5 millones de dólares", "1500000", "USD"),
        (250000, "250000", None),
        ("0,125", "0.125", None),  # a group never starts with 0: a fraction, not 125
        ("R$ 1,2 bilhão", "1200000000", "BRL"),
        ("R$ 3,5 mi", "3500000", "BRL"),
        ("2 milliards de gourdes", "2000000000", "HTG"),
        ("1 250 000 dollars américains", "1250000", "USD"),
    ],
)
def test_amounts(typed: object, value: str, currency: str | None) -> None:
    assert to_amount(typed) == Amount(Decimal(value), currency)


def test_number_problems() -> None:
    assert _code(to_amount("-500")) == "number_negative"
    assert _code(to_amount("(500)")) == "number_negative"
    assert _code(to_amount("aprox. 500")) == "number_invalid"
    assert _code(to_integer("12,5")) == "not_integer"
    assert to_integer("12 500") == 12500


@pytest.mark.parametrize(
    ("typed", "iso3"),
    [
        ("México", "MEX"),
        ("mexico", "MEX"),
        ("MX", "MEX"),
        ("MEX", "MEX"),
        ("Brésil", "BRA"),
        ("Brasil", "BRA"),
        ("Haïti", "HTI"),
        ("République d’Haïti", "HTI"),
        ("Trinidad & Tobago", "TTO"),
        ("república dominicana", "DOM"),
        ("Costa Rica", "not_in_vocabulary"),
    ],
)
def test_countries(typed: str, iso3: str) -> None:
    assert _code(to_country(typed)) == iso3


def test_vocabulary_unknown_value_lists_the_allowed_labels_in_both_languages() -> None:
    (found,) = to_codes("Ley marco", "status")
    assert isinstance(found, Issue)
    assert "En ejecución" in str(found.params["allowed_es"])
    assert "In progress" in str(found.params["allowed_en"])


def test_multi_value_cells_split_on_semicolons_lines_bullets_and_commas() -> None:
    assert to_codes("Origen; tránsito", "migration_stage") == ["origin", "transit"]
    assert to_codes("• Destino\n• Retorno", "migration_stage") == ["destination", "return"]
    assert to_codes("origen, tránsito", "migration_stage") == ["origin", "transit"]
    # A comma inside a label is not a separator.
    assert to_codes("Desastres, clima y desplazamiento", "thematic_area") == ["disasters_climate"]


def test_text_keeps_paragraphs_and_bullets_and_drops_invisible_characters() -> None:
    typed = "  Hola\u00a0mundo\u200b \r\n\r\n\r\n• uno\n· dos\n– tres\n* cuatro\n\x07fin  "
    assert clean_text(typed) == "Hola mundo\n\n- uno\n- dos\n- tres\n- cuatro\nfin"
    assert clean_text("Título\npartido", multiline=False) == "Título partido"
    assert split_values("OIM; ACNUR\n• Ministerio de Salud") == [
        "OIM",
        "ACNUR",
        "Ministerio de Salud",
    ]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("www.gob.mx/inm", "https://www.gob.mx/inm"),
        ("migracion.gob.ec/tramites", "https://migracion.gob.ec/tramites"),
        ("HTTPS://Example.org/A", "https://Example.org/A"),
        ("ftp://example.org", "url_invalid"),
        ("javascript:alert(1)", "url_invalid"),
        ("file:///etc/passwd", "url_invalid"),
        ("http://localhost:8080/", "url_invalid"),
        ("http://192.168.1.10/", "url_invalid"),
        ("http://intranet/", "url_invalid"),
        ("https://user:secret@example.org", "url_invalid"),
    ],
)
def test_urls(typed: str, expected: str) -> None:
    assert _code(to_url(typed)) == expected


def test_emails_lose_mailto_and_get_a_lower_case_domain() -> None:
    assert to_email(" mailto:Ana.Perez@Example.ORG ") == "Ana.Perez@example.org"


def test_vocabulary_values_written_loosely() -> None:
    from systematise.normalise.vocab import to_code

    assert to_code("Programa/proyecto", "initiative_type") == "programme_project"
    assert to_code("Objetivo 1: Recopilar y utilizar datos exactos", "gcm_objective") == "1"
    assert to_code("O23", "gcm_objective") == "23"
    assert to_code(3.0, "gcm_objective") == "3"
    assert isinstance(to_code("2030", "gcm_objective"), Issue)
    # several objectives in one cell are all kept, not only the first
    assert to_codes("1, 2, 23", "gcm_objective") == ["1", "2", "23"]
    assert to_codes("Objectif 1 et 2", "gcm_objective") == ["1", "2"]
    assert to_codes("a), b)", "guiding_principle") == ["a", "b"]
    (several,) = to_codes("a) b)", "guiding_principle")  # not "b) …" alone, a little word lost
    assert isinstance(several, Issue)
    assert to_codes("Origen y tránsito", "migration_stage") == ["origin", "transit"]
    # a French O/N, and booleans written out in Portuguese and French
    assert [to_code(typed, "yes_no") for typed in ("O", "vrai", "Verdadeiro", "faux")] == [
        "yes",
        "yes",
        "yes",
        "no",
    ]
    assert to_code("em curso", "status") == to_code("en cours d'exécution", "status")
    assert to_code("sous-nationale", "geographic_scope") == "subnational"


def test_a_date_cell_is_quoted_without_a_midnight_time() -> None:
    from systematise.normalise.issue import shown

    assert shown(dt.datetime(2002, 5, 1)) == "01/05/2002"
    assert shown(dt.datetime(2002, 5, 1, 10, 30)) == "01/05/2002 10:30"


@pytest.mark.parametrize("typed", ["N/A", "-", "no aplica", "n.d.", "Sin datos", "—"])
def test_not_applicable_markers(typed: str) -> None:
    from systematise.normalise.text import not_applicable

    assert not_applicable(typed)
