"""Workbooks read before and kept on disk (``read.kept``): read back exactly as read.

A build keeps each workbook's reading in its output folder's cache, so that the next build reads
again only the files that changed. What comes back must be what the reader gives: every value
with its own type (a date typed in a cell stays a date, a number a number, a text a text), in
every kind of file focal points send; an entry spoilt on disk is read from the workbook again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from systematise.check import check_files
from systematise.config import Settings, load_settings
from systematise.read import kept
from systematise.read.raw import CellValue, RawCell, RawRow, RawWorkbook
from systematise.read.workbook import read_workbook

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    [
        *(ROOT / "submissions").glob("*.xlsx"),
        *(
            p
            for p in (ROOT / "tests" / "check" / "typed").iterdir()
            if p.suffix not in {".json", ".md"}
        ),
    ]
)


@pytest.fixture
def settings() -> Settings:
    return load_settings(ROOT / "systematise.toml")


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    kept.keep_reads_in(tmp_path / "reads")
    yield tmp_path / "reads"
    kept.keep_reads_in(None)


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_every_kind_of_file_comes_back_as_read(
    path: Path, settings: Settings, folder: Path
) -> None:
    read = read_workbook(path, path.name, settings.limits)
    key = kept.read_key(path, settings.limits)
    kept.keep_read(key, read)
    assert len(list(folder.glob("*.json"))) == 1
    assert kept.kept_read(key) == read


def test_values_keep_their_types(folder: Path) -> None:
    values: list[CellValue] = [
        "2025-03-01",
        dt.date(2025, 3, 1),
        dt.datetime(2025, 3, 1, 14, 30, 5, 123456),
        dt.time(9, 15),
        dt.timedelta(days=2, seconds=5, microseconds=7),
        1,
        1.0,
        True,
        None,
        "",
        "1",
        "$type",  # a text that names the tag is a text
    ]
    cells: dict[str, tuple[RawCell, ...]] = {
        f"f{i}": (RawCell(f"A{i + 1}", value),) for i, value in enumerate(values)
    }
    workbook = RawWorkbook(file="x.xlsx", usable=True, rows=(RawRow(row=4, cells=cells),))
    kept.keep_read("k", workbook)
    back = kept.kept_read("k")
    assert back == workbook
    assert back is not None
    for i, value in enumerate(values):
        assert type(back.rows[0].cells[f"f{i}"][0].value) is type(value)


def test_a_spoilt_entry_is_read_again(settings: Settings, folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "ARG-2025.xlsx"
    shutil.copy(ROOT / "submissions" / "ARG-2025.xlsx", path)
    first = check_files([path], settings)
    (entry,) = folder.glob("*.json")
    assert kept.kept_read(entry.stem) is not None
    stored = json.loads(entry.read_text(encoding="utf-8"))
    stored["rows"][0]["cells"] = "not cells"
    entry.write_text(json.dumps(stored), encoding="utf-8")
    assert kept.kept_read(entry.stem) is None
    again = check_files([path], settings)
    assert [w.model_dump() for w in again] == [w.model_dump() for w in first]
    assert kept.kept_read(entry.stem) is not None  # kept anew


def test_a_changed_file_is_read_again_and_the_old_entry_goes(
    settings: Settings, folder: Path, tmp_path: Path
) -> None:
    path = tmp_path / "ARG-2025.xlsx"
    shutil.copy(ROOT / "submissions" / "ARG-2025.xlsx", path)
    check_files([path], settings)
    (old,) = folder.glob("*.json")
    shutil.copy(ROOT / "submissions" / "CHL-2025.xlsx", path)
    (checked,) = check_files([path], settings)
    (new,) = folder.glob("*.json")
    assert new.name != old.name
    assert checked.header is not None
    assert checked.header.country == "CHL"


def test_nothing_is_kept_without_a_folder(settings: Settings) -> None:
    kept.keep_reads_in(None)
    path = ROOT / "submissions" / "ARG-2025.xlsx"
    assert kept.read_key(path, settings.limits) is None
    kept.keep_read(None, read_workbook(path, path.name, settings.limits))
    assert kept.kept_read(None) is None


def test_a_build_keeps_its_readings_privately_outside_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The readings hold the focal points' contact details: never beside the published files."""
    from systematise.build import build

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    settings = load_settings(ROOT / "systematise.toml")
    output = tmp_path / "output"
    build([ROOT / "submissions" / "ARG-2025.xlsx"], settings, output, only=["data"])
    kept_files = list((tmp_path / "cache").rglob("*.json"))
    assert len(kept_files) == 1
    for folder in (kept_files[0].parent, kept_files[0].parent.parent):
        assert folder.stat().st_mode & 0o077 == 0
    assert not [
        path for path in output.rglob("*") if path.suffix == ".json" and "reads" in path.parts
    ]
    assert kept.read_key(ROOT / "submissions" / "ARG-2025.xlsx", settings.limits) is None


def test_folders_of_readings_unused_for_a_month_are_removed(tmp_path: Path) -> None:
    root = tmp_path / "reads"
    used, recent, old = root / "used", root / "recent", root / "old"
    for folder in (used, recent, old):
        folder.mkdir(parents=True)
        (folder / "x.json").write_text("{}", encoding="utf-8")
    long_ago = time.time() - (kept.UNUSED_DAYS + 1) * 86400
    os.utime(old, (long_ago, long_ago))
    os.utime(used, (long_ago, long_ago))
    kept.forget_unused_folders(root, used)
    assert sorted(path.name for path in root.iterdir()) == ["recent", "used"]
    assert used.stat().st_mtime > long_ago  # marked as used now
