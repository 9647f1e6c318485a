"""``index.html``: the landing page, describing the files as published (sizes, PDF covers)."""

from __future__ import annotations

from pathlib import Path

from systematise.atomic import write_text
from systematise.export.public import PublicDataset
from systematise.render.landing import published_files, render_index_html
from systematise.render.writers import OutputResult, RenderContext, downloads


def render(ctx: RenderContext, public: PublicDataset, dest: Path) -> OutputResult:
    """Rendered last: every other output of the build is published by then.

    A file is looked up in ``dest`` first, then in the output folder (kept from a last build).
    """
    del public

    def find(relative: str) -> Path | None:
        for folder in (dest, ctx.published):
            if (folder / relative).is_file():
                return folder / relative
        return None

    target = dest / "index.html"
    html = render_index_html(
        ctx.reports, downloads(), published_files(find), ctx.settings.report.contact
    )
    write_text(target, html)
    return OutputResult((target,))
