"""The overview's charts, kept between builds: drawing them with matplotlib takes seconds.

Once :func:`keep_charts_in` names a folder (the build names one in the output folder's cache),
each chart is kept as JSON, keyed by its data and words, the drawing code
(:mod:`systematise.render.charts`), matplotlib's version and the report's fonts: a build whose
figures did not change (an edited chapter, a translation) reads its charts back instead of
drawing them again. The same data gives the same bytes either way.

A chart depends on nothing but these (its words and counts are the published ones, no
personal value), so it is kept in the user's cache folder, shared by every output folder of
the machine: the preview (which builds into a folder of its own), another output folder or
the next cycle's archive find the charts the last build drew. The folder named is used when
the user's cache cannot be written. A chart not read for :data:`UNUSED_DAYS` days is removed.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from systematise.render.charts import ChartImages

UNUSED_DAYS = 30

_kept: list[Path] = []


def user_folder() -> Path:
    """The charts' folder in the user's cache (``$XDG_CACHE_HOME``, else ``~/.cache``)."""
    from systematise.resources import user_cache_dir

    return user_cache_dir("charts")


def keep_charts_in(folder: Path) -> None:
    """Keep the charts drawn from now on in the user's cache, else in ``folder`` (and read them
    from either); the charts of the user's cache not read for :data:`UNUSED_DAYS` days go."""
    from systematise.resources import forget_older

    _kept[:] = [folder]
    forget_older(user_folder(), UNUSED_DAYS)


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
    if not _kept:
        return draw()
    data = json.dumps([list(labels), list(counts), axis_label, _salt()], ensure_ascii=False)
    name = hashlib.sha256(data.encode("utf-8")).hexdigest() + ".json"
    folders = (user_folder(), _kept[0])
    for folder in folders:
        chart = _read(folder / name)
        if chart is not None:
            with contextlib.suppress(OSError):  # read now: kept another UNUSED_DAYS
                os.utime(folder / name)
            return chart
    chart = draw()
    stored_text = json.dumps(
        {
            "svg": chart.svg,
            "png": base64.b64encode(chart.png).decode("ascii"),
            "svg_narrow": chart.svg_narrow,
            "svg_print": chart.svg_print,
        }
    )
    from systematise.atomic import write_text

    for folder in folders:
        with contextlib.suppress(OSError):  # a folder that cannot be written only costs time
            folder.mkdir(parents=True, exist_ok=True)
            write_text(folder / name, stored_text)
            break
    return chart


def _read(kept: Path) -> ChartImages | None:
    from systematise.render.charts import ChartImages

    try:
        stored = json.loads(kept.read_text(encoding="utf-8"))
        return ChartImages(
            svg=str(stored["svg"]),
            png=base64.b64decode(stored["png"], validate=True),
            svg_narrow=str(stored["svg_narrow"]),
            svg_print=str(stored["svg_print"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
