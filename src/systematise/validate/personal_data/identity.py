"""Identity-document numbers as Latin America and the Caribbean write them.

A number is reported in two cases:

- **after a word naming an identity document**: "cédula (de identidad, de ciudadanía, de
  extranjería)", "C.I.", "CI", "C.C.", "CC", "C.E.", "T.I.", "DNI", "DUI", "DPI", "CUI", "RUT",
  "RUN", "CPF", "RG", "CURP", "CUIL", "NIE", "RNE", "RNM", "DIMEX", "PPT", "PEP", "TRN", "NIS",
  "carné de extranjería", "documento de identidad", "pasaporte", "passport", "ID card"...,
  optionally followed by one adjective ("venezolano", "vigente") and "N°", "Nro.", "número",
  "#" or ":". The number then needs five digits or more, may carry a letter prefix ("V-", "E-",
  "PE-", "AB") and dots, hyphens or spaces, and is reported whatever its check digit: someone
  who writes "DNI 12.345.678" means a DNI. The next numbers of a list are reported too ("DNI
  12.345.678 y 23.456.789"). Not when the "number" is a year or a year range, a date, a round
  amount ("125.000") or a count ("DNI: 12.345 personas");
- **on its own**, only in a national layout that nothing else in policy text has, and with a
  right check digit where the document has one: CPF (``123.456.789-09`` or 11 digits), CUIL
  (``20-12345678-3``), RUT/RUN (``12.345.678-5``; with ``K`` always), Uruguay's cédula
  (``1.234.567-2``), El Salvador's DUI (``01234567-8``), CURP, Mexico's RFC of a person (its
  date must exist), Guatemala's CUI (``1234 56789 0101``), Venezuela's ``V-12.345.678`` /
  ``E-…``, the Dominican Republic's ``001-1234567-8``, Costa Rica's ``1-1234-5678``, Panama's
  ``8-123-456`` / ``PE-12-3456``, Honduras' ``0801-1990-12345`` and Nicaragua's
  ``001-010190-0001A``. Not after a word naming a law, decree, file, postal code or tax number
  of an institution ("Decreto 001-1234567-8"), nor before what it counts.

A RUT of 50 million or more and a CUIT starting 30, 33 or 34 belong to companies and public
bodies, and are left alone even after their name.

Numbers that are only digits and dots (an Argentine DNI ``12.345.678``, a Colombian cédula, a
Peruvian DNI of eight digits, a passport) cannot be told from amounts and counts without the
word, so they are only found with it.
"""

from __future__ import annotations

import re

from systematise.validate.personal_data import checksums
from systematise.validate.personal_data.context import (
    DESIGNATOR,
    END,
    START,
    Finding,
    Kind,
    Layout,
    after_reference_word,
    amount,
    digit_count,
    digit_groups,
    laid_out,
    only_years,
    quantity_after,
)

_DOCUMENT_WORDS = (
    r"c[eé]dula(?:\s+(?:de\s+)?(?:identidad|ciudadan[ií]a|extranjer[ií]a|identificaci[oó]n)"
    r"(?:\s+(?:personal|y\s+electoral|de\s+extranjeros?))?)?|"
    r"carn[eéê]t?(?:\s+de\s+(?:extranjer[ií]a|identidad|residente|identificaci[oó]n|"
    r"permanencia|refugiado))?|"
    r"documento(?:\s+(?:nacional|[uú]nico|personal))?\s+de\s+identi(?:dad|ficaci[oó]n)"
    r"(?:\s+personal)?|"
    r"(?:n[uú]mero|n[°º]|nro\.?)\s+de\s+(?:identificaci[oó]n|documento|c[eé]dula|pasaporte|"
    r"identidad|dni)|"
    r"tarjeta\s+de\s+identidad|carteira\s+de\s+identidade|registro\s+geral|"
    r"pasaporte|passaporte|passport|passeport|"
    r"identity\s+(?:card|number|document)|identification\s+(?:number|card)|"
    r"id\s+(?:card|number|no)|national\s+id(?:entity|entification)?(?:\s+(?:card|number))?|"
    r"social\s+security\s+number|n[uú]mero\s+de\s+seguro\s+social|"
    r"national\s+insurance(?:\s+number)?|carte\s+d'identit[eé]|num[eé]ro\s+d'identification|"
    r"clave\s+de\s+elector|credencial\s+(?:para\s+votar|de\s+elector)"
)
#: Acronyms of identity documents, matched case-sensitively, bare or dotted ("C.I.").
_ACRONYMS = (
    "CURP", "CRNM", "DIMEX", "NUIP", "CUIL", "CUIT", "DNI", "DUI", "DPI", "CUI", "RUT", "RUN",
    "CPF", "NIE", "RNE", "RNM", "PPT", "PTP", "CPP", "PEP", "TRN", "NIS", "NIB", "SSN", "CIP",
    "CIE", "RG",
    "CI", "CC", "CE",
)  # fmt: skip
#: Acronyms too common as other words to be read without their dots.
_DOTTED_ONLY = ("TI",)


def _acronym_pattern() -> str:
    forms: list[str] = []
    for acronym in sorted((*_ACRONYMS, *_DOTTED_ONLY), key=len, reverse=True):
        forms.append(r"\.\s?".join(acronym) + r"\.")
        if acronym not in _DOTTED_ONLY:
            forms.append(acronym)
    return "|".join(forms)


#: One word between the document and its number ("pasaporte venezolano N° …"): singular, since a
#: plural ("DNI tramitados 125.000") counts documents; never a preposition.
_ADJECTIVE = (
    r"(?!(?:para|como|entre|desde|hasta|sobre|durante|contra|hacia|seg[uú]n|mediante|with|"
    r"from|that|this|which|their|will|were|have)\b)"
    r"[A-ZÁÉÍÓÚÑa-záéíóúñüç][a-záéíóúñüç]{2,14}[a-rt-záéíóúñüç](?=[\s:])"
)
#: A document number: an optional letter prefix, then groups joined by dots, hyphens or spaces.
_VALUE = r"(?:[A-Z]{1,6}(?:[-.]\s?|\s)?)?\d[\dA-Z]{0,17}(?:[.\-][\dA-Z]{1,14}|\s\d{2,5}){0,6}(?!\w)"
_INTRODUCED = re.compile(
    rf"(?<![\w.])(?P<document>(?i:{_DOCUMENT_WORDS})|{_acronym_pattern()})(?!\w)"
    rf"(?:\s{{1,3}}(?P<adjective>{_ADJECTIVE}))?"
    rf"\.?\s{{0,3}}(?:(?i:{DESIGNATOR})\s{{0,3}})?[:\-]?\s{{0,3}}"
    rf"(?P<value>{_VALUE}){END}"
)
_NEXT_IN_LIST = re.compile(
    rf"(?:\s{{0,3}}[,;/]\s{{0,3}}|\s{{1,3}}(?:y|e|o|u|and|or|&)\s{{1,3}})"
    rf"(?:(?i:{DESIGNATOR})\s{{0,3}})?(?P<value>{_VALUE}){END}"
)
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}")
_ONLY_DIGITS = re.compile(r"[\d.,\s]+")


def _plausible(value: str, least_digits: int, text: str, end: int) -> bool:
    """Whether a number introduced by a document's name is one, not a year, date or count."""
    digits = digit_count(value)
    if not least_digits <= digits <= 20 or only_years(value) or _DATE.fullmatch(value):
        return False
    # "DNI: 125.000", "pasaporte: 1.250.000": counts, written like amounts.
    if _ONLY_DIGITS.fullmatch(value) and (
        "".join(digit_groups(value)).endswith("000") or (amount(value) and digits < 7)
    ):
        return False
    return not quantity_after(text, end)


def _of_an_institution(document: str, value: str) -> bool:
    """A RUT of 50 million or more, a CUIT starting 30, 33 or 34: a legal person's, public."""
    name = re.sub(r"[.\s]", "", document).upper()
    digits = "".join(digit_groups(value))
    if name == "RUT":
        body = digits if value.upper().endswith("K") else digits[:-1]
        return body.isdigit() and int(body) >= _LEGAL_PERSON_RUT
    return name == "CUIT" and digits[:2] in ("30", "33", "34")


#: Chile numbers companies and public bodies from 50 million up, people below.
_LEGAL_PERSON_RUT = 50_000_000


def _introduced(text: str) -> list[Finding]:
    found: list[Finding] = []
    position = 0
    while (match := _INTRODUCED.search(text, position)) is not None:
        position = match.end()
        document = match.group("document")
        least = 6 if match.group("adjective") else 5
        if (
            not _plausible(match.group("value"), least, text, match.end("value"))
            or _of_an_institution(document, match.group("value"))
            or after_reference_word(text, match.start())  # "Resolución CE-2019-001234"
        ):
            continue
        found.append(Finding("id_number", match.start("value"), match.end("value")))
        # The list goes on from here, and the search after it: each character is read once.
        while (following := _NEXT_IN_LIST.match(text, position)) is not None:
            value = following.group("value")
            if not _plausible(value, 5, text, following.end("value")) or _of_an_institution(
                document, value
            ):
                break
            found.append(Finding("id_number", following.start("value"), following.end("value")))
            position = following.end("value")
    return found


def _compact(match: re.Match[str]) -> str:
    return "".join(digit_groups(match.group()))


def _hyphen_check(match: re.Match[str]) -> bool:
    """RUT (with dots or not), Uruguay's cédula (7 digits), El Salvador's DUI (8, no dots)."""
    check = match["check"]
    body = _compact(match)[:-1] if check.isdigit() else _compact(match)
    if int(body) >= _LEGAL_PERSON_RUT:
        return False  # a company's or public body's RUT, or no identity number at all
    if check in "kK":
        return True  # only a RUT has a K
    dotted = "." in match.group()
    return (
        checksums.rut(body, check)
        or checksums.uruguay_ci(body, check)
        or (not dotted and checksums.salvador_dui(body, check))
    )


def _not_years_nor_round(match: re.Match[str]) -> bool:
    """Not ``1-2019-2023`` nor ``8-123-2019`` (numbering by year), nor ``10-100-1000``."""
    groups = digit_groups(match.group())
    last = groups[-1]
    return (
        not only_years(match.group())
        and not (len(last) == 4 and only_years(last))
        and not all(group.endswith("0") for group in groups[1:])
    )


_ID: Kind = "id_number"
_LAYOUTS = (
    # CPF (Brazil) and CUIL/CUIT (Argentina): 11 digits with check digits.
    Layout(
        _ID,
        re.compile(START + r"(?:\d{3}\.?\d{3}\.?\d{3}-?\d{2}|\d{2}-\d{8}-\d)" + END),
        lambda m: checksums.cpf(_compact(m)) or checksums.argentina_cuil(_compact(m)),
    ),
    # RUT/RUN (Chile), cédula (Uruguay), DUI (El Salvador): a body, a hyphen, a check digit.
    Layout(
        _ID,
        re.compile(START + r"(?:\d{1,2}\.\d{3}\.\d{3}|\d{7,8})-(?P<check>[\dkK])" + END),
        _hyphen_check,
    ),
    # CURP (Mexico): letters, the birth date, sex, state, consonants, a check digit.
    Layout(
        _ID,
        re.compile(r"(?<!\w)[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{5}[A-Z\d]\d(?!\w)"),
        lambda m: checksums.curp(m.group()) and checksums.yymmdd(m.group()[4:10]),
        letter=True,
    ),
    # RFC of a person (Mexico): four letters, the birth date, a three-character key.
    Layout(
        _ID,
        re.compile(r"(?<!\w)[A-ZÑ&]{4}\d{6}[A-Z\d]{2}[A\d](?!\w)"),
        lambda m: checksums.yymmdd(m.group()[4:10]),
        letter=True,
    ),
    # CUI (Guatemala): 13 digits, 4 5 4, with a check digit and a department.
    Layout(
        _ID,
        re.compile(START + r"\d{4}[ \-]?\d{5}[ \-]?\d{4}" + END),
        lambda m: checksums.guatemala_cui(_compact(m)),
    ),
    # Cédula (Venezuela): V for nationals, E for foreigners; a RIF adds a check digit.
    Layout(
        _ID,
        re.compile(r"(?<![\w.\-])[VE][-.]?\s?\d{1,2}\.?\d{3}\.?\d{3}(?:-\d)?" + END),
        lambda m: True,
        letter=True,
    ),
    # Cédula (Dominican Republic): 3 7 1.
    Layout(_ID, re.compile(START + r"\d{3}-\d{7}-\d" + END), lambda m: True),
    # Cédula (Costa Rica): province, 4, 4.
    Layout(_ID, re.compile(START + r"0?[1-9]-\d{4}-\d{4}" + END), _not_years_nor_round),
    # Cédula (Panama): province (or 8AV, 8PI), then two groups; E, N and PE for foreigners.
    Layout(
        _ID,
        re.compile(
            START + r"(?:(?:1[0-3]|[1-9])-\d{3,4}-\d{3,6}|[1-9](?:AV|PI)-\d{1,4}-\d{1,6})" + END
        ),
        _not_years_nor_round,
    ),
    Layout(
        _ID,
        re.compile(START + r"(?:PE|E|N)-\d{1,2}-\d{3,6}" + END),
        _not_years_nor_round,
        letter=True,
    ),
    # DNI (Honduras): municipality, year of birth, 5 digits.
    Layout(
        _ID,
        re.compile(START + r"(?:0[1-9]|1[0-8])\d{2}-(?:19|20)\d{2}-\d{5}" + END),
        lambda m: True,
    ),
    # Cédula (Nicaragua): municipality, date of birth, 4 digits and a letter.
    Layout(
        _ID,
        re.compile(START + r"\d{3}-\d{6}-\d{4}[A-Z](?!\w)"),
        lambda m: checksums.ddmmyy(m.group()[4:10]),
    ),
)


def identity_numbers(text: str) -> list[Finding]:
    """Every identity-document number in ``text`` (possibly overlapping; see the module)."""
    return _introduced(text) + laid_out(text, _LAYOUTS)
