"""The hostile cycle (:mod:`tests.hostile.cycle`) built end to end: what may not reach a reader.

- every hostile file is left out with one error naming it, in Spanish and English, and the
  good workbooks are published;
- the canary's token is in no byte of any output, and the sentinel got no request;
- hostile text is shown literally in HTML, PDF and DOCX, never interpreted;
- the HTML has no script, no event handler, no ``javascript:``/``data:``/``file:`` link;
- the PDF has no JavaScript, launch action, embedded file or non-http(s) URI;
- the DOCX has no external relationship but http(s) hyperlinks, and no field but the TOC;
- the xlsx and CSV exports hold no formula and neutralise formula-like text;
- no personal value (focal point, masked free text, comments, hidden sheets and columns,
  document properties) is in any output.

Decision (DOCX): an external relationship is allowed only as a hyperlink (relationship type
``.../hyperlink``) to an ``http``/``https`` target, the one kind of link the report makes.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from systematise.export.cells import FORMULA_PREFIXES, NEUTRALISER
from tests.hostile.cycle import (
    FOCAL_POINT,
    HOSTILE_FILE_NAME,
    PERSONAL_IN_TEXT,
    REJECTED_FILES,
    SECRETS,
    HostileBuild,
    hostile_build,
)
from tests.hostile.scan import QPDF, expanded_outputs, parse_html, where

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(QPDF is None, reason="qpdf missing (make test installs it)"),
]

HTML_PAGES = ("index.html", "es/report.html", "en/report.html")
PDFS = ("es/report.pdf", "en/report.pdf")
DOCXS = ("es/report.docx", "en/report.docx")


@pytest.fixture(scope="module")
def cycle() -> HostileBuild:
    return hostile_build()


@pytest.fixture(scope="module")
def outputs(cycle: HostileBuild) -> dict[str, bytes]:
    return expanded_outputs(cycle.output)


@pytest.fixture(scope="module")
def report(cycle: HostileBuild) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((cycle.output / "build-report.json").read_text("utf-8"))
    return data


# --- the batch ---------------------------------------------------------------------------------


def test_each_hostile_file_is_left_out_with_one_error_naming_it(report: dict[str, Any]) -> None:
    whole_files = {row["file"]: row for row in report["excluded"] if row["row"] is None}
    assert sorted(whole_files) == sorted(REJECTED_FILES)
    for name, row in whole_files.items():
        (problem,) = row["problems"]
        assert problem["file"] == name and problem["severity"] == "error"
        assert problem["message_es"] and problem["message_en"]
        assert problem["message_es"] != problem["message_en"]


def test_the_good_workbooks_are_published(cycle: HostileBuild, report: dict[str, Any]) -> None:
    assert cycle.result.ok and report["ok"]
    included = {row["file"]: row["included"] for row in report["files"]}
    assert included["MEX-2025.xlsx"] == 4 and included["TTO-2025.xlsx"] == 1
    formula_rows = [row for row in report["excluded"] if row["file"] == "TTO-2025.xlsx"]
    assert [(p["code"], p["cell"]) for row in formula_rows for p in row["problems"]] == [
        ("formula_in_cell", "AG4"),
        ("formula_in_cell", "AX4"),
    ]


def test_no_temporary_file_is_left(cycle: HostileBuild) -> None:
    kept = cycle.output / ".cache"  # subset fonts, charts, PDF parts for the next build
    names = [p.name for p in cycle.output.rglob("*") if p != kept and kept not in p.parents]
    assert [n for n in names if n.startswith(".") or n.endswith(".tmp")] == []
    assert [p.name for p in kept.rglob("*") if p.name.endswith(".tmp")] == []


# --- nothing read, nothing fetched ---------------------------------------------------------------


def test_the_canary_is_in_no_byte_of_any_output(
    cycle: HostileBuild, outputs: dict[str, bytes]
) -> None:
    assert any(name.endswith("!qdf") for name in outputs)
    assert where(cycle.canary.token, outputs) == []


def test_the_sentinel_received_no_request(cycle: HostileBuild) -> None:
    assert cycle.requests == ()


# --- hostile text shown, never run -------------------------------------------------------------

#: Every kind of quote as one, so a literal matches its text set in house style.
_QUOTES = str.maketrans(dict.fromkeys("'\u2018\u2019\u201c\u201d\u00ab\u00bb", '"'))

LITERAL = (
    "{{ 7*7 }}",
    "{% raw %}",
    "```{=openxml}",
    "<w:p><w:r><w:t>RAW-OPENXML</w:t></w:r></w:p>",
    "[link](javascript:alert(1))",
    "<script>alert('xss')</script>",
)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("page", ["es/report.html", "en/report.html"])
def test_hostile_text_is_shown_literally_in_html(cycle: HostileBuild, page: str) -> None:
    text = _squash("".join(parse_html((cycle.output / page).read_text("utf-8")).text))
    # House style sets straight quotes in submitted prose as typographic ones (« » in Spanish).
    text = text.translate(_QUOTES)
    for literal in LITERAL:
        assert literal.translate(_QUOTES) in text


@pytest.mark.parametrize("pdf", PDFS)
def test_hostile_text_is_shown_literally_in_pdf(outputs: dict[str, bytes], pdf: str) -> None:
    text = _squash(outputs[f"{pdf}!text"].decode("utf-8"))
    for literal in ("{{ 7*7 }}", "{% raw %}", "{=openxml}", "RAW-OPENXML", "<script>"):
        assert literal in text


@pytest.mark.parametrize("docx", DOCXS)
def test_hostile_text_is_shown_literally_in_docx(outputs: dict[str, bytes], docx: str) -> None:
    document = outputs[f"{docx}!word/document.xml"].decode("utf-8")
    text = _squash("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", document)))
    for literal in ("{{ 7*7 }}", "{% raw %}", "{=openxml}", "&lt;w:p&gt;", "&lt;script&gt;"):
        assert literal in text
    assert "<w:t>RAW-OPENXML</w:t>" not in document  # the raw block did not become Word XML


# --- HTML -----------------------------------------------------------------------------------------

#: Links the report makes: http(s), its own anchors, its companion files and the landing page.
_SAFE_HREF = re.compile(
    r"^(https?://|#|(\.\./)?((es|en)/)?report\.(html|pdf|docx)$|(\.\./)?data/([\w.-]+)?$"
    r"|\.\./index\.html#data-(es|en)$)"
)
_SAFE_SRC = re.compile(r"^data:image/(svg\+xml|png);base64,")
_FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "frame", "base", "form", "link", "svg"}


@pytest.mark.parametrize("page", HTML_PAGES)
def test_html_has_no_script_handler_or_dangerous_url(cycle: HostileBuild, page: str) -> None:
    html = (cycle.output / page).read_text("utf-8")
    assert "<script" not in html.lower()
    assert "javascript:" not in re.sub(r">[^<]*<", "><", html).lower()  # only in text
    tags = parse_html(html).tags
    for tag, attributes in tags:
        assert tag not in _FORBIDDEN_TAGS, tag
        for name, value in attributes:
            assert not name.startswith("on"), (tag, name, value)
            assert name not in ("srcdoc", "formaction", "xlink:href"), (tag, name)
            if name == "href":
                assert value is not None and _SAFE_HREF.match(value), (tag, value)
            if name in ("src", "srcset"):
                assert value is not None and _SAFE_SRC.match(value), (tag, (value or "")[:60])
            if name == "style":
                assert value is not None and "url(" not in value, (tag, value)
    policy = [dict(a).get("content") for t, a in tags if dict(a).get("http-equiv")]
    assert any(p and "default-src 'none'" in p for p in policy)


# --- PDF ------------------------------------------------------------------------------------------

_PDF_FORBIDDEN = re.compile(
    rb"/(JavaScript|JS|Launch|EmbeddedFile|EmbeddedFiles|SubmitForm|ImportData|GoToR|GoToE"
    rb"|RichMedia|OpenAction|AA|XFA)\b"
)
_PDF_URI = re.compile(rb"/URI\s*\(([^)]*)\)")


@pytest.mark.parametrize("pdf", PDFS)
def test_pdf_has_no_script_launch_attachment_or_local_link(
    outputs: dict[str, bytes], pdf: str
) -> None:
    expanded = outputs[f"{pdf}!qdf"]
    assert _PDF_FORBIDDEN.findall(expanded) == []
    uris = _PDF_URI.findall(expanded)
    assert uris and all(re.match(rb"^https?://", uri) for uri in uris), uris


# --- DOCX -----------------------------------------------------------------------------------------

_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


@pytest.mark.parametrize("docx", DOCXS)
def test_docx_has_only_http_hyperlinks_outside_and_only_the_toc_field(
    outputs: dict[str, bytes], docx: str
) -> None:
    members = {
        name.split("!", 1)[1]: data for name, data in outputs.items() if name.startswith(docx + "!")
    }
    assert "word/document.xml" in members
    for name, data in members.items():
        text = data.decode("utf-8", "replace")
        if name.endswith(".rels"):
            for relationship in re.findall(r"<Relationship\b[^>]*>", text):
                if 'TargetMode="External"' in relationship:
                    assert f'Type="{_HYPERLINK}"' in relationship, relationship
                    assert re.search(r'Target="https?://', relationship), relationship
        assert not name.startswith(("word/embeddings", "word/activeX")), name
        assert not name.endswith((".bin", ".vba")), name
        if name.endswith(".xml"):
            assert "<w:altChunk" not in text and "<w:subDoc" not in text
            assert "<w:attachedTemplate" not in text and "<w:object" not in text
            assert "<w:fldSimple" not in text, name
            instructions = re.findall(r"<w:instrText[^>]*>([^<]*)<", text)
            # The contents' TOC field; the footer's page number.
            fields = ("PAGE",) if name.startswith("word/footer") else ("TOC",)
            assert all(i.split()[0] in fields for i in instructions), instructions


# --- open data ------------------------------------------------------------------------------------


def test_xlsx_export_has_no_formula_and_neutralises_formula_like_text(
    outputs: dict[str, bytes],
) -> None:
    from openpyxl import load_workbook

    sheets = [
        data.decode("utf-8")
        for name, data in outputs.items()
        if name.startswith("data/initiatives.xlsx!xl/worksheets/")
    ]
    assert sheets and all("<f>" not in s and "<f " not in s for s in sheets)
    workbook = load_workbook(io.BytesIO(outputs["data/initiatives.xlsx"]))
    texts = [
        cell.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert any(t.startswith(NEUTRALISER + "+52 =1+1") for t in texts)
    assert any(t.startswith(NEUTRALISER + "=HYPERLINK(") for t in texts)
    assert not [t for t in texts if t.startswith(FORMULA_PREFIXES)]


def test_csv_export_neutralises_formula_like_text(outputs: dict[str, bytes]) -> None:
    rows = list(csv.reader(io.StringIO(outputs["data/initiatives.csv"].decode("utf-8-sig"))))
    values = [value for row in rows for value in row]
    assert any(v.startswith(NEUTRALISER + "=HYPERLINK(") for v in values)
    assert not [v for v in values if v.startswith(FORMULA_PREFIXES)]


# --- personal data --------------------------------------------------------------------------------


def test_no_personal_value_is_in_any_output(outputs: dict[str, bytes]) -> None:
    personal = [*SECRETS.values(), *FOCAL_POINT.values(), *PERSONAL_IN_TEXT.values()]
    found = {value: where(value, outputs) for value in personal}
    assert found == {value: [] for value in personal}


def test_the_hostile_file_name_is_only_in_the_build_report(
    cycle: HostileBuild, outputs: dict[str, bytes]
) -> None:
    assert where(HOSTILE_FILE_NAME, outputs) == ["build-report.json"]
    for page in HTML_PAGES:
        assert "<svg" not in (cycle.output / page).read_text("utf-8")


def test_build_report_names_problems_not_personal_values(cycle: HostileBuild) -> None:
    text = (cycle.output / "build-report.json").read_text("utf-8")
    for value in (*SECRETS.values(), *FOCAL_POINT.values(), *PERSONAL_IN_TEXT.values()):
        assert value not in text


def test_control_the_scan_finds_a_token_in_a_zip_member_and_a_pdf_attachment(
    tmp_path: Path,
) -> None:
    import zipfile

    from pypdf import PdfWriter

    token = "CONTROL" + "7" * 20
    with zipfile.ZipFile(tmp_path / "a.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", ("x" * 5000 + token).encode())
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_attachment("leak.txt", (token * 50).encode())
    plain = tmp_path.parent / f"{tmp_path.name}-plain.pdf"
    with plain.open("wb") as stream:
        writer.write(stream)
    assert QPDF is not None
    packed = ["--compress-streams=y", "--object-streams=generate", "--recompress-flate"]
    subprocess.run([QPDF, *packed, str(plain), str(tmp_path / "b.pdf")], check=True)
    outputs = expanded_outputs(tmp_path)
    assert where(token, outputs) == ["a.docx!word/document.xml", "b.pdf!qdf"]
    assert _PDF_FORBIDDEN.search(outputs["b.pdf!qdf"])
