"""``<lang>/report.docx``: the report for editors to revise (pandoc, sandboxed)."""

from __future__ import annotations

from pathlib import Path

from systematise.export.public import PublicDataset
from systematise.render.docx import write_docx
from systematise.render.writers import OutputResult, RenderContext


def render(ctx: RenderContext, public: PublicDataset, dest: Path) -> OutputResult:
    files = write_docx(public.dataset, {ctx.lang: ctx.report}, ctx.settings, dest)
    return OutputResult(tuple(files))
