"""Checks on a workbook file as bytes and as a zip archive, before any XML is parsed.

Each check returns an :class:`~systematise.normalise.issue.Issue` (``file_unreadable``,
``file_encrypted`` or ``file_rejected`` with a reason) or None. Declared sizes bound what
zipfile will decompress (it stops at the declared size and then fails the CRC check), so
checking them is enough to stop a zip bomb; overlapping entries (CVE-2024-0450) are refused too.
A part that declares a DTD (``<!DOCTYPE``) is refused before parsing: Excel never writes one, and
defusedxml lets an external DTD without entities through (harmless today, but not worth trusting).

What a file is comes from its bytes, never its name: an Excel ``.xlsx``, a LibreOffice ``.ods``
or a legacy ``.xls`` may be read (:func:`sniff_format`); a CSV, PDF, Word or Writer document,
plain text or a picture gets ``wrong_format`` naming what was received, so the focal point knows
how to save the template as a workbook.
"""

from __future__ import annotations

import itertools
import re
import sys
import zipfile
from pathlib import Path

from systematise.config import LimitSettings
from systematise.i18n import N_
from systematise.normalise.issue import Issue
from systematise.read.grid import Format
from systematise.schema.lang import FocalLang
from systematise.schema.problems import in_every_lang

_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
_LEGACY_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_ODF_MIMETYPE = b"application/vnd.oasis.opendocument."
_DIMENSION = re.compile(
    rb"<(?:\w+:)?dimension\s+ref=\"([A-Za-z$]*\$?\d*)(?::\$?([A-Za-z]+)\$?(\d+))?\""
)
_CELL = re.compile(rb"([A-Za-z]+)\$?(\d+)$")
#: Entries below this size may compress as well as they like (an empty sheet compresses 50:1).
_RATIO_FLOOR = 1024 * 1024
_LOCAL_HEADER = 30
#: ``<!DOCTYPE`` as it appears in XML encoded as UTF-8, UTF-16LE or UTF-16BE.
_DOCTYPES = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))
_CHUNK = 1024 * 1024

#: Reasons a file is rejected, for the message's ``{reason}`` (``check`` catalogues).
REASONS: dict[str, str] = {
    "too_large": N_("the file is too large"),
    "too_many_entries": N_("the file has too many parts"),
    "too_much_data": N_("its uncompressed content is too large"),
    "compression_ratio": N_("its content is compressed abnormally"),
    "duplicate_entry": N_("the file has duplicated parts"),
    "overlapping_entries": N_("the parts of the file overlap"),
    "dimension": N_("a sheet declares an absurd size"),
    "xml": N_("it contains XML with entities or external references"),
    "memory": N_("reading it needs too much memory"),
    "timeout": N_("reading it takes too long"),
    "crash": N_("the reader stopped unexpectedly"),
}


def rejected(reason: str) -> Issue:
    return Issue("file_rejected", in_every_lang("reason", REASONS[reason]))


#: What a file that is not a workbook was found to be, for ``{kind}`` (``check`` catalogues).
RECEIVED: dict[str, str] = {
    "csv": N_(
        "a CSV file (comma-separated text), which keeps a single sheet and loses the dropdowns"
    ),
    "pdf": N_("a PDF document"),
    "word": N_("a Word document"),
    "writer": N_("a LibreOffice text document (.odt)"),
    "presentation": N_("a presentation"),
    "text": N_("a text file"),
    "image": N_("a picture"),
    "archive": N_("a compressed archive"),
    "html": N_("a web page (HTML)"),
    "numbers": N_("an Apple Numbers workbook"),
    "xlsb": N_("an Excel binary workbook (.xlsb)"),
}


def wrong_format(kind: str) -> Issue:
    return Issue("wrong_format", in_every_lang("kind", RECEIVED[kind]))


UNREADABLE = Issue("file_unreadable")
ENCRYPTED = Issue("file_encrypted")


def _column_number(letters: bytes) -> int:
    """The column's number; a name past the last one openpyxl knows (ZZZ) is too wide."""
    from openpyxl.utils.cell import column_index_from_string

    try:
        return column_index_from_string(letters.decode("ascii"))
    except ValueError:
        return sys.maxsize


def _dimension_issue(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: LimitSettings
) -> Issue | None:
    with archive.open(info) as stream:
        head = stream.read(64 * 1024)
    found = _DIMENSION.search(head)
    if not found:
        return None
    last = (found.group(2) + found.group(3)) if found.group(2) else found.group(1)
    cell = _CELL.search(last.replace(b"$", b""))
    if not cell:
        return None
    if _column_number(cell.group(1)) > limits.max_columns or int(cell.group(2)) > limits.max_rows:
        return rejected("dimension")
    return None


def _declares_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the entry holds ``<!DOCTYPE`` (read in chunks, within the declared size)."""
    overlap = max(len(marker) for marker in _DOCTYPES) - 1
    tail = b""
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            if any(marker in window for marker in _DOCTYPES):
                return True
            tail = window[-overlap:]
    return False


def _overlapping(entries: list[zipfile.ZipInfo]) -> bool:
    ordered = sorted(entries, key=lambda info: info.header_offset)
    for current, following in itertools.pairwise(ordered):
        end = (
            current.header_offset
            + _LOCAL_HEADER
            + len(current.filename.encode())
            + current.compress_size
        )
        if end > following.header_offset:
            return True
    return False


_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")


def _zip_format(archive: zipfile.ZipFile) -> Format | str | None:
    """A workbook format, the kind of another document, or None for an unknown zip."""
    names = set(archive.namelist())
    if "xl/workbook.xml" in names:
        return Format.XLSX
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "word/document.xml" in names:
        return "word"
    if "ppt/presentation.xml" in names:
        return "presentation"
    if "Index/Document.iwa" in names or any(name.startswith("Index/") for name in names):
        return "numbers"
    if "mimetype" in names:
        info = archive.getinfo("mimetype")
        if info.file_size <= 200:
            mimetype = archive.read(info).strip()
            if mimetype == _ODS_MIMETYPE and "content.xml" in names:
                return Format.ODS
            if mimetype.startswith(_ODF_MIMETYPE + b"text"):
                return "writer"
            if mimetype.startswith(_ODF_MIMETYPE + b"presentation"):
                return "presentation"
    return "archive"


def _plain_kind(head: bytes, suffix: str) -> str | None:
    """What a file that is neither a zip nor a compound file is, from its first bytes."""
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "word"
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    if head.startswith((b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")):
        return "archive"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = head.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if "\x00" in text:
        return None
    lowered = text.lstrip("\ufeff \r\n\t").lower()
    if lowered.startswith(("<!doctype html", "<html", "<table")):
        return "html"
    first_line = lowered.split("\n", 1)[0]
    if suffix in (".csv", ".tsv") or any(first_line.count(sep) >= 3 for sep in ",;\t"):
        return "csv"
    return "text"


def sniff_format(path: Path) -> Format | None:
    """The workbook format of ``path`` by its bytes, or None when it is not a readable one."""
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
        if head.startswith(_CFB):
            data = path.read_bytes()
            if any(name in data for name in _LEGACY_STREAMS) and not any(
                name in data for name in _ENCRYPTED_STREAMS
            ):
                return Format.XLS
            return None
        if head.startswith(b"PK"):
            with zipfile.ZipFile(path) as archive:
                found = _zip_format(archive)
            return found if isinstance(found, Format) else None
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return None
    return None


def check_archive(path: Path, limits: LimitSettings) -> Issue | None:
    """The reason ``path`` must not be parsed, or None when it may be."""
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError:
        return UNREADABLE
    if size == 0:
        return UNREADABLE
    if size > limits.max_file_bytes:
        return rejected("too_large")
    if head.startswith(_CFB):
        return _compound_file(path)
    if not head.startswith(b"PK"):
        kind = _plain_kind(head, path.suffix.lower())
        return wrong_format(kind) if kind is not None else UNREADABLE
    try:
        with zipfile.ZipFile(path) as archive:
            return _zip_issue(archive, limits)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return UNREADABLE


def _compound_file(path: Path) -> Issue | None:
    """An OLE compound file: an encrypted workbook, a legacy .xls, or a legacy Word file."""
    data = path.read_bytes()
    if any(name in data for name in _ENCRYPTED_STREAMS):
        return ENCRYPTED
    if any(name in data for name in _LEGACY_STREAMS):
        return None
    if _WORD_STREAM in data:
        return wrong_format("word")
    return ENCRYPTED


def _zip_issue(archive: zipfile.ZipFile, limits: LimitSettings) -> Issue | None:
    entries = archive.infolist()
    if len(entries) > limits.max_archive_entries:
        return rejected("too_many_entries")
    names = [info.filename for info in entries]
    if len(set(names)) != len(names):
        return rejected("duplicate_entry")
    if any(info.flag_bits & 0x1 for info in entries):
        return ENCRYPTED
    if sum(info.file_size for info in entries) > limits.max_uncompressed_bytes:
        return rejected("too_much_data")
    for info in entries:
        if info.file_size > _RATIO_FLOOR and (
            info.file_size > limits.max_compression_ratio * max(info.compress_size, 1)
        ):
            return rejected("compression_ratio")
    if _overlapping(entries):
        return rejected("overlapping_entries")
    found = _zip_format(archive)
    if found == "archive":
        # Another zip, or a workbook whose parts are missing.
        return UNREADABLE
    if not isinstance(found, Format):
        return wrong_format(found) if found is not None else UNREADABLE
    if found == Format.XLSX:
        for info in entries:
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                issue = _dimension_issue(archive, info, limits)
                if issue is not None:
                    return issue
    for info in entries:
        if info.filename.endswith((".xml", ".rels", ".vml")) and _declares_dtd(archive, info):
            return rejected("xml")
    return None


def csv_template_lang(path: Path) -> FocalLang | None:
    """The template language whose headers a CSV saved from the template holds, if any.

    Only the first part of the file is read, as text; nothing in it is interpreted.
    """
    from systematise.schema.vocabulary import fold
    from systematise.template import layout

    try:
        with path.open("rb") as stream:
            head = stream.read(64 * 1024)
    except OSError:
        return None
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        try:
            text = fold(head.decode(encoding))
            break
        except UnicodeDecodeError:
            continue
    else:
        return None
    padded = f" {text} "
    return layout.labels_lang(lambda key: f" {key} " in padded, minimum=3)
