"""Hostile workbooks, made by code at test time from a good template.

Two kinds of maker:

- byte-level: take the bytes of a good filled-in template and break the archive or its XML
  (bombs, lies in the zip directory, entity expansion, external entities, XInclude, absurd sizes);
- workbook-level: take the openpyxl workbook of a good template and put hostile content where a
  focal point could type it (formulas, markup, template syntax, local and internal addresses,
  personal data in comments, hidden sheets, hidden columns and document properties).

Every maker is a pure function of its arguments, so a failing case can be rebuilt and opened.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from systematise.config import Settings
from systematise.schema.fieldmeta import field_specs
from systematise.schema.models import Initiative
from systematise.template import layout
from systematise.template.archive import workbook_bytes
from systematise.template.fill import fill_workbook
from systematise.xlsx import custom_properties
from tests.support.workbooks import VALID_HEADER, VALID_INITIATIVE, workbook_from_md

INITIATIVES_ENTRY = "xl/worksheets/sheet3.xml"  # instructions, submission, initiatives, ...
SUBMISSION_ENTRY = "xl/worksheets/sheet2.xml"
SHARED_STRINGS = "xl/sharedStrings.xml"
_SHARED_STRINGS_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
)

#: Free-text and one-line text fields of an initiative a focal point types into.
TEXT_FIELDS = tuple(
    spec.key for spec in field_specs(Initiative) if spec.kind in ("free_text", "text", "text_list")
)
FREE_TEXT_FIELDS = tuple(spec.key for spec in field_specs(Initiative) if spec.kind == "free_text")


@dataclass(frozen=True)
class Targets:
    """Where hostile inputs point: the canary file's URL and the sentinel server's URL."""

    canary_url: str
    sentinel_url: str


# --- good material ---------------------------------------------------------------------------


def good_workbook(title: str = "Iniciativa de un libro correcto", lang: str = "es") -> Workbook:
    md = f"| title |\n|---|\n| {title} |"
    return workbook_from_md(md, lang="en" if lang == "en" else "es")


def good_bytes(title: str = "Iniciativa de un libro correcto") -> bytes:
    return workbook_bytes(good_workbook(title))


# --- byte level: the archive -----------------------------------------------------------------


def rewrite(
    data: bytes,
    changes: Mapping[str, Callable[[bytes], bytes]] | None = None,
    *,
    extra: Mapping[str, bytes] | None = None,
    directory: Callable[[list[zipfile.ZipInfo]], None] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """``data`` with entries changed, entries added, and the central directory edited last.

    ``directory`` receives the list of entries just before the central directory is written,
    so it can lie about sizes, duplicate a name or point two entries at the same bytes.
    """
    changes = changes or {}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", compression) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename in changes:
                content = changes[info.filename](content)
            target.writestr(info.filename, content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
        if directory is not None:
            directory(target.filelist)
    return out.getvalue()


def zip_bomb(megabytes: int = 40, name: str = INITIATIVES_ENTRY) -> bytes:
    """A good workbook whose sheet is replaced by ``megabytes`` of zeros (ratio ~1000:1)."""
    return rewrite(good_bytes(), {name: lambda _old: b"\0" * (megabytes * 1024 * 1024)})


def many_entries(count: int = 600) -> bytes:
    return rewrite(good_bytes(), extra={f"xl/media/pad{i}.bin": b"x" for i in range(count)})


def duplicate_entry(name: str = "xl/workbook.xml") -> bytes:
    def duplicate(entries: list[zipfile.ZipInfo]) -> None:
        entries.append(copy.copy(next(info for info in entries if info.filename == name)))

    return rewrite(good_bytes(), directory=duplicate)


def overlapping_entries() -> bytes:
    """Two directory entries pointing at the same local file (the CVE-2024-0450 shape)."""

    def overlap(entries: list[zipfile.ZipInfo]) -> None:
        twin = copy.copy(next(info for info in entries if info.filename == INITIATIVES_ENTRY))
        twin.filename = twin.orig_filename = "xl/worksheets/sheet99.xml"
        entries.append(twin)

    return rewrite(good_bytes(), directory=overlap)


def size_lie(declared: int, name: str = INITIATIVES_ENTRY) -> bytes:
    """The directory declares ``declared`` bytes for ``name`` (above 4 GiB: a zip64 record)."""

    def lie(entries: list[zipfile.ZipInfo]) -> None:
        next(info for info in entries if info.filename == name).file_size = declared

    return rewrite(good_bytes(), directory=lie)


def nested_zip(inner: bytes) -> bytes:
    """A good workbook carrying another archive as an embedded part (never opened)."""
    return rewrite(good_bytes(), extra={"xl/embeddings/oleObject1.bin": inner})


def stored_bomb_entry() -> bytes:
    """A sheet stored uncompressed but far beyond the limits (the file itself is large)."""
    return rewrite(
        good_bytes(),
        {INITIATIVES_ENTRY: lambda old: old + b" " * (21 * 1024 * 1024)},
        compression=zipfile.ZIP_STORED,
    )


def compound_file(*streams: str) -> bytes:
    """An OLE compound file (CFB) header followed by the named directory streams."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    return header + b"".join(name.encode("utf-16-le") for name in streams)


def ods() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def docx_like() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


# --- byte level: the XML ---------------------------------------------------------------------


def _laughs() -> str:
    lines = ['<!ENTITY lol0 "lol">']
    for level in range(1, 10):
        lines.append(f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">')
    return "".join(lines)


def xml_attack(kind: str, root: str, targets: Targets) -> tuple[str, str]:
    """(DOCTYPE placed before the root element, text placed inside the root) for ``kind``."""
    if kind == "billion_laughs":
        return f"<!DOCTYPE {root} [{_laughs()}]>", "&lol9;"
    if kind == "xxe_file":
        return f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{targets.canary_url}">]>', "&xxe;"
    if kind == "xxe_http":
        return f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{targets.sentinel_url}xxe">]>', "&xxe;"
    if kind == "parameter_entity":
        return (
            f'<!DOCTYPE {root} [<!ENTITY % p SYSTEM "{targets.sentinel_url}p.dtd"> %p;]>',
            "",
        )
    if kind == "external_dtd":
        return f'<!DOCTYPE {root} SYSTEM "{targets.sentinel_url}x.dtd">', ""
    if kind == "xinclude":
        include = '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{}" parse="text"/>'
        return "", include.format(targets.canary_url) + include.format(targets.sentinel_url)
    raise ValueError(kind)


_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>\s*")
_ROOT = re.compile(rb"<([\w:]+)[^>]*?(/?)>")


def poison_xml(document: bytes, kind: str, targets: Targets) -> bytes:
    """``document`` with the attack ``kind`` before and inside its root element."""
    body = _DECLARATION.sub(b"", document)
    root = _ROOT.search(body)
    assert root is not None
    doctype, inside = xml_attack(kind, root.group(1).decode(), targets)
    if root.group(2):  # an empty root: <root/> → <root>inside</root>
        opened = body[: root.end() - 2] + b">" + inside.encode() + b"</" + root.group(1) + b">"
        body = opened + body[root.end() :]
    else:
        body = body[: root.end()] + inside.encode() + body[root.end() :]
    return b'<?xml version="1.0" encoding="UTF-8"?>' + doctype.encode() + body


_SHARED = (
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    b'uniqueCount="1"><si><t>hola</t></si></sst>'
)


def _with_shared_strings(data: bytes) -> bytes:
    """``data`` with a sharedStrings part declared (the good template has none)."""

    def declare(types: bytes) -> bytes:
        override = f'<Override PartName="/{SHARED_STRINGS}" ContentType="{_SHARED_STRINGS_TYPE}"/>'
        return types.replace(b"</Types>", override.encode() + b"</Types>")

    def relate(rels: bytes) -> bytes:
        link = (
            '<Relationship Id="rIdSST" Target="sharedStrings.xml" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
        )
        return rels.replace(b"</Relationships>", link.encode() + b"</Relationships>")

    return rewrite(
        data,
        {"[Content_Types].xml": declare, "xl/_rels/workbook.xml.rels": relate},
        extra={SHARED_STRINGS: _SHARED},
    )


#: The parts an XML attack is placed in.
XML_PARTS = {
    "sheet": INITIATIVES_ENTRY,
    "sharedstrings": SHARED_STRINGS,
    "workbook": "xl/workbook.xml",
    "core": "docProps/core.xml",
}


def xml_attack_workbook(kind: str, part: str, targets: Targets) -> bytes:
    data = good_bytes()
    if part == "sharedstrings":
        data = _with_shared_strings(data)
    return rewrite(data, {XML_PARTS[part]: lambda old: poison_xml(old, kind, targets)})


# --- byte level: sizes -----------------------------------------------------------------------


def declared_dimension(ref: str) -> bytes:
    def change(old: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), old)

    return rewrite(good_bytes(), {INITIATIVES_ENTRY: change})


def far_cell(coordinate: str) -> bytes:
    row = re.sub(r"^[A-Z]+", "", coordinate)

    def change(old: bytes) -> bytes:
        old = re.sub(rb"<dimension [^>]*/>", b"", old)
        far = f'<row r="{row}"><c r="{coordinate}" t="inlineStr"><is><t>x</t></is></c></row>'
        return old.replace(b"</sheetData>", far.encode() + b"</sheetData>")

    return rewrite(good_bytes(), {INITIATIVES_ENTRY: change})


# --- workbook level --------------------------------------------------------------------------


def initiatives_sheet(workbook: Workbook) -> Worksheet:
    """The initiatives sheet of a template in either language."""
    for name in layout.SHEET_NAMES["initiatives"].values():
        if name in workbook.sheetnames:
            sheet: Worksheet = workbook[name]
            return sheet
    raise KeyError("initiatives sheet")


def column_of(sheet: Worksheet, key: str) -> int:
    """The column holding machine key ``key`` in the initiatives sheet's key row."""
    for cell in sheet[layout.KEY_ROW]:
        if cell.value == key:
            return int(cell.column)
    raise KeyError(key)


def workbook_with_rows(
    rows: list[dict[str, object]],
    lang: str = "es",
    header: Mapping[str, object] | None = None,
) -> Workbook:
    """A filled template with one initiative per mapping (fields left out take valid values).

    Written through the fill API directly (not a Markdown table), so any character survives.
    """
    initiatives = [{**VALID_INITIATIVE, **row} for row in rows]
    return fill_workbook(
        "en" if lang == "en" else "es", header or VALID_HEADER, initiatives, Settings()
    )


def hostile_texts(targets: Targets) -> list[str]:
    """Markup, code and addresses a focal point could type into a text field."""
    canary, sentinel = targets.canary_url, targets.sentinel_url
    return [
        "<script>alert('xss')</script><img src=x onerror=alert(1)>",
        f'<img src="{canary}"><img src="{sentinel}img.png"><iframe src="{sentinel}f"></iframe>',
        f'<link rel="attachment" href="{canary}"><link rel="stylesheet" href="{sentinel}s.css">',
        f"<style>@import url({sentinel}i.css); body {{ background: url({canary}) }}</style>",
        f'<a href="javascript:alert(1)">click</a> <a href="{canary}">local</a>',
        f"[link](javascript:alert(1)) ![img]({canary}) ![remote]({sentinel}m.png) **bold**",
        "```{=openxml}\n<w:p><w:r><w:t>RAW-OPENXML</w:t></w:r></w:p>\n```",
        '<w:p><w:r><w:fldSimple w:instr="INCLUDETEXT c:\\\\secret"/></w:r></w:p>',
        "`{=html}`<b>raw</b> [x]{onclick=alert(1) style=color:red} ::: {.warning}",
        "{{ 7*7 }} {% raw %}{{ config }}{% endraw %} ${7*7} <%= 7*7 %> {# c #}",
        f"data:text/html,<script>alert(1)</script> {canary} {sentinel}free-text",
        "\u202eevil\u202c \u200b zero-width \ufeff bom",
        "> " * 200 + "deeply quoted",
        '"' * 400 + "quotes" + "'" * 400,
    ]


def write_formula(sheet: Worksheet, row: int, key: str, formula: str) -> str:
    """Write ``formula`` (a live formula for openpyxl) into ``key``'s cell; its coordinate."""
    cell = sheet.cell(row=row, column=column_of(sheet, key))
    cell.value = formula
    return str(cell.coordinate)


def hide_personal_data(workbook: Workbook, secrets: Mapping[str, str]) -> None:
    """Put each secret where nothing should read it: comment, hidden sheet, hidden column,
    very hidden sheet and document properties."""
    sheet = initiatives_sheet(workbook)
    sheet.cell(row=layout.FIRST_DATA_ROW, column=1).comment = Comment(
        f"Llamar a {secrets['comment']}", "Revisor"
    )
    hidden = workbook.create_sheet("Contactos")
    hidden.sheet_state = "hidden"
    hidden["A1"] = secrets["hidden_sheet"]
    very = workbook.create_sheet("Notas")
    very.sheet_state = "veryHidden"
    very["A1"] = secrets["very_hidden_sheet"]
    spare = sheet.max_column + 2
    sheet.cell(row=layout.FIRST_DATA_ROW, column=spare).value = secrets["hidden_column"]
    letter = get_column_letter(spare)
    sheet.column_dimensions[letter].hidden = True
    workbook.properties.creator = secrets["creator"]
    workbook.properties.lastModifiedBy = secrets["creator"]
    workbook.properties.description = secrets["description"]
    custom_properties(workbook).append(StringProperty(name="Contact", value=secrets["custom"]))


def header_with(**changes: object) -> dict[str, object]:
    header = dict(VALID_HEADER)
    header.update(changes)
    return header
