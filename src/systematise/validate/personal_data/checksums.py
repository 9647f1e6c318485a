"""Check digits of the region's identity numbers.

A number written without the word that names it ("CPF", "RUT"...) is only reported when its
check digit is right: a policy text's numbers pass such a test by chance, at most one time in
ten, where a real identity number always does. Each function takes the digits (and letters) of
the number without separators and says whether its check digit is right.
"""

from __future__ import annotations

import datetime as dt

_CURP_ALPHABET = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"


def _digits(number: str) -> list[int]:
    return [int(char) for char in number]


def cpf(number: str) -> bool:
    """Brazil's CPF: 11 digits, the last two computed modulo 11; never all the same digit."""
    if len(number) != 11 or not number.isdigit() or len(set(number)) == 1:
        return False
    digits = _digits(number)
    for size in (9, 10):
        total = sum(digit * (size + 1 - index) for index, digit in enumerate(digits[:size]))
        if (total * 10) % 11 % 10 != digits[size]:
            return False
    return True


def rut(body: str, check: str) -> bool:
    """Chile's RUT/RUN: modulo 11 over the body, weights 2 to 7; 10 is written K."""
    if not body.isdigit() or not 6 <= len(body) <= 8:
        return False
    weights = (2, 3, 4, 5, 6, 7)
    total = sum(int(char) * weights[i % 6] for i, char in enumerate(reversed(body)))
    expected = 11 - total % 11
    symbol = {11: "0", 10: "K"}.get(expected, str(expected))
    return symbol == check.upper()


def uruguay_ci(body: str, check: str) -> bool:
    """Uruguay's cédula: up to 7 digits, weights 2 9 8 7 6 3 4, modulo 10."""
    if not body.isdigit() or not 6 <= len(body) <= 7 or not check.isdigit():
        return False
    padded = body.rjust(7, "0")
    total = sum(
        int(char) * weight for char, weight in zip(padded, (2, 9, 8, 7, 6, 3, 4), strict=True)
    )
    return (10 - total % 10) % 10 == int(check)


def salvador_dui(body: str, check: str) -> bool:
    """El Salvador's DUI: 8 digits, weights 9 to 2, modulo 10."""
    if len(body) != 8 or not body.isdigit() or not check.isdigit():
        return False
    total = sum(int(char) * (9 - index) for index, char in enumerate(body))
    return (10 - total % 10) % 10 == int(check)


def argentina_cuil(number: str) -> bool:
    """Argentina's CUIL/CUIT of a person (prefix 20, 23, 24 or 27): modulo 11."""
    if len(number) != 11 or not number.isdigit() or number[:2] not in ("20", "23", "24", "27"):
        return False
    weights = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    total = sum(int(char) * weight for char, weight in zip(number[:10], weights, strict=True))
    expected = (11 - total % 11) % 11
    return expected != 10 and expected == int(number[10])


def guatemala_cui(number: str) -> bool:
    """Guatemala's CUI (on the DPI): 8 digits, a check digit modulo 11, department, municipality."""
    if len(number) != 13 or not number.isdigit():
        return False
    total = sum(int(char) * (index + 2) for index, char in enumerate(number[:8]))
    department, municipality = int(number[9:11]), int(number[11:13])
    return total % 11 == int(number[8]) and 1 <= department <= 22 and municipality >= 1


def curp(code: str) -> bool:
    """Mexico's CURP: 18 characters, the last a check digit over the first 17, modulo 10."""
    if len(code) != 18 or not code[17].isdigit():
        return False
    try:
        values = [_CURP_ALPHABET.index(char) for char in code[:17]]
    except ValueError:
        return False
    total = sum(value * (18 - index) for index, value in enumerate(values))
    return (10 - total % 10) % 10 == int(code[17])


def yymmdd(text: str) -> bool:
    """Whether six digits are a real date written year, month, day (as in CURP and RFC)."""
    return _is_date(int(text[0:2]), int(text[2:4]), int(text[4:6]))


def ddmmyy(text: str) -> bool:
    """Whether six digits are a real date written day, month, year (as in Nicaragua's cédula)."""
    return _is_date(int(text[4:6]), int(text[2:4]), int(text[0:2]))


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(2000 + year, month, day)
    except ValueError:
        return False
    return True
