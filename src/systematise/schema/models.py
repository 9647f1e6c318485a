"""The data contract (v1) as Pydantic models: a submission's header and its initiatives.

These models hold *normalised* values: codes, not labels; ``PartialDate``, not "marzo 2021".
Turning what people type into these values is the ``normalise`` stage's job; the models then
enforce every rule of the contract, cross-field rules included (declared once, as data, in
:mod:`systematise.schema.rules`; every rule broken is raised at once, at its target field). Each
rule violation surfaces as a Pydantic error whose type is a problem code of
:mod:`systematise.schema.problems`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, EmailStr, Field, model_validator
from pydantic_core import PydanticCustomError

from systematise.schema.fieldmeta import describe
from systematise.schema.partial_date import PartialDate
from systematise.schema.rules import INITIATIVE_RULES, SUBMISSION_RULES, Rule, enforce
from systematise.schema.types import CurrencyCode, HttpUrl, InVocabulary, SdgTarget, Unique

#: Version of the data contract these models implement. Bump on any change of keys or rules.
SCHEMA_VERSION = "1.0"

Text250 = Annotated[str, Field(min_length=1, max_length=250)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SubmissionHeader(_Frozen):
    """The submission's own fields: who sends it, when, and in which language."""

    country: Annotated[str, InVocabulary("country")] = Field(
        json_schema_extra=describe(
            label=("País", "Country"),
            help=(
                "Estado Miembro del SELA que presenta la información.",
                "SELA Member State submitting the information.",
            ),
            example=("México", "Mexico"),
            kind="code",
            vocabulary="country",
        )
    )
    submitting_institution: Text250 = Field(
        json_schema_extra=describe(
            label=("Institución que presenta", "Submitting institution"),
            help=(
                "Ministerio u organismo que envía esta información (hasta 250 caracteres).",
                "Ministry or agency sending this information (up to 250 characters).",
            ),
            example=(
                "Secretaría de Relaciones Exteriores",
                "Ministry of Foreign Affairs",
            ),
            kind="text",
        )
    )
    focal_point_name: Text250 = Field(
        json_schema_extra=describe(
            label=("Nombre del punto focal", "Focal point's name"),
            help=(
                "Persona de contacto para este envío. Dato personal: no se publica.",
                "Contact person for this submission. Personal data: not published.",
            ),
            example=("Ana Ejemplo Pérez", "Jane Example"),
            kind="text",
            personal=True,
        )
    )
    focal_point_position: Text250 | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("Cargo del punto focal", "Focal point's position"),
            help=("Cargo de la persona de contacto.", "Position of the contact person."),
            example=("Directora de Estadística", "Director of Statistics"),
            kind="text",
            personal=True,
        ),
    )
    focal_point_email: EmailStr = Field(
        json_schema_extra=describe(
            label=("Correo electrónico del punto focal", "Focal point's e-mail"),
            help=(
                "Dirección a la que se enviarán las observaciones sobre este envío.",
                "Address to which comments on this submission will be sent.",
            ),
            example=("nombre@institucion.gob", "name@institution.gov"),
            kind="email",
            personal=True,
        )
    )
    focal_point_phone: Annotated[str, Field(max_length=50)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("Teléfono del punto focal", "Focal point's phone"),
            help=(
                "Con el código del país, por ejemplo +52.",
                "With the country code, for example +1 868.",
            ),
            example=("+52 55 0000 0000", "+1 868 000 0000"),
            kind="text",
            personal=True,
        ),
    )
    submission_date: dt.date = Field(
        json_schema_extra=describe(
            label=("Fecha de envío", "Submission date"),
            help=(
                "Fecha en que se completa este formulario; no puede ser futura.",
                "Date this form is completed; it cannot be in the future.",
            ),
            example=("15/10/2025", "15/10/2025"),
            kind="date",
        )
    )
    submission_language: Annotated[str, InVocabulary("submission_language")] = Field(
        json_schema_extra=describe(
            label=("Idioma de la información", "Language of the information"),
            help=(
                "Idioma en que están escritos los textos de las iniciativas.",
                "Language in which the initiatives' texts are written.",
            ),
            example=("Español", "English"),
            kind="code",
            vocabulary="submission_language",
        )
    )
    consent_publish_contact: bool = Field(
        default=False,
        json_schema_extra=describe(
            label=(
                "¿Autoriza publicar los datos de contacto?",
                "May the contact details be published?",
            ),
            help=(
                "Solo con «Sí» los nombres y correos de contacto aparecen en el informe público.",
                "Only with 'Yes' do contact names and e-mails appear in the public report.",
            ),
            example=("No", "No"),
            kind="yes_no",
            vocabulary="yes_no",
        ),
    )

    #: Rules across fields (:mod:`systematise.schema.rules`), enforced below, reported by check.
    cross_field_rules: ClassVar[tuple[Rule, ...]] = SUBMISSION_RULES

    @model_validator(mode="after")
    def _cross_field_rules(self) -> SubmissionHeader:
        enforce(self, self.cross_field_rules)
        return self


class Initiative(_Frozen):
    """One initiative: one row of the initiatives sheet."""

    ref: Annotated[str, Field(max_length=50)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("Referencia interna", "Internal reference"),
            help=(
                "Opcional: su propia referencia. El informe asigna un código estable "
                "(p. ej. MEX-03).",
                "Optional: your own reference. The report assigns a stable code (e.g. MEX-03).",
            ),
            example=("DGM-2024-07", "MOFA-2024-07"),
            kind="text",
            width=14,
        ),
    )
    title: Annotated[str, Field(min_length=5, max_length=250)] = Field(
        json_schema_extra=describe(
            label=("Título de la iniciativa", "Title of the initiative"),
            help=(
                "Nombre oficial completo, sin siglas (de 5 a 250 caracteres).",
                "Full official name, without acronyms (5 to 250 characters).",
            ),
            example=(
                "Sistema Nacional de Información sobre Movilidad Humana",
                "National Human Mobility Information System",
            ),
            kind="text",
            width=40,
        )
    )
    title_translation: Annotated[str, Field(min_length=5, max_length=250)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("Título traducido", "Translated title"),
            help=(
                "Opcional: el título en inglés (si escribe en español) o en español.",
                "Optional: the title in Spanish (if you write in English) or in English.",
            ),
            example=(
                "National Human Mobility Information System",
                "Sistema Nacional de Información sobre Movilidad Humana",
            ),
            kind="text",
            width=40,
        ),
    )
    acronym: Annotated[str, Field(max_length=30)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("Siglas", "Acronym"),
            help=("Opcional, hasta 30 caracteres.", "Optional, up to 30 characters."),
            example=("SNIMH", "NHMIS"),
            kind="text",
            width=12,
        ),
    )
    initiative_type: Annotated[str, InVocabulary("initiative_type")] = Field(
        json_schema_extra=describe(
            label=("Tipo de iniciativa", "Type of initiative"),
            help=("Elija uno de la lista.", "Choose one from the list."),
            example=("Programa o proyecto", "Programme or project"),
            kind="code",
            vocabulary="initiative_type",
        )
    )
    thematic_areas: Annotated[
        tuple[Annotated[str, InVocabulary("thematic_area")], ...],
        Field(min_length=1, max_length=3),
        Unique,
    ] = Field(
        json_schema_extra=describe(
            label=("Área temática", "Thematic area"),
            help=(
                "De 1 a 3 áreas: la principal en la primera columna.",
                "1 to 3 areas: the main one in the first column.",
            ),
            example=("Datos y estadísticas migratorias", "Migration data and statistics"),
            kind="codes",
            vocabulary="thematic_area",
            slots=3,
        )
    )
    migration_stages: Annotated[
        tuple[Annotated[str, InVocabulary("migration_stage")], ...],
        Field(min_length=1, max_length=4),
        Unique,
    ] = Field(
        json_schema_extra=describe(
            label=("Etapa de la migración", "Stage of migration"),
            help=(
                "Al menos una: origen, tránsito, destino o retorno.",
                "At least one: origin, transit, destination or return.",
            ),
            example=("Destino", "Destination"),
            kind="codes",
            vocabulary="migration_stage",
            slots=4,
        )
    )
    target_populations: Annotated[
        tuple[Annotated[str, InVocabulary("target_population")], ...],
        Field(min_length=1, max_length=17),
        Unique,
    ] = Field(
        json_schema_extra=describe(
            label=("Población destinataria", "Target population"),
            help=(
                "Al menos una; elija las principales.",
                "At least one; choose the main ones.",
            ),
            example=("Personas migrantes en general", "Migrants in general"),
            kind="codes",
            vocabulary="target_population",
            slots=5,
        )
    )
    gcm_objectives: Annotated[
        tuple[Annotated[int, Field(ge=1, le=23)], ...],
        Field(min_length=1, max_length=5),
        Unique,
    ] = Field(
        json_schema_extra=describe(
            label=("Objetivo del PMM", "GCM objective"),
            help=(
                "De 1 a 5 objetivos del Pacto Mundial para la Migración.",
                "1 to 5 objectives of the Global Compact for Migration.",
            ),
            example=("1. Datos exactos y desglosados", "1. Accurate and disaggregated data"),
            kind="codes",
            vocabulary="gcm_objective",
            slots=5,
        )
    )
    guiding_principles: Annotated[
        tuple[Annotated[str, InVocabulary("guiding_principle")], ...],
        Field(max_length=10),
        Unique,
    ] = Field(
        default=(),
        json_schema_extra=describe(
            label=("Principio rector del PMM", "GCM guiding principle"),
            help=("Opcional: los principios que aplica.", "Optional: the principles it applies."),
            example=("f) Derechos humanos", "f) Human rights"),
            kind="codes",
            vocabulary="guiding_principle",
            slots=3,
        ),
    )
    sdg_targets: tuple[SdgTarget, ...] = Field(
        default=(),
        json_schema_extra=describe(
            label=("Metas de los ODS", "SDG targets"),
            help=(
                "Opcional: metas o indicadores separados por «;», p. ej. 10.7; 17.18.",
                "Optional: targets or indicators separated by ';', e.g. 10.7; 17.18.",
            ),
            example=("10.7; 10.7.2", "10.7; 10.7.2"),
            kind="text_list",
            width=14,
        ),
    )
    geographic_scope: Annotated[str, InVocabulary("geographic_scope")] = Field(
        json_schema_extra=describe(
            label=("Alcance geográfico", "Geographic scope"),
            help=("Elija uno de la lista.", "Choose one from the list."),
            example=("Nacional", "National"),
            kind="code",
            vocabulary="geographic_scope",
        )
    )
    status: Annotated[str, InVocabulary("status")] = Field(
        json_schema_extra=describe(
            label=("Estado de ejecución", "Status"),
            help=(
                "Si elige «Finalizada», indique también la fecha de fin.",
                "If you choose 'Completed', also give the end date.",
            ),
            example=("En ejecución", "In progress"),
            kind="code",
            vocabulary="status",
        )
    )
    start_date: PartialDate = Field(
        json_schema_extra=describe(
            label=("Fecha de inicio", "Start date"),
            help=(
                "Año (2021), mes y año (03/2021) o fecha completa; desde 1950.",
                "Year (2021), month and year (03/2021) or full date; 1950 or later.",
            ),
            example=("03/2021", "03/2021"),
            kind="partial_date",
            width=13,
        )
    )
    end_date: PartialDate | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("Fecha de fin", "End date"),
            help=(
                "Obligatoria si la iniciativa está finalizada; no anterior al inicio.",
                "Required if the initiative is completed; not before the start.",
            ),
            example=("12/2024", "12/2024"),
            kind="partial_date",
            width=13,
        ),
    )
    lead_institution: Text250 = Field(
        json_schema_extra=describe(
            label=("Institución responsable", "Lead institution"),
            help=(
                "Organismo que dirige la iniciativa (hasta 250 caracteres).",
                "Agency leading the initiative (up to 250 characters).",
            ),
            example=("Instituto Nacional de Migración", "Immigration Division"),
            kind="text",
            width=30,
        )
    )
    partners: tuple[Annotated[str, Field(min_length=1, max_length=250)], ...] = Field(
        default=(),
        json_schema_extra=describe(
            label=("Socios", "Partners"),
            help=(
                "Opcional: otras instituciones, una por línea o separadas por «;».",
                "Optional: other institutions, one per line or separated by ';'.",
            ),
            example=("OIM; ACNUR; Ministerio de Salud", "IOM; UNHCR; Ministry of Health"),
            kind="text_list",
            width=30,
        ),
    )
    summary: Annotated[str, Field(min_length=50, max_length=700)] = Field(
        json_schema_extra=describe(
            label=("Resumen", "Summary"),
            help=(
                "De 50 a 700 caracteres: qué es y qué logra. Aparece en la ficha y el índice.",
                "50 to 700 characters: what it is and what it achieves. Shown on the card.",
            ),
            example=(
                "Plataforma que integra los registros de entradas y salidas para producir "
                "estadísticas mensuales.",
                "Platform that integrates entry and exit records to produce monthly statistics.",
            ),
            kind="free_text",
            width=50,
        )
    )
    summary_translation: Annotated[str, Field(min_length=50, max_length=700)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("Resumen traducido", "Translated summary"),
            help=(
                "Opcional: el resumen en inglés (si escribe en español) o en español.",
                "Optional: the summary in Spanish (if you write in English) or in English.",
            ),
            example=(
                "Platform that integrates entry and exit records to produce monthly statistics.",
                "Plataforma que integra los registros de entradas y salidas.",
            ),
            kind="free_text",
            width=50,
        ),
    )
    description: Annotated[str, Field(min_length=100, max_length=6000)] = Field(
        json_schema_extra=describe(
            label=("Descripción", "Description"),
            help=(
                "De 100 a 6000 caracteres. Use párrafos o líneas con viñetas; sin formato.",
                "100 to 6000 characters. Use paragraphs or bullet lines; no formatting.",
            ),
            example=(
                "Contexto, componentes principales y funcionamiento de la iniciativa.",
                "Context, main components and how the initiative works.",
            ),
            kind="free_text",
            width=60,
        )
    )
    objectives: Annotated[str, Field(max_length=3000)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("Objetivos", "Objectives"),
            help=("Opcional, hasta 3000 caracteres.", "Optional, up to 3000 characters."),
            example=(
                "Contar con datos oportunos y desglosados.",
                "Timely, disaggregated data.",
            ),
            kind="free_text",
            width=45,
        ),
    )
    results: Annotated[str, Field(max_length=4000)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("Resultados", "Results"),
            help=(
                "Hasta 4000 caracteres; se espera si la iniciativa está finalizada.",
                "Up to 4000 characters; expected when the initiative is completed.",
            ),
            example=(
                "12 boletines publicados; 3 instituciones conectadas.",
                "12 bulletins published; 3 institutions connected.",
            ),
            kind="free_text",
            width=45,
        ),
    )
    data_sources: Annotated[
        tuple[Annotated[str, InVocabulary("data_source")], ...],
        Field(max_length=10),
        Unique,
    ] = Field(
        default=(),
        json_schema_extra=describe(
            label=("Fuente de datos", "Data source"),
            help=("Opcional: las fuentes que utiliza.", "Optional: the sources it uses."),
            example=("Registros administrativos", "Administrative records"),
            kind="codes",
            vocabulary="data_source",
            slots=3,
        ),
    )
    data_exchange: bool | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("¿Intercambia datos?", "Does it exchange data?"),
            help=(
                "¿Se comparten datos con otras instituciones o Estados?",
                "Are data shared with other institutions or States?",
            ),
            example=("Sí", "Yes"),
            kind="yes_no",
            vocabulary="yes_no",
        ),
    )
    uses_foresight: bool | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("¿Usa prospectiva?", "Does it use foresight?"),
            help=(
                "¿Se usan escenarios o prospectiva estratégica?",
                "Are scenarios or strategic foresight used?",
            ),
            example=("No", "No"),
            kind="yes_no",
            vocabulary="yes_no",
        ),
    )
    data_protection_measures: Annotated[str, Field(max_length=3000)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("Medidas de protección de datos personales", "Personal-data protection"),
            help=(
                "Opcional: cómo se protegen los datos personales (hasta 3000 caracteres).",
                "Optional: how personal data are protected (up to 3000 characters).",
            ),
            example=(
                "Anonimización antes de publicar; acceso por roles.",
                "Anonymisation before publication; role-based access.",
            ),
            kind="free_text",
            width=45,
        ),
    )
    challenges: Annotated[str, Field(max_length=3000)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("Desafíos", "Challenges"),
            help=("Opcional, hasta 3000 caracteres.", "Optional, up to 3000 characters."),
            example=(
                "Diferentes formatos de registro entre instituciones.",
                "Different record formats across institutions.",
            ),
            kind="free_text",
            width=45,
        ),
    )
    lessons_learned: Annotated[str, Field(max_length=3000)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("Lecciones aprendidas", "Lessons learned"),
            help=("Opcional, hasta 3000 caracteres.", "Optional, up to 3000 characters."),
            example=(
                "Acordar primero un diccionario de datos común.",
                "Agree on a common data dictionary first.",
            ),
            kind="free_text",
            width=45,
        ),
    )
    beneficiaries: Annotated[int, Field(ge=0)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("Personas beneficiarias", "Beneficiaries"),
            help=(
                "Opcional: número entero de personas, sin puntos ni comas.",
                "Optional: whole number of people, without separators.",
            ),
            example=("12500", "12500"),
            kind="integer",
            width=14,
        ),
    )
    budget_amount: Annotated[Decimal, Field(ge=0)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("Presupuesto", "Budget"),
            help=(
                "Opcional: monto total; indique la moneda en la columna siguiente.",
                "Optional: total amount; give the currency in the next column.",
            ),
            example=("250000", "250000"),
            kind="decimal",
            width=14,
        ),
    )
    budget_currency: CurrencyCode | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("Moneda", "Currency"),
            help=(
                "Código ISO 4217 de tres letras (USD, MXN, COP...), si indica un presupuesto.",
                "Three-letter ISO 4217 code (USD, TTD, BBD...), if you give a budget.",
            ),
            example=("USD", "USD"),
            kind="currency",
            width=10,
        ),
    )
    funding_sources: Annotated[str, Field(max_length=1000)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("Fuentes de financiamiento", "Funding sources"),
            help=("Opcional.", "Optional."),
            example=("Presupuesto nacional; cooperación de la OIM", "National budget; IOM"),
            kind="text",
            width=30,
        ),
    )
    website: HttpUrl | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("Sitio web", "Website"),
            help=(
                "Opcional: dirección completa que empiece por https:// o http://.",
                "Optional: full address starting with https:// or http://.",
            ),
            example=("https://www.gob.mx/inm", "https://www.gov.tt/immigration"),
            kind="url",
            width=30,
        ),
    )
    contact_name: Text250 | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("Persona de contacto", "Contact person"),
            help=(
                "Opcional. Dato personal: solo se publica si lo autoriza en la hoja del envío.",
                "Optional. Personal data: published only if allowed on the submission sheet.",
            ),
            example=("Luis Ejemplo", "John Example"),
            kind="text",
            personal=True,
            width=22,
        ),
    )
    contact_email: EmailStr | None = Field(
        default=None,
        json_schema_extra=describe(
            label=("Correo de contacto", "Contact e-mail"),
            help=(
                "Opcional. Dato personal: solo se publica si lo autoriza en la hoja del envío.",
                "Optional. Personal data: published only if allowed on the submission sheet.",
            ),
            example=("contacto@institucion.gob", "contact@institution.gov"),
            kind="email",
            personal=True,
            width=26,
        ),
    )

    #: Rules across fields (:mod:`systematise.schema.rules`), enforced below, reported by check.
    cross_field_rules: ClassVar[tuple[Rule, ...]] = INITIATIVE_RULES

    @model_validator(mode="after")
    def _cross_field_rules(self) -> Initiative:
        enforce(self, self.cross_field_rules)
        return self


class Submission(_Frozen):
    """One workbook: one State's header and its valid initiatives, for one cycle."""

    header: SubmissionHeader
    initiatives: tuple[Initiative, ...]

    @model_validator(mode="after")
    def _titles_unique(self) -> Submission:
        seen: set[str] = set()
        for initiative in self.initiatives:
            key = initiative.title.casefold()
            if key in seen:
                raise PydanticCustomError("duplicate_title", "Two initiatives share a title")
            seen.add(key)
        return self
