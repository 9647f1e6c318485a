"""Excel limits openpyxl does not enforce, checked before a template is written.

Excel "repairs" a workbook that breaks them (dropping validations or names without saying
which), so a focal point would get a template without its dropdowns. A generated workbook that
breaks one is a bug of the generator: :func:`check_excel_limits` raises and lists every
violation found.
"""

from __future__ import annotations

import re

from openpyxl import Workbook

MAX_SHEET_NAME = 31
MAX_LIST_FORMULA = 255
MAX_PROMPT_TITLE = 32
MAX_PROMPT = 255
MAX_ERROR_TITLE = 32
# Excel's dialog caps the error message at 225 characters, below the 255 of the input message.
MAX_ERROR = 225
MAX_DEFINED_NAME = 255

_SHEET_NAME_FORBIDDEN = set("[]:*?/\\")
_NAME = re.compile(r"^[A-Za-z_\\][A-Za-z0-9_.\\]*$")
# Names Excel reads as cell references: A1 style (up to column XFD) or R1C1 style.
_A1_LIKE = re.compile(r"^[A-Za-z]{1,3}[0-9]+$")
_R1C1_LIKE = re.compile(r"^[Rr]([0-9]*)?([Cc][0-9]*)?$|^[Cc][0-9]*$")


class ExcelLimitError(ValueError):
    """A generated workbook breaks a limit Excel enforces when opening it."""

    def __init__(self, violations: list[str]) -> None:
        self.violations = violations
        super().__init__("workbook breaks Excel limits:\n  " + "\n  ".join(violations))


def defined_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be an Excel defined name, or ``None`` when it can."""
    if not name or len(name) > MAX_DEFINED_NAME:
        return f"defined name {name!r}: must have 1 to {MAX_DEFINED_NAME} characters"
    if not _NAME.match(name):
        return f"defined name {name!r}: only letters, digits, '_', '.', starting with a letter"
    if _A1_LIKE.match(name) or _R1C1_LIKE.match(name):
        return f"defined name {name!r}: reads as a cell reference"
    return None


def _sheet_problems(workbook: Workbook) -> list[str]:
    found: list[str] = []
    seen: set[str] = set()
    for name in workbook.sheetnames:
        if not name or len(name) > MAX_SHEET_NAME:
            found.append(f"sheet name {name!r}: must have 1 to {MAX_SHEET_NAME} characters")
        if set(name) & _SHEET_NAME_FORBIDDEN or name.startswith("'") or name.endswith("'"):
            found.append(f"sheet name {name!r}: contains a character Excel forbids")
        if name.casefold() in seen:
            found.append(f"sheet name {name!r}: duplicate (Excel ignores case)")
        seen.add(name.casefold())
    return found


def _too_long(what: str, value: str | None, limit: int) -> list[str]:
    if value is not None and len(value) > limit:
        return [f"{what}: {len(value)} characters, Excel allows {limit}: {value[:40]!r}..."]
    return []


def _validation_problems(workbook: Workbook, names: set[str]) -> list[str]:
    found: list[str] = []
    for sheet in workbook.worksheets:
        for validation in sheet.data_validations.dataValidation:
            where = f"{sheet.title}!{validation.sqref}"
            found += _too_long(f"{where} prompt title", validation.promptTitle, MAX_PROMPT_TITLE)
            found += _too_long(f"{where} prompt", validation.prompt, MAX_PROMPT)
            found += _too_long(f"{where} error title", validation.errorTitle, MAX_ERROR_TITLE)
            found += _too_long(f"{where} error", validation.error, MAX_ERROR)
            if validation.type == "list":
                formula = validation.formula1 or ""
                found += _too_long(f"{where} list formula", formula, MAX_LIST_FORMULA)
                target = formula.removeprefix("=")
                if _NAME.match(target) and target not in names:
                    found.append(f"{where}: list refers to undefined name {target!r}")
    return found


def _name_problems(workbook: Workbook) -> list[str]:
    found: list[str] = []
    for name, defined in workbook.defined_names.items():
        problem = defined_name_problem(name)
        if problem:
            found.append(problem)
        for sheet_name, _cells in defined.destinations:
            if sheet_name not in workbook.sheetnames:
                found.append(f"defined name {name!r}: refers to missing sheet {sheet_name!r}")
    return found


def check_excel_limits(workbook: Workbook) -> None:
    """Raise :class:`ExcelLimitError` listing every Excel limit ``workbook`` breaks."""
    names = set(workbook.defined_names.keys())
    violations = (
        _sheet_problems(workbook) + _name_problems(workbook) + _validation_problems(workbook, names)
    )
    if violations:
        raise ExcelLimitError(violations)
