"""Workbooks typed in LibreOffice under a Brazilian or French locale, as focal points fill them.

The files in ``typed/`` were made from the Portuguese, French and English templates by typing
each cell in LibreOffice (the text of each entry is in the ``.json`` beside the file), under
pt-BR or fr-FR, and saving as ``.ods``, ``.xls`` or ``.xlsx``: so the office suite decided what
became a number, a date or a boolean ("1.250.000,50" a number under pt-BR, "2.500" text under
fr-FR, "faux" the boolean FALSE, "1.5.2" a date). Row 3 is chosen from the lists, row 4 typed by
hand (no accents, lower case, synonyms, local abbreviations), row 5 wrong.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from systematise.check import check_files
from systematise.config import Settings
from systematise.schema.models import Initiative
from systematise.schema.stages import CheckedWorkbook
from systematise.validate.batch import find_duplicates, with_duplicates

TYPED = Path(__file__).parent / "typed"
FILES = ("BRA-2025-pt_BR.ods", "HTI-2025-fr_FR.xls", "HTI-2025-en-fr_FR.xlsx")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def checked() -> dict[str, CheckedWorkbook]:
    paths = [TYPED / name for name in FILES]
    return dict(zip(FILES, check_files(paths, Settings()), strict=True))


def _problems(workbook: CheckedWorkbook) -> dict[str, str]:
    """Each cell's problem code (cell-less problems left out)."""
    return {item.cell: item.code for item in workbook.problems if item.cell is not None}


def _row(workbook: CheckedWorkbook, row: int) -> Initiative:
    (found,) = (item for item in workbook.rows if item.row == row)
    assert found.initiative is not None, found.problems
    return found.initiative


def test_portuguese_typed_under_pt_br(checked: dict[str, CheckedWorkbook]) -> None:
    workbook = checked["BRA-2025-pt_BR.ods"]
    assert workbook.template_lang == "pt"
    assert workbook.header is not None and workbook.header.country == "BRA"
    chosen, typed = _row(workbook, 3), _row(workbook, 4)
    assert (chosen.beneficiaries, chosen.budget_amount) == (1_250_000, Decimal("1250000.5"))
    assert (chosen.status, chosen.budget_currency) == ("in_progress", "BRL")
    # by hand: "em curso", "estadual", "s"/"nao", "R$ 1,2 bilhão", "Real", "dezembro de 2025"
    assert (typed.status, typed.geographic_scope) == ("in_progress", "subnational")
    assert (typed.data_exchange, typed.uses_foresight) == (True, False)
    assert (typed.budget_amount, typed.budget_currency) == (Decimal("1200000000"), "BRL")
    assert (str(typed.start_date), str(typed.end_date)) == ("2025-12", "2026-12-31")
    assert typed.thematic_areas == ("regularisation", "integration")
    assert typed.migration_stages == ("destination", "transit")
    assert typed.gcm_objectives == (5, 16)
    problems = _problems(workbook)
    notes = {cell for cell, code in problems.items() if code == "understood_as"}
    assert notes == {"S4", "AA4", "AB4", "AO4", "AU4", "AV4", "AX4"}
    assert {cell: code for cell, code in problems.items() if cell.endswith("5")} == {
        "E5": "not_in_vocabulary",
        "I5": "not_in_vocabulary",
        "R5": "not_in_vocabulary",
        "AB5": "not_in_vocabulary",
        "AC5": "date_invalid",
        "AO5": "not_in_vocabulary",
        "AT5": "number_invalid",
        "AU5": "number_negative",
        "AX5": "url_invalid",
        "AZ5": "email_invalid",
    }
    (budget,) = (item for item in workbook.problems if item.cell == "AU4")
    read = "“R$ 1,2 bilhão” foi entendido como “1\u00a0200\u00a0000\u00a0000”"
    assert read in budget.message("pt")


def test_french_typed_under_fr_fr(checked: dict[str, CheckedWorkbook]) -> None:
    workbook = checked["HTI-2025-fr_FR.xls"]
    assert workbook.template_lang == "fr"
    assert workbook.header is not None
    assert (workbook.header.submission_date, workbook.header.submission_language) == (
        dt.date(2025, 12, 15),
        "fr",
    )
    chosen, typed = _row(workbook, 3), _row(workbook, 4)
    assert (chosen.beneficiaries, chosen.budget_amount) == (1_250_000, Decimal("1250000.5"))
    assert str(chosen.end_date) == "2027-07"  # "juill. 2027", LibreOffice's own abbreviation
    # "O", "faux" (a boolean FALSE under fr-FR), "sous-nationale", "en cours d'exécution",
    # "janv. 2026", "2.500" (text under fr-FR), "2 milliards", "gourde"
    assert (typed.data_exchange, typed.uses_foresight) == (True, False)
    assert (typed.geographic_scope, typed.status) == ("subnational", "in_progress")
    assert (str(typed.start_date), str(typed.end_date)) == ("2026-01", "2027-12-15")
    assert (typed.beneficiaries, typed.budget_amount) == (2500, Decimal("2000000000"))
    assert typed.budget_currency == "HTG"
    problems = _problems(workbook)
    notes = {cell for cell, code in problems.items() if code == "understood_as"}
    assert notes == {"R4", "AA4", "AB4", "AO4", "AT4", "AU4", "AV4", "AX4"}
    assert problems["AU5"] == "number_invalid"  # "1.5.2" became a date: quoted without a time
    (date_cell,) = (item for item in workbook.problems if item.cell == "AU5")
    assert "01/05/2002" in date_cell.message("fr") and "00:00" not in date_cell.message("fr")


def test_english_template_typed_under_fr_fr(checked: dict[str, CheckedWorkbook]) -> None:
    workbook = checked["HTI-2025-en-fr_FR.xlsx"]
    assert workbook.template_lang == "en"
    chosen, french = _row(workbook, 3), _row(workbook, 4)
    assert (chosen.beneficiaries, chosen.budget_amount) == (1_250_000, Decimal("1250000.5"))
    assert (chosen.data_exchange, chosen.uses_foresight) == (True, False)  # "Oui", "Non"
    assert str(chosen.end_date) == "2026-12-31"  # "31.12.2026"
    assert (french.status, french.geographic_scope) == ("in_progress", "national")
    assert (french.beneficiaries, french.budget_amount) == (12_500, Decimal(2_500_000))
    assert french.budget_currency == "HTG"  # "2 500 000 gourdes"
    problems = _problems(workbook)
    assert problems["AV5"] == "understood_as"  # "gourde"
    assert problems["AC5"] == "date_invalid"
    (notes,) = (item for item in workbook.problems if item.cell == "AU5")
    assert "'01/05/2002' is not a number" in notes.message("en")


def test_a_duplicate_names_the_state_in_the_workbook_language(
    checked: dict[str, CheckedWorkbook],
) -> None:
    names = ("HTI-2025-fr_FR.xls", "HTI-2025-en-fr_FR.xlsx")
    workbooks = [checked[name] for name in names]
    marked = with_duplicates(workbooks, find_duplicates([TYPED / n for n in names], workbooks))
    (french,) = (p for p in marked[0].problems if p.code == "duplicate_submission")
    assert "Haïti" in french.message("fr")
    assert "Haiti" in french.message("pt")
    assert "Haití" in french.message("es")


@pytest.mark.parametrize(
    "name", ["HTI-2025-en-fr_HT.xlsx", "HTI-2025-en-fr_HT.ods", "HTI-2025-en-fr_HT.xls"]
)
def test_cells_the_locale_made_booleans_dates_and_percentages(name: str) -> None:
    """Under fr-HT, "vrai" in a number cell is the boolean VRAI, "15/12/2025" a date and
    "50 %" the number 0.5 shown as a percentage: each is quoted as the focal point sees it."""
    (workbook,) = check_files([TYPED / name], Settings())
    found = {item.cell: item for item in workbook.problems if item.cell is not None}
    assert found["AT5"].code == "not_integer"
    assert "« 12,5 »" in found["AT5"].message("fr").replace("\u00a0", " ")
    assert "'12.5'" in found["AT5"].message("en")
    assert "« VRAI »" in found["AT6"].message("fr").replace("\u00a0", " ")
    assert "“VERDADEIRO”" in found["AT6"].message("pt")
    assert found["AU5"].code == "number_invalid"
    assert "«15/12/2025»" in found["AU5"].message("es")
    # a share is no budget: refused, quoted as a percentage (it was read as 0.5 before)
    assert found["AU7"].code == "number_invalid"
    assert "“50%”" in found["AU7"].message("pt")
    assert found["AU8"].code == "understood_as"  # "1,250,000.50" stays text, and is read


def test_xls_percent_styles_survive_short_records() -> None:
    """A broken (short) style record neither raises nor shifts the styles after it."""
    from systematise.read.xls import _percent_styles, _styled_numbers

    custom = b"\xa4\x00" + b"\x05\x00\x00" + b'0"%"%'  # format 164: a quoted % and a real one
    records = [
        (0x00E0, b"\x00"),  # style 0: broken
        (0x041E, b"\x05"),  # a broken format record
        (0x041E, custom),
        (0x00E0, b"\x00\x00\xa4\x00"),  # style 1: format 164
        (0x00E0, b"\x00\x00\x09\x00"),  # style 2: built-in 0%
        (0x00E0, b"\x00\x00\x01\x00"),  # style 3: 0
    ]
    assert _percent_styles(records) == {1, 2}
    assert _styled_numbers(0x00BD, b"\x01\x00") == []
    assert _styled_numbers(0x0203, b"\x01") == []
