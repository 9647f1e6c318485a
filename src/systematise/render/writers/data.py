"""``data/``: the open data (CSV, JSON, XLSX and the data package's descriptor)."""

from __future__ import annotations

from pathlib import Path

from systematise.export import write_open_data
from systematise.export.public import PublicDataset
from systematise.render.writers import OutputResult, RenderContext


def render(ctx: RenderContext, public: PublicDataset, dest: Path) -> OutputResult:
    return OutputResult(tuple(write_open_data(public.dataset, ctx.settings, dest)))
