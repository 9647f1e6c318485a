"""Vocabulary values and countries: a code, either label or a synonym, typed any way → the code.

Matching folds case, accents, punctuation and spacing (:func:`~systematise.schema.vocabulary.fold`).
An unknown value gives ``not_in_vocabulary`` with the allowed labels in both languages.
"""

from __future__ import annotations

from systematise.normalise.issue import Issue
from systematise.normalise.text import clean_text, split_values, strip_apostrophe
from systematise.schema.vocabulary import Vocabulary, vocabulary


def _as_text(value: object) -> str | None:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean_text(value, multiline=False)
    if text is None:
        return None
    return strip_apostrophe(text).strip() or None


def not_in_vocabulary(terms: Vocabulary) -> Issue:
    """The problem for a value outside ``terms``, listing the allowed labels per language."""
    return Issue(
        "not_in_vocabulary",
        {
            "allowed_es": "; ".join(terms.labels("es")),
            "allowed_en": "; ".join(terms.labels("en")),
        },
    )


def to_code(value: object, vocabulary_key: str) -> str | Issue | None:
    """The code of vocabulary ``vocabulary_key`` that ``value`` names, or an issue."""
    text = _as_text(value)
    if text is None:
        return None
    terms = vocabulary(vocabulary_key)
    code = terms.match(text)
    return code if code is not None else not_in_vocabulary(terms)


def to_country(value: object) -> str | Issue | None:
    """ISO 3166-1 alpha-3 code of a SELA Member State named in es/en/pt/fr, ISO2 or ISO3."""
    return to_code(value, "country")


def to_codes(value: object, vocabulary_key: str) -> list[str | Issue]:
    """Every value of a multi-value cell, each a code or an issue, in the order typed.

    The cell is split on ``;``, line breaks and bullets; a part that names nothing is also tried
    as a comma-separated list ("origen, tránsito"), kept only when every piece matches.
    """
    terms = vocabulary(vocabulary_key)
    whole = _as_text(value)
    if whole is None:
        return []
    code = terms.match(whole)
    if code is not None:
        return [code]
    found: list[str | Issue] = []
    for part in split_values(whole if not isinstance(value, str) else value):
        code = terms.match(part)
        if code is not None:
            found.append(code)
            continue
        pieces = [piece for piece in (p.strip() for p in part.split(",")) if piece]
        codes = [terms.match(piece) for piece in pieces]
        if len(pieces) > 1 and all(codes):
            found.extend(c for c in codes if c is not None)
        else:
            found.append(not_in_vocabulary(terms))
    return found
