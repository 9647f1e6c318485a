"""What the detectors share: the :class:`Finding` type, and how a number's surroundings are read.

Text about migration policy is full of numbers that are not personal data. A candidate number
is left alone when the words right before it say what it is (a law, a decree, a file, a postal
code...), when its long groups are all years, when it is an amount written with thousands
separators, or when a word after it says it is a count ("12.345 personas").

Every pattern here is compiled once, and none can backtrack without bound: repetitions are
bounded and separators between groups are compulsory, so a hostile 30,000-character cell is
read in time proportional to its length.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal, NamedTuple

Kind = Literal["email", "phone", "id_number", "iban"]


class Finding(NamedTuple):
    """One piece of personal data: its kind and where it is (``text[start:end]``)."""

    kind: Kind
    start: int
    end: int


#: A number starts neither inside a word or number, nor right after a separator of one.
START = r"(?<![\w.,/+\-])"
#: ... and ends neither inside a word or number nor before a separator and more digits.
END = r"(?![\w]|[.,/\-]\d)"

#: Dashes and spaces that office suites type (en dash, non-breaking hyphen, no-break space...),
#: each replaced by its plain form: one character for one, so positions do not move.
_PLAIN = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d", "-"),
        **dict.fromkeys("\u00a0\u2007\u2009\u200a\u202f\u205f\u3000\t", " "),
        "\uff0b": "+",
    }
)


_TYPOGRAPHIC = re.compile("[" + "".join(chr(code) for code in _PLAIN) + "]")


def plain(text: str) -> str:
    """``text`` with typographic dashes and spaces as plain ones, the same length."""
    return text.translate(_PLAIN) if _TYPOGRAPHIC.search(text) else text


def digit_groups(number: str) -> list[str]:
    return re.findall(r"\d+", number)


def digit_count(text: str) -> int:
    return sum(char.isdigit() for char in text)


def only_years(number: str) -> bool:
    """Whether every group of three digits or more is a year (``2019-2023``, ``(1) 2019 2023``)."""
    long = [group for group in digit_groups(number) if len(group) >= 3]
    return bool(long) and all(len(group) == 4 and 1900 <= int(group) <= 2099 for group in long)


_AMOUNT = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*(?:[.,]\d{1,2})?")


def amount(number: str) -> bool:
    """Whether ``number`` is written like an amount (``1.250.000``, ``125,000``, ``1.250,50``)."""
    return _AMOUNT.fullmatch(number.strip()) is not None


_REFERENCE_WORDS = (
    r"leyes|ley|lei|loi|law|act|bill|"
    r"decretos?(?:\s+(?:supremo|legislativo|ejecutivo|presidencial|exento|ley))?|decree|d[ée]cret|"
    r"resoluci[oó]n(?:es)?(?:\s+(?:ministerial|directoral|suprema|administrativa|exenta|"
    r"conjunta|jefatural|gerencial))?|resolution|r[ée]solution|res|"
    r"acuerdos?(?:\s+(?:ministerial|gubernativo|ejecutivo))?|circular|oficio|ordenanza|"
    r"reglamento|regulation|norma|art[ií]culos?|art|article|inciso|numeral|"
    r"expedientes?|expte?|file|case|caso|causa|proceso|juicio|sentencia|rol|radicado|"
    r"contrato|convenio|licitaci[oó]n|proyecto\s+de\s+ley|bolet[ií]n|gaceta|"
    r"registros?|c[oó]digos?|code|ref|referencia|reference|serial|serie|ticket|factura|invoice|"
    r"solicitud|tr[aá]mite|pedido|orden|order|"
    r"diario\s+oficial|registro\s+oficial|folio|acta|"
    r"isbn|issn|doi|"
    r"c[oó]digo\s+postal|postal\s+code|zip(?:\s+code)?|cep|apartado(?:\s+postal)?|casilla|"
    r"p\.\s?o\.\s?box|po\s+box"
)
#: Acronyms of decrees and of the tax numbers of institutions, case-sensitive. Two-letter ones
#: ("RM", "RD", "CP") are left out: they are also acronyms of programmes and of States.
_REFERENCE_ACRONYMS = r"DFL|NIT|RUC|RNC|CNPJ"
#: What may stand between a name and its number: "N°", "n.º", "Nro.", "No:", "número", "#".
DESIGNATOR = (
    r"(?:n[uú]mero|number|n[uú]m\.?(?!\w)|nros?\.?(?!\w)|n\.?\s?[°º]\.?|nos?\.|no(?=\s{0,3}:)|#)"
)
_REFERENCE_BEFORE = re.compile(
    rf"(?<![\w])(?:(?i:{_REFERENCE_WORDS})|{_REFERENCE_ACRONYMS})\.?"
    rf"(?:\s{{0,3}}(?i:{DESIGNATOR}))?\s{{0,3}}[:\-]?\s{{0,3}}\(?$"
)


def after_reference_word(text: str, start: int) -> bool:
    """Whether the number at ``start`` follows a word naming a law, file, postal code..."""
    return _REFERENCE_BEFORE.search(text[max(0, start - 48) : start]) is not None


_QUANTITY_AFTER = re.compile(
    r"\s{0,3}(?:%|(?i:por\s*ciento|percent|personas|persons|people|migrantes|migrants|"
    r"beneficiari|usuari|users|solicitudes|solicitantes|applications|casos|cases|tr[aá]mites|"
    r"hogares|households|familias|families|ni[ñn]|children|mujeres|women|hombres|men\b|"
    r"documentos|documents|registros|records|pasaportes|passports|c[eé]dulas|visas|permisos|"
    r"permits|millones|millón|million|mil\b|thousand|d[oó]lares|dollars|pesos|reales|euros|"
    r"usd|€|\$))"
)


def quantity_after(text: str, end: int) -> bool:
    """Whether the number ending at ``end`` is followed by what it counts or measures."""
    return _QUANTITY_AFTER.match(text, end) is not None


class Layout(NamedTuple):
    """A layout a number is recognised by on its own, and the test its match must pass."""

    kind: Kind
    pattern: re.Pattern[str]
    valid: Callable[[re.Match[str]], bool]
    #: The pattern starts with an upper-case letter (CURP, "V-"), not a digit, "(" or "+".
    letter: bool = False
    #: A layout nothing else has (international phone) is not read in its context.
    in_context: bool = True


#: Where a number can start: a bracket, a plus, a run of digits, a word in capitals.
_STARTS = re.compile(r"[(+]|\d+|[A-ZÑ&][\w&]*")


def laid_out(text: str, layouts: tuple[Layout, ...]) -> list[Finding]:
    """Every match of ``layouts`` that passes its test and is not a reference or a count.

    Patterns are tried only where a number can start, not at every character: a long cell
    is read once by one fast pattern, then a few times at a few places.
    """
    digit_starts: list[int] = []
    letter_starts: list[int] = []
    for start in _STARTS.finditer(text):
        first = start.group()[0]
        (digit_starts if first in "(+" or first.isdigit() else letter_starts).append(start.start())
    found: list[Finding] = []
    for layout in layouts:
        for position in letter_starts if layout.letter else digit_starts:
            match = layout.pattern.match(text, position)
            if match is None or not layout.valid(match):
                continue
            if layout.in_context and (
                after_reference_word(text, match.start()) or quantity_after(text, match.end())
            ):
                continue
            found.append(Finding(layout.kind, match.start(), match.end()))
    return found
