"""``<lang>/report.pdf``: the report as PDF/UA-1, laid out in parts (:mod:`systematise.render.pdf`).

The laid-out parts are kept in the output's cache folder, so the next build lays out again only
the parts whose content or first page changed (:mod:`systematise.render.pdf.reuse`).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from systematise.atomic import write_bytes
from systematise.export.public import PublicDataset
from systematise.render import pdf as pdf_writer
from systematise.render import publish
from systematise.render.pdf.reuse import PartStore
from systematise.render.writers import OutputResult, RenderContext


def render(ctx: RenderContext, public: PublicDataset, dest: Path) -> OutputResult:
    del public  # everything shown comes from the worded report
    store = PartStore(ctx.cache)
    buffer = io.BytesIO()
    cache: dict[str, Any] = {}
    pages = pdf_writer.write_report_pdf(  # looked up here: the fault tests replace it
        ctx.report, buffer, cache, store=store
    )
    target = publish.pdf_path(dest, ctx.lang)
    write_bytes(target, buffer.getvalue())
    store.prune()
    figures = {"pages": pages or 0, "parts laid out": store.laid_out, "parts reused": store.reused}
    return OutputResult((target,), figures)
