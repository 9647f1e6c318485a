"""A Portuguese and a French workbook with planted errors, checked end to end.

Each is filled into the template of its language (sheet names, labels, dropdown labels and
dates as a Brazilian or Haitian focal point writes them), checked, and its feedback written:
the problems are found at the same cells as in any language, and every message, the annotated
copy, ``report.html`` and the console speak the workbook's language.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from systematise.config import Settings
from systematise.feedback import write_feedback
from systematise.schema.lang import FocalLang
from systematise.schema.stages import CheckedWorkbook
from systematise.template import layout
from tests.check.conftest import check_one, flat
from tests.support.workbooks import VALID_HEADER, write_md_workbook

# One initiative per line: the fixture is read as a table, so its lines are long.
# ruff: noqa: E501
PLANTED = {
    "pt": """
| title | status | start_date | end_date | thematic_areas.1 | geographic_scope | summary | description | website |
|---|---|---|---|---|---|---|---|---|
|  | em execução | março de 2021 | | Dados e estatísticas migratórias | Nacional | Curto demais. | A iniciativa registra as pessoas atendidas; contato: maria.exemplo@exemplo.com.br, com detalhes sobre o funcionamento do sistema. | www.gov.br/mj |
| Plano Nacional de Integração | Concluída | 2023 | 2021 | Saúde pública | Região Norte | Plano que articula os serviços de saúde, educação e trabalho para pessoas migrantes recém-chegadas. | O plano define metas anuais e responsabilidades de cada ministério, com monitoramento semestral e relatórios públicos. | |
""",
    "fr": """
| title | status | start_date | end_date | thematic_areas.1 | geographic_scope | summary | description | website |
|---|---|---|---|---|---|---|---|---|
|  | en cours | mars 2021 | | Données et statistiques migratoires | Nationale | Trop court. | L'initiative enregistre les personnes accueillies ; contact : marie.exemple@exemple.gouv.ht, avec des détails sur le fonctionnement du système. | www.mae.gouv.ht |
| Plan national de réintégration | Achevée | 2023 | 2021 | Santé publique | Grand Sud | Plan qui coordonne l'accueil, la santé et l'emploi des personnes rapatriées dans leur commune d'origine. | Le plan fixe des objectifs annuels et les responsabilités de chaque ministère, avec un suivi semestriel et des rapports publics. | |
""",
}
COUNTRY = {"pt": "BRA", "fr": "HTI"}
#: The planted errors, where they are: the same cells and codes in every language.
EXPECTED = [
    ("B3", "title", "required"),
    ("AG3", "summary", "too_short"),
    ("AI3", "description", "personal_data_in_text"),
    ("AX3", "website", "understood_as"),
    ("F4", "thematic_areas", "not_in_vocabulary"),
    ("AA4", "geographic_scope", "not_in_vocabulary"),
    ("AD4", "end_date", "end_before_start"),
    ("AK4", "results", "results_missing"),
]
#: Words each language's messages must use, and words of the other languages they must not.
WORDS = {
    "pt": [
        "“Título da iniciativa” é obrigatório",
        "um endereço de e-mail",
        "Abrangência geográfica",
        "Saúde; Educação",
    ],
    "fr": [
        # French typography: no-break spaces inside « » and before ; : ! ?
        "«\u00a0Titre de l'initiative\u00a0» est obligatoire",
        "une adresse électronique",
        "Portée géographique",
        "Santé\u00a0; Éducation",
    ],
}
FOREIGN = [
    "obligatorio",
    "required",
    "Título de la iniciativa",
    "Title of the initiative",
    "dirección de correo",
]


@pytest.fixture(scope="module", params=["pt", "fr"])
def planted(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[FocalLang, Path, CheckedWorkbook]:
    lang: FocalLang = request.param
    folder = tmp_path_factory.mktemp(f"planted-{lang}")
    header = {**VALID_HEADER, "country": COUNTRY[lang], "submission_language": lang}
    path = write_md_workbook(
        folder / f"{COUNTRY[lang]}-2025.xlsx", PLANTED[lang], header=header, lang=lang
    )
    return lang, path, check_one(path)


def test_the_planted_errors_are_found_where_they_are(
    planted: tuple[FocalLang, Path, CheckedWorkbook],
) -> None:
    lang, _, checked = planted
    assert checked.template_lang == lang and checked.message_lang == lang
    assert flat(checked) == EXPECTED
    assert checked.header is not None and checked.header.country == COUNTRY[lang]
    # Dropdown labels, statuses and month names of the language are read without a note.
    assert (checked.errors, checked.warnings, checked.notes) == (5, 2, 1)


def test_every_message_is_in_the_workbook_language(
    planted: tuple[FocalLang, Path, CheckedWorkbook],
) -> None:
    lang, _, checked = planted
    messages = "\n".join(item.message(lang) for item in checked.problems)
    for words in WORDS[lang]:
        assert words in messages
    for words in FOREIGN:
        assert words not in messages
    assert "…" not in messages  # every placeholder filled


def test_the_feedback_speaks_the_workbook_language(
    planted: tuple[FocalLang, Path, CheckedWorkbook], tmp_path: Path
) -> None:
    lang, path, checked = planted
    (files,) = write_feedback([(path, checked)], tmp_path, Settings())
    html = files.report_html.read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in html
    heading = {
        "pt": "O que corrigir na sua pasta de trabalho",
        "fr": "Ce qu'il faut corriger dans votre classeur",
    }[lang]
    assert heading in html and WORDS[lang][0].replace("'", "&#39;") in html
    assert files.annotated is not None
    assert files.annotated.name.endswith({"pt": "-verificado.xlsx", "fr": "-vérifié.xlsx"}[lang])
    annotated = load_workbook(files.annotated)
    assert annotated.sheetnames[0] == {"pt": "Problemas", "fr": "Problèmes"}[lang]
    initiatives = annotated[layout.SHEET_NAMES["initiatives"][lang]]
    comment = initiatives["B3"].comment
    assert comment is not None and WORDS[lang][0] in comment.text


@pytest.mark.slow
def test_the_console_speaks_the_workbook_language(
    planted: tuple[FocalLang, Path, CheckedWorkbook], tmp_path: Path
) -> None:
    lang, path, _ = planted
    environment = {**os.environ, "SYSTEMATISE_LANG": "en", "COLUMNS": "200"}
    shown = subprocess.run(
        [sys.executable, "-m", "systematise", "check", str(path), "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        check=False,
        timeout=120,
    )
    assert shown.returncode == 1, shown.stderr
    total = {
        "pt": "Foi verificado 1 arquivo: 5 erros, 2 avisos, 1 nota",
        "fr": "1 fichier vérifié\u00a0: 5 erreurs, 2 avertissements, 1 note",
    }[lang]
    assert total in shown.stdout
    assert {"pt": "Observações salvas em", "fr": "Observations enregistrées dans"}[
        lang
    ] in shown.stdout


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "pt",
            "(como “Título da iniciativa *”, “Tipo de iniciativa *”, “Área temática 1 *”). Copie suas linhas para a planilha “Iniciativas”",
        ),
        (
            "fr",
            "(comme «\u00a0Titre de l'initiative *\u00a0», «\u00a0Type d'initiative *\u00a0», «\u00a0Domaine thématique 1 *\u00a0»). Copiez vos lignes dans la feuille «\u00a0Initiatives\u00a0»",
        ),
    ],
)
def test_unrecognised_columns_are_named_in_the_workbook_language(
    lang: FocalLang, expected: str, tmp_path: Path
) -> None:
    """Headers and key row gone: the message names the sheet and example headers in the
    workbook's language (the template's hidden lists sheet is never taken for the data)."""
    header = {**VALID_HEADER, "country": COUNTRY[lang], "submission_language": lang}
    path = write_md_workbook(
        tmp_path / "book.xlsx", "| title |\n|---|\n| Plano |", header=header, lang=lang
    )
    workbook = load_workbook(path)
    sheet = workbook[layout.SHEET_NAMES["initiatives"][lang]]
    for column in range(1, sheet.max_column + 1):
        sheet.cell(layout.KEY_ROW, column).value = None
        sheet.cell(layout.HEADER_ROW, column).value = None
    workbook.save(path)
    checked = check_one(path)
    assert [item.code for item in checked.problems] == ["columns_not_recognised"]
    assert expected in checked.problems[0].message(lang)
