"""Looking inside every output of a build: zip members, decompressed PDF objects, PDF text.

:func:`expanded_outputs` maps a name to bytes for every file under the output folder, plus one
entry per member of each zip (xlsx, docx), plus each PDF with its streams decompressed and
object streams unpacked (``qpdf --qdf``) and its text (``pdftotext``): a string that is in none
of these is in no byte of any output.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

QPDF = shutil.which("qpdf")
PDFTOTEXT = shutil.which("pdftotext")


def expanded_pdf(path: Path) -> bytes:
    """The PDF with every stream decompressed and object streams unpacked."""
    assert QPDF is not None, "qpdf is missing (make test installs it)"
    result = subprocess.run(
        [QPDF, "--qdf", "--object-streams=disable", "--stream-data=uncompress", str(path), "-"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode in (0, 3), result.stderr  # 3: warnings only
    return result.stdout


def pdf_text(path: Path) -> str:
    assert PDFTOTEXT is not None, "pdftotext is missing (make test installs poppler-utils)"
    result = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return result.stdout.decode("utf-8")


def expanded_outputs(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` and everything inside it, by a readable name."""
    found: dict[str, bytes] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        name = path.relative_to(root).as_posix()
        data = path.read_bytes()
        found[name] = data
        if zipfile.is_zipfile(io.BytesIO(data)):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.namelist():
                    found[f"{name}!{member}"] = archive.read(member)
        if data.startswith(b"%PDF"):
            found[f"{name}!qdf"] = expanded_pdf(path)
            found[f"{name}!text"] = pdf_text(path).encode("utf-8")
    return found


def encodings(text: str) -> list[bytes]:
    """``text`` as it may be stored: UTF-8, UTF-16 (both orders) and HTML-escaped."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return [
        text.encode("utf-8"),
        text.encode("utf-16-be"),
        text.encode("utf-16-le"),
        escaped.encode("utf-8"),
    ]


def where(needle: str, outputs: dict[str, bytes]) -> list[str]:
    """The names of the outputs holding ``needle`` in any of its :func:`encodings`."""
    forms = encodings(needle)
    return [name for name, data in outputs.items() if any(form in data for form in forms)]


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the page's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    parser.close()
    return parser
