"""Publishing translations: the whole round trip through the real CLI (export, fill, import,
build), the label on translated fiches, the languages marked, and the minimum coverage
(``[report] min_translation_coverage``) that warns, or fails with --strict.

The slow tests share one small project built through the CLI, as an editor would: one Spanish
submission of two initiatives, the first partly translated into English through the round trip.
The translations typed into the workbook must appear in the English report in every format
(HTML, PDF, DOCX), while the Spanish report keeps the Spanish original.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from systematise.build import BuildError, build
from systematise.cli import app
from systematise.config import ConfigError, PathSettings, ReportSettings, Settings, load_settings
from systematise.consolidate.models import Dataset
from systematise.resources import project_root
from systematise.template.fill import fill_workbook, save_workbook
from systematise.translations import TranslationStore
from systematise.translations.coverage import coverage_shortfalls
from systematise.translations.workbook import COLUMNS, FIRST_ROW
from systematise.wording.fiches import build_fiche
from systematise.wording.formatting import Formatter
from tests.export.sample import sample_dataset
from tests.support.builds import WORKERS
from tests.support.workbooks import VALID_HEADER, VALID_INITIATIVE

LABEL = "Translation by the editors"
#: Unique words in the translated long texts, each of two paragraphs.
MARKERS = {
    "description": "Qxdescriptionmarker",
    "objectives": "Qxobjectivesmarker",
    "results": "Qxresultsmarker",
}
TRANSLATED = {
    "title": "National Human Mobility Information System",
    **{
        field: f"The translated {field} says {marker}.\n\nA second paragraph."
        for field, marker in MARKERS.items()
    },
}
SPANISH_ORIGINAL = "Texto original en castellano que se traduce"
SECOND_TITLE = "Mesa Interinstitucional sobre Movilidad Humana"


# --- the coverage and the setting ------------------------------------------------------------


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return sample_dataset(("ARG", "TTO"))


def test_shortfalls_name_each_language_below_the_minimum_and_what_it_lacks(
    dataset: Dataset,
) -> None:
    store = TranslationStore()
    assert coverage_shortfalls(store, dataset, 0.0) == ()
    shortfalls = {item.lang: item for item in coverage_shortfalls(store, dataset, 1.0)}
    assert set(shortfalls) == {"es", "en"}
    for lang, item in shortfalls.items():
        coverage = store.coverage(dataset, lang)
        assert item.coverage == coverage and item.minimum == 1.0
        assert len(item.missing) == coverage.missing > 0
        assert all(text.lang != lang for text in item.missing)
    english = shortfalls["en"]
    assert all(text.entry_id.startswith("ARG-") for text in english.missing)
    assert "ARG-01 description" in english.as_dict()["missing"]  # type: ignore[operator]
    # Exactly at the minimum is enough.
    ratio = store.coverage(dataset, "en").ratio
    assert "en" not in {item.lang for item in coverage_shortfalls(store, dataset, ratio)}


def test_the_settings_take_a_share_and_a_label_per_language(tmp_path: Path) -> None:
    assert Settings().report.min_translation_coverage == 0.9
    assert Settings().report.translation_label.get("es") == "Traducción no oficial"
    path = tmp_path / "systematise.toml"
    path.write_text(
        "[report]\nmin_translation_coverage = 0.75\n\n"
        '[report.translation_label]\nes = "Traducción de la Secretaría"\nen = "Our translation"\n',
        encoding="utf-8",
    )
    report = load_settings(path).report
    assert report.min_translation_coverage == 0.75
    assert report.translation_label.get("en") == "Our translation"
    for wrong in ("90", "-0.1", '"all"'):
        path.write_text(f"[report]\nmin_translation_coverage = {wrong}\n", encoding="utf-8")
        with pytest.raises(ConfigError) as raised:
            load_settings(path)
        assert raised.value.problems[0].key == "report.min_translation_coverage"


def test_strict_fails_before_rendering_naming_the_coverage(tmp_path: Path) -> None:
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    book = fill_workbook("es", VALID_HEADER, [VALID_INITIATIVE], Settings())
    save_workbook(book, submissions / "MEX-2025.xlsx")
    root = project_root()
    assert root is not None
    settings = Settings(
        report=ReportSettings(publication_date=dt.date(2025, 12, 15)),
        paths=PathSettings(
            content=root / "content",
            translations=tmp_path / "translations",
            registry=tmp_path / "registry",
        ),
    )
    out = tmp_path / "output"
    with pytest.raises(BuildError) as raised:
        build([submissions], settings, out, strict=True)
    result = raised.value.result
    assert not result.ok and [item.lang for item in result.translation_shortfalls] == ["en"]
    assert result.failure == "--strict: translation coverage below the minimum of 90%: en 0.0%"
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    below = report["translations"]["below_minimum"]
    assert [item["lang"] for item in below] == ["en"]
    assert below[0]["missing"] == ["MEX-01 title", "MEX-01 summary", "MEX-01 description"]
    assert report["translations"]["min_coverage"] == 0.9
    assert not (out / "en").exists()  # nothing was rendered


# --- the label and the languages on a fiche --------------------------------------------------


def test_the_label_is_on_translated_fiches_only_once(dataset: Dataset) -> None:
    formatter = Formatter("en")
    note = "(original text in {language})"
    translated_note = "Unofficial translation from {language}"
    store = TranslationStore()
    fiches = {
        entry.id: build_fiche(entry, "en", formatter, store, note, translated_note)
        for entry in dataset.entries
    }
    # ARG-02 submitted its title and summary in English; ARG-01 did not.
    assert fiches["ARG-02"].translation_note == "Unofficial translation from Spanish"
    assert fiches["ARG-02"].title_lang is None and fiches["ARG-02"].original_title_lang == "es"
    assert fiches["ARG-01"].translation_note is None
    assert fiches["TTO-01"].translation_note is None  # written in English
    # Institution names keep their language; so does untranslated prose.
    facts = {fact.key: fact for fact in fiches["ARG-01"].facts}
    assert facts["lead_institution"].lang == "es" and facts["partners"].lang == "es"
    assert {block.lang for block in fiches["ARG-01"].texts} == {"es"}
    spanish = build_fiche(dataset.entries[0], "es", Formatter("es_419"), store, note, "x")
    assert {fact.lang for fact in spanish.facts} == {None}
    assert spanish.translation_note is None


# --- a project built through the CLI -----------------------------------------------------------


def _column(key: str) -> int:
    return [name for name, _width in COLUMNS].index(key) + 1


def _translate(workbook: Path) -> int:
    """Translate the first initiative's title, description, objectives and results, as a
    translator; how many."""
    book = load_workbook(workbook)
    sheet = book.worksheets[1]
    filled = 0
    for row in range(FIRST_ROW, sheet.max_row + 1):
        entry_id = sheet.cell(row=row, column=_column("id")).value
        field = str(sheet.cell(row=row, column=_column("field")).value)
        if entry_id == "MEX-01" and field in TRANSLATED:
            sheet.cell(row=row, column=_column("translation")).value = TRANSLATED[field]
            filled += 1
    book.save(workbook)
    return filled


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _docx_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project_root()
    assert root is not None
    folder = tmp_path_factory.mktemp("publishing")
    (folder / "systematise.toml").write_text(
        "[report]\npublication_date = 2025-12-15\n\n"
        f'[report.translation_label]\nes = "Traducción de la redacción"\nen = "{LABEL}"\n\n'
        f'[paths]\ncontent = "{(root / "content").as_posix()}"\n',
        encoding="utf-8",
    )
    (folder / "submissions").mkdir()
    first = {
        **VALID_INITIATIVE,
        "description": f"{SPANISH_ORIGINAL}: " + str(VALID_INITIATIVE["description"]),
        "objectives": "Mejorar la calidad y la oportunidad de las estadísticas migratorias.",
        "results": "Doce boletines mensuales publicados en formatos abiertos.",
    }
    second = {**VALID_INITIATIVE, "title": SECOND_TITLE}
    book = fill_workbook("es", VALID_HEADER, [first, second], Settings())
    save_workbook(book, folder / "submissions" / "MEX-2025.xlsx")
    return folder


@dataclass(frozen=True)
class Published:
    """The project after the round trip and its first build: what the commands printed, and
    the build report as that build wrote it."""

    out: Path
    imported: str
    built: str
    report: dict[str, Any]


@pytest.fixture(scope="module")
def published(project: Path) -> Published:
    """The round trip through the CLI (export, translate, import), then the build."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project)
        runner = CliRunner()
        workbook = project / "to-en.xlsx"
        exported = runner.invoke(app, ["translations", "export", "-l", "en", "-o", str(workbook)])
        assert exported.exit_code == 0, exported.output
        assert _translate(workbook) == len(TRANSLATED)
        imported = runner.invoke(app, ["translations", "import", str(workbook)])
        assert imported.exit_code == 0, imported.output
        patch.setenv("SYSTEMATISE_LANG", "en")  # the summary's language (both are built)
        built = runner.invoke(app, ["build", "--quiet", "--jobs", str(WORKERS)])
        assert built.exit_code == 0, built.output
    out = project / "output"
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    return Published(out, imported.output, built.output, report)


def _text_of(path: Path) -> str:
    if path.suffix == ".pdf":
        return _pdf_text(path)
    if path.suffix == ".docx":
        return _docx_xml(path)
    return path.read_text("utf-8")


@pytest.mark.slow
def test_the_round_trip_reaches_every_format(project: Path, published: Published) -> None:
    assert "en: 4 imported, 0 stale, 0 refused, 4 empty" in published.imported
    assert (project / "translations" / "en" / "MEX-01.yaml").is_file()
    out = published.out
    for kind in ("html", "pdf", "docx"):
        english = _squeezed(_text_of(out / "en" / f"report.{kind}"))
        spanish = _squeezed(_text_of(out / "es" / f"report.{kind}"))
        for field, marker in MARKERS.items():
            assert marker in english, (kind, field)
            assert marker not in spanish, (kind, field)
        assert _squeezed(SPANISH_ORIGINAL) in spanish, kind
        assert _squeezed(SPANISH_ORIGINAL) not in english, kind
    coverage = {item["lang"]: item for item in published.report["translations"]["coverage"]}
    assert coverage["en"]["translated"] == len(TRANSLATED)
    assert coverage["en"]["missing"] == 4  # MEX-01's summary, MEX-02's title, summary, description
    assert coverage["es"]["ratio"] == 1.0


@pytest.mark.slow
def test_a_build_marks_translations_and_warns_below_the_minimum(
    project: Path, published: Published, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    monkeypatch.setenv("SYSTEMATISE_LANG", "en")
    runner = CliRunner()
    warning = (
        "Translation coverage in English: 50% of the published texts, below the minimum of "
        "90%; shown in another language (4):"
    )
    missing = "MEX-01 summary, MEX-02 title, MEX-02 summary, MEX-02 description"
    assert warning in published.built and f"  - {missing}" in published.built
    out = published.out
    report = published.report
    assert report["ok"] and report["translations"]["below_minimum"][0]["missing"] == missing.split(
        ", "
    )

    # The label, once per translated fiche, in every format of the English edition only.
    shown = f"{LABEL} from Spanish"
    html = (out / "en" / "report.html").read_text(encoding="utf-8")
    assert html.count(shown) == 1
    assert _squeezed(shown) in _squeezed(_pdf_text(out / "en" / "report.pdf"))
    assert _docx_xml(out / "en" / "report.docx").count(shown) == 1
    for kind, text in (
        ("html", (out / "es" / "report.html").read_text(encoding="utf-8")),
        ("pdf", _pdf_text(out / "es" / "report.pdf")),
        ("docx", _docx_xml(out / "es" / "report.docx")),
    ):
        assert "Traducción de la redacción" not in text and LABEL not in text, kind

    # Translated passages take the report's language; originals keep theirs.
    fiche = html[html.index('id="initiative-mex-01"') : html.index('id="initiative-mex-02"')]
    assert re.search(r'<h4 [^>]*class="fiche-title">' + TRANSLATED["title"], fiche)
    assert re.search(r'Original title: <span lang="es">Sistema Nacional', fiche)
    assert re.search(r'<div class="fiche-summary" lang="es">', fiche)  # not translated
    first_paragraph = TRANSLATED["description"].split("\n")[0]
    assert re.search(r'<div class="free-text"><p>' + re.escape(first_paragraph), fiche)
    assert re.search(r'<dd lang="es">Instituto Nacional de Migración', fiche)
    second = html[html.index('id="initiative-mex-02"') :]
    assert re.search(r'<h4 [^>]*class="fiche-title" lang="es">' + SECOND_TITLE, second)
    assert LABEL not in second
    docx = _docx_xml(out / "en" / "report.docx")
    original = docx[docx.index("Original title:") :]
    run = original[: original.index("Sistema Nacional")]
    assert re.search(r'<w:lang w:val="es', run), "the original title is tagged as Spanish"

    # Nothing changed: the warning is repeated, not lost.
    again = runner.invoke(app, ["build", "--quiet"])
    assert again.exit_code == 0 and "Nothing changed" in again.output
    assert warning in again.output

    # --strict: the same shortfall fails the build, named, and nothing is replaced.
    before = (out / "en" / "report.html").read_bytes()
    strict = runner.invoke(app, ["build", "--quiet", "--strict"])
    assert strict.exit_code == 1
    assert "translation coverage below the minimum of 90%: en 50.0%" in strict.output
    assert warning in strict.output
    assert (out / "en" / "report.html").read_bytes() == before


def _squeezed(text: str) -> str:
    return re.sub(r"[\s\u00ad-]+", "", text)
