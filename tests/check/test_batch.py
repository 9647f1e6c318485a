"""The batch as an editor has it: two files for one State, and what else is in the folder."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from systematise.check import check_files
from systematise.cli import app
from systematise.config import Settings
from systematise.schema.problems import Severity
from systematise.template.fill import save_workbook
from systematise.validate.batch import (
    find_duplicates,
    other_files,
    saved_at,
    with_duplicates,
)
from tests.support.workbooks import VALID_HEADER, workbook_from_md, write_md_workbook

ARGENTINA = {**VALID_HEADER, "country": "ARG"}
ROWS = "| title |\n|---|\n| Registro Nacional de Migrantes |"
OTHER_ROWS = "| title |\n|---|\n| Programa Patria Grande de regularización |"


def _submission(
    path: Path,
    *,
    date: str = "2025-10-15",
    saved: dt.datetime | None = None,
    rows: str = ROWS,
    country: str = "ARG",
) -> Path:
    header = {**ARGENTINA, "country": country, "submission_date": date}
    path.parent.mkdir(parents=True, exist_ok=True)
    save_workbook(workbook_from_md(rows, header=header), path, saved)
    return path


def _published(paths: list[Path]) -> tuple[str, list[str]]:
    results = check_files(paths, Settings())
    (duplicate,) = find_duplicates(paths, results)
    return paths[duplicate.published].name, sorted(paths[i].name for i in duplicate.left_out)


@pytest.mark.slow
def test_the_latest_submission_date_is_published(tmp_path: Path) -> None:
    later = _submission(tmp_path / "ARG-2025-v1.xlsx", date="2025-10-20")
    earlier = _submission(
        tmp_path / "ARG-2025-v2.xlsx", date="2025-10-01", saved=dt.datetime(2025, 11, 1)
    )
    assert _published([later, earlier]) == ("ARG-2025-v1.xlsx", ["ARG-2025-v2.xlsx"])


@pytest.mark.slow
def test_on_the_same_date_the_one_saved_last_is_published(tmp_path: Path) -> None:
    saved_last = _submission(tmp_path / "ARG-a.xlsx", saved=dt.datetime(2025, 10, 16, 9, 30))
    saved_first = _submission(tmp_path / "ARG-b.xlsx", saved=dt.datetime(2025, 10, 16, 9, 0))
    assert _published([saved_last, saved_first]) == ("ARG-a.xlsx", ["ARG-b.xlsx"])


@pytest.mark.parametrize(
    ("names", "published"),
    [
        (["ARG-2025.xlsx", "ARG-2025 (1).xlsx"], "ARG-2025 (1).xlsx"),
        (["ARG-2025-v9.xlsx", "ARG-2025-v10.xlsx"], "ARG-2025-v10.xlsx"),
        (["ARG-2025.xlsx", "ARG-2025-v2.xlsx", "arg-2025-V3.xlsx"], "arg-2025-V3.xlsx"),
    ],
)
@pytest.mark.slow
def test_then_the_last_by_name_in_natural_order(
    tmp_path: Path, names: list[str], published: str
) -> None:
    first = _submission(tmp_path / names[0])
    paths = [first, *(Path(shutil.copy(first, tmp_path / name)) for name in names[1:])]
    assert _published(paths) == (published, sorted(n for n in names if n != published))


@pytest.mark.slow
def test_each_file_of_the_state_gets_an_error_naming_all(tmp_path: Path) -> None:
    paths = [
        _submission(tmp_path / "ARG-2025.xlsx"),
        _submission(tmp_path / "Argentina final.xlsx", rows=OTHER_ROWS),
        _submission(tmp_path / "MEX-2025.xlsx", country="MEX"),
        tmp_path / "broken.xlsx",
    ]
    paths[-1].write_bytes(b"PK\x03\x04 not a workbook")
    results = check_files(paths, Settings())
    marked = with_duplicates(results, find_duplicates(paths, results))
    assert [wb.file for wb in marked] == [wb.file for wb in results]
    for workbook in marked[:2]:
        (found,) = (p for p in workbook.problems if p.code == "duplicate_submission")
        assert found.severity == Severity.ERROR and found.file == workbook.file
        for message in (found.message("es"), found.message("en")):
            assert "ARG-2025.xlsx" in message and "Argentina final.xlsx" in message
            assert "Argentina" in message and "…" not in message
        assert "«Argentina final.xlsx»" in found.message("es")
    assert marked[2:] == results[2:]


def test_saved_at_reads_the_moment_inside_the_file(tmp_path: Path) -> None:
    path = _submission(tmp_path / "a.xlsx", saved=dt.datetime(2025, 10, 16, 9, 30))
    assert saved_at(path) == dt.datetime(2025, 10, 16, 9, 30, tzinfo=dt.UTC)
    ods = tmp_path / "a.ods"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr(
            "meta.xml",
            "<office:document-meta><office:meta><meta:creation-date>2020-01-01T00:00:00"
            "</meta:creation-date><dc:date>2025-10-16T11:30:00.123456789</dc:date>"
            "</office:meta></office:document-meta>",
        )
    assert saved_at(ods) == dt.datetime(2025, 10, 16, 11, 30, 0, 123456, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "core",
    [
        b"<cp:coreProperties></cp:coreProperties>",
        b"<dcterms:modified>yesterday</dcterms:modified>",
        b"<dcterms:modified>" + b"9" * 5000 + b"</dcterms:modified>",
        b"<dcterms:modified>2025-10-16</dcterms:modified>" + b" " * 300_000,
    ],
)
def test_an_odd_or_missing_moment_counts_as_none(tmp_path: Path, core: bytes) -> None:
    path = tmp_path / "odd.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("docProps/core.xml", core)
    path.write_bytes(buffer.getvalue())
    assert saved_at(path) is None
    (tmp_path / "not-a-zip.xlsx").write_bytes(b"plain text")
    assert saved_at(tmp_path / "not-a-zip.xlsx") is None


@pytest.fixture
def cluttered(tmp_path: Path) -> Path:
    """A submissions folder as an editor has it after a week of e-mail."""
    folder = tmp_path / "submissions"
    _submission(folder / "ARG-2025.xlsx")
    shutil.copy(folder / "ARG-2025.xlsx", folder / "ARG-2025 (1).xlsx")
    _submission(folder / "MEX-2025.xlsx", country="MEX")
    shutil.copy(folder / "MEX-2025.xlsx", folder / "PER-2025.xlsx.bak")  # a misnamed workbook
    (folder / "carta de envío.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "notas.txt").write_text("pendiente", encoding="utf-8")
    (folder / "logo.PNG").write_bytes(b"\x89PNG\r\n")
    (folder / "anexos.zip").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    (folder / "LEEME").write_text("sin extensión", encoding="utf-8")
    (folder / "odd.<b>").write_text("?", encoding="utf-8")
    (folder / "anteriores").mkdir()
    _submission(folder / "anteriores" / "ARG-2024.xlsx")
    for skipped in ("~$ARG-2025.xlsx", ".~lock.MEX-2025.ods#", ".DS_Store", "Thumbs.db"):
        (folder / skipped).write_bytes(b"x")
    return folder


NOT_READ = {
    "ARG-2025 (1).xlsx": None,
    "LEEME": "file_not_read",
    "PER-2025.xlsx.bak": "workbook_misnamed",
    "anexos.zip": "file_not_read",
    "anteriores": "folder_not_read",
    "carta de envío.pdf": "file_not_read",
    "logo.PNG": "file_not_read",
    "notas.txt": "file_not_read",
    "odd.<b>": "file_not_read",
}


@pytest.mark.slow
def test_every_other_entry_of_the_folder_is_listed(cluttered: Path) -> None:
    others = other_files([cluttered])
    assert [p.name for p in others.skipped] == [
        ".DS_Store",
        ".~lock.MEX-2025.ods#",
        "Thumbs.db",
        "~$ARG-2025.xlsx",
    ]
    problems = {item.file: item for item in others.problems()}
    assert {name: p.code for name, p in problems.items()} == {
        name: code for name, code in NOT_READ.items() if code
    }
    assert all(p.severity == Severity.WARNING for p in problems.values())
    messages = {name: (p.message("es"), p.message("en")) for name, p in problems.items()}
    assert "un documento PDF" in messages["carta de envío.pdf"][0]
    assert "a picture" in messages["logo.PNG"][1]
    assert "«.xlsx»" in messages["PER-2025.xlsx.bak"][0]
    assert "unknown type" in messages["odd.<b>"][1]
    assert all("…" not in text for pair in messages.values() for text in pair)
    # Files named one by one are what the caller asked for: nothing else to list.
    assert other_files([cluttered / "notas.txt"]).problems() == []


def _check_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", *args])
    return result.exit_code, result.output


@pytest.mark.slow
def test_check_lists_other_files_and_both_duplicates(cluttered: Path, tmp_path: Path) -> None:
    out = tmp_path / "feedback"
    code, output = _check_cli(str(cluttered), "-o", str(out), "--lang", "en")
    assert code == 1, output  # the duplicate is an error
    flat = " ".join(output.split())
    assert flat.count("more than one file for Argentina") == 2
    for name in ("carta de envío.pdf", "notas.txt", "anteriores", "PER-2025.xlsx.bak", "LEEME"):
        assert f"{name}:" in flat
    assert "~$ARG-2025.xlsx" in flat and "Thumbs.db" in flat
    for folder in ("ARG-2025", "ARG-2025_1"):
        report = (out / folder / "report.json").read_text(encoding="utf-8")
        assert "duplicate_submission" in report
    assert "duplicate_submission" not in (out / "MEX-2025" / "report.json").read_text("utf-8")
    assert not (out / "notas").exists()


@pytest.mark.slow
def test_other_files_count_as_warnings_with_strict(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_md_workbook(folder / "MEX-2025.xlsx", "| title |\n|---|\n| Iniciativa correcta |")
    assert _check_cli(str(folder), "--no-feedback")[0] == 0
    (folder / "notas.txt").write_text("x", encoding="utf-8")
    code, output = _check_cli(str(folder), "--no-feedback")
    assert code == 0 and "notas.txt" in output
    assert _check_cli(str(folder), "--no-feedback", "--strict")[0] == 1


def test_a_folder_without_workbooks_names_what_it_holds(tmp_path: Path) -> None:
    (tmp_path / "envío.pdf").write_bytes(b"%PDF-1.4\n")
    code, output = _check_cli(str(tmp_path), "--no-feedback", "--lang", "es")
    assert code == 2
    assert "envío.pdf" in output and "documento PDF" in " ".join(output.split())
