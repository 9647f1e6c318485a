"""The overview's charts: horizontal bar charts as SVG (HTML and PDF) and PNG (DOCX).

Charts are drawn with matplotlib's object API (no pyplot state), in the report's own font
(for the web page, text drawn as paths, so an SVG shown as an image looks the same everywhere;
for the PDF, text as text in that font), and written with fixed metadata and a fixed hash salt
so that the same data gives the same bytes.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from systematise.resources import package_file

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn, not when one is read back
    from matplotlib.figure import Figure

FONT_FILES = ("Lato-Regular.ttf", "Lato-Bold.ttf")
BAR_COLOUR = "#1d4f7c"
TEXT_COLOUR = "#222222"
GRID_COLOUR = "#d0d7de"
WIDTH_INCHES = 6.6
#: Characters a line in the bar labels, on paper and on a phone.
LABEL_CHARS = 50
#: About 350 CSS px, the width of a chart on a 390 px phone: shown there at its own size.
NARROW_WIDTH_INCHES = 3.6
NARROW_LABEL_CHARS = 24
PNG_DPI = 200


@dataclass(frozen=True)
class ChartImages:
    """One chart in the formats the renderers need."""

    svg: str
    png: bytes
    #: The same chart drawn for a phone's width (report.html below 40rem): fewer characters a
    #: line in the labels, so that at about 350 px its text keeps the size it has on paper.
    svg_narrow: str
    #: ``svg`` with its words as SVG text in the report's font, for the PDF: WeasyPrint lays
    #: them out with the document's own fonts (ten times quicker than the glyphs' outlines,
    #: and a reader can select and search them). A browser shows an SVG image without the
    #: page's fonts, so the web page keeps the outlines.
    svg_print: str


@cache
def _register_fonts() -> str:
    from matplotlib import font_manager

    for name in FONT_FILES:
        font_manager.fontManager.addfont(str(package_file("render", "assets", "fonts", name)))
    return "Lato"


def bar_chart(labels: list[str], counts: list[int], axis_label: str) -> ChartImages:
    """A horizontal bar chart, first label on top, with each bar's value at its end.

    The same data gives the same chart: kept for the process, so a long-running preview draws
    a chart again only when its figures or words change.
    """
    from systematise.render.chartcache import kept_chart

    return kept_chart(
        labels, counts, axis_label, lambda: _bar_chart(tuple(labels), tuple(counts), axis_label)
    )


@lru_cache(maxsize=128)
def _bar_chart(labels: tuple[str, ...], counts: tuple[int, ...], axis_label: str) -> ChartImages:
    import matplotlib

    with matplotlib.rc_context(
        {
            "font.family": _register_fonts(),
            "font.size": 9,
            "svg.fonttype": "path",
            "svg.hashsalt": "systematise",
            "axes.edgecolor": GRID_COLOUR,
            "text.color": TEXT_COLOUR,
            "xtick.color": TEXT_COLOUR,
            "ytick.color": TEXT_COLOUR,
        }
    ):
        wide = _draw(labels, counts, axis_label, WIDTH_INCHES, LABEL_CHARS)
        png_buffer = io.BytesIO()
        wide.savefig(png_buffer, format="png", dpi=PNG_DPI, metadata={"Software": None})
        narrow = _draw(labels, counts, axis_label, NARROW_WIDTH_INCHES, NARROW_LABEL_CHARS)
        svg = _svg(wide)
        with matplotlib.rc_context({"svg.fonttype": "none"}):
            svg_print = _svg(wide)
        return ChartImages(
            svg=svg, png=png_buffer.getvalue(), svg_narrow=_svg(narrow), svg_print=svg_print
        )


def _draw(
    labels: Sequence[str], counts: Sequence[int], axis_label: str, width: float, label_chars: int
) -> Figure:
    """The chart ``width`` inches wide, labels wrapped at ``label_chars`` (in bar_chart's rc)."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    wrapped = [textwrap.fill(label, label_chars) for label in labels]
    extra_lines = sum(label.count("\n") for label in wrapped)
    height = 0.65 + 0.23 * len(labels) + 0.14 * extra_lines
    figure = Figure(figsize=(width, height))
    axes = figure.add_subplot()
    positions = list(range(len(labels)))
    axes.barh(positions, counts, color=BAR_COLOUR, height=0.68)
    axes.set_yticks(positions, wrapped)
    axes.invert_yaxis()
    top = max(counts, default=0)
    axes.set_xlim(0, max(top * 1.12, 1))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel(axis_label)
    axes.grid(axis="x", color=GRID_COLOUR, linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(axis="y", length=0)
    for position, count in zip(positions, counts, strict=True):
        axes.text(
            count + top * 0.01 + 0.05,
            position,
            str(count),
            va="center",
            fontsize=8,
            fontweight="bold",
        )
    figure.tight_layout(pad=0.4)
    return figure


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]  # drop the XML prolog and DOCTYPE: the SVG is embedded
