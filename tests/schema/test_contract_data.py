"""The data behind the contract: JSON Schema in step, vocabularies and messages complete."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from systematise.resources import schemas_dir
from systematise.schema.fieldmeta import field_specs
from systematise.schema.jsonschema import EXPORTED, render
from systematise.schema.lang import FOCAL_LANGS
from systematise.schema.models import Initiative, SubmissionHeader
from systematise.schema.problems import CATALOGUE, placeholders
from systematise.schema.reference import gcm_objectives, member_states
from systematise.schema.vocabulary import fold, vocabularies

SHARED_REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference"
CONTRACT_INITIATIVE_KEYS = [
    "ref",
    "title",
    "title_translation",
    "acronym",
    "initiative_type",
    "thematic_areas",
    "migration_stages",
    "target_populations",
    "gcm_objectives",
    "guiding_principles",
    "sdg_targets",
    "geographic_scope",
    "status",
    "start_date",
    "end_date",
    "lead_institution",
    "partners",
    "summary",
    "summary_translation",
    "description",
    "objectives",
    "results",
    "data_sources",
    "data_exchange",
    "uses_foresight",
    "data_protection_measures",
    "challenges",
    "lessons_learned",
    "beneficiaries",
    "budget_amount",
    "budget_currency",
    "funding_sources",
    "website",
    "contact_name",
    "contact_email",
]
CONTRACT_SUBMISSION_KEYS = [
    "country",
    "submitting_institution",
    "focal_point_name",
    "focal_point_position",
    "focal_point_email",
    "focal_point_phone",
    "submission_date",
    "submission_language",
    "consent_publish_contact",
]
PERSONAL = {
    "focal_point_name",
    "focal_point_position",
    "focal_point_email",
    "focal_point_phone",
    "contact_name",
    "contact_email",
}


@pytest.mark.parametrize("name", sorted(EXPORTED))
def test_committed_json_schema_matches_the_models(name: str) -> None:
    committed = (schemas_dir() / name).read_text(encoding="utf-8")
    assert committed == render(EXPORTED[name]), f"run `make schemas`: {name} has drifted"


def test_models_hold_exactly_the_contract_keys_in_order() -> None:
    assert [s.key for s in field_specs(Initiative)] == CONTRACT_INITIATIVE_KEYS
    assert [s.key for s in field_specs(SubmissionHeader)] == CONTRACT_SUBMISSION_KEYS
    assert list(Initiative.model_fields) == CONTRACT_INITIATIVE_KEYS


def test_personal_fields_are_marked() -> None:
    specs = field_specs(Initiative) + field_specs(SubmissionHeader)
    assert {s.key for s in specs if s.personal} == PERSONAL


def test_every_field_has_label_help_and_example_in_every_language() -> None:
    for spec in field_specs(Initiative) + field_specs(SubmissionHeader):
        for lang in FOCAL_LANGS:
            assert spec.label(lang).strip(), (spec.key, lang)
            assert spec.help(lang).strip(), (spec.key, lang)
            assert spec.example(lang).strip(), (spec.key, lang)
        assert spec.label_es != spec.label_en or spec.label_es in {"Status"}


def test_every_vocabulary_term_has_every_label_and_unambiguous_names() -> None:
    for vocabulary in vocabularies().values():
        assert all(vocabulary.title(lang).strip() for lang in FOCAL_LANGS), vocabulary.key
        assert len(set(vocabulary.codes)) == len(vocabulary.codes), vocabulary.key
        owners: dict[str, set[str]] = {}
        for term in vocabulary.terms:
            for lang in FOCAL_LANGS:
                label = term.label(lang)
                assert label.strip(), (vocabulary.key, term.code, lang)
                # Every label, in every language, reads back as its own code.
                assert vocabulary.match(label) == term.code, (vocabulary.key, lang, label)
                owners.setdefault(fold(label), set()).add(term.code)
            assert vocabulary.match(term.code) == term.code
        # No label names two terms, whatever the language.
        assert all(len(codes) == 1 for codes in owners.values()), vocabulary.key


def test_portuguese_and_french_synonyms_read_back() -> None:
    assert vocabularies()["initiative_type"].match("lei") == "law_regulation"
    assert vocabularies()["initiative_type"].match("projet") == "programme_project"
    assert vocabularies()["status"].match("em execucao") == "in_progress"
    assert vocabularies()["status"].match("ACHEVÉE") == "completed"
    assert vocabularies()["country"].match("Haiti") == "HTI"
    assert vocabularies()["country"].match("Trinité-et-Tobago") == "TTO"
    assert vocabularies()["gcm_objective"].match("objectif 23") == "23"
    assert vocabularies()["guiding_principle"].match("Droits de l'homme") == "f"
    assert vocabularies()["yes_no"].match("Não") == "no"


def test_synonyms_reach_their_terms() -> None:
    assert vocabularies()["country"].match("Brésil") == "BRA"
    assert vocabularies()["country"].match("mexico") == "MEX"
    assert vocabularies()["country"].match("TT") == "TTO"
    assert vocabularies()["thematic_area"].match("Tráfico de pessoas") == "trafficking_smuggling"
    assert vocabularies()["status"].match("EN CURSO") == "in_progress"
    assert vocabularies()["gcm_objective"].match("Objetivo 23") == "23"
    assert vocabularies()["yes_no"].match("Sí") == "yes"


def test_reference_data_is_the_shared_reference() -> None:
    """The project's copies carry the shared facts unchanged (plus a header line)."""
    for name in ("sela_member_states.yaml", "gcm_objectives.yaml"):
        ours = yaml.safe_load((schemas_dir() / "reference" / name).read_text(encoding="utf-8"))
        shared_file = SHARED_REFERENCE / name
        if shared_file.is_file():
            assert ours == yaml.safe_load(shared_file.read_text(encoding="utf-8"))
    assert len(member_states()) == 25
    assert sorted(gcm_objectives()) == list(range(1, 24))


def test_every_problem_code_has_every_language_with_the_same_placeholders() -> None:
    for code, message in CATALOGUE.items():
        english = message.text("en")
        assert english == message.msgid, code
        for lang in FOCAL_LANGS:
            text = message.text(lang)
            assert text.strip(), (code, lang)
            assert placeholders(text) == placeholders(english), (code, lang)
            # Translated, not the English msgid left as it is.
            assert lang == "en" or text != english, (code, lang)
