"""The generator refuses to produce a workbook Excel would have to repair."""

from __future__ import annotations

import pytest
from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from systematise.config import Settings
from systematise.template.limits import ExcelLimitError, check_excel_limits, defined_name_problem
from systematise.template.writer import build_workbook
from systematise.xlsx import first_sheet


def _workbook_with(validation: DataValidation) -> Workbook:
    workbook = Workbook()
    validation.add("A1:A5")
    first_sheet(workbook).add_data_validation(validation)
    return workbook


@pytest.mark.parametrize("lang", ["es", "en"])
def test_generated_templates_pass(lang: str) -> None:
    check_excel_limits(build_workbook("es" if lang == "es" else "en", Settings()))


@pytest.mark.parametrize(
    ("validation", "fragment"),
    [
        (DataValidation(type="whole", formula1="0", promptTitle="x" * 33), "prompt title"),
        (DataValidation(type="whole", formula1="0", prompt="x" * 256), "prompt"),
        (DataValidation(type="whole", formula1="0", errorTitle="x" * 33), "error title"),
        (DataValidation(type="whole", formula1="0", error="x" * 226), "error"),
        (DataValidation(type="list", formula1='"' + "a," * 130 + '"'), "list formula"),
        (DataValidation(type="list", formula1="list_missing"), "undefined name"),
    ],
)
def test_validation_limits_raise(validation: DataValidation, fragment: str) -> None:
    with pytest.raises(ExcelLimitError, match=fragment):
        check_excel_limits(_workbook_with(validation))


def test_all_violations_are_reported_together() -> None:
    validation = DataValidation(type="whole", formula1="0", prompt="x" * 300, error="y" * 300)
    with pytest.raises(ExcelLimitError) as raised:
        check_excel_limits(_workbook_with(validation))
    assert len(raised.value.violations) == 2


def test_long_sheet_name_raises() -> None:
    workbook = Workbook()
    with pytest.warns(UserWarning):  # openpyxl only warns
        first_sheet(workbook).title = "A sheet name longer than thirty-one"
    with pytest.raises(ExcelLimitError, match="sheet name"):
        check_excel_limits(workbook)


@pytest.mark.parametrize("name", ["A1", "xfd100", "R1C1", "r", "C", "1list", "list name", ""])
def test_invalid_defined_names(name: str) -> None:
    assert defined_name_problem(name) is not None


@pytest.mark.parametrize("name", ["list_country", "list_gcm_objective", "_x", "Lista.paises"])
def test_valid_defined_names(name: str) -> None:
    assert defined_name_problem(name) is None


def test_defined_name_to_missing_sheet_raises() -> None:
    workbook = Workbook()
    workbook.defined_names["list_x"] = DefinedName("list_x", attr_text="'Nowhere'!$A$1:$A$3")
    with pytest.raises(ExcelLimitError, match="missing sheet"):
        check_excel_limits(workbook)
