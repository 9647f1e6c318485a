"""One initiative as a fiche: every public field, labelled and formatted in the report's language.

The fields come from the data contract (:func:`~systematise.schema.fieldmeta.field_specs`), so a
field added to the contract appears in the fiche without a change here. Personal fields are left
out unless the submission consented to publishing contact data (``contact_consent``); focal-point
data belong to the submission header and never reach a fiche.

Free text is shown in the report's language when the submission is written in it, when the
submission gives a translation (title, summary) or when the translations store has a current
one (:meth:`~systematise.translations.TranslationStore.resolve` decides, for every field).
Otherwise the original is shown with its ``lang`` and the fiche carries a visible note such as
"(texto original en portugués)". A fiche that shows any text in translation carries, once, the
configured label (``[report.translation_label]``, "Unofficial translation") and the language
translated from; a translated passage is in the report's language (no ``lang`` of its own), an
original one keeps its language, as do the names of institutions (lead institution, partners).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from markupsafe import Markup, escape

from systematise.consolidate.models import Entry
from systematise.i18n import fill
from systematise.schema.fieldmeta import FieldSpec, field_specs
from systematise.schema.lang import Lang
from systematise.schema.models import Initiative
from systematise.schema.partial_date import PartialDate
from systematise.schema.reference import gcm_objectives, member_states
from systematise.schema.vocabulary import vocabulary
from systematise.translations import ResolvedText, TranslationStore
from systematise.translations.fields import TRANSLATABLE_FIELDS
from systematise.wording.formatting import Formatter
from systematise.wording.house_style import submitted_text
from systematise.wording.text import plain_text_html, safe_link

#: Fields shown in the fiche's heading rather than in its facts or texts.
_HEADING_FIELDS = frozenset(
    {"title", "title_translation", "summary", "summary_translation", "acronym"}
)
#: The profile: the facts every fiche shows, each in the same place on every fiche so that
#: fiches compare at a glance. A row of two keys is a pair side by side, a row of one runs
#: across the full width. A fact the submission left empty is shown as a dash (never dropped,
#: which would move everything after it).
PROFILE: tuple[tuple[str, ...], ...] = (
    ("initiative_type", "status"),
    ("start_date", "end_date"),
    ("lead_institution", "geographic_scope"),
    ("partners",),
    ("thematic_areas", "migration_stages"),
    ("target_populations",),
    ("gcm_objectives",),
    ("guiding_principles", "sdg_targets"),
    ("data_sources", "beneficiaries"),
    ("budget_amount", "funding_sources"),
    ("website",),
)
#: The contact, after the profile and only with consent (so nothing else moves).
CONTACT_ROW = ("contact_name", "contact_email")
#: Yes/no questions shown as a short tag when the answer is yes, and not at all otherwise.
TAG_FIELDS = ("data_exchange", "uses_foresight")
#: Never on a fiche: the State's own reference (it stays in the open data).
_LEFT_OUT = frozenset({"ref"})
#: Fields folded into another one's value.
_FOLDED_FIELDS = frozenset({"budget_currency"})
#: Facts written in the submission's language and never translated: names, in their official
#: form (marked with that language when it is not the report's).
_NAME_FACTS = frozenset({"lead_institution", "partners"})


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    #: The value as safe HTML; a dash when the submission left the field empty.
    value: Markup
    #: Shown across the fiche's full width (a row of its own in :data:`PROFILE`).
    wide: bool = False
    #: The submission left the field empty.
    empty: bool = False
    #: The value's language when it differs from the report's, else None.
    lang: str | None = None


EMPTY_VALUE = Markup("\u2014")


def tag_words(gettext: Callable[[str], str]) -> dict[str, str]:
    """The tag of each yes/no question of :data:`TAG_FIELDS`, in the report's language."""
    _ = gettext
    return {"data_exchange": _("Exchanges data"), "uses_foresight": _("Uses foresight")}


def _laid_out(facts: dict[str, Fact], specs: dict[str, FieldSpec], lang: Lang) -> list[Fact]:
    """The facts in the profile's places, empty ones as a dash; then any field the profile
    does not place yet (a field new in the contract), then the contact."""
    placed: list[Fact] = []
    for row in PROFILE:
        for key in row:
            fact = facts.pop(key, None)
            if fact is None:
                fact = Fact(key, specs[key].label(lang), EMPTY_VALUE, empty=True)
            placed.append(replace(fact, wide=len(row) == 1))
    contact = [facts.pop(key) for key in CONTACT_ROW if key in facts]
    placed.extend(replace(fact, wide=True) for fact in facts.values())
    placed.extend(contact)
    return placed


@dataclass(frozen=True)
class TextBlock:
    key: str
    label: str
    body: Markup
    #: The text's language when it differs from the report's, else None.
    lang: str | None


@dataclass(frozen=True)
class Fiche:
    id: str
    anchor: str
    country: str  # the State's name in the report's language
    title: str
    title_lang: str | None
    #: The title as submitted, when the heading shows its translation.
    original_title: str | None
    original_title_lang: str | None
    acronym: str | None
    summary: TextBlock
    facts: tuple[Fact, ...]
    texts: tuple[TextBlock, ...]
    #: "(original text in Spanish)" when some text is shown untranslated, else None.
    note: str | None
    #: "Unofficial translation from Spanish" when some text is shown in translation, else None.
    translation_note: str | None = None
    #: Short tags for the yes/no questions answered yes ("Exchanges data").
    tags: tuple[str, ...] = ()
    #: "Reported since the 2023 cycle", when first reported in an earlier cycle, else None.
    since: str | None = None


def anchor_of(entry_id: str) -> str:
    return "initiative-" + entry_id.lower()


def _value(spec: FieldSpec, initiative: Initiative, lang: Lang, formatter: Formatter) -> Markup:
    """A non-empty field's value as safe HTML."""
    raw = getattr(initiative, spec.key)
    if spec.vocabulary == "gcm_objective":
        titles = gcm_objectives()
        items = [f"{number}. {titles[number].title(lang)}" for number in raw]
        return Markup("<br>").join(escape(item) for item in items)
    if spec.kind in ("code", "yes_no") and spec.vocabulary:
        code = ("yes" if raw else "no") if isinstance(raw, bool) else raw
        return escape(vocabulary(spec.vocabulary).label(code, lang))
    if spec.kind == "codes" and spec.vocabulary:
        labels = [vocabulary(spec.vocabulary).label(code, lang) for code in raw]
        return escape("; ".join(labels))
    if spec.kind == "partial_date" and isinstance(raw, PartialDate):
        return escape(formatter.partial_date(raw))
    if spec.kind == "decimal" and spec.key == "budget_amount" and initiative.budget_currency:
        return escape(formatter.amount(Decimal(raw), initiative.budget_currency))
    if spec.kind in ("integer", "decimal"):
        return escape(formatter.number(raw))
    if spec.kind == "url":
        link = safe_link(str(raw))
        if link is None:
            return escape(raw)
        return Markup('<a href="{0}" class="url">{0}</a>').format(link)
    if spec.kind == "text_list":
        return escape("; ".join(str(item) for item in raw))
    return escape(str(raw))


def _is_empty(value: object) -> bool:
    return value is None or value == () or value == ""


def _shown(resolved: ResolvedText | None, lang: Lang) -> tuple[str, str | None]:
    """The text to show, in the house style of its language, and its ``lang`` attribute (None
    when in the report's language)."""
    assert resolved is not None  # only asked for non-empty fields
    return _styled(resolved.text, resolved.lang), (None if resolved.lang == lang else resolved.lang)


def _styled(text: str, text_lang: str) -> str:
    """Submitted ``text`` in the house style's typography of its language (see
    :func:`~systematise.wording.house_style.submitted_text`)."""
    return submitted_text(text, text_lang)


def build_fiche(
    entry: Entry,
    lang: Lang,
    formatter: Formatter,
    store: TranslationStore,
    original_note: str,
    translation_note: str = "",
    tags: Mapping[str, str] | None = None,
    since_note: str = "",
) -> Fiche:
    """The fiche of ``entry`` in ``lang``.

    ``original_note`` ("(original text in {language})") and ``translation_note``
    ("{label} from {language}", empty for none) have a ``{language}`` slot; ``tags``
    words the yes/no questions of :data:`TAG_FIELDS` (:func:`tag_words`).
    """
    initiative = entry.initiative
    resolved_title = store.resolve(entry, "title", lang)
    resolved_summary = store.resolve(entry, "summary", lang)
    translated = any(r is not None and r.translated for r in (resolved_title, resolved_summary))
    title, title_lang = _shown(resolved_title, lang)
    submitted_title = _styled(initiative.title, entry.text_lang)
    original_title = submitted_title if submitted_title != title else None
    summary_text, summary_lang = _shown(resolved_summary, lang)

    facts: dict[str, Fact] = {}
    texts: list[TextBlock] = []
    shown_tags: list[str] = []
    specs = {spec.key: spec for spec in field_specs(Initiative)}
    summary_block = TextBlock("summary", "", plain_text_html(summary_text), summary_lang)
    for spec in specs.values():
        if spec.key in _HEADING_FIELDS or spec.key in _FOLDED_FIELDS or spec.key in _LEFT_OUT:
            continue
        if spec.personal and not entry.contact_consent:
            continue
        raw = getattr(initiative, spec.key)
        if _is_empty(raw):
            continue
        if tags is not None and spec.key in TAG_FIELDS:
            if raw is True:
                shown_tags.append(tags[spec.key])
            continue
        if spec.kind == "free_text" or spec.key in TRANSLATABLE_FIELDS:
            resolved = store.resolve(entry, spec.key, lang)
            translated = translated or (resolved is not None and resolved.translated)
            text, text_lang = _shown(resolved, lang)
            if spec.kind == "free_text":
                body = plain_text_html(text)
                texts.append(TextBlock(spec.key, spec.label(lang), body, text_lang))
            else:
                facts[spec.key] = Fact(spec.key, spec.label(lang), escape(text), lang=text_lang)
        else:
            value = _value(spec, initiative, lang, formatter)
            named_in = entry.text_lang if spec.key in _NAME_FACTS else lang
            facts[spec.key] = Fact(
                spec.key, spec.label(lang), value, lang=None if named_in == lang else named_in
            )

    laid_out = _laid_out(facts, specs, lang)
    untranslated = [b.lang for b in (summary_block, *texts) if b.lang]
    untranslated += [f.lang for f in laid_out if f.lang and f.key in TRANSLATABLE_FIELDS]
    if title_lang:
        untranslated.insert(0, title_lang)
    note = None
    if untranslated:
        note = fill(original_note, language=formatter.language_name(untranslated[0]))
    source_language = {"language": formatter.language_name(entry.text_lang)}
    return Fiche(
        id=entry.id,
        anchor=anchor_of(entry.id),
        country=member_states()[entry.country].name(lang),
        title=title,
        title_lang=title_lang,
        original_title=original_title,
        original_title_lang=entry.text_lang if original_title else None,
        acronym=initiative.acronym,
        summary=summary_block,
        facts=tuple(laid_out),
        texts=tuple(texts),
        note=note,
        tags=tuple(shown_tags),
        translation_note=fill(translation_note, source_language)
        if translated and translation_note
        else None,
        since=_since(entry, since_note),
    )


def _since(entry: Entry, since_note: str) -> str | None:
    """Since when the initiative has been reported, when that is before this cycle."""
    first = entry.first_reported
    if not since_note or not first or not entry.cycle or first >= entry.cycle:
        return None
    return fill(since_note, cycle=first)
