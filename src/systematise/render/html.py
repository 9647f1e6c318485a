"""The report as HTML, from the Jinja2 templates in ``templates/report/``.

Templates run with autoescaping on and ``StrictUndefined``; every string they add comes from the
gettext ``report`` domain through Jinja2's i18n extension. The same templates give two variants:
``screen`` (the published, self-contained ``report.html``: inline CSS, fonts as data: URIs, a
strict Content-Security-Policy so that nothing can be fetched) and ``print`` (the source of the
PDF, laid out in parts: page layout, running heads, fonts read from the assets folder).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from jinja2 import Environment

from systematise.http_headers import REPORT_CSP
from systematise.i18n import jinja_environment
from systematise.render.fonts import font_face_css
from systematise.resources import package_file
from systematise.schema.lang import Lang
from systematise.wording.document import Report

if TYPE_CHECKING:
    from systematise.render.pdf.parts import Part

Medium = Literal["screen", "print"]


@dataclass(frozen=True)
class Downloads:
    """Which companion files the HTML links to (relative to the report's folder)."""

    pdf: bool = True
    docx: bool = False
    data: bool = False


def environment(lang: Lang) -> Environment:
    return jinja_environment("report", "report", lang)


@cache
def stylesheet(medium: Medium) -> str:
    """The report's CSS for ``medium``, with its @font-face rules."""
    files = ("report.css", "screen.css" if medium == "screen" else "print.css")
    css = "\n".join(package_file("render", "assets", f).read_text(encoding="utf-8") for f in files)
    return font_face_css(embedded=medium == "screen") + "\n" + css


def render_report_html(
    report: Report,
    medium: Medium,
    downloads: Downloads,
    part: Part | None = None,
    pages: Mapping[str, int] | None = None,
) -> str:
    """The whole report, or with ``part`` one part of the PDF.

    ``pages``: in the PDF, the printed page of each anchor the part refers to (the TOC's and
    the figures' in the front matter, the fiches' in the annexes).
    """
    template = environment(report.lang).get_template("report.html.j2")
    return template.render(
        report=report,
        medium=medium,
        downloads=downloads,
        stylesheet=stylesheet(medium),
        csp=REPORT_CSP,
        part=part,
        pages=pages,
    )
