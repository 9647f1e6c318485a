"""Charts kept between builds: drawn once, read back with the same bytes, drawn again if damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from systematise.render import chartcache
from systematise.render.charts import ChartImages


def test_a_chart_is_drawn_once_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chartcache, "_kept", [])
    drawn: list[str] = []

    def draw(name: str) -> ChartImages:
        drawn.append(name)
        return ChartImages(
            svg=f"<svg>{name}</svg>",
            png=b"\x89PNG\x00" + name.encode(),
            svg_narrow="<svg/>",
            svg_print=f"<svg>{name} as text</svg>",
        )

    assert chartcache.kept_chart(["A"], [1], "n", lambda: draw("a")).svg == "<svg>a</svg>"
    chartcache.keep_charts_in(tmp_path)
    first = chartcache.kept_chart(["A", "B"], [2, 1], "Iniciativas", lambda: draw("b"))
    again = chartcache.kept_chart(["A", "B"], [2, 1], "Iniciativas", lambda: draw("c"))
    assert again == first and drawn == ["a", "b"]
    other = chartcache.kept_chart(["A", "B"], [1, 2], "Iniciativas", lambda: draw("d"))
    assert other.svg == "<svg>d</svg>" and drawn == ["a", "b", "d"]
    for kept in tmp_path.iterdir():
        kept.write_text("{not json", encoding="utf-8")
    assert chartcache.kept_chart(["A", "B"], [2, 1], "Iniciativas", lambda: draw("e")).svg == (
        "<svg>e</svg>"
    )
