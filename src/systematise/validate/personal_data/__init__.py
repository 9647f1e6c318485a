"""Personal data in published text: e-mail addresses, phone numbers, identity numbers, IBANs.

:func:`find_personal_data` returns where each one is; :func:`mask` blanks them out. ``check``
warns about them (``personal_data_in_text``) and the build masks them in every public output,
in every field :func:`is_scanned` names: all the text a submission publishes (titles, acronyms,
institution and partner names, free text), not only long paragraphs.

Precision matters as much as recall: text about migration policy is full of numbers (laws,
decrees, years, budgets, SDG targets, counts, case files), and an official who sees their law
number masked stops trusting the tool. What is found and what is deliberately left alone is
said in :mod:`.identity` (cédula, DNI, RUT/RUN, CPF, CURP...), :mod:`.phones` and
:mod:`.context` (what makes a number not personal), and summed up in ``docs/check.md``.

Every pattern is compiled once and reads a cell in time proportional to its length, so a
hostile 30,000-character cell costs milliseconds.
"""

from __future__ import annotations

import re

from systematise.i18n import N_
from systematise.schema.fieldmeta import FieldSpec
from systematise.validate.personal_data.context import Finding, Kind, plain
from systematise.validate.personal_data.identity import identity_numbers
from systematise.validate.personal_data.phones import phone_numbers

__all__ = [
    "KIND_LABELS",
    "SCANNED_FIELD_KINDS",
    "Finding",
    "Kind",
    "find_personal_data",
    "is_scanned",
    "kinds",
    "mask",
]

#: What each kind is called in messages (``check`` catalogues).
KIND_LABELS: dict[Kind, str] = {
    "email": N_("an e-mail address"),
    "phone": N_("a phone number"),
    "id_number": N_("an identity-document number"),
    "iban": N_("a bank account number"),
}

#: Kinds of field that hold published text, and so are scanned: every line of text, list of
#: texts and paragraph. Codes, dates, numbers, URLs and e-mail fields are typed, not written.
SCANNED_FIELD_KINDS = frozenset({"text", "free_text", "text_list"})


def is_scanned(spec: FieldSpec) -> bool:
    """Whether a field's text is scanned: published text, not a field meant to be personal."""
    return spec.kind in SCANNED_FIELD_KINDS and not spec.personal


_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,24}(?![\w-])"
)
_DIGIT = re.compile(r"\d")
_IBAN = re.compile(r"\b([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?)\b")
_IBAN_WORD = re.compile(r"\bIBAN\b[\s:]{0,8}$", re.IGNORECASE)


def _iban_valid(candidate: str) -> bool:
    compact = candidate.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def _emails(text: str) -> list[Finding]:
    if "@" not in text:
        return []
    return [Finding("email", m.start(), m.end()) for m in _EMAIL.finditer(text)]


def _ibans(text: str) -> list[Finding]:
    found: list[Finding] = []
    for match in _IBAN.finditer(text):
        candidate = match.group(1)
        named = _IBAN_WORD.search(text[max(0, match.start() - 16) : match.start()]) is not None
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
    if not text:
        return []
    # Dashes and spaces typed by office suites ("0414‑1234567") are read as plain ones.
    readable = plain(text)
    found = _emails(readable)
    if _DIGIT.search(readable):  # every other kind holds digits: most titles and names do not
        found += _ibans(readable) + identity_numbers(readable) + phone_numbers(readable)
    return _without_overlaps(found)


def kinds(text: str) -> list[Kind]:
    """The kinds of personal data in ``text``, each once, in order of appearance."""
    return list(dict.fromkeys(finding.kind for finding in find_personal_data(text)))


def mask(text: str, replacement: str = "[…]") -> str:
    """``text`` with every piece of personal data replaced by ``replacement``.

    Masking is repeated until nothing is found, so that it is idempotent: a number that touched
    a masked e-mail address ("ana@example.org+58 412 123 4567") is found once it stands alone.
    Every piece found holds a digit or an "@" and the replacement takes them away, so this ends.
    """
    for _round in range(8):
        found = find_personal_data(text)
        if not found:
            break
        pieces: list[str] = []
        position = 0
        for finding in found:
            pieces.append(text[position : finding.start])
            pieces.append(replacement)
            position = finding.end
        pieces.append(text[position:])
        text = "".join(pieces)
    return text
