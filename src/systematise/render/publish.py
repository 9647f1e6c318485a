"""Writing the rendered report into the output folder, atomically.

Layout: ``<out>/index.html``, ``<out>/<lang>/report.html`` and ``<out>/<lang>/report.pdf``
(the DOCX and ``<out>/data/`` are written by their own stages).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from systematise.atomic import write_bytes, write_text
from systematise.render.html import Downloads, render_report_html
from systematise.render.landing import render_index_html
from systematise.schema.lang import Lang
from systematise.wording.document import Report


def html_path(out_dir: Path, lang: Lang) -> Path:
    return out_dir / lang / "report.html"


def pdf_path(out_dir: Path, lang: Lang) -> Path:
    return out_dir / lang / "report.pdf"


def publish_html(reports: dict[Lang, Report], out_dir: Path, downloads: Downloads) -> list[Path]:
    """Each language's ``report.html`` and the landing page ``index.html``."""
    written = []
    for lang, report in reports.items():
        target = html_path(out_dir, lang)
        write_text(target, render_report_html(report, "screen", downloads))
        written.append(target)
    index = out_dir / "index.html"
    write_text(index, render_index_html(reports, downloads))
    written.append(index)
    return written


def publish_pdf(reports: dict[Lang, Report], out_dir: Path) -> list[Path]:
    """Each language's ``report.pdf``, sharing one WeasyPrint cache."""
    from systematise.render.pdf import write_report_pdf  # WeasyPrint: imported when needed

    cache: dict[str, Any] = {}
    written = []
    for lang, report in reports.items():
        buffer = io.BytesIO()
        write_report_pdf(report, buffer, cache)
        target = pdf_path(out_dir, lang)
        write_bytes(target, buffer.getvalue())
        written.append(target)
    return written
