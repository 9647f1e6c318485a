"""Controlled vocabularies: codes with Spanish and English labels and the synonyms people type.

Every controlled field of the contract takes its values from one :class:`Vocabulary`. Most come
from ``schemas/vocabularies/*.yaml``; three are built from the reference data
(``country`` from the Member States, ``gcm_objective`` and ``guiding_principle`` from the GCM
file), so that the template, the reader and the report treat every list the same way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from systematise.resources import schemas_dir
from systematise.schema.lang import Lang


def fold(text: str) -> str:
    """A matching key: case, accents, punctuation spacing and repeated spaces do not count."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    cleaned = "".join(ch if ch.isalnum() or ch in "+" else " " for ch in stripped)
    return " ".join(cleaned.split())


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary."""

    code: str
    es: str
    en: str
    synonyms: tuple[str, ...] = ()

    def label(self, lang: Lang) -> str:
        return self.es if lang == "es" else self.en


@dataclass(frozen=True)
class Vocabulary:
    """A closed list of values, identified by ``key``."""

    key: str
    label_es: str
    label_en: str
    terms: tuple[Term, ...]
    _index: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(term.code for term in self.terms)

    def term(self, code: str) -> Term:
        for term in self.terms:
            if term.code == code:
                return term
        raise KeyError(f"{code!r} is not a code of vocabulary {self.key!r}")

    def label(self, code: str, lang: Lang) -> str:
        return self.term(code).label(lang)

    def labels(self, lang: Lang) -> tuple[str, ...]:
        return tuple(term.label(lang) for term in self.terms)

    def title(self, lang: Lang) -> str:
        return self.label_es if lang == "es" else self.label_en

    def match(self, text: str) -> str | None:
        """The code that ``text`` names (a code, a label or a synonym, folded), if any."""
        return self._index.get(fold(text))


def _build(key: str, label: Mapping[str, str], terms: list[Term]) -> Vocabulary:
    index: dict[str, str] = {}
    # Codes and labels win over synonyms: register synonyms first, then overwrite.
    for term in terms:
        for synonym in term.synonyms:
            index.setdefault(fold(synonym), term.code)
    for term in terms:
        for name in (term.code, term.es, term.en):
            index[fold(name)] = term.code
    return Vocabulary(
        key=key,
        label_es=label["es"],
        label_en=label["en"],
        terms=tuple(terms),
        _index=index,
    )


def _load_yaml(path_parts: tuple[str, ...]) -> Any:
    path = schemas_dir().joinpath(*path_parts)
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def _from_vocabulary_file(name: str) -> Vocabulary:
    data = _load_yaml(("vocabularies", f"{name}.yaml"))
    terms = [
        Term(
            code=str(item["code"]),
            es=str(item["es"]),
            en=str(item["en"]),
            synonyms=tuple(str(s) for s in item.get("synonyms", ())),
        )
        for item in data["terms"]
    ]
    return _build(str(data["key"]), data["label"], terms)


def _countries() -> Vocabulary:
    data = _load_yaml(("reference", "sela_member_states.yaml"))
    extra = _load_yaml(("reference", "country_synonyms.yaml"))["synonyms"]
    terms = []
    for member in data["members"]:
        names = [
            member["iso2"],
            member.get("un_name_en", ""),
            member.get("un_name_es", ""),
            member.get("iso_name_en", ""),
            *extra.get(member["iso3"], ()),
        ]
        terms.append(
            Term(
                code=member["iso3"],
                es=member["name_es"],
                en=member["name_en"],
                synonyms=tuple(str(n) for n in names if n),
            )
        )
    return _build("country", {"es": "País", "en": "Country"}, terms)


def _gcm_objectives() -> Vocabulary:
    data = _load_yaml(("reference", "gcm_objectives.yaml"))
    terms = [
        Term(
            code=str(item["number"]),
            es=f"{item['number']}. {item['short_es']}",
            en=f"{item['number']}. {item['short_en']}",
            synonyms=(
                f"objetivo {item['number']}",
                f"objective {item['number']}",
                f"objetivo {item['number']} {item['short_es']}",
                f"objective {item['number']} {item['short_en']}",
                f"{item['number']} {item['title_es']}",
                f"{item['number']} {item['title_en']}",
                item["title_es"],
                item["title_en"],
                f"obj {item['number']}",
                f"o{item['number']}",
            ),
        )
        for item in data["objectives"]
    ]
    return _build("gcm_objective", {"es": "Objetivos del PMM", "en": "GCM objectives"}, terms)


def _guiding_principles() -> Vocabulary:
    data = _load_yaml(("reference", "gcm_objectives.yaml"))
    terms = [
        Term(
            code=str(item["key"]),
            es=f"{item['key']}) {item['label_es']}",
            en=f"{item['key']}) {item['label_en']}",
            synonyms=(item["label_es"], item["label_en"]),
        )
        for item in data["guiding_principles"]
    ]
    return _build(
        "guiding_principle",
        {"es": "Principios rectores del PMM", "en": "GCM guiding principles"},
        terms,
    )


_FILE_VOCABULARIES = (
    "initiative_type",
    "thematic_area",
    "migration_stage",
    "target_population",
    "geographic_scope",
    "status",
    "data_source",
    "submission_language",
    "yes_no",
)


@cache
def vocabularies() -> Mapping[str, Vocabulary]:
    """Every vocabulary of the contract, by key."""
    loaded = {name: _from_vocabulary_file(name) for name in _FILE_VOCABULARIES}
    loaded["country"] = _countries()
    loaded["gcm_objective"] = _gcm_objectives()
    loaded["guiding_principle"] = _guiding_principles()
    return loaded


def vocabulary(key: str) -> Vocabulary:
    return vocabularies()[key]
