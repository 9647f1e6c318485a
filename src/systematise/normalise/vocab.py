"""Vocabulary values and countries: a code, either label or a synonym, typed any way → the code.

Matching folds case, accents, punctuation and spacing (:func:`~systematise.schema.vocabulary.fold`).
An unknown value gives ``not_in_vocabulary``, quoting the value (in a multi-value cell, the part
that failed) with the allowed labels in both languages. :func:`understood` gives an
``understood_as`` note when what was typed is neither a code nor a label of the value it was
matched to ("en curso" is "En ejecución"), so that a synonym never changes a value unseen.
"""

from __future__ import annotations

import re
from functools import cache

from systematise.normalise.issue import Issue, shown
from systematise.normalise.text import clean_text, split_values, strip_apostrophe
from systematise.schema.lang import FOCAL_LANGS, separator
from systematise.schema.vocabulary import Vocabulary, fold, vocabulary

#: Words that do not tell two values apart: "Programa/proyecto" names "Programa o proyecto".
_STOP_WORDS = frozenset(
    [
        "a",
        "al",
        "and",
        "de",
        "del",
        "e",
        "el",
        "en",
        "et",
        "for",
        "la",
        "las",
        "le",
        "les",
        "los",
        "o",
        "of",
        "or",
        "ou",
        "para",
        "por",
        "the",
        "to",
        "u",
        "y",
    ]
)
#: "Objetivo 1: Recopilar y utilizar datos...", "1 - Datos exactos", "Obj. 23"; not "1, 2, 23"
#: nor "Objetivo 1 y 2", which name more than one (each part is matched on its own).
_GCM_NUMBER = re.compile(
    r"^(?:objetivo|objective|objectif|obj|o)?\s*(\d{1,2})(?!\d)(?:\s|$)(?!.*\d)"
)


#: Separators tried when a part names nothing as a whole: "origen, tránsito", "origen y tránsito".
_LIST_WORDS = re.compile(r",|/|\s+(?:y|e|and|et|ou)\s+", re.IGNORECASE)


@cache
def _token_index(vocabulary_key: str) -> dict[frozenset[str], str | None]:
    """Codes by the set of meaningful words of each code, label and synonym (None: ambiguous)."""
    terms = vocabulary(vocabulary_key)
    index: dict[frozenset[str], str | None] = {}
    for term in terms.terms:
        for name in (term.code, *term.labels.values(), *term.synonyms):
            key = _tokens(name)
            if not key:
                continue
            if key in index and index[key] != term.code:
                index[key] = None
            else:
                index[key] = term.code
    return index


def _tokens(text: str) -> frozenset[str]:
    return frozenset(word for word in fold(text).split() if word not in _STOP_WORDS)


def match(text: str, vocabulary_key: str) -> str | None:
    """The code ``text`` names: exactly (folded), else by its meaningful words, if unambiguous."""
    terms = vocabulary(vocabulary_key)
    code = terms.match(text)
    if code is not None:
        return code
    if vocabulary_key == "gcm_objective":
        number = _GCM_NUMBER.match(fold(text))
        if number and number.group(1).lstrip("0") in terms.codes:
            return number.group(1).lstrip("0")
    words = fold(text).split()
    if len(words) > 1 and all(word in terms.codes for word in words):
        return None  # "a) b)": several codes, not one (a little word may be a code: "a", "e")
    tokens = _tokens(text)
    return _token_index(vocabulary_key).get(tokens) if tokens else None


def _as_text(value: object) -> str | None:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean_text(value, multiline=False)
    if text is None:
        return None
    return strip_apostrophe(text).strip() or None


def not_in_vocabulary(terms: Vocabulary, typed: object) -> Issue:
    """The problem for ``typed``, a value outside ``terms``, listing the allowed labels."""
    return Issue(
        "not_in_vocabulary",
        {
            "value": shown(typed),
            **{
                f"allowed_{lang}": separator(";", lang).join(terms.labels(lang))
                for lang in FOCAL_LANGS
            },
        },
    )


def understood(typed: str, code: str, vocabulary_key: str) -> Issue | None:
    """An ``understood_as`` note when ``typed`` names ``code`` other than by a code or label."""
    term = vocabulary(vocabulary_key).term(code)
    if fold(typed) in {fold(term.code), *(fold(label) for label in term.labels.values())}:
        return None
    understood_as = {f"understood_{lang}": term.label(lang) for lang in FOCAL_LANGS}
    return Issue("understood_as", {"value": shown(typed), **understood_as})


def to_code(value: object, vocabulary_key: str) -> str | Issue | None:
    """The code of vocabulary ``vocabulary_key`` that ``value`` names, or an issue."""
    text = _as_text(value)
    if text is None:
        return None
    code = match(text, vocabulary_key)
    return code if code is not None else not_in_vocabulary(vocabulary(vocabulary_key), text)


def typed_text(value: object) -> str | None:
    """The text a code cell holds, as matched: a number cell 3.0 is "3", TRUE is "yes"."""
    return _as_text(value)


def to_country(value: object) -> str | Issue | None:
    """ISO 3166-1 alpha-3 code of a SELA Member State named in es/en/pt/fr, ISO2 or ISO3."""
    return to_code(value, "country")


def read_codes(value: object, vocabulary_key: str) -> list[tuple[str, str | Issue]]:
    """Every value of a multi-value cell as (the part typed, its code or an issue), in order.

    The cell is split on ``;``, line breaks and bullets; a part that names nothing is also tried
    as a comma-separated list ("origen, tránsito"), kept only when every piece matches.
    """
    terms = vocabulary(vocabulary_key)
    whole = _as_text(value)
    if whole is None:
        return []
    code = match(whole, vocabulary_key)
    if code is not None:
        return [(whole, code)]
    found: list[tuple[str, str | Issue]] = []
    for part in split_values(whole if not isinstance(value, str) else value):
        code = match(part, vocabulary_key)
        if code is not None:
            found.append((part, code))
            continue
        pieces = [piece for piece in (p.strip() for p in _LIST_WORDS.split(part)) if piece]
        codes = [match(piece, vocabulary_key) for piece in pieces]
        if len(pieces) > 1 and all(codes):
            found.extend((piece, c) for piece, c in zip(pieces, codes, strict=True) if c)
        else:
            found.append((part, not_in_vocabulary(terms, part)))
    return found


def to_codes(value: object, vocabulary_key: str) -> list[str | Issue]:
    """Every value of a multi-value cell, each a code or an issue, in the order typed."""
    return [result for _, result in read_codes(value, vocabulary_key)]
