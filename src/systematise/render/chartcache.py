"""The overview's charts, kept between builds: drawing them with matplotlib takes seconds.

Once :func:`keep_charts_in` names a folder (the build names one in the output folder's cache),
each chart is kept there as JSON, keyed by its data and words, the drawing code
(:mod:`systematise.render.charts`), matplotlib's version and the report's fonts: a build whose
figures did not change (an edited chapter, a translation) reads its charts back instead of
drawing them again. The same data gives the same bytes either way.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
from collections.abc import Callable, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from systematise.render.charts import ChartImages

_kept: list[Path] = []


def keep_charts_in(folder: Path) -> None:
    """Keep the charts drawn from now on in ``folder`` (and read them from there)."""
    _kept[:] = [folder]


@cache
def _salt() -> str:
    from systematise.render import charts
    from systematise.render.fonts import fonts_dir

    digest = hashlib.sha256(Path(charts.__file__).read_bytes())
    digest.update(metadata.version("matplotlib").encode())
    for name in charts.FONT_FILES:
        digest.update((fonts_dir() / name).read_bytes())
    return digest.hexdigest()


def kept_chart(
    labels: Sequence[str], counts: Sequence[int], axis_label: str, draw: Callable[[], ChartImages]
) -> ChartImages:
    """The chart of these data and words: read back when kept, else ``draw()`` (and kept)."""
    from systematise.render.charts import ChartImages

    if not _kept:
        return draw()
    data = json.dumps([list(labels), list(counts), axis_label, _salt()], ensure_ascii=False)
    kept = _kept[0] / (hashlib.sha256(data.encode("utf-8")).hexdigest() + ".json")
    try:
        stored = json.loads(kept.read_text(encoding="utf-8"))
        return ChartImages(
            svg=str(stored["svg"]),
            png=base64.b64decode(stored["png"], validate=True),
            svg_narrow=str(stored["svg_narrow"]),
            svg_print=str(stored["svg_print"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        pass
    chart = draw()
    with contextlib.suppress(OSError):  # a folder that cannot be written only costs time
        from systematise.atomic import write_text

        kept.parent.mkdir(parents=True, exist_ok=True)
        stored_text = json.dumps(
            {
                "svg": chart.svg,
                "png": base64.b64encode(chart.png).decode("ascii"),
                "svg_narrow": chart.svg_narrow,
                "svg_print": chart.svg_print,
            }
        )
        write_text(kept, stored_text)
    return chart
