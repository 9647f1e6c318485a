"""The cycle as an editor runs it: status of every State, and two cycles from the sample.

The second cycle is made the way focal points will make it: from the pre-filled templates that
``cycle new`` writes, with rows reordered, one initiative dropped, one added and texts edited.
"""

from __future__ import annotations

import csv
import io
import shutil
import tomllib
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner, Result

from systematise.check import check_files
from systematise.cli import app
from systematise.config import Settings, load_settings
from systematise.consolidate.merge import consolidate
from systematise.cycle.compare import Change, compare, load_previous, previous_cycle, with_history
from systematise.cycle.ids import IdBook
from systematise.schema.reference import member_states
from systematise.template import layout
from systematise.template.fill import fill_workbook, save_workbook
from systematise.translations.store import load_translations
from tests.support.workbooks import VALID_HEADER, VALID_INITIATIVE

ROOT = Path(__file__).resolve().parents[2]


def _project(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "systematise.toml", folder / "systematise.toml")
    shutil.copytree(ROOT / "submissions", folder / "submissions")
    shutil.copytree(ROOT / "content", folder / "content")
    return folder


def _run(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(folder)
    monkeypatch.setenv("SYSTEMATISE_LANG", "en")
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.output
    return result


def _status_rows(folder: Path) -> dict[str, dict[str, str]]:
    text = (folder / "output" / "status" / "status.csv").read_text(encoding="utf-8-sig")
    return {row["Code"]: row for row in csv.DictReader(io.StringIO(text))}


@pytest.mark.slow
def test_status_shows_every_member_state_and_flags_what_an_editor_must_see(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path / "project")
    inbox = project / "submissions"
    shutil.copy(inbox / "ARG-2025.xlsx", inbox / "ARG-2025 (1).xlsx")  # a duplicate
    (inbox / "carta de envío.pdf").write_bytes(b"%PDF-1.7\n")  # a stray
    (inbox / "URY-2025.xlsx").write_bytes(b"PK\x03\x04 truncated")  # unreadable, named
    last_year = Settings().model_copy(
        update={"report": Settings().report.model_copy(update={"cycle": "2024"})}
    )
    old = fill_workbook("es", {**VALID_HEADER, "country": "PAN"}, [VALID_INITIATIVE], last_year)
    save_workbook(old, inbox / "PAN-2024.xlsx")  # last cycle's template

    result = _run(project, monkeypatch, "status")
    assert result.exit_code == 0, result.output
    rows = _status_rows(project)
    assert set(rows) == set(member_states()) and len(rows) == 25
    assert rows["HND"]["State"] == "not submitted"
    assert rows["ARG"]["State"] == "submitted with errors"  # two files is an error
    assert "more than one file" in rows["ARG"]["Flags"]
    assert rows["ARG"]["Other files"]
    assert rows["URY"]["State"] == "submitted with errors"
    assert "cannot be read" in rows["URY"]["Flags"]
    assert rows["PAN"]["State"] == "submitted with errors"
    assert "another cycle" in rows["PAN"]["Flags"]
    assert rows["COL"]["Template version"]
    assert int(rows["COL"]["Initiatives published"]) > 0
    # For the editor: the focal point's contact is there, and the page says not to publish it.
    assert rows["CHL"]["E-mail"].endswith(".cl")
    page = (project / "output" / "status" / "index.html").read_text(encoding="utf-8")
    assert "Never publish it" in page and rows["CHL"]["E-mail"] in page
    assert "carta de envío.pdf" in page and "carta de envío.pdf" in result.output

    approved = _run(project, monkeypatch, "status", "--approve", "chl", "--note", "Revisado")
    assert approved.exit_code == 0, approved.output
    decisions = (project / "decisions.yaml").read_text(encoding="utf-8")
    assert "CHL:" in decisions and "approved" in decisions and "Revisado" in decisions
    assert _status_rows(project)["CHL"]["Decision"] == "approved"
    # A new version of the file makes the decision outdated, not silently valid.
    workbook = openpyxl.load_workbook(inbox / "CHL-2025.xlsx")
    workbook["Iniciativas"]["B3"] = "Título corregido por el punto focal de Chile"
    workbook.save(inbox / "CHL-2025.xlsx")
    _run(project, monkeypatch, "status")
    assert "another version" in _status_rows(project)["CHL"]["Flags"]

    bad = _run(project, monkeypatch, "status", "--approve", "XXX")
    assert bad.exit_code == 2 and "XXX" in bad.output


def _edit_for_next_year(template: Path, target: Path) -> tuple[list[str], str, str]:
    """A focal point's update of a pre-filled template: reorder, drop one, add one, edit.

    Returns the IDs kept (in their new order), the dropped ID and the edited ID.
    """
    workbook = openpyxl.load_workbook(template)
    sheet = (
        workbook["Iniciativas"] if "Iniciativas" in workbook.sheetnames else workbook.worksheets[2]
    )
    keys = {cell.value: cell.column for cell in sheet[layout.KEY_ROW] if cell.value}
    width = max(keys.values())
    first = layout.FIRST_DATA_ROW
    rows = []
    row = first
    while sheet.cell(row, keys["title"]).value:
        rows.append([sheet.cell(row, column).value for column in range(1, width + 1)])
        row += 1
    assert len(rows) >= 3
    dropped = rows.pop(1)
    rows.reverse()
    edited = rows[0]
    edited[keys["title"] - 1] = f"{edited[keys['title'] - 1]} (segunda fase)"
    edited[keys["status"] - 1] = sheet.cell(first, keys["status"]).value
    added = list(rows[-1])
    added[keys[layout.ID_KEY] - 1] = None
    added[keys["title"] - 1] = "Programa piloto de integración laboral de personas migrantes"
    added[keys["acronym"] - 1] = None
    rows.append(added)
    for index in range(first, first + len(rows) + 2):
        for column in range(1, width + 1):
            sheet.cell(index, column).value = None
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            sheet.cell(first + offset, column).value = value
    _answer_form(workbook)
    workbook.save(target)
    kept = [str(values[keys[layout.ID_KEY] - 1]) for values in rows[:-1]]
    return kept, str(dropped[keys[layout.ID_KEY] - 1]), str(edited[keys[layout.ID_KEY] - 1])


def _with_form(template: Path, target: Path) -> None:
    """A pre-filled template sent back unchanged but for the form's new answers."""
    workbook = openpyxl.load_workbook(template)
    _answer_form(workbook)
    workbook.save(target)


def _answer_form(workbook: openpyxl.Workbook) -> None:
    """What the pre-filled form leaves to the focal point: who, and when."""
    names = layout.SHEET_NAMES["submission"].values()
    form = next(sheet for sheet in workbook.worksheets if sheet.title in names)
    answers = {
        "focal_point_name": "Ana Ejemplo",
        "focal_point_email": "ana.ejemplo@example.org",
        "submission_date": "15/10/2026",
    }
    for row_cells in form.iter_rows(min_row=1):
        key = row_cells[layout.FORM_KEY_COLUMN - 1].value
        row = row_cells[0].row
        if isinstance(key, str) and key in answers and row is not None:
            form.cell(row, layout.FORM_VALUE_COLUMN).value = answers[key]


@pytest.mark.slow
def test_two_cycles_keep_ids_translations_and_compare(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path / "project")
    shutil.copytree(ROOT / "translations", project / "translations")
    # The first cycle: the registry learns every initiative's ID.
    first = _run(project, monkeypatch, "status")
    assert first.exit_code == 0, first.output
    settings = load_settings()
    ids = IdBook(settings.paths.registry, "2025")
    files = sorted((project / "submissions").glob("*.xlsx"))
    before = consolidate("2025", check_files(files, settings, ids=ids))
    ids.save()
    assert (project / "registry" / "ARG.yaml").is_file()
    arg_ids = [entry.id for entry in before.entries if entry.country == "ARG"]
    assert arg_ids == [f"ARG-{n:02d}" for n in range(1, len(arg_ids) + 1)]
    # The translations of the sample are keyed by these IDs.
    assert (project / "translations" / "en" / "ARG-01.yaml").is_file()

    opened = _run(project, monkeypatch, "cycle", "new", "2026")
    assert opened.exit_code == 0, opened.output
    archive = project / "cycles" / "2025"
    for name in ("systematise.toml", "submissions", "translations", "registry", "initiatives.json"):
        assert (archive / name).exists(), name
    text = (project / "systematise.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text)["report"]["cycle"] == "2026"
    assert "publication_date" not in tomllib.loads(text)["report"]
    assert "# Settings of the SELA" in text  # the editor's comments are kept
    assert list((project / "submissions").iterdir()) == []
    settings = load_settings()
    assert settings.report.reference().endswith("1-26")
    assert "2026" in settings.report.subtitle_text("en")
    templates = sorted((project / "output" / "templates" / "2026").glob("*.xlsx"))
    assert len(templates) == 12

    # Last year's file sent again is refused, saying so (stamped with its cycle), or at
    # least flagged when its template predates the stamp.
    stale_copy = project / "submissions" / "ARG-2025.xlsx"
    shutil.copy(archive / "submissions" / "ARG-2025.xlsx", stale_copy)
    (old,) = check_files([stale_copy], settings)
    codes = {item.code for item in old.problems}
    if old.template_cycle is not None:
        assert "other_cycle" in codes and old.header is None
        assert all(row.initiative is None for row in old.rows)
    else:
        assert "dated_before_cycle" in codes
    stale_copy.unlink()
    prefilled = next(path for path in templates if path.name.startswith("ARG"))
    (stamped,) = check_files([prefilled], settings)
    assert stamped.template_cycle == "2026"
    assert [row.given_id for row in stamped.rows] == arg_ids

    # The second cycle: reordered, one dropped, one added, one edited.
    kept, dropped, edited = _edit_for_next_year(
        prefilled, project / "submissions" / "ARG-2026.xlsx"
    )
    for path in templates:
        if not path.name.startswith("ARG"):
            _with_form(path, project / "submissions" / path.name)
    ids = IdBook(settings.paths.registry, "2026")
    checked = check_files(sorted((project / "submissions").glob("*.xlsx")), settings, ids=ids)
    ids.save()
    (argentina,) = [wb for wb in checked if wb.file == "ARG-2026.xlsx"]
    assert argentina.errors == 0, [p.message("en") for p in argentina.problems]
    got = [row.initiative_id for row in argentina.rows]
    assert got[:-1] == kept  # every kept initiative has its ID, whatever its new row
    assert got[-1] not in arg_ids and got[-1] == f"ARG-{len(arg_ids) + 1:02d}"  # never reused
    after = consolidate("2026", checked)
    registry = (project / "registry" / "ARG.yaml").read_text(encoding="utf-8")
    assert "first_reported: '2025'" in registry and "last_reported: '2026'" in registry

    # What changed since last year.
    previous = previous_cycle(settings.paths.cycles, "2026")
    assert previous is not None and previous.resolve() == archive.resolve()
    name, facts = load_previous(previous)
    comparison = compare(name, facts, after.entries)
    by_id = {item.id: item for item in comparison.items}
    assert by_id[dropped].change == Change.DROPPED
    assert by_id[edited].change == Change.UPDATED
    assert by_id[got[-1]].change == Change.NEW
    unchanged = [i for i in kept if i != edited]
    assert all(by_id[i].change == Change.UNCHANGED for i in unchanged)
    other_states = [e.id for e in after.entries if e.country != "ARG"]
    assert other_states and all(by_id[i].change == Change.UNCHANGED for i in other_states)

    # Translations are keyed by ID: they follow the rows they belong to.
    store = load_translations(after, settings)
    moved = [i for i in unchanged if (project / "translations" / "en" / f"{i}.yaml").is_file()]
    assert moved
    for identifier in moved:
        entry = next(e for e in after.entries if e.id == identifier)
        resolved = store.resolve(entry, "summary", "en")
        assert resolved is not None and resolved.origin == "translation", identifier
    # The edited title's translation is stale: shown as such, not used.
    assert (edited, "title", "en") in {(s.entry_id, s.field, s.lang) for s in store.outdated}
    # ... offered again to the translators, with the old translation to review ...
    exported = project / "to-en.xlsx"
    sent = _run(project, monkeypatch, "translations", "export", "--lang", "en", "-o", str(exported))
    assert sent.exit_code == 0, sent.output
    sheet = openpyxl.load_workbook(exported).worksheets[1]
    keys = {cell.value: cell.column for cell in sheet[1] if cell.value}
    offered = {
        (sheet.cell(row, keys["id"]).value, sheet.cell(row, keys["field"]).value): row
        for row in range(3, sheet.max_row + 1)
    }
    row = offered[(edited, "title")]
    old_title = (project / "cycles" / "2025" / "translations" / "en" / f"{edited}.yaml").read_text(
        encoding="utf-8"
    )
    prefilled_text = sheet.cell(row, keys["translation"]).value
    assert isinstance(prefilled_text, str) and prefilled_text.split()[0] in old_title
    assert sheet.cell(row, keys["translation"]).comment is not None
    # ... and visible to the editor in the status table.
    shown = _run(project, monkeypatch, "status")
    assert shown.exit_code == 0, shown.output
    argentina_row = _status_rows(project)["ARG"]
    assert int(argentina_row["Stale translations"]) >= 1
    assert "stale translations" in argentina_row["Flags"]


@pytest.mark.slow
def test_check_writes_ids_into_the_annotated_copy_and_the_registry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "systematise.toml", project / "systematise.toml")
    inbox = project / "submissions"
    inbox.mkdir()
    rows = [
        {**VALID_INITIATIVE, "title": "Registro Nacional de Personas Migrantes"},
        {**VALID_INITIATIVE, "title": "Mesa Interinstitucional de Movilidad Humana"},
    ]
    save_workbook(fill_workbook("es", VALID_HEADER, rows, Settings()), inbox / "MEX.xlsx")
    result = _run(project, monkeypatch, "check")
    assert result.exit_code in (0, 1), result.output
    assert (project / "registry" / "MEX.yaml").is_file()
    copy = next((project / "output" / "feedback").rglob("*.xlsx"))
    sheet = openpyxl.load_workbook(copy)["Iniciativas"]
    id_column = next(c.column for c in sheet[layout.KEY_ROW] if c.value == layout.ID_KEY)
    first = layout.FIRST_DATA_ROW
    assert [sheet.cell(first + i, id_column).value for i in range(2)] == ["MEX-01", "MEX-02"]
    # The copy comes back with its rows swapped: each keeps its ID, without a warning.
    workbook = openpyxl.load_workbook(copy)
    sheet = workbook["Iniciativas"]
    width = sheet.max_column
    one = [sheet.cell(first, c).value for c in range(1, width + 1)]
    two = [sheet.cell(first + 1, c).value for c in range(1, width + 1)]
    for column, (a, b) in enumerate(zip(two, one, strict=True), start=1):
        sheet.cell(first, column).value, sheet.cell(first + 1, column).value = a, b
    (inbox / "MEX.xlsx").unlink()
    workbook.save(inbox / "MEX.xlsx")
    (again,) = check_files([inbox / "MEX.xlsx"], load_settings(), ids=_ids(project))
    assert [row.initiative_id for row in again.rows] == ["MEX-02", "MEX-01"]
    assert not [p for p in again.problems if p.code.startswith("id_")]


def _ids(project: Path) -> IdBook:
    return IdBook(project / "registry", "2025")


def test_open_data_says_the_cycle_and_since_when(tmp_path: Path) -> None:
    from systematise.cycle.registry import Known, StateRegistry, save_state
    from systematise.export.opendata import write_open_data
    from tests.export.sample import sample_dataset

    dataset = sample_dataset(("ARG",))
    first = dataset.entries[0]
    registry = tmp_path / "registry"
    known = Known(id=first.id, title="x", first_reported="2023", last_reported="2025")
    save_state(registry, StateRegistry(country="ARG", next_number=99, initiatives=(known,)))
    dataset = with_history(dataset, registry, tmp_path / "cycles")
    assert dataset.comparison is None  # no archived cycle to compare with
    written = write_open_data(dataset, Settings(), tmp_path / "out")
    csv_path = next(path for path in written if path.suffix == ".csv")
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    by_id = {row["id"]: row for row in rows}
    assert by_id[first.id]["cycle"] == dataset.cycle
    assert by_id[first.id]["first_reported"] == "2023"
    others = [row for row in rows if row["id"] != first.id]
    assert others and all(row["first_reported"] == dataset.cycle for row in others)


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "Stale translations"), ("es", "desactualizadas")]
)
def test_the_build_console_lists_stale_translations(
    capsys: pytest.CaptureFixture[str], lang: str, words: str
) -> None:
    from systematise.cli.build import _stale_translations

    _stale_translations({"translations": {"stale": ["en/ARG-03 title", "es/GUY-01 summary"]}}, lang)
    shown = capsys.readouterr().out
    assert words in shown and "en/ARG-03 title" in shown and "es/GUY-01 summary" in shown
    _stale_translations({"translations": {"stale": []}}, lang)
    assert capsys.readouterr().out == ""
