"""The whole round trip through the real pipeline and CLI: export, fill, import, build.

The translations typed into the workbook must appear in the English report in every format
(HTML, PDF, DOCX), while the Spanish report keeps the Spanish original.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from systematise.build import build
from systematise.cli import app
from systematise.config import load_settings
from systematise.resources import project_root
from systematise.template.fill import fill_workbook, save_workbook
from systematise.translations.workbook import COLUMNS, FIRST_ROW
from tests.support.builds import WORKERS
from tests.support.workbooks import VALID_HEADER, VALID_INITIATIVE

MARKERS = {
    "description": "Qxdescriptionmarker",
    "objectives": "Qxobjectivesmarker",
    "results": "Qxresultsmarker",
}
SPANISH_ORIGINAL = "Texto original en castellano que se traduce"


def _column(key: str) -> int:
    return [name for name, _width in COLUMNS].index(key) + 1


def _fill(path: Path) -> int:
    book = load_workbook(path)
    sheet = book.worksheets[1]
    filled = 0
    for row in range(FIRST_ROW, sheet.max_row + 1):
        field = sheet.cell(row=row, column=_column("field")).value
        if field in MARKERS:
            text = f"The translated {field} says {MARKERS[str(field)]}.\n\nA second paragraph."
            sheet.cell(row=row, column=_column("translation")).value = text
            filled += 1
    book.save(path)
    return filled


def _text_of(path: Path) -> str:
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return " ".join(page.extract_text() or "" for page in PdfReader(path).pages)
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            return archive.read("word/document.xml").decode("utf-8")
    return path.read_text("utf-8")


def _squeezed(text: str) -> str:
    return re.sub(r"[\s\u00ad-]+", "", text)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project_root()
    assert root is not None
    folder = tmp_path_factory.mktemp("round-trip")
    (folder / "systematise.toml").write_text(
        "[report]\npublication_date = 2025-11-20\n\n"
        f'[paths]\ncontent = "{(root / "content").as_posix()}"\n',
        encoding="utf-8",
    )
    (folder / "submissions").mkdir()
    initiative = {
        **VALID_INITIATIVE,
        "description": f"{SPANISH_ORIGINAL}: " + str(VALID_INITIATIVE["description"]),
        "objectives": "Mejorar la calidad y la oportunidad de las estadísticas migratorias.",
        "results": "Doce boletines mensuales publicados en formatos abiertos.",
    }
    book = fill_workbook("es", VALID_HEADER, [initiative], load_settings(folder / "none"))
    save_workbook(book, folder / "submissions" / "MEX-2025.xlsx")
    return folder


@pytest.mark.slow
def test_round_trip_reaches_every_format(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    runner = CliRunner()
    workbook = project / "to-en.xlsx"
    exported = runner.invoke(app, ["translations", "export", "--lang", "en", "-o", str(workbook)])
    assert exported.exit_code == 0, exported.output
    assert _fill(workbook) == len(MARKERS)

    imported = runner.invoke(app, ["translations", "import", str(workbook)])
    assert imported.exit_code == 0, imported.output
    assert "en: 3 imported, 0 stale, 0 refused, 2 empty" in imported.output
    assert (project / "translations" / "en" / "MEX-01.yaml").is_file()

    settings = load_settings()
    output = project / "output"
    result = build([project / "submissions"], settings, output, workers=WORKERS)
    assert result.ok

    for kind in ("html", "pdf", "docx"):
        english = _squeezed(_text_of(output / "en" / f"report.{kind}"))
        spanish = _squeezed(_text_of(output / "es" / f"report.{kind}"))
        for field, marker in MARKERS.items():
            assert marker in english, (kind, field)
            assert marker not in spanish, (kind, field)
        assert _squeezed(SPANISH_ORIGINAL) in spanish, kind
        assert _squeezed(SPANISH_ORIGINAL) not in english, kind

    report = json.loads((output / "build-report.json").read_text("utf-8"))
    coverage = {item["lang"]: item for item in report["translations"]["coverage"]}
    assert coverage["en"]["translated"] == len(MARKERS)
    assert coverage["en"]["missing"] == 2  # the title and the summary were left empty
    assert coverage["es"]["ratio"] == 1.0
