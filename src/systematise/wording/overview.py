"""The regional overview: one chart, caption, alt text and data table per dimension."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass

from systematise.i18n import fill
from systematise.render.charts import ChartImages, bar_chart
from systematise.schema.lang import Lang
from systematise.schema.vocabulary import vocabulary
from systematise.wording.collation import collation_key
from systematise.wording.formatting import Formatter
from systematise.wording.statistics import Overview

#: Dimensions whose bars keep the vocabulary's own order (it is meaningful there).
_NATURAL_ORDER = frozenset({"gcm_objective", "migration_stage", "status"})
#: Dimensions where values with no initiative are left out of the chart.
_ONLY_PRESENT = frozenset({"country"})
LARGE_CHART_ROWS = 8


@dataclass(frozen=True)
class ChartRow:
    label: str
    count: str
    share: str


@dataclass(frozen=True)
class ChartView:
    key: str
    anchor: str
    title: str
    caption: str
    alt: str
    column_label: str
    rows: tuple[ChartRow, ...]
    images: ChartImages

    @property
    def large(self) -> bool:
        """Charts with many bars start a new page in the PDF, so chart and table stay together."""
        return len(self.rows) > LARGE_CHART_ROWS

    @property
    def svg_data_uri(self) -> str:
        return _svg_data_uri(self.images.svg)

    @property
    def narrow_svg_data_uri(self) -> str:
        """The chart drawn for a phone's width (report.html shows it below 40rem)."""
        return _svg_data_uri(self.images.svg_narrow)

    @property
    def print_svg_data_uri(self) -> str:
        """The chart with its words as text in the report's font (the PDF)."""
        return _svg_data_uri(self.images.svg_print)


def _svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _ordered(key: str, counts: dict[str, int], lang: Lang) -> list[tuple[str, str, int]]:
    """(code, label, count) in the order the chart shows them."""
    terms = vocabulary(key).terms
    rows = [(t.code, t.label(lang), counts.get(t.code, 0)) for t in terms]
    if key in _ONLY_PRESENT:
        rows = [row for row in rows if row[2] > 0]
    if key in _NATURAL_ORDER:
        return rows
    # Largest first; "other" always last; ties in alphabetical order.
    return sorted(rows, key=lambda r: (r[0] == "other", -r[2], collation_key(r[1], lang)))


def build_charts(
    overview: Overview,
    lang: Lang,
    formatter: Formatter,
    texts: dict[str, tuple[str, str, str]],
    gettext: Callable[[str], str],
) -> list[ChartView]:
    """One chart per dimension. ``texts`` maps a dimension to (title, caption, column label)."""
    _ = gettext
    charts: list[ChartView] = []
    total = overview.n_initiatives or 1
    for number, (key, (title, caption, column)) in enumerate(texts.items(), start=1):
        ordered = _ordered(key, overview.counts[key], lang)
        labels = [label for _code, label, _count in ordered]
        counts = [count for _code, _label, count in ordered]
        images = bar_chart(labels, counts, _("Number of initiatives"))
        leaders = [f"{label} ({count})" for label, count in zip(labels, counts, strict=True)]
        alt = fill(
            _("Bar chart: {title}. In order: {values}."),
            title=title,
            values=formatter.join(leaders),
        )
        rows = tuple(
            ChartRow(label, formatter.number(count), formatter.percent(count / total))
            for label, count in zip(labels, counts, strict=True)
        )
        charts.append(
            ChartView(
                key=key,
                anchor=f"figure-{number}",
                title=title,
                caption=caption,
                alt=alt,
                column_label=column,
                rows=rows,
                images=images,
            )
        )
    return charts
