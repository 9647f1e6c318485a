"""Hostile and broken files: each gets one clear problem naming it, and the batch goes on."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from systematise.check import check_files
from systematise.config import Settings
from systematise.read.defences import XmlDefencesError, assert_xml_defences
from systematise.template.archive import workbook_bytes
from tests.support.workbooks import workbook_from_md

GOOD_MD = "| title |\n|---|\n| Iniciativa de un libro correcto |"


def _good_bytes() -> bytes:
    return workbook_bytes(workbook_from_md(GOOD_MD, lang="es"))


def _rewrite(data: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    """The archive ``data`` with entry ``name`` replaced by ``change(old_bytes)``."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == name:
                content = change(content)
            target.writestr(info.filename, content)
    return out.getvalue()


def _sheet_entry(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
    return sheets[2]  # instructions, submission, initiatives...


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (40 * 1024 * 1024))
    return out.getvalue()


def _entity_expansion(data: bytes) -> bytes:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    return _rewrite(data, "xl/workbook.xml", lambda old: bomb + old[38:])


def _external_entity(data: bytes) -> bytes:
    doctype = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return _rewrite(data, "xl/workbook.xml", lambda old: doctype + old[38:])


def _absurd_dimension(data: bytes) -> bytes:
    def change(old: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', old)

    return _rewrite(data, _sheet_entry(data), change)


def _far_cell(data: bytes) -> bytes:
    def change(old: bytes) -> bytes:
        old = re.sub(rb"<dimension [^>]*/>", b"", old)
        far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        return old.replace(b"</sheetData>", far + b"</sheetData>")

    return _rewrite(data, _sheet_entry(data), change)


def _encrypted() -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    return header + "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le")


def _legacy_xls() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "Workbook".encode("utf-16-le")


def _ods() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def _duplicate_entries(data: bytes) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as archive, pytest.warns(UserWarning):
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


HOSTILE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "empty.xlsx": (lambda good: b"", "file_unreadable"),
    "truncated.xlsx": (lambda good: good[: len(good) // 2], "file_unreadable"),
    "renamed-csv.xlsx": (lambda good: b"title;country\nPlan;MEX\n", "wrong_format"),
    "renamed-ods.xlsx": (lambda good: _ods(), "file_unreadable"),
    "legacy.xlsx": (lambda good: _legacy_xls(), "file_unreadable"),
    "encrypted.xlsx": (lambda good: _encrypted(), "file_encrypted"),
    "bomb.xlsx": (lambda good: _zip_bomb(), "file_rejected"),
    "entities.xlsx": (_entity_expansion, "file_rejected"),
    "xxe.xlsx": (_external_entity, "file_rejected"),
    "dimension.xlsx": (_absurd_dimension, "file_rejected"),
    "far-cell.xlsx": (_far_cell, "file_rejected"),
    "duplicates.xlsx": (_duplicate_entries, "file_rejected"),
}


@pytest.mark.slow
def test_each_hostile_file_gets_one_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = _good_bytes()
    paths: list[Path] = []
    for name, (make, _) in HOSTILE.items():
        path = tmp_path / name
        path.write_bytes(make(good))
        paths.append(path)
    good_path = tmp_path / "good.xlsx"
    good_path.write_bytes(good)
    paths.insert(len(paths) // 2, good_path)
    results = check_files(paths, Settings())
    by_file = {result.file: result for result in results}
    assert by_file["good.xlsx"].problems == ()
    assert by_file["good.xlsx"].rows[0].initiative is not None
    found = {
        name: [(item.file, item.code, item.severity.value) for item in by_file[name].problems]
        for name in HOSTILE
    }
    expected = {name: [(name, code, "error")] for name, (_, code) in HOSTILE.items()}
    assert found == expected


def test_messages_of_rejected_files_say_why(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(_zip_bomb())
    (result,) = check_files([path], Settings())
    assert "compressed abnormally" in result.problems[0].message("en")
    assert "comprimido" in result.problems[0].message("es")


def test_refuses_to_run_without_xml_defences(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENPYXL_DEFUSEDXML", "False")
    with pytest.raises(XmlDefencesError):
        assert_xml_defences()
    with pytest.raises(XmlDefencesError):
        check_files([], Settings())
