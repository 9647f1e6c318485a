"""Open data: the files, the Data Package, formula neutralisation, consent and masking."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from frictionless import Package

from systematise.atomic import atomic_path, write_bytes
from systematise.config import ReportSettings, Settings
from systematise.consolidate.models import Dataset
from systematise.export import PersonalDataInTextError, write_open_data
from systematise.export.columns import SEPARATOR, open_data_columns
from systematise.schema.fieldmeta import field_specs
from systematise.schema.models import Initiative, SubmissionHeader
from systematise.schema.vocabulary import vocabularies
from tests.export.sample import sample_dataset, with_initiative

#: The frictionless command line installed with the project, as a data user would run it.
FRICTIONLESS = Path(sys.executable).parent / "frictionless"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return sample_dataset()


@pytest.fixture(scope="module")
def data_dir(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    write_open_data(dataset, Settings(), out)
    return out / "data"


def _csv_rows(data_dir: Path) -> list[dict[str, str]]:
    text = (data_dir / "initiatives.csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _package(data_dir: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((data_dir / "datapackage.json").read_text("utf-8"))
    return loaded


@pytest.mark.slow
def test_writes_the_four_files(data_dir: Path) -> None:
    names = sorted(path.name for path in data_dir.iterdir())
    assert names == ["datapackage.json", "initiatives.csv", "initiatives.json", "initiatives.xlsx"]


@pytest.mark.slow
def test_package_and_data_are_valid(data_dir: Path) -> None:
    descriptor = _package(data_dir)
    assert list(Package.metadata_validate(descriptor)) == []
    package = Package(str(data_dir / "datapackage.json"))
    assert [r.name for r in package.resources] == [
        "initiatives_csv",
        "initiatives_json",
        "initiatives_xlsx",
    ]
    for resource in package.resources:
        report = resource.validate()
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


@pytest.mark.parametrize("folder", ["data_dir", "formula_dir"])
@pytest.mark.slow
def test_frictionless_command_line_says_valid(folder: str, request: pytest.FixtureRequest) -> None:
    """``frictionless validate data/datapackage.json``, no option, as a data user runs it."""
    data_dir: Path = request.getfixturevalue(folder)
    shown = subprocess.run(
        [str(FRICTIONLESS), "validate", f"{data_dir.name}/datapackage.json"],
        cwd=data_dir.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        timeout=300,
        check=False,
    )
    assert shown.returncode == 0, shown.stdout + shown.stderr
    statuses = re.findall(r"\b(initiatives_\w+)\b.*?\b(VALID|INVALID)\b", shown.stdout)
    assert statuses == [
        ("initiatives_csv", "VALID"),
        ("initiatives_json", "VALID"),
        ("initiatives_xlsx", "VALID"),
    ], shown.stdout


@pytest.mark.slow
def test_every_resource_declares_the_file_written(data_dir: Path) -> None:
    for resource in _package(data_dir)["resources"]:
        data = (data_dir / resource["path"]).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), resource["name"]
        # frictionless cannot count the bytes of JSON it parses, so JSON declares no size.
        assert resource.get("bytes", len(data)) == len(data), resource["name"]
        assert ("bytes" in resource) == (resource["format"] != "json"), resource["name"]
        if resource["format"] == "xlsx":
            continue
        text = data.decode(resource["encoding"])
        assert not text.startswith("\ufeff") or resource["encoding"] == "utf-8-sig"
        if resource["format"] == "json":
            assert isinstance(json.loads(text), list)


def test_csv_reads_back_with_the_declared_dialect(data_dir: Path) -> None:
    resource = next(r for r in _package(data_dir)["resources"] if r["format"] == "csv")
    dialect = resource["dialect"]
    data = (data_dir / resource["path"]).read_bytes()
    assert data.endswith(dialect["lineTerminator"].encode())
    assert dialect["header"] is True
    rows = list(
        csv.reader(
            io.StringIO(data.decode(resource["encoding"]), newline=""),
            delimiter=dialect["delimiter"],
            quotechar=dialect["quoteChar"],
            doublequote=dialect["doubleQuote"],
        )
    )
    assert rows[0] == [field["name"] for field in resource["schema"]["fields"]]
    assert all(len(row) == len(rows[0]) for row in rows)


@pytest.mark.parametrize("index", [0, 2])
@pytest.mark.parametrize(
    ("key", "wrong", "error"),
    [("hash", "sha256:" + "0" * 64, "hash-count"), ("bytes", 5, "byte-count")],
)
def test_package_hash_and_size_are_checked(
    data_dir: Path, index: int, key: str, wrong: object, error: str
) -> None:
    descriptor = _package(data_dir)
    descriptor["resources"][index][key] = wrong
    package = Package.from_descriptor(descriptor, basepath=str(data_dir))
    report = package.resources[index].validate()
    assert error in [item[0] for item in report.flatten(["type"])]


def test_one_row_per_initiative_in_every_format(data_dir: Path, dataset: Dataset) -> None:
    ids = [entry.id for entry in dataset.entries]
    assert [row["id"] for row in _csv_rows(data_dir)] == ids
    records = json.loads((data_dir / "initiatives.json").read_text("utf-8"))
    assert [record["id"] for record in records] == ids
    from openpyxl import load_workbook

    sheet = load_workbook(data_dir / "initiatives.xlsx")["initiatives"]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ids


def test_coded_fields_have_code_and_both_labels() -> None:
    names = [column.name for column in open_data_columns()]
    for spec in (*field_specs(Initiative), *field_specs(SubmissionHeader)):
        if spec.vocabulary and not spec.personal and spec.key != "consent_publish_contact":
            assert {spec.key, f"{spec.key}_es", f"{spec.key}_en"} <= set(names), spec.key


def test_separator_appears_in_no_vocabulary() -> None:
    for vocabulary in vocabularies().values():
        for term in vocabulary.terms:
            for text in (term.code, term.es, term.en):
                assert SEPARATOR.strip() not in text


def test_multi_values_joined_in_csv_and_arrays_in_json(data_dir: Path, dataset: Dataset) -> None:
    entry = dataset.entries[0]
    row = _csv_rows(data_dir)[0]
    assert row["thematic_areas"] == SEPARATOR.join(entry.initiative.thematic_areas)
    assert row["thematic_areas_en"].split(SEPARATOR)[0] == vocabularies()["thematic_area"].label(
        entry.initiative.thematic_areas[0], "en"
    )
    record = json.loads((data_dir / "initiatives.json").read_text("utf-8"))[0]
    assert record["thematic_areas"] == list(entry.initiative.thematic_areas)
    assert record["gcm_objectives"] == list(entry.initiative.gcm_objectives)


def test_package_is_bilingual_and_licensed(data_dir: Path) -> None:
    settings = Settings()
    descriptor = _package(data_dir)
    assert descriptor["licenses"][0]["name"] == settings.report.licence_name
    assert descriptor["licenses"][0]["path"] == settings.report.licence_url
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            assert field["x-title"]["es"] and field["x-title"]["en"], field["name"]
            assert field["x-description"]["es"] and field["x-description"]["en"], field["name"]
    fields = {f["name"]: f for f in descriptor["resources"][0]["schema"]["fields"]}
    assert fields["title"]["x-title"] == {
        "es": "Título de la iniciativa",
        "en": "Title of the initiative",
    }


def _as_excel_opens(raw: bytes) -> str:
    """The text Excel shows when a CSV is opened with a double click in a Spanish locale:
    UTF-8 only when the file starts with the byte-order mark, else the ANSI code page
    (Windows-1252 for Spanish)."""
    bom = b"\xef\xbb\xbf"
    return raw[len(bom) :].decode() if raw.startswith(bom) else raw.decode("cp1252", "replace")


def test_csv_opens_in_excel_with_its_accents(data_dir: Path, dataset: Dataset) -> None:
    raw = (data_dir / "initiatives.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,")
    shown = _as_excel_opens(raw)
    accented = [
        entry.initiative.title for entry in dataset.entries if not entry.initiative.title.isascii()
    ]
    assert accented and all(title in shown for title in accented)
    assert "México" in shown and "Ã" not in shown


def test_the_package_declares_the_byte_order_mark(data_dir: Path) -> None:
    resource = next(r for r in _package(data_dir)["resources"] if r["format"] == "csv")
    assert resource["encoding"] == "utf-8-sig"
    text = (data_dir / resource["path"]).read_bytes().decode(resource["encoding"])
    assert text.startswith("id,")  # the mark is not read into the first column's name


FORMULAS = {
    "title": '=HYPERLINK("http://evil.example","click")',
    "objectives": "+1+2 are the objectives of this line",
    "results": "-2+3 results, written as a bullet",
    "challenges": "@SUM(A1:A2) challenges",
    "lessons_learned": "\tcmd|' /C calc'!A0",
}


@pytest.fixture(scope="module")
def formula_dir(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    entries = list(dataset.entries)
    entries[0] = with_initiative(entries[0], **FORMULAS, partners=["=1+1", "ok"])
    out = tmp_path_factory.mktemp("formulas")
    write_open_data(dataset.model_copy(update={"entries": tuple(entries)}), Settings(), out)
    return out / "data"


def test_formulas_neutralised_in_csv(formula_dir: Path) -> None:
    row = _csv_rows(formula_dir)[0]
    for key, value in FORMULAS.items():
        assert row[key] == "'" + value
    assert row["partners"] == "'=1+1 | ok"


def test_formulas_neutralised_in_xlsx(formula_dir: Path) -> None:
    from openpyxl import load_workbook

    sheet = load_workbook(formula_dir / "initiatives.xlsx")["initiatives"]
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    for key, value in FORMULAS.items():
        assert row[key].value == "'" + value
        assert row[key].data_type == "s"
    with zipfile.ZipFile(formula_dir / "initiatives.xlsx") as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


def test_json_keeps_text_as_written(formula_dir: Path) -> None:
    record = json.loads((formula_dir / "initiatives.json").read_text("utf-8"))[0]
    for key, value in FORMULAS.items():
        assert record[key] == value


def test_contact_published_only_with_consent(data_dir: Path, dataset: Dataset) -> None:
    rows = {row["id"]: row for row in _csv_rows(data_dir)}
    blob = b"".join(path.read_bytes() for path in data_dir.iterdir() if path.suffix != ".xlsx")
    blob += _xlsx_text(data_dir / "initiatives.xlsx")
    with_contact = [e for e in dataset.entries if e.initiative.contact_email]
    assert any(e.contact_consent for e in with_contact)
    assert any(not e.contact_consent for e in with_contact)
    for entry in with_contact:
        email = entry.initiative.contact_email or ""
        if entry.contact_consent:
            assert rows[entry.id]["contact_email"] == email
        else:
            assert rows[entry.id]["contact_email"] == ""
            assert email.encode() not in blob
            assert (entry.initiative.contact_name or "-").encode() not in blob
    for header in dataset.submissions:
        for value in (header.focal_point_name, header.focal_point_email, header.focal_point_phone):
            assert value is None or value.encode() not in blob


def _xlsx_text(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())


def test_personal_data_in_text_is_masked(dataset: Dataset, tmp_path: Path) -> None:
    canary = "canary.person.7731@example.org"
    entries = list(dataset.entries)
    entries[1] = with_initiative(
        entries[1], description=entries[1].initiative.description + f" Write to {canary}."
    )
    write_open_data(dataset.model_copy(update={"entries": tuple(entries)}), Settings(), tmp_path)
    for path in (tmp_path / "data").iterdir():
        data = _xlsx_text(path) if path.suffix == ".xlsx" else path.read_bytes()
        assert canary.encode() not in data, path.name


def test_fail_setting_stops_without_quoting_the_value(dataset: Dataset, tmp_path: Path) -> None:
    canary = "canary.person.7732@example.org"
    entries = list(dataset.entries)
    entries[2] = with_initiative(entries[2], challenges=f"Ask {canary}")
    settings = Settings(report=ReportSettings(personal_data_in_text="fail"))
    with pytest.raises(PersonalDataInTextError) as raised:
        write_open_data(dataset.model_copy(update={"entries": tuple(entries)}), settings, tmp_path)
    assert canary not in str(raised.value)
    assert f"{entries[2].id} challenges" in str(raised.value)
    assert not (tmp_path / "data").exists()


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "initiatives.csv"
    write_bytes(target, b"old")
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_bytes(b"half a fi")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["initiatives.csv"]
