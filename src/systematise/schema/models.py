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

from systematise.schema.fieldmeta import Texts, describe
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
            label={"es": "País", "en": "Country", "pt": "País", "fr": "Pays"},
            help={
                "es": "Estado Miembro del SELA que presenta la información.",
                "en": "SELA Member State submitting the information.",
                "pt": "Estado Membro do SELA que envia as informações.",
                "fr": "État membre du SELA qui transmet les informations.",
            },
            example={"es": "México", "en": "Mexico", "pt": "Brasil", "fr": "Haïti"},
            kind="code",
            vocabulary="country",
        )
    )
    submitting_institution: Text250 = Field(
        json_schema_extra=describe(
            label={
                "es": "Institución que presenta",
                "en": "Submitting institution",
                "pt": "Instituição remetente",
                "fr": "Institution qui transmet",
            },
            help={
                "es": "Ministerio u organismo que envía esta información (hasta 250 caracteres).",
                "en": "Ministry or agency sending this information (up to 250 characters).",
                "pt": "Ministério ou órgão que envia estas informações (até 250 caracteres).",
                "fr": (
                    "Ministère ou organisme qui transmet ces informations (250 caractères au "
                    "maximum)."
                ),
            },
            example={
                "es": "Secretaría de Relaciones Exteriores",
                "en": "Ministry of Foreign Affairs",
                "pt": "Ministério das Relações Exteriores",
                "fr": "Ministère des Affaires étrangères",
            },
            kind="text",
        )
    )
    focal_point_name: Text250 = Field(
        json_schema_extra=describe(
            label={
                "es": "Nombre del punto focal",
                "en": "Focal point's name",
                "pt": "Nome do ponto focal",
                "fr": "Nom du point focal",
            },
            help={
                "es": "Persona de contacto para este envío. Dato personal: no se publica.",
                "en": "Contact person for this submission. Personal data: not published.",
                "pt": "Pessoa de contato para este envio. Dado pessoal: não é publicado.",
                "fr": (
                    "Personne à contacter pour cet envoi. Donnée personnelle : elle n'est pas "
                    "publiée."
                ),
            },
            example={
                "es": "Ana Ejemplo Pérez",
                "en": "Jane Example",
                "pt": "Maria Exemplo da Silva",
                "fr": "Marie Exemple",
            },
            kind="text",
            personal=True,
        )
    )
    focal_point_position: Text250 | None = Field(
        default=None,
        json_schema_extra=describe(
            label={
                "es": "Cargo del punto focal",
                "en": "Focal point's position",
                "pt": "Cargo do ponto focal",
                "fr": "Fonction du point focal",
            },
            help={
                "es": "Cargo de la persona de contacto.",
                "en": "Position of the contact person.",
                "pt": "Cargo da pessoa de contato.",
                "fr": "Fonction de la personne à contacter.",
            },
            example={
                "es": "Directora de Estadística",
                "en": "Director of Statistics",
                "pt": "Diretora de Estatística",
                "fr": "Directrice des statistiques",
            },
            kind="text",
            personal=True,
        ),
    )
    focal_point_email: EmailStr = Field(
        json_schema_extra=describe(
            label={
                "es": "Correo electrónico del punto focal",
                "en": "Focal point's e-mail",
                "pt": "E-mail do ponto focal",
                "fr": "Courriel du point focal",
            },
            help={
                "es": "Dirección a la que se enviarán las observaciones sobre este envío.",
                "en": "Address to which comments on this submission will be sent.",
                "pt": "Endereço para o qual serão enviadas as observações sobre este envio.",
                "fr": "Adresse à laquelle seront envoyées les observations sur cet envoi.",
            },
            example={
                "es": "nombre@institucion.gob",
                "en": "name@institution.gov",
                "pt": "nome@instituicao.gov.br",
                "fr": "nom@institution.gouv.ht",
            },
            kind="email",
            personal=True,
        )
    )
    focal_point_phone: Annotated[str, Field(max_length=50)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label={
                "es": "Teléfono del punto focal",
                "en": "Focal point's phone",
                "pt": "Telefone do ponto focal",
                "fr": "Téléphone du point focal",
            },
            help={
                "es": "Con el código del país, por ejemplo +52.",
                "en": "With the country code, for example +1 868.",
                "pt": "Com o código do país, por exemplo +55.",
                "fr": "Avec l'indicatif du pays, par exemple +509.",
            },
            example={
                "es": "+52 55 0000 0000",
                "en": "+1 868 000 0000",
                "pt": "+55 61 0000 0000",
                "fr": "+509 0000 0000",
            },
            kind="text",
            personal=True,
        ),
    )
    submission_date: dt.date = Field(
        json_schema_extra=describe(
            label={
                "es": "Fecha de envío",
                "en": "Submission date",
                "pt": "Data de envio",
                "fr": "Date d'envoi",
            },
            help={
                "es": "Fecha en que se completa este formulario; no puede ser futura.",
                "en": "Date this form is completed; it cannot be in the future.",
                "pt": "Data em que este formulário é preenchido; não pode ser futura.",
                "fr": (
                    "Date à laquelle ce formulaire est rempli ; elle ne peut pas être dans le "
                    "futur."
                ),
            },
            example={
                "es": "15/10/2025",
                "en": "15/10/2025",
                "pt": "15/10/2025",
                "fr": "15/10/2025",
            },
            kind="date",
        )
    )
    submission_language: Annotated[str, InVocabulary("submission_language")] = Field(
        json_schema_extra=describe(
            label={
                "es": "Idioma de la información",
                "en": "Language of the information",
                "pt": "Idioma das informações",
                "fr": "Langue des informations",
            },
            help={
                "es": "Idioma en que están escritos los textos de las iniciativas.",
                "en": "Language in which the initiatives' texts are written.",
                "pt": "Idioma em que estão escritos os textos das iniciativas.",
                "fr": "Langue dans laquelle les textes des initiatives sont rédigés.",
            },
            example={"es": "Español", "en": "English", "pt": "Português", "fr": "Français"},
            kind="code",
            vocabulary="submission_language",
        )
    )
    consent_publish_contact: bool = Field(
        default=False,
        json_schema_extra=describe(
            label={
                "es": "¿Autoriza publicar los datos de contacto?",
                "en": "May the contact details be published?",
                "pt": "Autoriza a publicação dos dados de contato?",
                "fr": "Autorisez-vous la publication des coordonnées ?",
            },
            help={
                "es": (
                    "Solo con «Sí» los nombres y correos de contacto aparecen en el informe "
                    "público."
                ),
                "en": "Only with 'Yes' do contact names and e-mails appear in the public report.",
                "pt": (
                    "Somente com “Sim” os nomes e e-mails de contato aparecem no relatório público."
                ),
                "fr": (
                    "Les noms et courriels des personnes à contacter ne figurent dans le rapport "
                    "public que si vous répondez « Oui »."
                ),
            },
            example={"es": "No", "en": "No", "pt": "Não", "fr": "Non"},
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


#: The help of the optional long texts (up to 3000 characters).
_OPTIONAL_LONG_TEXT_HELP: Texts = {
    "es": "Opcional, hasta 3000 caracteres.",
    "en": "Optional, up to 3000 characters.",
    "pt": "Opcional, até 3000 caracteres.",
    "fr": "Facultatif, 3000 caractères au maximum.",
}

#: The help of the optional contact fields, which hold personal data.
_OPTIONAL_PERSONAL_HELP: Texts = {
    "es": "Opcional. Dato personal: solo se publica si lo autoriza en la hoja del envío.",
    "en": "Optional. Personal data: published only if allowed on the submission sheet.",
    "pt": "Opcional. Dado pessoal: só é publicado se autorizado na planilha do envio.",
    "fr": (
        "Facultatif. Donnée personnelle : publiée seulement si vous l'autorisez dans "
        "la feuille de l'envoi."
    ),
}


class Initiative(_Frozen):
    """One initiative: one row of the initiatives sheet."""

    ref: Annotated[str, Field(max_length=50)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label={
                "es": "Referencia interna",
                "en": "Internal reference",
                "pt": "Referência interna",
                "fr": "Référence interne",
            },
            help={
                "es": (
                    "Opcional: su propia referencia. El informe asigna un código estable (p. ej. "
                    "MEX-03)."
                ),
                "en": (
                    "Optional: your own reference. The report assigns a stable code (e.g. MEX-03)."
                ),
                "pt": (
                    "Opcional: sua própria referência. O relatório atribui um código estável (p. "
                    "ex., BRA-03)."
                ),
                "fr": (
                    "Facultatif : votre propre référence. Le rapport attribue un code stable (par "
                    "ex. HTI-03)."
                ),
            },
            example={
                "es": "DGM-2024-07",
                "en": "MOFA-2024-07",
                "pt": "DEMIG-2024-07",
                "fr": "DIE-2024-07",
            },
            kind="text",
            width=14,
        ),
    )
    title: Annotated[str, Field(min_length=5, max_length=250)] = Field(
        json_schema_extra=describe(
            label={
                "es": "Título de la iniciativa",
                "en": "Title of the initiative",
                "pt": "Título da iniciativa",
                "fr": "Titre de l'initiative",
            },
            help={
                "es": "Nombre oficial completo, sin siglas (de 5 a 250 caracteres).",
                "en": "Full official name, without acronyms (5 to 250 characters).",
                "pt": "Nome oficial completo, sem siglas (de 5 a 250 caracteres).",
                "fr": "Nom officiel complet, sans sigle (de 5 à 250 caractères).",
            },
            example={
                "es": "Sistema Nacional de Información sobre Movilidad Humana",
                "en": "National Human Mobility Information System",
                "pt": "Sistema Nacional de Informações sobre Mobilidade Humana",
                "fr": "Système national d'information sur la mobilité humaine",
            },
            kind="text",
            width=40,
        )
    )
    title_translation: Annotated[str, Field(min_length=5, max_length=250)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label={
                "es": "Título traducido",
                "en": "Translated title",
                "pt": "Título traduzido",
                "fr": "Titre traduit",
            },
            help={
                "es": "Opcional: el título en inglés (si escribe en español) o en español.",
                "en": "Optional: the title in Spanish (if you write in English) or in English.",
                "pt": "Opcional: o título em inglês.",
                "fr": "Facultatif : le titre en espagnol.",
            },
            example={
                "es": "National Human Mobility Information System",
                "en": "Sistema Nacional de Información sobre Movilidad Humana",
                "pt": "National Human Mobility Information System",
                "fr": "Sistema Nacional de Información sobre Movilidad Humana",
            },
            kind="text",
            width=40,
        ),
    )
    acronym: Annotated[str, Field(max_length=30)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label={"es": "Siglas", "en": "Acronym", "pt": "Sigla", "fr": "Sigle"},
            help={
                "es": "Opcional, hasta 30 caracteres.",
                "en": "Optional, up to 30 characters.",
                "pt": "Opcional, até 30 caracteres.",
                "fr": "Facultatif, 30 caractères au maximum.",
            },
            example={"es": "SNIMH", "en": "NHMIS", "pt": "SNIMH", "fr": "SNIMH"},
            kind="text",
            width=12,
        ),
    )
    initiative_type: Annotated[str, InVocabulary("initiative_type")] = Field(
        json_schema_extra=describe(
            label={
                "es": "Tipo de iniciativa",
                "en": "Type of initiative",
                "pt": "Tipo de iniciativa",
                "fr": "Type d'initiative",
            },
            help={
                "es": "Elija uno de la lista.",
                "en": "Choose one from the list.",
                "pt": "Escolha uma opção da lista.",
                "fr": "Choisissez une valeur dans la liste.",
            },
            example={
                "es": "Programa o proyecto",
                "en": "Programme or project",
                "pt": "Programa ou projeto",
                "fr": "Programme ou projet",
            },
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
            label={
                "es": "Área temática",
                "en": "Thematic area",
                "pt": "Área temática",
                "fr": "Domaine thématique",
            },
            help={
                "es": "De 1 a 3 áreas: la principal en la primera columna.",
                "en": "1 to 3 areas: the main one in the first column.",
                "pt": "De 1 a 3 áreas: a principal na primeira coluna.",
                "fr": "De 1 à 3 domaines : le principal dans la première colonne.",
            },
            example={
                "es": "Datos y estadísticas migratorias",
                "en": "Migration data and statistics",
                "pt": "Dados e estatísticas migratórias",
                "fr": "Données et statistiques migratoires",
            },
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
            label={
                "es": "Etapa de la migración",
                "en": "Stage of migration",
                "pt": "Etapa da migração",
                "fr": "Étape de la migration",
            },
            help={
                "es": "Al menos una: origen, tránsito, destino o retorno.",
                "en": "At least one: origin, transit, destination or return.",
                "pt": "Pelo menos uma: origem, trânsito, destino ou retorno.",
                "fr": "Au moins une : origine, transit, destination ou retour.",
            },
            example={"es": "Destino", "en": "Destination", "pt": "Destino", "fr": "Destination"},
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
            label={
                "es": "Población destinataria",
                "en": "Target population",
                "pt": "População destinatária",
                "fr": "Population cible",
            },
            help={
                "es": "Al menos una; elija las principales.",
                "en": "At least one; choose the main ones.",
                "pt": "Pelo menos uma; escolha as principais.",
                "fr": "Au moins une ; choisissez les principales.",
            },
            example={
                "es": "Personas migrantes en general",
                "en": "Migrants in general",
                "pt": "Pessoas migrantes em geral",
                "fr": "Personnes migrantes en général",
            },
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
            label={
                "es": "Objetivo del PMM",
                "en": "GCM objective",
                "pt": "Objetivo do PGM",
                "fr": "Objectif du PMM",
            },
            help={
                "es": "De 1 a 5 objetivos del Pacto Mundial para la Migración.",
                "en": "1 to 5 objectives of the Global Compact for Migration.",
                "pt": "De 1 a 5 objetivos do Pacto Global para a Migração.",
                "fr": "De 1 à 5 objectifs du Pacte mondial sur les migrations.",
            },
            example={
                "es": "1. Datos exactos y desglosados",
                "en": "1. Accurate and disaggregated data",
                "pt": "1. Dados",
                "fr": "1. Données",
            },
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
            label={
                "es": "Principio rector del PMM",
                "en": "GCM guiding principle",
                "pt": "Princípio orientador do PGM",
                "fr": "Principe directeur du PMM",
            },
            help={
                "es": "Opcional: los principios que aplica.",
                "en": "Optional: the principles it applies.",
                "pt": "Opcional: os princípios que aplica.",
                "fr": "Facultatif : les principes qu'elle applique.",
            },
            example={
                "es": "f) Derechos humanos",
                "en": "f) Human rights",
                "pt": "f) Direitos humanos",
                "fr": "f) Droits de l'homme",
            },
            kind="codes",
            vocabulary="guiding_principle",
            slots=3,
        ),
    )
    sdg_targets: tuple[SdgTarget, ...] = Field(
        default=(),
        json_schema_extra=describe(
            label={
                "es": "Metas de los ODS",
                "en": "SDG targets",
                "pt": "Metas dos ODS",
                "fr": "Cibles des ODD",
            },
            help={
                "es": "Opcional: metas o indicadores separados por «;», p. ej. 10.7; 17.18.",
                "en": "Optional: targets or indicators separated by ';', e.g. 10.7; 17.18.",
                "pt": "Opcional: metas ou indicadores separados por “;”, p. ex., 10.7; 17.18.",
                "fr": "Facultatif : cibles ou indicateurs séparés par « ; », par ex. 10.7 ; 17.18.",
            },
            example={
                "es": "10.7; 10.7.2",
                "en": "10.7; 10.7.2",
                "pt": "10.7; 10.7.2",
                "fr": "10.7; 10.7.2",
            },
            kind="text_list",
            width=14,
        ),
    )
    geographic_scope: Annotated[str, InVocabulary("geographic_scope")] = Field(
        json_schema_extra=describe(
            label={
                "es": "Alcance geográfico",
                "en": "Geographic scope",
                "pt": "Abrangência geográfica",
                "fr": "Portée géographique",
            },
            help={
                "es": "Elija uno de la lista.",
                "en": "Choose one from the list.",
                "pt": "Escolha uma opção da lista.",
                "fr": "Choisissez une valeur dans la liste.",
            },
            example={"es": "Nacional", "en": "National", "pt": "Nacional", "fr": "Nationale"},
            kind="code",
            vocabulary="geographic_scope",
        )
    )
    status: Annotated[str, InVocabulary("status")] = Field(
        json_schema_extra=describe(
            label={
                "es": "Estado de ejecución",
                "en": "Status",
                "pt": "Situação",
                "fr": "État d'avancement",
            },
            help={
                "es": "Si elige «Finalizada», indique también la fecha de fin.",
                "en": "If you choose 'Completed', also give the end date.",
                "pt": "Se escolher “Concluída”, informe também a data de término.",
                "fr": "Si vous choisissez « Achevée », indiquez aussi la date de fin.",
            },
            example={
                "es": "En ejecución",
                "en": "In progress",
                "pt": "Em execução",
                "fr": "En cours",
            },
            kind="code",
            vocabulary="status",
        )
    )
    start_date: PartialDate = Field(
        json_schema_extra=describe(
            label={
                "es": "Fecha de inicio",
                "en": "Start date",
                "pt": "Data de início",
                "fr": "Date de début",
            },
            help={
                "es": "Año (2021), mes y año (03/2021) o fecha completa; desde 1950.",
                "en": "Year (2021), month and year (03/2021) or full date; 1950 or later.",
                "pt": "Ano (2021), mês e ano (03/2021) ou data completa; a partir de 1950.",
                "fr": "Année (2021), mois et année (03/2021) ou date complète ; à partir de 1950.",
            },
            example={"es": "03/2021", "en": "03/2021", "pt": "03/2021", "fr": "03/2021"},
            kind="partial_date",
            width=13,
        )
    )
    end_date: PartialDate | None = Field(
        default=None,
        json_schema_extra=describe(
            label={
                "es": "Fecha de fin",
                "en": "End date",
                "pt": "Data de término",
                "fr": "Date de fin",
            },
            help={
                "es": "Obligatoria si la iniciativa está finalizada; no anterior al inicio.",
                "en": "Required if the initiative is completed; not before the start.",
                "pt": "Obrigatória se a iniciativa estiver concluída; não anterior ao início.",
                "fr": "Obligatoire si l'initiative est achevée ; pas antérieure au début.",
            },
            example={"es": "12/2024", "en": "12/2024", "pt": "12/2024", "fr": "12/2024"},
            kind="partial_date",
            width=13,
        ),
    )
    lead_institution: Text250 = Field(
        json_schema_extra=describe(
            label={
                "es": "Institución responsable",
                "en": "Lead institution",
                "pt": "Instituição responsável",
                "fr": "Institution responsable",
            },
            help={
                "es": "Organismo que dirige la iniciativa (hasta 250 caracteres).",
                "en": "Agency leading the initiative (up to 250 characters).",
                "pt": "Órgão que conduz a iniciativa (até 250 caracteres).",
                "fr": "Organisme qui pilote l'initiative (250 caractères au maximum).",
            },
            example={
                "es": "Instituto Nacional de Migración",
                "en": "Immigration Division",
                "pt": "Departamento de Migrações",
                "fr": "Direction de l'immigration et de l'émigration",
            },
            kind="text",
            width=30,
        )
    )
    partners: tuple[Annotated[str, Field(min_length=1, max_length=250)], ...] = Field(
        default=(),
        json_schema_extra=describe(
            label={"es": "Socios", "en": "Partners", "pt": "Parceiros", "fr": "Partenaires"},
            help={
                "es": "Opcional: otras instituciones, una por línea o separadas por «;».",
                "en": "Optional: other institutions, one per line or separated by ';'.",
                "pt": "Opcional: outras instituições, uma por linha ou separadas por “;”.",
                "fr": "Facultatif : autres institutions, une par ligne ou séparées par « ; ».",
            },
            example={
                "es": "OIM; ACNUR; Ministerio de Salud",
                "en": "IOM; UNHCR; Ministry of Health",
                "pt": "OIM; ACNUR; Ministério da Saúde",
                "fr": "OIM ; HCR ; ministère de la Santé publique",
            },
            kind="text_list",
            width=30,
        ),
    )
    summary: Annotated[str, Field(min_length=50, max_length=700)] = Field(
        json_schema_extra=describe(
            label={"es": "Resumen", "en": "Summary", "pt": "Resumo", "fr": "Résumé"},
            help={
                "es": (
                    "De 50 a 700 caracteres: qué es y qué logra. Aparece en la ficha y el índice."
                ),
                "en": "50 to 700 characters: what it is and what it achieves. Shown on the card.",
                "pt": (
                    "De 50 a 700 caracteres: o que é e o que alcança. Aparece na ficha e no índice."
                ),
                "fr": (
                    "De 50 à 700 caractères : ce qu'elle est et ce qu'elle permet. Figure sur la "
                    "fiche et dans l'index."
                ),
            },
            example={
                "es": (
                    "Plataforma que integra los registros de entradas y salidas para producir "
                    "estadísticas mensuales."
                ),
                "en": (
                    "Platform that integrates entry and exit records to produce monthly statistics."
                ),
                "pt": (
                    "Plataforma que integra os registros de entradas e saídas para produzir "
                    "estatísticas mensais."
                ),
                "fr": (
                    "Plateforme qui intègre les registres des entrées et sorties pour produire "
                    "des statistiques mensuelles."
                ),
            },
            kind="free_text",
            width=50,
        )
    )
    summary_translation: Annotated[str, Field(min_length=50, max_length=700)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label={
                "es": "Resumen traducido",
                "en": "Translated summary",
                "pt": "Resumo traduzido",
                "fr": "Résumé traduit",
            },
            help={
                "es": "Opcional: el resumen en inglés (si escribe en español) o en español.",
                "en": "Optional: the summary in Spanish (if you write in English) or in English.",
                "pt": "Opcional: o resumo em inglês.",
                "fr": "Facultatif : le résumé en espagnol.",
            },
            example={
                "es": (
                    "Platform that integrates entry and exit records to produce monthly statistics."
                ),
                "en": "Plataforma que integra los registros de entradas y salidas.",
                "pt": (
                    "Platform that integrates entry and exit records to produce monthly statistics."
                ),
                "fr": (
                    "Plataforma que integra los registros de entradas y salidas para producir "
                    "estadísticas mensuales."
                ),
            },
            kind="free_text",
            width=50,
        ),
    )
    description: Annotated[str, Field(min_length=100, max_length=6000)] = Field(
        json_schema_extra=describe(
            label={
                "es": "Descripción",
                "en": "Description",
                "pt": "Descrição",
                "fr": "Description",
            },
            help={
                "es": "De 100 a 6000 caracteres. Use párrafos o líneas con viñetas; sin formato.",
                "en": "100 to 6000 characters. Use paragraphs or bullet lines; no formatting.",
                "pt": (
                    "De 100 a 6000 caracteres. Use parágrafos ou linhas com marcadores; sem "
                    "formatação."
                ),
                "fr": (
                    "De 100 à 6000 caractères. Utilisez des paragraphes ou des lignes à puces, "
                    "sans mise en forme."
                ),
            },
            example={
                "es": "Contexto, componentes principales y funcionamiento de la iniciativa.",
                "en": "Context, main components and how the initiative works.",
                "pt": "Contexto, componentes principais e funcionamento da iniciativa.",
                "fr": "Contexte, principales composantes et fonctionnement de l'initiative.",
            },
            kind="free_text",
            width=60,
        )
    )
    objectives: Annotated[str, Field(max_length=3000)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label={"es": "Objetivos", "en": "Objectives", "pt": "Objetivos", "fr": "Objectifs"},
            help=_OPTIONAL_LONG_TEXT_HELP,
            example={
                "es": "Contar con datos oportunos y desglosados.",
                "en": "Timely, disaggregated data.",
                "pt": "Dispor de dados oportunos e desagregados.",
                "fr": "Disposer de données actualisées et ventilées.",
            },
            kind="free_text",
            width=45,
        ),
    )
    results: Annotated[str, Field(max_length=4000)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label={"es": "Resultados", "en": "Results", "pt": "Resultados", "fr": "Résultats"},
            help={
                "es": "Hasta 4000 caracteres; se espera si la iniciativa está finalizada.",
                "en": "Up to 4000 characters; expected when the initiative is completed.",
                "pt": "Até 4000 caracteres; informe-os se a iniciativa estiver concluída.",
                "fr": "4000 caractères au maximum ; à renseigner si l'initiative est achevée.",
            },
            example={
                "es": "12 boletines publicados; 3 instituciones conectadas.",
                "en": "12 bulletins published; 3 institutions connected.",
                "pt": "12 boletins publicados; 3 instituições conectadas.",
                "fr": "12 bulletins publiés ; 3 institutions connectées.",
            },
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
            label={
                "es": "Fuente de datos",
                "en": "Data source",
                "pt": "Fonte de dados",
                "fr": "Source de données",
            },
            help={
                "es": "Opcional: las fuentes que utiliza.",
                "en": "Optional: the sources it uses.",
                "pt": "Opcional: as fontes que utiliza.",
                "fr": "Facultatif : les sources qu'elle utilise.",
            },
            example={
                "es": "Registros administrativos",
                "en": "Administrative records",
                "pt": "Registros administrativos",
                "fr": "Registres administratifs",
            },
            kind="codes",
            vocabulary="data_source",
            slots=3,
        ),
    )
    data_exchange: bool | None = Field(
        default=None,
        json_schema_extra=describe(
            label={
                "es": "¿Intercambia datos?",
                "en": "Does it exchange data?",
                "pt": "Há intercâmbio de dados?",
                "fr": "Échange-t-elle des données ?",
            },
            help={
                "es": "¿Se comparten datos con otras instituciones o Estados?",
                "en": "Are data shared with other institutions or States?",
                "pt": "Os dados são compartilhados com outras instituições ou Estados?",
                "fr": "Les données sont-elles partagées avec d'autres institutions ou États ?",
            },
            example={"es": "Sí", "en": "Yes", "pt": "Sim", "fr": "Oui"},
            kind="yes_no",
            vocabulary="yes_no",
        ),
    )
    uses_foresight: bool | None = Field(
        default=None,
        json_schema_extra=describe(
            label={
                "es": "¿Usa prospectiva?",
                "en": "Does it use foresight?",
                "pt": "Usa prospectiva?",
                "fr": "Recourt-elle à la prospective ?",
            },
            help={
                "es": "¿Se usan escenarios o prospectiva estratégica?",
                "en": "Are scenarios or strategic foresight used?",
                "pt": "São usados cenários ou prospectiva estratégica?",
                "fr": "Des scénarios ou la prospective stratégique sont-ils utilisés ?",
            },
            example={"es": "No", "en": "No", "pt": "Não", "fr": "Non"},
            kind="yes_no",
            vocabulary="yes_no",
        ),
    )
    data_protection_measures: Annotated[str, Field(max_length=3000)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label={
                "es": "Medidas de protección de datos personales",
                "en": "Personal-data protection",
                "pt": "Medidas de proteção de dados pessoais",
                "fr": "Protection des données personnelles",
            },
            help={
                "es": "Opcional: cómo se protegen los datos personales (hasta 3000 caracteres).",
                "en": "Optional: how personal data are protected (up to 3000 characters).",
                "pt": "Opcional: como os dados pessoais são protegidos (até 3000 caracteres).",
                "fr": (
                    "Facultatif : comment les données personnelles sont protégées (3000 "
                    "caractères au maximum)."
                ),
            },
            example={
                "es": "Anonimización antes de publicar; acceso por roles.",
                "en": "Anonymisation before publication; role-based access.",
                "pt": "Anonimização antes da publicação; acesso por perfis.",
                "fr": "Anonymisation avant publication ; accès selon les rôles.",
            },
            kind="free_text",
            width=45,
        ),
    )
    challenges: Annotated[str, Field(max_length=3000)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label={"es": "Desafíos", "en": "Challenges", "pt": "Desafios", "fr": "Difficultés"},
            help=_OPTIONAL_LONG_TEXT_HELP,
            example={
                "es": "Diferentes formatos de registro entre instituciones.",
                "en": "Different record formats across institutions.",
                "pt": "Formatos de registro diferentes entre as instituições.",
                "fr": "Formats d'enregistrement différents selon les institutions.",
            },
            kind="free_text",
            width=45,
        ),
    )
    lessons_learned: Annotated[str, Field(max_length=3000)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label={
                "es": "Lecciones aprendidas",
                "en": "Lessons learned",
                "pt": "Lições aprendidas",
                "fr": "Enseignements tirés",
            },
            help=_OPTIONAL_LONG_TEXT_HELP,
            example={
                "es": "Acordar primero un diccionario de datos común.",
                "en": "Agree on a common data dictionary first.",
                "pt": "Acordar primeiro um dicionário de dados comum.",
                "fr": "Convenir d'abord d'un dictionnaire de données commun.",
            },
            kind="free_text",
            width=45,
        ),
    )
    beneficiaries: Annotated[int, Field(ge=0)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label={
                "es": "Personas beneficiarias",
                "en": "Beneficiaries",
                "pt": "Pessoas beneficiárias",
                "fr": "Personnes bénéficiaires",
            },
            help={
                "es": "Opcional: número entero de personas, sin puntos ni comas.",
                "en": "Optional: whole number of people, without separators.",
                "pt": "Opcional: número inteiro de pessoas, sem pontos nem vírgulas.",
                "fr": "Facultatif : nombre entier de personnes, sans espace ni séparateur.",
            },
            example={"es": "12500", "en": "12500", "pt": "12500", "fr": "12500"},
            kind="integer",
            width=14,
        ),
    )
    budget_amount: Annotated[Decimal, Field(ge=0)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label={"es": "Presupuesto", "en": "Budget", "pt": "Orçamento", "fr": "Budget"},
            help={
                "es": "Opcional: monto total; indique la moneda en la columna siguiente.",
                "en": "Optional: total amount; give the currency in the next column.",
                "pt": "Opcional: valor total; informe a moeda na coluna seguinte.",
                "fr": "Facultatif : montant total ; indiquez la devise dans la colonne suivante.",
            },
            example={"es": "250000", "en": "250000", "pt": "250000", "fr": "250000"},
            kind="decimal",
            width=14,
        ),
    )
    budget_currency: CurrencyCode | None = Field(
        default=None,
        json_schema_extra=describe(
            label={"es": "Moneda", "en": "Currency", "pt": "Moeda", "fr": "Devise"},
            help={
                "es": (
                    "Código ISO 4217 de tres letras (USD, MXN, COP...), si indica un presupuesto."
                ),
                "en": "Three-letter ISO 4217 code (USD, TTD, BBD...), if you give a budget.",
                "pt": "Código ISO 4217 de três letras (USD, BRL...), se informar um orçamento.",
                "fr": "Code ISO 4217 à trois lettres (USD, HTG...), si vous indiquez un budget.",
            },
            example={"es": "USD", "en": "USD", "pt": "USD", "fr": "USD"},
            kind="currency",
            width=10,
        ),
    )
    funding_sources: Annotated[str, Field(max_length=1000)] | None = Field(
        default=None,
        json_schema_extra=describe(
            label={
                "es": "Fuentes de financiamiento",
                "en": "Funding sources",
                "pt": "Fontes de financiamento",
                "fr": "Sources de financement",
            },
            help={"es": "Opcional.", "en": "Optional.", "pt": "Opcional.", "fr": "Facultatif."},
            example={
                "es": "Presupuesto nacional; cooperación de la OIM",
                "en": "National budget; IOM",
                "pt": "Orçamento federal; cooperação da OIM",
                "fr": "Budget national ; coopération de l'OIM",
            },
            kind="text",
            width=30,
        ),
    )
    website: HttpUrl | None = Field(
        default=None,
        json_schema_extra=describe(
            label={"es": "Sitio web", "en": "Website", "pt": "Site", "fr": "Site web"},
            help={
                "es": "Opcional: dirección completa que empiece por https:// o http://.",
                "en": "Optional: full address starting with https:// or http://.",
                "pt": "Opcional: endereço completo começando por https:// ou http://.",
                "fr": "Facultatif : adresse complète commençant par https:// ou http://.",
            },
            example={
                "es": "https://www.gob.mx/inm",
                "en": "https://www.gov.tt/immigration",
                "pt": "https://www.gov.br/mj",
                "fr": "https://www.mae.gouv.ht",
            },
            kind="url",
            width=30,
        ),
    )
    contact_name: Text250 | None = Field(
        default=None,
        json_schema_extra=describe(
            label={
                "es": "Persona de contacto",
                "en": "Contact person",
                "pt": "Pessoa de contato",
                "fr": "Personne à contacter",
            },
            help=_OPTIONAL_PERSONAL_HELP,
            example={
                "es": "Luis Ejemplo",
                "en": "John Example",
                "pt": "João Exemplo",
                "fr": "Jean Exemple",
            },
            kind="text",
            personal=True,
            width=22,
        ),
    )
    contact_email: EmailStr | None = Field(
        default=None,
        json_schema_extra=describe(
            label={
                "es": "Correo de contacto",
                "en": "Contact e-mail",
                "pt": "E-mail de contato",
                "fr": "Courriel de contact",
            },
            help=_OPTIONAL_PERSONAL_HELP,
            example={
                "es": "contacto@institucion.gob",
                "en": "contact@institution.gov",
                "pt": "contato@instituicao.gov.br",
                "fr": "contact@institution.gouv.ht",
            },
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
