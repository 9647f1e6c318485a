"""Personal data in free text: e-mail addresses, phone numbers, identity-document numbers, IBANs.

:func:`find_personal_data` returns where each one is; :func:`mask` blanks them out. ``check``
warns about them (``personal_data_in_text``); the build masks them in public outputs.

Precision matters more than recall: text about migration policy is full of numbers (laws,
decrees, years, budgets, SDG targets, ISBNs, helplines written as words). A phone number is
only reported when written in international form (``+52 55 1234 5678``), with an area code in
brackets (``(809) 555-1234``) or right after a word such as "tel."; an identity number only in a
national format that cannot be anything else (CURP, CPF, RUT) or right after a word such as
"pasaporte" or "cédula"; an IBAN only when its check digits are right or "IBAN" precedes it.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

Kind = Literal["email", "phone", "id_number", "iban"]

#: What each kind is called in messages: (Spanish, English).
KIND_LABELS: dict[Kind, tuple[str, str]] = {
    "email": ("una dirección de correo electrónico", "an e-mail address"),
    "phone": ("un número de teléfono", "a phone number"),
    "id_number": ("un número de documento de identidad", "an identity-document number"),
    "iban": ("un número de cuenta bancaria", "a bank account number"),
}


class Finding(NamedTuple):
    """One piece of personal data: its kind and where it is (``text[start:end]``)."""

    kind: Kind
    start: int
    end: int


_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,24}(?![\w-])"
)
_SEP = r"[ .\-]?"
_INTERNATIONAL_PHONE = re.compile(
    r"(?<![\w+])\+\s?\d{1,3}"
    + _SEP
    + r"(?:\(\d{1,4}\)|\d{1,4})(?:"
    + _SEP
    + r"\d{2,5}){1,4}(?![\w])"
)
#: "+10.000.000" is a number with thousands separators, not a phone number.
_GROUPED_NUMBER = re.compile(r"^\+\d{1,3}(?:[.,]\d{3})+$")
_AREA_CODE_PHONE = re.compile(r"(?<![\w)])\(\d{2,4}\)\s?\d{3,4}[ .\-]\d{3,4}(?!\w)")
_PHONE_WORD = re.compile(
    r"\b(?:tel[eé]fono|telefone|t[eé]l[eé]phone|phone|tel|telf|tfno|cel|celular|m[oó]vil|mobile|"
    r"whats ?app|fax|contacto telef[oó]nico)\b\.?\s*(?:n[°ºo.]\s*|#\s*)?[:\-]?\s*"
    r"((?:\+\s?)?\(?\d[\d ().\-]{5,22}\d)",
    re.IGNORECASE,
)
_ID_WORD = re.compile(
    r"\b(?:pasaporte|passport|passaporte|passeport|"
    r"c[eé]dula(?: de identidad| de ciudadan[ií]a)?|carn[eé]t?(?: de extranjer[ií]a)?|"
    r"documento(?: nacional)? de identidad|identity card|id card|"
    r"n[uú]mero de identificaci[oó]n|(?-i:DNI|DUI|CURP|RUT|RUN|CPF|RG|NIE))"
    r"\b\.?\s*(?:n[°ºo.]\s*|#\s*|n[uú]mero\s*|number\s*|no\.?\s*)?[:\-]?\s*"
    r"([A-Z]{0,3}[\d][\d.\-]{3,14}[\dA-Z]|[A-Z]{1,3}\d{5,12})",
    re.IGNORECASE,
)
_CURP = re.compile(r"\b[A-Z][AEIOUX][A-Z]{2}\d{6}[HM][A-Z]{5}[A-Z\d]\d\b")
_CPF = re.compile(r"(?<![\d.])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\d.])")
_RUT = re.compile(r"(?<![\d.])\d{1,2}\.\d{3}\.\d{3}-[\dkK](?![\w.])")
_IBAN = re.compile(r"\b([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?)\b")
_IBAN_WORD = re.compile(r"\b(?:IBAN)\b[\s:]*$", re.IGNORECASE)


def _digit_count(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _iban_valid(candidate: str) -> bool:
    compact = candidate.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def _emails(text: str) -> list[Finding]:
    return [Finding("email", m.start(), m.end()) for m in _EMAIL.finditer(text)]


def _phones(text: str) -> list[Finding]:
    found: list[Finding] = []
    for match in _INTERNATIONAL_PHONE.finditer(text):
        if 8 <= _digit_count(match.group()) <= 15 and not _GROUPED_NUMBER.match(match.group()):
            found.append(Finding("phone", match.start(), match.end()))
    for match in _AREA_CODE_PHONE.finditer(text):
        found.append(Finding("phone", match.start(), match.end()))
    for match in _PHONE_WORD.finditer(text):
        number = match.group(1).rstrip(" .-(")
        if 7 <= _digit_count(number) <= 15:
            start = match.start(1)
            found.append(Finding("phone", start, start + len(number)))
    return found


def _id_numbers(text: str) -> list[Finding]:
    found: list[Finding] = []
    for match in _ID_WORD.finditer(text):
        number = match.group(1)
        if _digit_count(number) >= 5:
            found.append(Finding("id_number", match.start(1), match.end(1)))
    for pattern in (_CURP, _CPF, _RUT):
        found.extend(Finding("id_number", m.start(), m.end()) for m in pattern.finditer(text))
    return found


def _ibans(text: str) -> list[Finding]:
    found: list[Finding] = []
    for match in _IBAN.finditer(text):
        candidate = match.group(1)
        named = bool(_IBAN_WORD.search(text[: match.start()]))
        if _iban_valid(candidate) or (named and len(candidate.replace(" ", "")) >= 15):
            found.append(Finding("iban", match.start(), match.end()))
    return found


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    """The findings in text order; of two that overlap, the longer (then the first) wins."""
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    return kept


def find_personal_data(text: str) -> list[Finding]:
    """Every piece of personal data found in ``text``, in order, without overlaps."""
    if not text or len(text) > 100_000:
        text = text[:100_000] if text else ""
    found = _emails(text) + _ibans(text) + _id_numbers(text) + _phones(text)
    return _without_overlaps(found)


def kinds(text: str) -> list[Kind]:
    """The kinds of personal data in ``text``, each once, in order of appearance."""
    return list(dict.fromkeys(finding.kind for finding in find_personal_data(text)))


def mask(text: str, replacement: str = "[…]") -> str:
    """``text`` with every piece of personal data replaced by ``replacement``."""
    pieces: list[str] = []
    position = 0
    for finding in find_personal_data(text):
        pieces.append(text[position : finding.start])
        pieces.append(replacement)
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces)
