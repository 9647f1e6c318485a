"""The models accept valid data and reject each rule of the contract with its problem code."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from systematise.schema.models import Initiative, Submission, SubmissionHeader
from systematise.schema.partial_date import PartialDate
from systematise.schema.problems import CATALOGUE

VALID_INITIATIVE: dict[str, Any] = {
    "title": "Sistema Nacional de Información sobre Movilidad Humana",
    "initiative_type": "information_system",
    "thematic_areas": ("migration_data", "data_exchange"),
    "migration_stages": ("destination",),
    "target_populations": ("migrants_general",),
    "gcm_objectives": (1, 3),
    "geographic_scope": "national",
    "status": "in_progress",
    "start_date": "2021-03",
    "lead_institution": "Instituto Nacional de Migración",
    "summary": "Plataforma que integra los registros de entradas y salidas para producir "
    "estadísticas mensuales.",
    "description": "Contexto, componentes y funcionamiento de la iniciativa. " * 3,
}

VALID_HEADER: dict[str, Any] = {
    "country": "MEX",
    "submitting_institution": "Secretaría de Relaciones Exteriores",
    "focal_point_name": "Ana Ejemplo",
    "focal_point_email": "ana@example.org",
    "submission_date": dt.date(2025, 10, 1),
    "submission_language": "es",
}


def codes(error: ValidationError) -> list[tuple[str, str]]:
    """(field, error type) pairs, flattened for one-line comparisons ("" for model rules)."""
    return [(str(item["loc"][0]) if item["loc"] else "", item["type"]) for item in error.errors()]


def initiative(**changes: Any) -> dict[str, Any]:
    data = dict(VALID_INITIATIVE)
    data.update(changes)
    return {key: value for key, value in data.items() if value is not ...}


def test_valid_initiative_and_header_are_accepted() -> None:
    model = Initiative.model_validate(VALID_INITIATIVE)
    assert model.start_date == PartialDate(2021, 3)
    assert model.guiding_principles == ()
    header = SubmissionHeader.model_validate(VALID_HEADER)
    assert header.consent_publish_contact is False


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"title": "Abc"}, [("title", "string_too_short")]),
        ({"title": ...}, [("title", "missing")]),
        ({"acronym": "X" * 31}, [("acronym", "string_too_long")]),
        ({"initiative_type": "novel"}, [("initiative_type", "not_in_vocabulary")]),
        ({"thematic_areas": ()}, [("thematic_areas", "too_short")]),
        (
            {"thematic_areas": ("health", "education", "migration_data", "other")},
            [("thematic_areas", "too_long")],
        ),
        ({"thematic_areas": ("health", "health")}, [("thematic_areas", "duplicate_value")]),
        ({"gcm_objectives": (1, 24)}, [("gcm_objectives", "less_than_equal")]),
        ({"gcm_objectives": (1, 2, 3, 4, 5, 6)}, [("gcm_objectives", "too_long")]),
        ({"sdg_targets": ("10.7.2", "ten")}, [("sdg_targets", "sdg_target_invalid")]),
        ({"start_date": "1949"}, [("start_date", "date_too_early")]),
        ({"start_date": "2021-13"}, [("start_date", "date_invalid")]),
        ({"end_date": "2020-12"}, [("end_date", "end_before_start")]),
        ({"status": "completed"}, [("end_date", "end_date_required")]),
        ({"budget_amount": "1000"}, [("budget_currency", "currency_required")]),
        ({"budget_currency": "USD"}, [("budget_currency", "currency_without_amount")]),
        (
            {"budget_amount": "5", "budget_currency": "XYZ"},
            [("budget_currency", "currency_invalid")],
        ),
        (
            {"budget_amount": "-5", "budget_currency": "USD"},
            [("budget_amount", "greater_than_equal")],
        ),
        ({"beneficiaries": -1}, [("beneficiaries", "greater_than_equal")]),
        ({"website": "javascript:alert(1)"}, [("website", "url_invalid")]),
        ({"website": "file:///etc/passwd"}, [("website", "url_invalid")]),
        ({"contact_email": "not-an-address"}, [("contact_email", "value_error")]),
        ({"summary": "short"}, [("summary", "string_too_short")]),
        ({"description": "x" * 6001}, [("description", "string_too_long")]),
        ({"unknown_key": "x"}, [("unknown_key", "extra_forbidden")]),
    ],
)
def test_each_rule_is_rejected_with_its_code(
    changes: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    with pytest.raises(ValidationError) as caught:
        Initiative.model_validate(initiative(**changes))
    assert codes(caught.value) == expected


def test_every_cross_field_rule_broken_is_raised_at_once_at_its_field() -> None:
    with pytest.raises(ValidationError) as caught:
        Initiative.model_validate(
            initiative(start_date="1940", end_date="1930-05", budget_amount="5000")
        )
    assert codes(caught.value) == [
        ("start_date", "date_too_early"),
        ("end_date", "end_before_start"),
        ("budget_currency", "currency_required"),
    ]


def test_an_advisory_rule_does_not_reject_the_model() -> None:
    """A completed initiative without results is a warning of ``check``, not a model error."""
    model = Initiative.model_validate(initiative(status="completed", end_date="2024"))
    assert model.results is None


def test_end_date_with_coarser_precision_is_not_before_start() -> None:
    """An end in 2021 is not before a start in March 2021."""
    model = Initiative.model_validate(initiative(end_date="2021", status="completed"))
    assert model.end_date == PartialDate(2021)


def test_header_rules() -> None:
    future = dt.date.today() + dt.timedelta(days=2)
    with pytest.raises(ValidationError) as caught:
        SubmissionHeader.model_validate({**VALID_HEADER, "submission_date": future})
    assert codes(caught.value) == [("submission_date", "date_in_future")]
    with pytest.raises(ValidationError) as caught:
        SubmissionHeader.model_validate({**VALID_HEADER, "country": "CRI"})
    assert codes(caught.value) == [("country", "not_in_vocabulary")]


def test_duplicate_titles_in_one_submission_are_rejected() -> None:
    header = SubmissionHeader.model_validate(VALID_HEADER)
    item = Initiative.model_validate(VALID_INITIATIVE)
    with pytest.raises(ValidationError) as caught:
        Submission(header=header, initiatives=(item, item))
    assert codes(caught.value) == [("", "duplicate_title")]


def test_custom_error_types_are_catalogued_problem_codes() -> None:
    """Every code a model raises itself has a bilingual message in the catalogue."""
    raised = {
        "not_in_vocabulary",
        "duplicate_value",
        "url_invalid",
        "sdg_target_invalid",
        "currency_invalid",
        "date_invalid",
        "date_in_future",
        "date_too_early",
        "end_before_start",
        "end_date_required",
        "currency_required",
        "currency_without_amount",
        "duplicate_title",
    }
    assert raised <= set(CATALOGUE)


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2021", "year", dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
        ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2023-12", "month", dt.date(2023, 12, 1), dt.date(2023, 12, 31)),
        ("2021-03-15", "day", dt.date(2021, 3, 15), dt.date(2021, 3, 15)),
    ],
)
def test_partial_dates_keep_their_precision(
    text: str, precision: str, earliest: dt.date, latest: dt.date
) -> None:
    value = PartialDate.parse(text)
    assert (value.precision, value.earliest(), value.latest(), str(value)) == (
        precision,
        earliest,
        latest,
        text,
    )


@pytest.mark.parametrize("text", ["2023-02-29", "2021-00", "21", "2021-3", "2021/03"])
def test_impossible_or_non_canonical_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(text)
