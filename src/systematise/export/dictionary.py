"""The data dictionary: each open-data column explained to the people who use the data.

The template's help speaks to focal points filling in a cell ("Optional: your own reference");
a data user needs something else: what a value means, its type and unit, the values allowed and
how a missing value is written. :func:`describe` composes that, in Spanish and English, from
the column's own facts (type, list or not, vocabulary, pattern, required) and the meaning
written here for each column. The same description goes into ``datapackage.json`` and into the
``fields`` sheet of the xlsx file.

Messages are English msgids of the ``export`` catalogue (``locale/<lang>/LC_MESSAGES/export.po``).
A column without a meaning here is described by its title only, and a test fails, so that a
new field of the contract cannot reach the open data unexplained.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from systematise.export.strings import _, gettext
from systematise.schema.lang import REPORT_LANGS
from systematise.schema.vocabulary import vocabulary

if TYPE_CHECKING:
    from systematise.export.columns import Column

#: Spanish first, then English: every description is a (Spanish, English) pair.
LANGS = REPORT_LANGS

#: What each column's value is, for a data user. Label columns (``<field>_es``, ``<field>_en``)
#: are described from the column they name.
MEANINGS: dict[str, str] = {
    "id": _(
        "Identifier of the initiative, unique in the table and stable from one cycle to the "
        "next: the Member State's ISO 3166-1 alpha-3 code, a hyphen and a number (e.g. "
        "MEX-03). Use it to join the files, to cite an initiative and to follow it over the "
        "years."
    ),
    "cycle": _("Cycle of the systematisation this table belongs to, as its year (e.g. 2025)."),
    "first_reported": _(
        "Cycle in which the initiative was first reported, as its year: earlier than the "
        "column cycle when a Member State has reported the initiative in earlier cycles."
    ),
    "country": _("Member State that submitted the initiative, as its ISO 3166-1 alpha-3 code."),
    "submitting_institution": _(
        "Ministry or agency of the Member State that submitted the information."
    ),
    "submission_language": _(
        "Language in which the Member State wrote the texts of the initiative (title, summary, "
        "description and the other texts), as an ISO 639-1 code."
    ),
    "ref": _(
        "The Member State's own reference for the initiative, as submitted. The report does not "
        "print it; use id to identify an initiative."
    ),
    "title": _("Official name of the initiative, in the language of submission."),
    "title_translation": _(
        "The title in the other language of the report (Spanish or English), as given by the "
        "Member State."
    ),
    "acronym": _("Acronym or short name of the initiative."),
    "initiative_type": _("Kind of initiative: one per initiative."),
    "thematic_areas": _(
        "Thematic areas of the initiative, one to three; the first is its main area."
    ),
    "migration_stages": _("Stages of the migration cycle the initiative addresses; one or more."),
    "target_populations": _("Populations the initiative is aimed at; one or more."),
    "gcm_objectives": _(
        "Objectives of the Global Compact for Safe, Orderly and Regular Migration (GCM) the "
        "initiative contributes to, by number; one to five."
    ),
    "guiding_principles": _("Guiding principles of the GCM the initiative applies, by letter."),
    "sdg_targets": _(
        "Targets or indicators of the Sustainable Development Goals the initiative relates to, "
        "by number (e.g. 10.7 or 17.18), as given by the Member State."
    ),
    "geographic_scope": _("Where the initiative applies."),
    "status": _("Status of implementation when the Member State submitted the initiative."),
    "start_date": _("When the initiative started, to the precision the Member State gave."),
    "end_date": _(
        "When the initiative ended or is planned to end, to the precision the Member State gave; "
        "never before start_date."
    ),
    "lead_institution": _("Institution that leads the initiative."),
    "partners": _("Other institutions that take part in the initiative."),
    "summary": _(
        "What the initiative is and what it achieves, in up to 700 characters, in the language "
        "of submission."
    ),
    "summary_translation": _(
        "The summary in the other language of the report (Spanish or English), as given by the "
        "Member State."
    ),
    "description": _(
        "Full description of the initiative, in the language of submission; paragraphs are "
        "separated by line breaks."
    ),
    "objectives": _("Objectives of the initiative, as the Member State states them."),
    "results": _("Results the initiative has achieved or expects."),
    "data_sources": _("Kinds of data source the initiative uses."),
    "data_exchange": _("Whether the initiative shares data with other institutions or States."),
    "uses_foresight": _("Whether the initiative uses scenarios or strategic foresight."),
    "data_protection_measures": _(
        "How the initiative protects personal data, as the Member State describes it."
    ),
    "challenges": _("Challenges met in carrying out the initiative."),
    "lessons_learned": _("Lessons the Member State draws from the initiative."),
    "beneficiaries": _("Number of people who benefit from the initiative, as reported."),
    "budget_amount": _("Total budget of the initiative, as reported."),
    "budget_currency": _("Currency of budget_amount, as its ISO 4217 code (e.g. USD)."),
    "funding_sources": _("Where the funding of the initiative comes from."),
    "website": _("Web address of the initiative, starting with https:// or http://."),
    "contact_name": _("Person or office to contact about the initiative."),
    "contact_email": _("E-mail address to contact about the initiative."),
}

#: The unit of a numeric column.
UNITS: dict[str, str] = {
    "beneficiaries": _("people"),
    "budget_amount": _("the currency given in budget_currency"),
}

#: Why a column may be empty, where it is not simply that the Member State did not report it.
WHEN_EMPTY: dict[str, str] = {
    "end_date": _("Empty when no end date was given, as for most initiatives still running."),
    "budget_currency": _("Empty when no budget was given."),
    "title_translation": _("Empty when the Member State gave no translation."),
    "summary_translation": _("Empty when the Member State gave no translation."),
    "contact_name": _(
        "Empty unless the Member State agreed to publish the contact details of the initiative."
    ),
    "contact_email": _(
        "Empty unless the Member State agreed to publish the contact details of the initiative."
    ),
}

#: Vocabularies of at most this many values list them with their names; longer ones list codes.
NAMED_VALUES_MAX = 12


def describe(column: Column) -> tuple[str, str]:
    """(Spanish, English) description of ``column``: meaning, type and unit, values, missing."""
    parts = [_meaning(column), _type(column)]
    if column.name in UNITS:
        parts.append(_each(_("Unit: {unit}."), unit=UNITS[column.name]))
    values = allowed_values(column)
    if values is not None:
        parts.append(values)
    parts.append(_missing(column))
    return " ".join(part[0] for part in parts), " ".join(part[1] for part in parts)


def _each(message: str, plain: dict[str, str] | None = None, **messages: str) -> tuple[str, str]:
    """``message`` in Spanish and English; ``messages`` are msgids translated likewise and
    ``plain`` values are filled in as they are."""
    es, en = (
        gettext(message, lang).format(
            **(plain or {}), **{key: gettext(value, lang) for key, value in messages.items()}
        )
        for lang in LANGS
    )
    return es, en


def _meaning(column: Column) -> tuple[str, str]:
    if column.labels_of is not None:
        return _each(
            _("Name {in_language} of each value of column {column}, as the report prints it."),
            {"column": column.labels_of},
            in_language=_("in Spanish") if column.labels_lang == "es" else _("in English"),
        )
    meaning = MEANINGS.get(column.name)
    if meaning is None:
        return column.title[0] + ".", column.title[1] + "."
    return _each(meaning)


def _type(column: Column) -> tuple[str, str]:
    from systematise.export.columns import SEPARATOR  # columns imports this module

    if column.multi:
        if column.name == "gcm_objectives":
            kind = _("list of whole numbers")
        elif column.vocabulary is not None and column.labels_of is None:
            kind = _("list of codes")
        else:
            kind = _("list of texts")
        return _each(
            _("Type: {kind}, separated by '{separator}' in CSV and XLSX; an array in JSON."),
            {"separator": SEPARATOR.strip()},
            kind=kind,
        )
    if column.pattern and column.name != "id":
        return _each(_("Type: date, as a year (YYYY), a month (YYYY-MM) or a day (YYYY-MM-DD)."))
    if column.type == "integer":
        return _each(_("Type: whole number."))
    if column.type == "number":
        return _each(_("Type: number, with a point as the decimal separator."))
    if column.type == "boolean":
        return _each(_("Type: yes or no, written true or false."))
    return _each(_("Type: code.") if column.vocabulary else _("Type: text."))


def allowed_values(column: Column) -> tuple[str, str] | None:
    """The values a coded column may take: codes, with their names when the list is short."""
    if column.vocabulary is None or column.type == "boolean":
        return None
    terms = vocabulary(column.vocabulary).terms
    if len(terms) > NAMED_VALUES_MAX:
        return _each(
            _("Allowed values: {values}; their names are in columns {name}_es and {name}_en."),
            {"values": ", ".join(term.code for term in terms), "name": column.name},
        )

    def named(code: str, label: str) -> str:
        return label if label.startswith(code) else f"{code} ({label})"  # "a) People-centred"

    es, en = (
        gettext(_("Allowed values: {values}."), lang).format(
            values="; ".join(named(term.code, term.label(lang)) for term in terms)
        )
        for lang in LANGS
    )
    return es, en


def _missing(column: Column) -> tuple[str, str]:
    if column.required:
        return _each(_("Never empty."))
    reason = _each(WHEN_EMPTY.get(column.name, _("Empty when the Member State did not report it.")))
    written = _each(
        _("A missing value is an empty cell in CSV and XLSX, and an empty array in JSON.")
        if column.multi
        else _("A missing value is an empty cell in CSV and XLSX, and null in JSON.")
    )
    return f"{reason[0]} {written[0]}", f"{reason[1]} {written[1]}"
