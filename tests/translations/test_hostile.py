"""Hostile translators' workbooks through ``translations import``: refused as a submission is.

A workbook that comes back from a translator is a file from outside: the archive checks, the
sandbox (memory and time limits) and the XML defences of submissions apply to it too
(``docs/security.md``). Each hostile file must raise :class:`TranslationWorkbookError` with the
expected code and reason, named in Spanish and English, and leave ``translations/`` exactly as it
was; no local file may be read and no request made. Hostile cells (formulas, huge texts) are
refused row by row while the other rows are imported.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from systematise import atomic
from systematise.config import LimitSettings, PathSettings, Settings
from systematise.consolidate.models import Dataset
from systematise.read.archive import REASONS
from systematise.read.defences import XmlDefencesError
from systematise.schema.problems import in_every_lang
from systematise.template.fill import fill_workbook, save_workbook
from systematise.translations import TranslationWorkbookError, import_workbook, importer
from systematise.translations.fields import TRANSLATABLE_FIELDS
from systematise.translations.importer import MAX_KEY_CHARS, MAX_TRANSLATION_CHARS
from systematise.translations.workbook import FIRST_ROW, KIND
from tests.export.sample import sample_dataset
from tests.hostile import files
from tests.hostile.files import Targets
from tests.hostile.traps import Sentinel, make_canary
from tests.support.workbooks import VALID_HEADER, VALID_INITIATIVE
from tests.translations import hostile

Make = Callable[[bytes, Targets], bytes]

UNREADABLE = "translation_workbook_unreadable"
WRONG_FORMAT = "translation_workbook_wrong_format"

#: A translation already in the store: every refused import must leave it byte for byte.
SEEDED = "translations/en/MEX-01.yaml"


@dataclass(frozen=True)
class FileCase:
    name: str
    make: Make
    code: str
    reason: str | None = None  # a key of REASONS, for translation_workbook_rejected


def _xml_attack(kind: str, part: str) -> Make:
    def make(data: bytes, targets: Targets) -> bytes:
        return hostile.xml_attack(data, kind, part, targets)

    return make


def _xml_cases() -> list[FileCase]:
    return [
        FileCase(
            f"{kind}-{part}.xlsx", _xml_attack(kind, part), "translation_workbook_rejected", "xml"
        )
        for kind in ("billion_laughs", "xxe_file", "xxe_http", "parameter_entity", "external_dtd")
        for part in hostile.XML_PARTS
    ]


FILE_CASES = [
    # not a workbook, or not one that can be opened
    FileCase("empty.xlsx", lambda data, t: b"", "translation_workbook_unreadable"),
    FileCase("truncated.xlsx", lambda data, t: data[: len(data) // 2], UNREADABLE),
    FileCase("random.xlsx", lambda data, t: bytes(range(256)) * 8, UNREADABLE),
    FileCase("saved-as.ods", lambda data, t: files.ods(), UNREADABLE),
    FileCase("saved-as.xls", lambda data, t: files.compound_file("Workbook"), UNREADABLE),
    FileCase("text.xlsx", lambda data, t: b"id;translation\nMEX-01;x\n", WRONG_FORMAT),
    FileCase("sheet.csv", lambda data, t: b"id,field,translation,x\nMEX-01,a,b,c\n", WRONG_FORMAT),
    FileCase("word.xlsx", lambda data, t: files.docx_like(), WRONG_FORMAT),
    FileCase("printed.pdf", lambda data, t: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", WRONG_FORMAT),
    FileCase(
        "password.xlsx",
        lambda data, t: files.compound_file("EncryptionInfo", "EncryptedPackage"),
        "translation_workbook_encrypted",
    ),
    # archive bombs and odd archives
    FileCase(
        "bomb.xlsx",
        lambda data, t: hostile.bomb(data),
        "translation_workbook_rejected",
        "compression_ratio",
    ),
    FileCase(
        "bomb-strings.xlsx",
        lambda data, t: hostile.bomb(hostile.with_shared_strings(data), hostile.SHARED_STRINGS, 8),
        "translation_workbook_rejected",
        "compression_ratio",
    ),
    FileCase(
        "many.xlsx",
        lambda data, t: hostile.many_entries(data),
        "translation_workbook_rejected",
        "too_many_entries",
    ),
    FileCase(
        "duplicate.xlsx",
        lambda data, t: hostile.duplicate_entry(data),
        "translation_workbook_rejected",
        "duplicate_entry",
    ),
    FileCase(
        "overlapping.xlsx",
        lambda data, t: hostile.overlapping_entries(data),
        "translation_workbook_rejected",
        "overlapping_entries",
    ),
    FileCase(
        "size-lie.xlsx",
        lambda data, t: hostile.size_lie(data, 5 * 1024**3),
        "translation_workbook_rejected",
        "too_much_data",
    ),
    # absurd dimensions, declared or real
    FileCase(
        "declared-xfd.xlsx",
        lambda data, t: hostile.declared_dimension(data, "A1:XFD1048576"),
        "translation_workbook_rejected",
        "dimension",
    ),
    FileCase(
        "far-row.xlsx",
        lambda data, t: hostile.far_cell(data, "A1048576"),
        "translation_workbook_rejected",
        "dimension",
    ),
    FileCase(
        "far-column.xlsx",
        lambda data, t: hostile.far_cell(data, "XFD3"),
        "translation_workbook_rejected",
        "dimension",
    ),
    # XML attacks in the texts sheet, shared strings, workbook and document properties
    *_xml_cases(),
    # a workbook, but not a usable translators' workbook
    FileCase(
        "forged-kind.xlsx",
        lambda data, t: hostile.edited(data, hostile.set_meta("kind", "something-else")),
        "translation_workbook_foreign",
    ),
    FileCase(
        "formula-kind.xlsx",
        lambda data, t: hostile.edited(data, hostile.set_meta("kind", f'="{KIND}"')),
        "translation_workbook_foreign",
    ),
    FileCase(
        "version.xlsx",
        lambda data, t: hostile.edited(data, hostile.set_meta("format_version", "9")),
        "translation_workbook_version",
    ),
    FileCase(
        "lang.xlsx",
        lambda data, t: hostile.edited(data, hostile.set_meta("lang", "fr")),
        "translation_workbook_lang",
    ),
    FileCase(
        "no-hash-column.xlsx",
        lambda data, t: hostile.edited(data, hostile.drop_column("source_sha256")),
        "translation_workbook_columns",
    ),
]


@dataclass(frozen=True)
class Imported:
    """What importing one file did: the error (None when it imported) and the store after."""

    error: TranslationWorkbookError | None
    store: dict[str, bytes]


def _store(folder: Path) -> dict[str, bytes]:
    root = folder / "translations"
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _seed(folder: Path) -> dict[str, bytes]:
    path = folder / SEEDED
    path.parent.mkdir(parents=True)
    atomic.write_text(
        path,
        "id: MEX-01\nlang: en\nfields:\n  objectives:\n    source_lang: es\n"
        "    source_sha256: 0123456789abcdef\n    source: Un texto.\n    text: A text.\n",
    )
    return _store(folder)


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return sample_dataset(("MEX", "BRA", "TTO"))


@pytest.fixture(scope="module")
def filled(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return hostile.filled_bytes(dataset, tmp_path_factory.mktemp("filled"))


@pytest.fixture(scope="module")
def hostile_imports(
    dataset: Dataset, filled: bytes, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[dict[str, Imported], dict[str, bytes], str, list[str]]]:
    """Every file case imported into a store seeded with one file; the canary and requests."""
    canary = make_canary(tmp_path_factory.mktemp("canary"))
    sentinel = Sentinel(lifetime=300).start()
    try:
        targets = Targets(canary.url, sentinel.url)
        outcomes: dict[str, Imported] = {}
        before: dict[str, bytes] = {}
        for case in FILE_CASES:
            folder = tmp_path_factory.mktemp("case")
            before = _seed(folder)
            path = folder / case.name
            path.write_bytes(case.make(filled, targets))
            settings = Settings(paths=PathSettings(translations=folder / "translations"))
            try:
                import_workbook(path, dataset, settings)
                error = None
            except TranslationWorkbookError as raised:
                error = raised
            outcomes[case.name] = Imported(error, _store(folder))
        yield outcomes, before, canary.token, sentinel.requests
    finally:
        sentinel.stop()


@pytest.mark.parametrize("case", FILE_CASES, ids=[case.name for case in FILE_CASES])
@pytest.mark.slow
def test_a_hostile_workbook_is_refused_naming_file_and_reason(
    hostile_imports: tuple[dict[str, Imported], dict[str, bytes], str, list[str]],
    case: FileCase,
) -> None:
    outcomes, before, _token, _requests = hostile_imports
    found = outcomes[case.name]
    assert found.error is not None, "imported"
    assert (found.error.problem.code, found.error.problem.file) == (case.code, case.name)
    spanish, english = found.error.message("es"), found.error.message("en")
    assert spanish.startswith(f"{case.name}: ") and english.startswith(f"{case.name}: ")
    assert spanish != english and "{" not in spanish + english
    assert "no se importó nada" in spanish.lower() and "nothing was imported" in english.lower()
    if case.reason is not None:
        reason = in_every_lang("reason", REASONS[case.reason])
        reason_es, reason_en = str(reason["reason_es"]), str(reason["reason_en"])
        assert reason_es in spanish and reason_en in english
    # Nothing half-written: the store is byte for byte what it was.
    assert found.store == before


@pytest.mark.slow
def test_no_local_file_was_read_and_no_request_made(
    hostile_imports: tuple[dict[str, Imported], dict[str, bytes], str, list[str]],
) -> None:
    outcomes, _before, token, requests = hostile_imports
    assert requests == []
    for found in outcomes.values():
        assert all(token.encode() not in data for data in found.store.values())
        assert found.error is None or token not in found.error.message("en")


def test_xinclude_is_not_followed(dataset: Dataset, filled: bytes, tmp_path: Path) -> None:
    canary = make_canary(tmp_path)
    sentinel = Sentinel(lifetime=60).start()
    try:
        targets = Targets(canary.url, sentinel.url)
        path = tmp_path / "xinclude.xlsx"
        path.write_bytes(hostile.xml_attack(filled, "xinclude", "texts", targets))
        settings = Settings(paths=PathSettings(translations=tmp_path / "translations"))
        with contextlib.suppress(TranslationWorkbookError):
            import_workbook(path, dataset, settings)
    finally:
        sentinel.stop()
    assert sentinel.requests == []
    assert all(canary.token.encode() not in data for data in _store(tmp_path).values())


def test_the_good_workbook_imports_through_the_same_path(
    dataset: Dataset, filled: bytes, tmp_path: Path
) -> None:
    before = _seed(tmp_path)
    path = tmp_path / "good.xlsx"
    path.write_bytes(filled)
    settings = Settings(paths=PathSettings(translations=tmp_path / "translations"))
    result = import_workbook(path, dataset, settings)
    assert result.imported and not result.problems and result.empty == 0
    after = _store(tmp_path)
    assert after[SEEDED] != before[SEEDED]  # MEX-01 got its new fields, the old one kept
    assert b"objectives" in after[SEEDED] and b"TRANSLATED MEX-01 description" in after[SEEDED]


def test_parsing_runs_in_a_child_with_the_settings_limits(
    dataset: Dataset, filled: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workbook is parsed in another process, under ``parse_memory_mb`` and
    ``parse_seconds``, never in this one."""
    seen = tmp_path / "seen.json"
    real = importer.read_cells

    def spying(path: Path, limits: LimitSettings) -> object:
        memory = resource.getrlimit(resource.RLIMIT_AS)[0]
        cpu = resource.getrlimit(resource.RLIMIT_CPU)[0]
        seen.write_text(json.dumps({"pid": os.getpid(), "memory": memory, "cpu": cpu}))
        return real(path, limits)

    monkeypatch.setattr(importer, "read_cells", spying)
    path = tmp_path / "good.xlsx"
    path.write_bytes(filled)
    settings = Settings(
        limits=LimitSettings(parse_memory_mb=700, parse_seconds=7),
        paths=PathSettings(translations=tmp_path / "translations"),
    )
    assert import_workbook(path, dataset, settings).imported
    child = json.loads(seen.read_text())
    assert child["pid"] != os.getpid()
    assert child["cpu"] == 7 + 1
    assert child["memory"] != resource.RLIM_INFINITY
    assert resource.getrlimit(resource.RLIMIT_AS)[0] != child["memory"]


@pytest.mark.slow
def test_a_child_out_of_time_is_a_rejected_file(
    dataset: Dataset, filled: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _seed(tmp_path)

    def hanging(path: Path, limits: LimitSettings) -> object:
        time.sleep(30)
        raise AssertionError("not stopped")

    monkeypatch.setattr(importer, "read_cells", hanging)
    path = tmp_path / "slow.xlsx"
    path.write_bytes(filled)
    settings = Settings(
        limits=LimitSettings(parse_seconds=1),
        paths=PathSettings(translations=tmp_path / "translations"),
    )
    with pytest.raises(TranslationWorkbookError) as refused:
        import_workbook(path, dataset, settings)
    assert refused.value.problem.code == "translation_workbook_rejected"
    assert REASONS["timeout"] in refused.value.message("en")
    assert _store(tmp_path) == before


def test_the_row_limit_allows_a_row_per_text_of_the_data_and_no_more(
    dataset: Dataset, filled: bytes, tmp_path: Path
) -> None:
    """``max_rows`` bounds a submission's sheet; a translators' workbook may hold one row per
    text the data could ask for, even when that is more, and not one row beyond."""
    texts = _text_rows(filled)
    bound = FIRST_ROW - 1 + len(dataset.entries) * len(TRANSLATABLE_FIELDS)
    assert texts > 10 and bound >= FIRST_ROW - 1 + texts
    settings = Settings(
        limits=LimitSettings(max_rows=10),
        paths=PathSettings(translations=tmp_path / "translations"),
    )
    path = tmp_path / "long.xlsx"
    path.write_bytes(filled)
    assert len(import_workbook(path, dataset, settings).imported) == texts
    beyond = tmp_path / "beyond.xlsx"
    beyond.write_bytes(hostile.far_cell(filled, f"A{bound + 1}"))
    with pytest.raises(TranslationWorkbookError) as refused:
        import_workbook(beyond, dataset, settings)
    assert refused.value.problem.code == "translation_workbook_rejected"
    assert REASONS["dimension"] in refused.value.message("en")


def test_xml_defences_are_asserted(
    dataset: Dataset, filled: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _seed(tmp_path)
    path = tmp_path / "good.xlsx"
    path.write_bytes(filled)
    monkeypatch.setenv("OPENPYXL_DEFUSEDXML", "False")
    settings = Settings(paths=PathSettings(translations=tmp_path / "translations"))
    with pytest.raises(XmlDefencesError):
        import_workbook(path, dataset, settings)
    assert _store(tmp_path) == before


def test_a_missing_file_is_named(dataset: Dataset, tmp_path: Path) -> None:
    settings = Settings(paths=PathSettings(translations=tmp_path / "translations"))
    for path in (tmp_path / "gone.xlsx", tmp_path):
        with pytest.raises(TranslationWorkbookError) as missing:
            import_workbook(path, dataset, settings)
        assert missing.value.problem.code == "translation_workbook_missing"
        assert missing.value.message("es").startswith(f"{path.name}: ")


# --- hostile cells: refused row by row -------------------------------------------------------


def _import_edited(
    dataset: Dataset, filled: bytes, folder: Path, *changes: Callable[..., None]
) -> tuple[list[tuple[int, str, str, str]], int, dict[str, bytes]]:
    def change(book: object) -> None:
        for each in changes:
            each(book)

    path = folder / "edited.xlsx"
    path.write_bytes(hostile.edited(filled, change))
    settings = Settings(paths=PathSettings(translations=folder / "translations"))
    result = import_workbook(path, dataset, settings)
    problems = [(p.row, p.entry_id, p.field, p.code) for p in result.problems]
    return problems, len(result.imported), _store(folder)


def test_oversized_cells_are_refused_in_their_row_and_never_quoted_whole(
    dataset: Dataset, filled: bytes, tmp_path: Path
) -> None:
    huge = "x" * 40000  # beyond Excel's own limit of 32,767 characters per cell
    assert len(huge) > MAX_TRANSLATION_CHARS
    problems, imported, store = _import_edited(
        dataset,
        filled,
        tmp_path,
        hostile.set_cell("translation", huge, row=FIRST_ROW),
        hostile.set_cell("id", "MEX-" + "9" * 100000, row=FIRST_ROW + 1),
    )
    assert [(row, code) for row, _id, _field, code in problems] == [
        (FIRST_ROW, "too_long"),
        (FIRST_ROW + 1, "unknown_initiative"),
    ]
    # What a message may quote from the workbook is cut to a bound.
    assert problems[1][1] == ("MEX-" + "9" * 100000)[:MAX_KEY_CHARS]
    assert imported == _text_rows(filled) - 2
    assert all(huge.encode() not in data for data in store.values())


def test_formulas_are_refused_and_never_evaluated(
    dataset: Dataset, filled: bytes, tmp_path: Path
) -> None:
    problems, imported, store = _import_edited(
        dataset,
        filled,
        tmp_path,
        hostile.set_cell("translation", '=HYPERLINK("http://x.example","x")', row=FIRST_ROW),
        hostile.set_cell("id", '="MEX"&"-01"', row=FIRST_ROW + 1),
        hostile.set_cell("source_sha256", "=A1", row=FIRST_ROW + 2),
    )
    assert [(row, code) for row, _id, _field, code in problems] == [
        (FIRST_ROW, "formula"),
        (FIRST_ROW + 1, "unknown_initiative"),
        (FIRST_ROW + 2, "stale"),
    ]
    assert imported == _text_rows(filled) - 3
    assert all(b"HYPERLINK" not in data for data in store.values())


def _text_rows(filled: bytes) -> int:
    """How many texts the filled workbook holds (one row each)."""
    sheet = load_workbook(io.BytesIO(filled)).worksheets[1]
    return int(sheet.max_row) - FIRST_ROW + 1


# --- the store: all or nothing ---------------------------------------------------------------


def test_a_broken_store_file_stops_the_import_before_anything_is_written(
    dataset: Dataset, filled: bytes, tmp_path: Path
) -> None:
    broken = tmp_path / "translations" / "en" / "MEX-01.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text("id: MEX-01\nlang: en\nfields: {oops: 1}\n", encoding="utf-8")
    before = _store(tmp_path)
    path = tmp_path / "good.xlsx"
    path.write_bytes(filled)
    settings = Settings(paths=PathSettings(translations=tmp_path / "translations"))
    with pytest.raises(TranslationWorkbookError) as refused:
        import_workbook(path, dataset, settings)
    assert refused.value.problem.code == "translation_store_unreadable"
    assert "translations/en/MEX-01.yaml" in refused.value.message("es")
    assert _store(tmp_path) == before


def test_a_failed_write_puts_back_what_was_written(
    dataset: Dataset, filled: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _seed(tmp_path)
    path = tmp_path / "good.xlsx"
    path.write_bytes(filled)
    settings = Settings(paths=PathSettings(translations=tmp_path / "translations"))
    real = atomic.write_text
    calls: list[Path] = []

    def failing(target: Path, text: str) -> None:
        calls.append(target)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(target, text)

    monkeypatch.setattr(atomic, "write_text", failing)
    with pytest.raises(OSError, match="No space"):
        import_workbook(path, dataset, settings)
    assert len(calls) == 3
    assert _store(tmp_path) == before


# --- the command line ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project folder with one submission, and a translators' workbook exported from it."""
    folder = tmp_path_factory.mktemp("cli-project")
    (folder / "systematise.toml").write_text(
        "[report]\npublication_date = 2025-11-20\n", encoding="utf-8"
    )
    (folder / "submissions").mkdir()
    book = fill_workbook("es", VALID_HEADER, [VALID_INITIATIVE], Settings())
    save_workbook(book, folder / "submissions" / "MEX-2025.xlsx")
    exported = _run(folder, "en", "translations", "export", "--lang", "en", "-o", "to-en.xlsx")
    assert exported.returncode == 0, exported.stderr
    return folder


def _run(folder: Path, lang: str, *args: str, **variables: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "SYSTEMATISE_LANG": lang, "COLUMNS": "200", **variables}
    return subprocess.run(
        [sys.executable, "-m", "systematise", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
        check=False,
    )


@pytest.mark.parametrize(
    ("name", "lang", "make", "expected"),
    [
        ("bomba.xlsx", "es", lambda data: hostile.bomb(data), "se rechazó por seguridad"),
        ("bomb.xlsx", "en", lambda data: hostile.bomb(data), "was rejected for safety"),
        (
            "entities.xlsx",
            "es",
            lambda data: hostile.xml_attack(
                data, "billion_laughs", "texts", Targets("file:///dev/null", "http://127.0.0.1:9/")
            ),
            "contiene XML con entidades",
        ),
        ("notes.xlsx", "en", lambda data: b"not a workbook", "a text file, not an Excel"),
        (
            "locked.xlsx",
            "es",
            lambda data: files.compound_file("EncryptionInfo", "EncryptedPackage"),
            "protegido con contraseña",
        ),
    ],
)
@pytest.mark.slow
def test_the_command_says_why_in_its_language_and_writes_nothing(
    project: Path, name: str, lang: str, make: Callable[[bytes], bytes], expected: str
) -> None:
    (project / name).write_bytes(make((project / "to-en.xlsx").read_bytes()))
    shown = _run(project, lang, "translations", "import", name)
    assert shown.returncode == 2
    assert "Traceback" not in shown.stdout + shown.stderr
    assert shown.stderr.startswith(f"{name}: ") and expected in shown.stderr
    assert not (project / "translations").exists()


@pytest.mark.slow
def test_the_command_refuses_to_read_without_xml_defences(project: Path) -> None:
    shown = _run(project, "en", "translations", "import", "to-en.xlsx", OPENPYXL_DEFUSEDXML="False")
    assert shown.returncode == 2
    assert "Traceback" not in shown.stdout + shown.stderr
    assert "OPENPYXL_DEFUSEDXML" in shown.stderr
    assert not (project / "translations").exists()
