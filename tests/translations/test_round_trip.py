"""Translations: the workbook out, filled in by a translator, imported, looked up, gone stale."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from systematise.config import PathSettings, Settings
from systematise.consolidate.models import Dataset
from systematise.schema.lang import Lang
from systematise.translations import (
    TranslationWorkbookError,
    export_workbook,
    import_workbook,
    load_translations,
)
from systematise.translations.fields import TRANSLATABLE_FIELDS, source_hash
from systematise.translations.workbook import COLUMNS, FIRST_ROW, KEY_ROW, META_SHEET
from tests.export.sample import sample_dataset, with_initiative


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return sample_dataset(("MEX", "BRA", "TTO"))


def _settings(tmp_path: Path) -> Settings:
    return Settings(paths=PathSettings(translations=tmp_path / "translations"))


def _column(key: str) -> int:
    return [name for name, _width in COLUMNS].index(key) + 1


def _rows(path: Path) -> list[dict[str, object]]:
    book = load_workbook(path)
    sheet = book.worksheets[1]
    keys = [str(cell.value) for cell in sheet[KEY_ROW]]
    return [
        dict(zip(keys, values, strict=False))
        for values in sheet.iter_rows(min_row=FIRST_ROW, values_only=True)
    ]


def _fill(path: Path, make: dict[tuple[str, str], str] | None = None) -> Path:
    """Write a translation in every row (or in the rows of ``make``), as a translator would."""
    book = load_workbook(path)
    sheet = book.worksheets[1]
    for row in range(FIRST_ROW, sheet.max_row + 1):
        entry_id = sheet.cell(row=row, column=_column("id")).value
        field = sheet.cell(row=row, column=_column("field")).value
        key = (str(entry_id), str(field))
        if make is None:
            value: str | None = f"TRANSLATED {entry_id} {field}\n\nSecond paragraph."
        else:
            value = make.get(key)
        if value is not None:
            sheet.cell(row=row, column=_column("translation")).value = value
    filled = path.with_name("filled-" + path.name)
    book.save(filled)
    return filled


def test_export_lists_what_is_missing_in_the_language(dataset: Dataset, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    path = tmp_path / "to-en.xlsx"
    count = export_workbook(dataset, settings, "en", path)
    rows = _rows(path)
    assert count == len(rows) > 0
    pairs = {(str(r["id"]), str(r["field"])) for r in rows}
    for entry in dataset.entries:
        for field in TRANSLATABLE_FIELDS:
            value = getattr(entry.initiative, field)
            wanted = (entry.id, field) in pairs
            if entry.text_lang == "en" or not value:
                assert not wanted, (entry.id, field)
            elif field in ("title", "summary") and getattr(
                entry.initiative, f"{field}_translation"
            ):
                # Spanish and Portuguese submissions translate their title and summary to English.
                assert not wanted, (entry.id, field)
            else:
                assert wanted, (entry.id, field)
    mexican = next(r for r in rows if r["id"] == "MEX-01" and r["field"] == "description")
    assert mexican["source_lang"] == "Spanish"
    assert mexican["field_label"] == "Description"
    assert mexican["translation"] is None
    assert mexican["source_sha256"] == source_hash(str(mexican["source_text"]))


def test_portuguese_needs_both_languages(dataset: Dataset, tmp_path: Path) -> None:
    for lang in ("es", "en"):
        path = tmp_path / f"to-{lang}.xlsx"
        export_workbook(dataset, _settings(tmp_path), lang, path)
        assert any(str(r["id"]).startswith("BRA") for r in _rows(path)), lang


def test_workbook_is_protected_like_the_template(dataset: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "to-es.xlsx"
    export_workbook(dataset, _settings(tmp_path), "es", path)
    book = load_workbook(path)
    instructions, texts = book.worksheets[0], book.worksheets[1]
    assert book[META_SHEET].sheet_state == "veryHidden"
    assert instructions.protection.sheet and texts.protection.sheet
    assert texts.row_dimensions[KEY_ROW].hidden
    for key in ("field", "source_sha256"):
        letter = get_column_letter(_column(key))
        assert texts.column_dimensions[letter].hidden
    for column, (key, _width) in enumerate(COLUMNS, start=1):
        cell = texts.cell(row=FIRST_ROW, column=column)
        assert cell.protection.locked == (key != "translation"), key
        if key in ("source_text", "translation"):
            assert cell.alignment.wrap_text
    instructions_text = " ".join(str(c.value) for c in instructions["A"] if c.value)
    assert "Traducciones al español" in instructions_text
    assert "Translations into Spanish" in instructions_text


def test_source_text_is_never_a_formula(dataset: Dataset, tmp_path: Path) -> None:
    entries = list(dataset.entries)
    entries[0] = with_initiative(entries[0], objectives='=HYPERLINK("http://x.example")')
    hostile = dataset.model_copy(update={"entries": tuple(entries)})
    path = tmp_path / "to-en.xlsx"
    export_workbook(hostile, _settings(tmp_path), "en", path)
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name)
    assert any(r["source_text"] == '=HYPERLINK("http://x.example")' for r in _rows(path))


def test_round_trip_stores_reviewable_yaml(dataset: Dataset, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    path = tmp_path / "to-en.xlsx"
    count = export_workbook(dataset, settings, "en", path)
    result = import_workbook(_fill(path), dataset, settings)
    assert len(result.imported) == count and not result.problems and result.empty == 0
    stored = settings.paths.translations / "en" / "MEX-01.yaml"
    assert stored in result.files
    text = stored.read_text("utf-8")
    assert text.startswith("# ")
    assert "text: |-\n" in text  # paragraphs kept as a block, readable in a review
    data = yaml.safe_load(text)
    assert data["id"] == "MEX-01" and data["lang"] == "en"
    description = data["fields"]["description"]
    assert description["text"] == "TRANSLATED MEX-01 description\n\nSecond paragraph."
    entry = next(e for e in dataset.entries if e.id == "MEX-01")
    assert description["source_sha256"] == source_hash(entry.initiative.description)

    store = load_translations(dataset, settings)
    found = store.lookup("MEX-01", "description", "en", entry.initiative.description)
    assert found == "TRANSLATED MEX-01 description\n\nSecond paragraph."
    resolved = store.resolve(entry, "description", "en")
    assert resolved is not None and resolved.origin == "translation" and resolved.lang == "en"
    assert store.resolve(entry, "description", "es") == store.resolve(entry, "description", "es")
    coverage = store.coverage(dataset, "en")
    assert coverage.missing == 0 and coverage.ratio == 1.0 and coverage.translated == count

    # Nothing is left to translate into English.
    again = tmp_path / "again.xlsx"
    assert export_workbook(dataset, settings, "en", again) == 0


@pytest.mark.slow
def test_changed_source_makes_the_translation_stale(dataset: Dataset, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    path = tmp_path / "to-en.xlsx"
    export_workbook(dataset, settings, "en", path)
    import_workbook(_fill(path), dataset, settings)
    entries = list(dataset.entries)
    index = next(i for i, e in enumerate(entries) if e.id == "MEX-01")
    changed = with_initiative(
        entries[index], description=entries[index].initiative.description + " Corrected."
    )
    entries[index] = changed
    corrected = dataset.model_copy(update={"entries": tuple(entries)})
    store = load_translations(corrected, settings)
    assert store.lookup(changed.id, "description", "en", changed.initiative.description) is None
    resolved = store.resolve(changed, "description", "en")
    assert resolved is not None and resolved.origin == "original" and resolved.lang == "es"
    assert [(s.entry_id, s.field, s.lang) for s in store.outdated] == [
        (changed.id, "description", "en")
    ]
    coverage = store.coverage(corrected, "en")
    assert coverage.stale == 1 and coverage.missing == 1
    # The stale text is asked for again.
    again = tmp_path / "again.xlsx"
    assert export_workbook(corrected, settings, "en", again) == 1


def test_import_reports_rows_it_refuses(dataset: Dataset, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    path = tmp_path / "to-en.xlsx"
    export_workbook(dataset, settings, "en", path)
    first, second, third = [(str(r["id"]), str(r["field"])) for r in _rows(path)][:3]
    filled = _fill(path, {first: "=1+2", second: "x" * 13000, third: "Fine translation."})
    entries = list(dataset.entries)
    index = next(i for i, e in enumerate(entries) if e.id == third[0])
    entries[index] = with_initiative(entries[index], **{third[1]: "A corrected source text " * 5})
    corrected = dataset.model_copy(update={"entries": tuple(entries)})
    result = import_workbook(filled, corrected, settings)
    assert [(p.entry_id, p.field, p.code) for p in result.problems] == [
        (*first, "formula"),
        (*second, "too_long"),
        (*third, "stale"),
    ]
    assert result.imported == () and result.files == ()
    message = result.problems[0].message("es")
    assert first[0] in message and "=1+2" not in message


@pytest.mark.parametrize("lang", ["es", "en"])
def test_import_rejects_files_that_are_not_its_workbook(
    dataset: Dataset, tmp_path: Path, lang: Lang
) -> None:
    settings = _settings(tmp_path)
    text_file = tmp_path / "notes.xlsx"
    text_file.write_text("not a workbook")
    with pytest.raises(TranslationWorkbookError) as unreadable:
        import_workbook(text_file, dataset, settings)
    assert unreadable.value.problem.code == "translation_workbook_wrong_format"
    assert "a text file" in unreadable.value.message("en")
    assert unreadable.value.message(lang).startswith("notes.xlsx: ")
    from systematise.template.writer import write_template

    template = tmp_path / "template.xlsx"
    write_template(template, lang, Settings())
    with pytest.raises(TranslationWorkbookError) as foreign:
        import_workbook(template, dataset, settings)
    assert foreign.value.problem.code == "translation_workbook_foreign"
    assert not settings.paths.translations.exists()


def test_broken_store_file_is_reported_not_fatal(dataset: Dataset, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    folder = settings.paths.translations / "en"
    folder.mkdir(parents=True)
    (folder / "MEX-01.yaml").write_text("id: MEX-01\nlang: en\nfields: {oops: 1}\n")
    store = load_translations(dataset, settings)
    assert store.items == {}
    assert len(store.problems) == 1 and "MEX-01.yaml" in store.problems[0]
