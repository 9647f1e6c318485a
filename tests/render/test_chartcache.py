"""Charts kept between builds: drawn once, read back with the same bytes, drawn again if damaged;
kept in the user's cache, shared by every output folder, else in the folder the build names."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from systematise.render import chartcache
from systematise.render.charts import ChartImages


@pytest.fixture
def drawn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The charts drawn (not read back), the user's cache in a folder of its own."""
    monkeypatch.setattr(chartcache, "_kept", [])
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    return []


def _drawer(drawn: list[str]) -> Callable[[str], ChartImages]:
    def draw(name: str) -> ChartImages:
        drawn.append(name)
        return ChartImages(
            svg=f"<svg>{name}</svg>",
            png=b"\x89PNG\x00" + name.encode(),
            svg_narrow="<svg/>",
            svg_print=f"<svg>{name} as text</svg>",
        )

    return draw


def test_a_chart_is_drawn_once_and_read_back(tmp_path: Path, drawn: list[str]) -> None:
    draw = _drawer(drawn)

    assert chartcache.kept_chart(["A"], [1], "n", lambda: draw("a")).svg == "<svg>a</svg>"
    chartcache.keep_charts_in(tmp_path / "output-cache")
    first = chartcache.kept_chart(["A", "B"], [2, 1], "Iniciativas", lambda: draw("b"))
    again = chartcache.kept_chart(["A", "B"], [2, 1], "Iniciativas", lambda: draw("c"))
    assert again == first and drawn == ["a", "b"]
    other = chartcache.kept_chart(["A", "B"], [1, 2], "Iniciativas", lambda: draw("d"))
    assert other.svg == "<svg>d</svg>" and drawn == ["a", "b", "d"]
    for kept in chartcache.user_folder().iterdir():
        kept.write_text("{not json", encoding="utf-8")
    assert chartcache.kept_chart(["A", "B"], [2, 1], "Iniciativas", lambda: draw("e")).svg == (
        "<svg>e</svg>"
    )


def test_another_output_folder_finds_the_charts_drawn(tmp_path: Path, drawn: list[str]) -> None:
    draw = _drawer(drawn)
    chartcache.keep_charts_in(tmp_path / "output" / ".cache")
    chartcache.kept_chart(["A"], [3], "n", lambda: draw("a"))
    chartcache.keep_charts_in(tmp_path / "preview" / ".cache")
    assert chartcache.kept_chart(["A"], [3], "n", lambda: draw("b")).svg == "<svg>a</svg>"
    assert drawn == ["a"]
    assert not (tmp_path / "output" / ".cache").exists()  # in the user's cache


def test_without_a_user_cache_the_folder_named_keeps_them(
    tmp_path: Path, drawn: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "not-a-folder").write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "not-a-folder"))
    draw = _drawer(drawn)
    chartcache.keep_charts_in(tmp_path / "output-cache")
    chartcache.kept_chart(["A"], [3], "n", lambda: draw("a"))
    assert chartcache.kept_chart(["A"], [3], "n", lambda: draw("b")).svg == "<svg>a</svg>"
    assert drawn == ["a"] and len(list((tmp_path / "output-cache").iterdir())) == 1


def test_charts_not_read_for_a_month_are_removed(tmp_path: Path, drawn: list[str]) -> None:
    draw = _drawer(drawn)
    chartcache.keep_charts_in(tmp_path / "output-cache")
    chartcache.kept_chart(["Old"], [1], "n", lambda: draw("old"))
    chartcache.kept_chart(["Used"], [1], "n", lambda: draw("used"))
    month_ago = time.time() - 31 * 86400
    for kept in chartcache.user_folder().iterdir():
        os.utime(kept, (month_ago, month_ago))
    chartcache.kept_chart(["Used"], [1], "n", lambda: draw("again"))  # read: kept on
    chartcache.keep_charts_in(tmp_path / "output-cache")  # the next build
    assert len(list(chartcache.user_folder().iterdir())) == 1
    assert chartcache.kept_chart(["Used"], [1], "n", lambda: draw("x")).svg == "<svg>used</svg>"
    assert drawn == ["old", "used"]
