"""Controlled vocabularies: codes with a label per focal-point language, and synonyms people type.

Every controlled field of the contract takes its values from one :class:`Vocabulary`. Most come
from ``schemas/vocabularies/*.yaml``; three are built from the reference data
(``country`` from the Member States, ``gcm_objective`` and ``guiding_principle`` from the GCM
file), so that the template, the reader and the report treat every list the same way. Each
term and each vocabulary has one label per focal-point language (Spanish, English, Portuguese,
French); the Portuguese and French names of the reference lists are in
``schemas/reference/names_pt_fr.yaml``. Every label and synonym reads back as its code.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from systematise import yamlfile
from systematise.resources import schemas_dir
from systematise.schema.lang import FOCAL_LANGS, FocalLang


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
    #: The label in each focal-point language.
    labels: Mapping[str, str]
    synonyms: tuple[str, ...] = ()

    def label(self, lang: FocalLang) -> str:
        return self.labels[lang]

    @property
    def es(self) -> str:
        return self.labels["es"]

    @property
    def en(self) -> str:
        return self.labels["en"]


@dataclass(frozen=True)
class Vocabulary:
    """A closed list of values, identified by ``key``."""

    key: str
    #: The vocabulary's own name in each focal-point language.
    names: Mapping[str, str]
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

    def label(self, code: str, lang: FocalLang) -> str:
        return self.term(code).label(lang)

    def labels(self, lang: FocalLang) -> tuple[str, ...]:
        return tuple(term.label(lang) for term in self.terms)

    def title(self, lang: FocalLang) -> str:
        return self.names[lang]

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
        for name in (term.code, *term.labels.values()):
            index[fold(name)] = term.code
    return Vocabulary(
        key=key,
        names=_complete(f"vocabulary {key}", label),
        terms=tuple(terms),
        _index=index,
    )


def _complete(what: str, texts: Mapping[str, str]) -> dict[str, str]:
    """``texts`` when it has every focal-point language; a missing one is a bug in the data."""
    missing = [lang for lang in FOCAL_LANGS if not str(texts.get(lang) or "").strip()]
    if missing:
        raise ValueError(f"{what} lacks {', '.join(missing)}")
    return {lang: str(texts[lang]) for lang in FOCAL_LANGS}


def _load_yaml(path_parts: tuple[str, ...]) -> Any:
    path = schemas_dir().joinpath(*path_parts)
    with path.open(encoding="utf-8") as stream:
        return yamlfile.safe_load(stream)


def _from_vocabulary_file(name: str) -> Vocabulary:
    data = _load_yaml(("vocabularies", f"{name}.yaml"))
    terms = [
        Term(
            code=str(item["code"]),
            labels=_complete(f"{name}: {item['code']}", item),
            synonyms=tuple(str(s) for s in item.get("synonyms", ())),
        )
        for item in data["terms"]
    ]
    return _build(str(data["key"]), data["label"], terms)


def _countries() -> Vocabulary:
    data = _load_yaml(("reference", "sela_member_states.yaml"))
    extra = _load_yaml(("reference", "country_synonyms.yaml"))["synonyms"]
    names = _names_pt_fr()["countries"]
    terms = []
    for member in data["members"]:
        synonyms = [
            member["iso2"],
            member.get("un_name_en", ""),
            member.get("un_name_es", ""),
            member.get("iso_name_en", ""),
            *extra.get(member["iso3"], ()),
        ]
        terms.append(
            Term(
                code=member["iso3"],
                labels=_complete(
                    member["iso3"],
                    {"es": member["name_es"], "en": member["name_en"], **names[member["iso3"]]},
                ),
                synonyms=tuple(str(n) for n in synonyms if n),
            )
        )
    return _build("country", {"es": "País", "en": "Country", "pt": "País", "fr": "Pays"}, terms)


def _names_pt_fr() -> Any:
    return _load_yaml(("reference", "names_pt_fr.yaml"))


def _gcm_objectives() -> Vocabulary:
    data = _load_yaml(("reference", "gcm_objectives.yaml"))
    extra = _names_pt_fr()["gcm_objectives"]
    terms = []
    for item in data["objectives"]:
        number = item["number"]
        short = {"es": item["short_es"], "en": item["short_en"], **extra[number]}
        terms.append(
            Term(
                code=str(number),
                labels=_complete(
                    f"objective {number}", {k: f"{number}. {v}" for k, v in short.items()}
                ),
                synonyms=(
                    f"objetivo {number}",
                    f"objective {number}",
                    f"objectif {number}",
                    *(
                        f"{word} {number} {text}"
                        for word, text in (
                            ("objetivo", short["es"]),
                            ("objective", short["en"]),
                            ("objetivo", short["pt"]),
                            ("objectif", short["fr"]),
                        )
                    ),
                    f"{number} {item['title_es']}",
                    f"{number} {item['title_en']}",
                    item["title_es"],
                    item["title_en"],
                    f"obj {number}",
                    f"o{number}",
                ),
            )
        )
    return _build(
        "gcm_objective",
        {
            "es": "Objetivos del PMM",
            "en": "GCM objectives",
            "pt": "Objetivos do PGM",
            "fr": "Objectifs du PMM",
        },
        terms,
    )


def _guiding_principles() -> Vocabulary:
    data = _load_yaml(("reference", "gcm_objectives.yaml"))
    extra = _names_pt_fr()["guiding_principles"]
    terms = []
    for item in data["guiding_principles"]:
        key = str(item["key"])
        names = {"es": item["label_es"], "en": item["label_en"], **extra[key]}
        terms.append(
            Term(
                code=key,
                labels=_complete(f"principle {key}", {k: f"{key}) {v}" for k, v in names.items()}),
                synonyms=tuple(names.values()),
            )
        )
    return _build(
        "guiding_principle",
        {
            "es": "Principios rectores del PMM",
            "en": "GCM guiding principles",
            "pt": "Princípios orientadores do PGM",
            "fr": "Principes directeurs du PMM",
        },
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
