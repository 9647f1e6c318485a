"""``<lang>/report.html``: the report as one self-contained web page."""

from __future__ import annotations

from pathlib import Path

from systematise.atomic import write_text
from systematise.export.public import PublicDataset
from systematise.render.html import render_report_html
from systematise.render.publish import html_path
from systematise.render.writers import OutputResult, RenderContext, downloads


def render(ctx: RenderContext, public: PublicDataset, dest: Path) -> OutputResult:
    del public  # everything shown comes from the worded report
    target = html_path(dest, ctx.lang)
    write_text(target, render_report_html(ctx.report, "screen", downloads()))
    return OutputResult((target,))
