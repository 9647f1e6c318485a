"""The landing page ``output/index.html``: both languages side by side.

A reader decides there what to open, so each language's part shows what the files are before
they are downloaded: a thumbnail of the PDF's cover, every file with its format and size (in
that language's number format), the publication date, the publisher, the licence and whom to
write to (``[report] contact``), and a few figures of what the cycle covers.

The page describes the other outputs, so the build renders it after all of them
(:data:`systematise.pipeline.outputs.OUTPUTS`, ``last``): :func:`published_files` reads their
sizes and draws each PDF's first page with pypdfium2 into a PNG thumbnail (no network, no
WeasyPrint). The thumbnail is embedded as a ``data:`` URI, so the page stays self-contained
under the report's Content-Security-Policy. A file that is not there (a partial render, the
benchmark's HTML step) is linked without a size, and a missing PDF gives no thumbnail.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel.units import format_unit
from markupsafe import Markup

from systematise.config import contact_href
from systematise.http_headers import REPORT_CSP
from systematise.render.html import Downloads, environment, stylesheet
from systematise.schema.lang import REPORT_LANGS, Lang
from systematise.wording.document import Report

#: Width of the cover thumbnail as shown (CSS px) and as drawn (twice that, for sharp screens).
THUMBNAIL_CSS_WIDTH = 150
THUMBNAIL_SCALE = 2

#: The files each language's part links to, relative to the output folder ({lang}: its own).
REPORT_FILES = ("{lang}/report.html", "{lang}/report.pdf", "{lang}/report.docx")
DATA_FILES = (
    "data/initiatives.csv",
    "data/initiatives.json",
    "data/initiatives.xlsx",
    "data/datapackage.json",
)


@dataclass(frozen=True)
class Thumbnail:
    png: bytes
    width: int
    height: int

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass(frozen=True)
class Published:
    """What the landing page knows of the files it links to."""

    #: Size in bytes of each file found, by its path relative to the output folder.
    sizes: Mapping[str, int] = field(default_factory=dict)
    #: The cover of each language's PDF.
    covers: Mapping[Lang, Thumbnail] = field(default_factory=dict)


def published_files(find: Callable[[str], Path | None]) -> Published:
    """Sizes and cover thumbnails of the outputs; ``find`` gives a relative path's file or None."""
    sizes: dict[str, int] = {}
    covers: dict[Lang, Thumbnail] = {}
    for lang in REPORT_LANGS:
        for pattern in (*REPORT_FILES, *DATA_FILES):
            relative = pattern.format(lang=lang)
            path = find(relative)
            if path is not None:
                sizes[relative] = path.stat().st_size
        pdf = find(f"{lang}/report.pdf")
        if pdf is not None:
            covers[lang] = cover_thumbnail(pdf.read_bytes())
    return Published(sizes, covers)


def cover_thumbnail(pdf: bytes, css_width: int = THUMBNAIL_CSS_WIDTH) -> Thumbnail:
    """The first page of ``pdf`` as a PNG ``css_width`` px wide at twice that resolution."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        width_points = page.get_width()
        bitmap = page.render(scale=css_width * THUMBNAIL_SCALE / width_points)
        image = bitmap.to_pil()
        page.close()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    height = round(css_width * image.height / image.width)
    return Thumbnail(buffer.getvalue(), css_width, height)


def file_size(size: int, locale: str) -> str:
    """A file's size for a reader, in ``locale``: "591 kB", "1.3 MB" (decimal units, as CLDR)."""
    if size < 1_000_000:
        kilobytes = max(1, round(size / 1000))
        return str(format_unit(kilobytes, "digital-kilobyte", length="short", locale=locale))
    megabytes = round(size / 1_000_000, 1)
    return str(
        format_unit(megabytes, "digital-megabyte", length="short", locale=locale, format="#,##0.0")
    )


def render_index_html(
    reports: Mapping[Lang, Report],
    downloads: Downloads,
    published: Published | None = None,
    contact: str | None = None,
) -> str:
    """The landing page: one part per language, Spanish first."""
    found = published or Published()
    contact_link = (contact, contact_href(contact)) if contact else None
    parts = [
        Markup(
            environment(lang)
            .get_template("index_part.html.j2")
            .render(
                report=reports[lang],
                downloads=downloads,
                sizes={
                    path: file_size(size, reports[lang].locale)
                    for path, size in found.sizes.items()
                },
                cover=found.covers.get(lang),
                contact=contact_link,
            )
        )
        for lang in REPORT_LANGS
    ]
    return (
        environment("es")
        .get_template("index.html.j2")
        .render(
            parts=parts,
            reports=[reports[lang] for lang in REPORT_LANGS],
            stylesheet=stylesheet("screen"),
            csp=REPORT_CSP,
        )
    )
