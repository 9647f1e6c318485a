"""What the tests' builds and renders share: the machine's two cores, and a stand-in for charts.

``build()`` called from Python renders one output after the other unless told otherwise (the
command line uses every core); the test builds that only look at their outputs ask for
:data:`WORKERS`, so that both languages' PDFs (and the rest) render side by side, as ``systematise
build`` does on an editor's machine. Tests of the serial path keep ``workers=1``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar

import pytest

from systematise.pipeline.parallel import Task, run_tasks

T = TypeVar("T")
K = TypeVar("K", bound=str)

#: Workers of the tests' builds and renders: two, also on a machine with one core (where the
#: parallel path is then still the one tested).
WORKERS = 2


def in_parallel(jobs: Mapping[K, Callable[[], T]]) -> dict[K, T]:
    """Each job's result by name, the jobs run in forked children, :data:`WORKERS` at a time."""
    done = run_tasks([Task(name, job) for name, job in jobs.items()], workers=WORKERS)
    return {name: done[name] for name in jobs}


@pytest.fixture
def no_charts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Charts as a stand-in (matplotlib takes seconds a chart), for tests that word a report
    and look at something else than its charts."""
    from systematise.render import charts
    from systematise.wording import overview

    def stand_in(labels: list[str], counts: list[int], axis_label: str) -> charts.ChartImages:
        svg = f'<svg xmlns="http://www.w3.org/2000/svg"><title>{len(labels)}</title></svg>'
        return charts.ChartImages(svg=svg, png=b"", svg_narrow=svg, svg_print=svg)

    monkeypatch.setattr(overview, "bar_chart", stand_in)
    yield
