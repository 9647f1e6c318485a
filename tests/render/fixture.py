"""A small consolidated cycle built in code: 3 States, 6 initiatives, every kind of value.

- Mexico writes Spanish, gives one translated title and summary, and no contact consent;
- Trinidad and Tobago writes English and consents to publishing contact data;
- Brazil writes Portuguese, with one English title: its other texts stay in the original.

Some free text carries markup and template syntax, which must be shown literally.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from systematise.config import PerLang, ReportSettings, Settings
from systematise.consolidate.models import Dataset, Entry, Provenance
from systematise.schema.models import Initiative, SubmissionHeader

HOSTILE = "<script>alert('x')</script> **not bold** {{ 7*7 }} {% raw %} [link](javascript:alert(1))"

_LONG = (
    "The initiative brings together the institutions that produce migration data and agrees "
    "on common definitions, formats and a calendar of publications."
)


def _header(country: str, language: str, institution: str, consent: bool) -> SubmissionHeader:
    return SubmissionHeader(
        country=country,
        submitting_institution=institution,
        focal_point_name="Focal Point Person",
        focal_point_email="focal.point@example.org",
        focal_point_phone="+1 555 0100",
        submission_date=dt.date(2025, 10, 1),
        submission_language=language,
        consent_publish_contact=consent,
    )


def _initiative(**values: Any) -> Initiative:
    base: dict[str, Any] = {
        "initiative_type": "programme_project",
        "thematic_areas": ("migration_data",),
        "migration_stages": ("destination",),
        "target_populations": ("migrants_general",),
        "gcm_objectives": (1,),
        "geographic_scope": "national",
        "status": "in_progress",
        "start_date": "2021",
        "lead_institution": "National Institute of Statistics",
    }
    base.update(values)
    return Initiative.model_validate(base)


MEX = _header("MEX", "es", "Secretaría de Gobernación", consent=False)
TTO = _header("TTO", "en", "Ministry of National Security", consent=True)
BRA = _header("BRA", "pt", "Ministério da Justiça e Segurança Pública", consent=False)

_INITIATIVES: list[tuple[SubmissionHeader, Initiative]] = [
    (
        MEX,
        _initiative(
            ref="DGM-2024-07",
            title="Boletín Mensual de Estadísticas Migratorias",
            title_translation="Monthly Bulletin of Migration Statistics",
            acronym="BMEM",
            thematic_areas=("migration_data", "data_exchange"),
            migration_stages=("origin", "transit", "destination", "return"),
            target_populations=("migrants_general", "irregular_migrants"),
            gcm_objectives=(1, 3),
            guiding_principles=("a", "i"),
            sdg_targets=("10.7", "17.18"),
            status="permanent",
            start_date="2019-03",
            lead_institution="Unidad de Política Migratoria",
            partners=("Instituto Nacional de Migración", "INEGI"),
            summary=(
                "Publicación mensual que consolida los registros administrativos de entradas, "
                "salidas y documentación migratoria."
            ),
            summary_translation=(
                "Monthly publication consolidating administrative records on entries, exits "
                "and migration documentation."
            ),
            description=(
                "El boletín reúne los registros de varias instituciones.\n\n"
                "Componentes:\n- series históricas en formatos abiertos;\n"
                "- notas metodológicas;\n- calendario de publicación.\n\n" + HOSTILE
            ),
            # Numbers as focal points type them: restyled only where the grouping is sure.
            results=(
                "Más de 80 boletines publicados y 400,000 descargas entre 2019 y 2024; "
                "1,9 millones de consultas en línea."
            ),
            data_sources=("administrative_records", "border_records"),
            data_exchange=True,
            uses_foresight=False,
            beneficiaries=12500,
            website="https://www.politicamigratoria.example.gob.mx/boletin",
            contact_name="Hidden Contact",
            contact_email="hidden.contact@example.org",
        ),
    ),
    (
        MEX,
        _initiative(
            title="Escenarios de movilidad humana en México al 2040",
            initiative_type="policy_strategy_plan",
            thematic_areas=("strategic_foresight",),
            gcm_objectives=(1, 2, 23),
            status="completed",
            start_date="2022-02-15",
            end_date="2023-11",
            summary=(
                "Ejercicio participativo de prospectiva estratégica que construyó cuatro "
                "escenarios de movilidad humana."
            ),
            description=(
                "Con talleres en varias regiones, el ejercicio identificó tendencias y "
                "factores de cambio de la movilidad humana en el país."
            ),
            budget_amount=Decimal("1250000.50"),
            budget_currency="MXN",
        ),
    ),
    (
        TTO,
        _initiative(
            title="Migrant Registration Framework",
            title_translation="Marco de registro de migrantes",
            initiative_type="law_regulation",
            thematic_areas=("regularisation", "labour_migration"),
            target_populations=("irregular_migrants", "migrant_workers"),
            gcm_objectives=(4, 5, 7),
            status="completed",
            start_date="2019-05",
            end_date="2019-06",
            lead_institution="Ministry of National Security",
            summary=(
                "Registration exercise that gave registered Venezuelan nationals a card "
                "allowing them to live and work legally for one year."
            ),
            description=_LONG + "\n" + _LONG,
            contact_name="Jane Public",
            contact_email="jane.public@example.gov.tt",
        ),
    ),
    (
        TTO,
        _initiative(
            title="Diaspora Engagement Strategy",
            initiative_type="policy_strategy_plan",
            thematic_areas=("diaspora_remittances",),
            migration_stages=("origin",),
            target_populations=("diaspora",),
            gcm_objectives=(19, 20),
            status="planned",
            start_date="2026",
            summary=(
                "A strategy to engage nationals abroad in development through skills, "
                "investment and knowledge networks."
            ),
            description=_LONG,
        ),
    ),
    (
        BRA,
        _initiative(
            title="Estratégia de Interiorização da Operação Acolhida",
            title_translation="Relocation Strategy of Operation Welcome",
            thematic_areas=("integration", "protection"),
            target_populations=("refugees_asylum_seekers", "migrants_general"),
            gcm_objectives=(5, 16),
            start_date="2018-04",
            lead_institution="Ministério do Desenvolvimento e Assistência Social",
            summary=(
                "Realocação voluntária, gratuita e assistida de refugiados e migrantes "
                "venezuelanos de Roraima para outras cidades brasileiras."
            ),
            description=(
                "A estratégia oferece modalidades de realocação: vaga de emprego sinalizada, "
                "reunificação familiar, reunião social e abrigo a abrigo."
            ),
            challenges="Capacidade limitada de acolhimento nos municípios de destino.",
        ),
    ),
    (
        BRA,
        _initiative(
            title="Observatório das Migrações Internacionais",
            acronym="OBMigra",
            thematic_areas=("migration_data",),
            gcm_objectives=(1,),
            status="permanent",
            start_date="2013",
            summary=(
                "Observatório que produz relatórios anuais e bases de dados sobre a imigração "
                "no Brasil a partir de registros administrativos."
            ),
            description=(
                "O observatório integra os registros administrativos de várias instituições "
                "para produzir estatísticas e relatórios periódicos."
            ),
        ),
    ),
]


def fixture_dataset() -> Dataset:
    """The fixture cycle as a consolidated dataset (stable ids, provenance)."""
    entries: list[Entry] = []
    numbers: dict[str, int] = {}
    for header, initiative in _INITIATIVES:
        numbers[header.country] = numbers.get(header.country, 0) + 1
        number = numbers[header.country]
        entries.append(
            Entry(
                id=f"{header.country}-{number:02d}",
                country=header.country,
                text_lang=header.submission_language,
                initiative=initiative,
                provenance=Provenance(
                    file=f"{header.country}.xlsx", sheet="Initiatives", row=2 + number
                ),
                submitting_institution=header.submitting_institution,
                contact_consent=header.consent_publish_contact,
            )
        )
    return Dataset(
        cycle="2025",
        entries=tuple(entries),
        submissions=(MEX, TTO, BRA),
        excluded=(),
        problems=(),
    )


def staggered_dataset(count: int = 14) -> Dataset:
    """One State whose fiches grow by a sentence each, every fact given: page breaks fall at
    every height of a fiche (in its heading, its facts, its texts)."""
    sentence = "The initiative publishes a new series of migration data every quarter. "
    entries = []
    for number in range(1, count + 1):
        initiative = _initiative(
            title=f"Regional Migration Data Platform, phase {number}",
            acronym="ReMiDa",
            thematic_areas=("migration_data", "data_exchange", "strategic_foresight"),
            migration_stages=("origin", "transit", "destination", "return"),
            target_populations=("migrants_general", "irregular_migrants", "migrant_workers"),
            gcm_objectives=(1, 3, 7, 23),
            guiding_principles=("a", "i"),
            sdg_targets=("10.7", "17.18"),
            status="completed",
            start_date="2019-03",
            end_date="2024-06",
            partners=("National Statistics Office", "Ministry of Labour", "Border Agency"),
            summary="A platform that brings together the administrative records of the region.",
            description=sentence * (3 * number),
            results=sentence * (1 + number % 4),
            challenges=sentence * (1 + number % 3),
            data_sources=("administrative_records", "border_records"),
            data_exchange=True,
            uses_foresight=number % 2 == 0,
            beneficiaries=1000 * number,
            budget_amount=Decimal("250000"),
            budget_currency="USD",
            funding_sources="National budget",
            website="https://data.example.gov.tt/platform",
        )
        entries.append(
            Entry(
                id=f"TTO-{number:02d}",
                country="TTO",
                text_lang="en",
                initiative=initiative,
                provenance=Provenance(file="TTO.xlsx", sheet="Initiatives", row=2 + number),
                submitting_institution=TTO.submitting_institution,
                contact_consent=False,
            )
        )
    return Dataset(
        cycle="2025", entries=tuple(entries), submissions=(TTO,), excluded=(), problems=()
    )


def fixture_settings() -> Settings:
    """Settings with a fixed publication date and the illustrative-data notice."""
    return Settings(
        report=ReportSettings(
            publication_date=dt.date(2025, 12, 15),
            notice=PerLang(es="Datos de prueba.", en="Test data."),
        )
    )
