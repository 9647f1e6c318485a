"""The report's own font (Lato, SIL OFL 1.1; licence in ``assets/fonts/OFL.txt``).

The PDF reads the TrueType files from the assets folder (WeasyPrint embeds the glyphs used).
The HTML carries the fonts inside itself as ``data:`` URIs, subset to the Latin scripts of the
four submission languages and compressed as WOFF2, so that it makes no request of any kind. The
DOCX embeds the same subset as TrueType (see :mod:`systematise.render.docx_package`).
"""

from __future__ import annotations

import base64
import io
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools import subset  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from systematise.resources import package_file

FAMILY = "Lato"

# fontTools warns about Lato's 2014 'created' timestamp on every subset; it is harmless.
logging.getLogger("fontTools").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Face:
    file: str
    weight: int
    style: str


FACES = (
    Face("Lato-Regular.ttf", 400, "normal"),
    Face("Lato-Italic.ttf", 400, "italic"),
    Face("Lato-Bold.ttf", 700, "normal"),
    Face("Lato-BoldItalic.ttf", 700, "italic"),
)

#: Basic Latin, Latin-1, Latin Extended-A, general punctuation, currency signs, bullets, arrows.
_UNICODES = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x180),
    *range(0x2010, 0x2050),
    *range(0x20A0, 0x20C0),
    0x2022,
    0x2116,
    0x2122,
    0x2190,
    0x2192,
    0x25CF,
]


def fonts_dir() -> Path:
    return package_file("render", "assets", "fonts")


@cache
def latin_subset(file: str, *, flavor: str | None = None) -> bytes:
    """The face ``file`` cut down to the Latin scripts of :data:`_UNICODES`.

    ``flavor``: ``"woff2"`` for the HTML, ``None`` for a TrueType file (the DOCX embeds these).
    """
    # Keep the font's own timestamps: the same input gives the same bytes.
    font = TTFont(fonts_dir() / file, recalcTimestamp=False)
    options = subset.Options()
    options.flavor = flavor
    options.layout_features = ["kern", "liga", "onum", "lnum", "tnum"]
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_UNICODES)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = flavor
    font.save(buffer)
    return buffer.getvalue()


def _woff2_data_uri(file: str) -> str:
    from systematise.render.fontcache import kept_subset

    data = kept_subset(file, "woff2")
    return "data:font/woff2;base64," + base64.b64encode(data).decode("ascii")


def font_face_css(*, embedded: bool) -> str:
    """``@font-face`` rules: fonts as data: URIs (HTML) or as files of the assets folder (PDF)."""
    rules = []
    for face in FACES:
        if embedded:
            source = f'url("{_woff2_data_uri(face.file)}") format("woff2")'
        else:
            source = f'url("{(fonts_dir() / face.file).as_uri()}") format("truetype")'
        rules.append(
            f'@font-face {{ font-family: "{FAMILY}"; src: {source}; '
            f"font-weight: {face.weight}; font-style: {face.style}; }}"
        )
    return "\n".join(rules)
