"""One step of the pipeline, timed inside a fresh process: ``python -m benchmarks.steps STEP ...``.

``benchmarks/run.py`` starts one process per measurement so that each step's peak memory can be
read from ``os.wait4``. The step's inputs (checked workbooks, worded reports) are prepared first
and not timed; the step alone is timed and printed as one JSON line: ``{"seconds": …, …}``.

Steps: ``check FILES…`` (the batch), ``feedback FILE OUT`` (one workbook checked and its
feedback written, after a warm-up), ``consolidate FOLDER``, ``html FOLDER OUT``,
``pdf LANG FOLDER OUT``, ``docx FOLDER OUT``.
"""

from __future__ import annotations

import io
import json
import sys
import time
from pathlib import Path
from typing import Any

from systematise import build as pipeline
from systematise.config import Settings, load_settings
from systematise.pipeline.outputs import OUTPUTS
from systematise.schema.lang import REPORT_LANGS, Lang, is_lang


def _settings() -> Settings:
    return load_settings()


def _reports(folder: Path, settings: Settings) -> tuple[Any, dict[Lang, Any]]:
    from systematise.wording import word_reports

    files = pipeline.submission_files([folder])
    workbooks = pipeline._check(files, settings, lambda *_: None, None)
    public = pipeline._public_view(pipeline.consolidate_batch(settings, files, workbooks), settings)
    store = pipeline._load_translations(public.dataset, settings)
    return public, dict(word_reports(public, settings, REPORT_LANGS, store=store))


def _render(kinds: tuple[str, ...], public: Any, reports: dict[Lang, Any], out: Path) -> None:
    """The outputs of ``kinds``, each with its writer, as the build renders them."""
    from systematise.render.writers import RenderContext

    for output in OUTPUTS:
        if output.kind in kinds:
            context = RenderContext(output, _settings(), reports, out)
            output.renderer()(context, public, out)


def check(files: list[str]) -> dict[str, Any]:
    from systematise.check import check_files

    settings = _settings()
    start = time.perf_counter()
    results = check_files([Path(f) for f in files], settings)
    return {"seconds": time.perf_counter() - start, "workbooks": len(results)}


def feedback(file: str, out: str) -> dict[str, Any]:
    """Check one workbook and write its feedback (annotated copy, report.json, report.html)."""
    from systematise.check import check_files
    from systematise.feedback import write_feedback

    settings = _settings()
    workbook = Path(file)
    check_files([workbook], settings)  # warm-up: imports and caches, as after start-up
    start = time.perf_counter()
    results = check_files([workbook], settings)
    write_feedback([(workbook, results[0])], Path(out), settings)
    return {"seconds": time.perf_counter() - start}


def consolidate(folder: str) -> dict[str, Any]:
    settings = _settings()
    files = pipeline.submission_files([Path(folder)])
    workbooks = pipeline._check(files, settings, lambda *_: None, None)
    start = time.perf_counter()
    dataset = pipeline.consolidate_batch(settings, files, workbooks)
    public = pipeline._public_view(dataset, settings)
    return {"seconds": time.perf_counter() - start, "initiatives": len(public.entries)}


def html(folder: str, out: str) -> dict[str, Any]:
    settings = _settings()
    public, reports = _reports(Path(folder), settings)
    start = time.perf_counter()
    _render(("html", "index"), public, reports, Path(out))
    return {"seconds": time.perf_counter() - start}


def pdf(lang: Lang, folder: str, out: str) -> dict[str, Any]:
    import pypdf

    from systematise.render.publish import publish_pdf

    settings = _settings()
    _public, reports = _reports(Path(folder), settings)
    start = time.perf_counter()
    (path,) = publish_pdf({lang: reports[lang]}, Path(out))
    seconds = time.perf_counter() - start
    pages = len(pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)
    return {"seconds": seconds, "pages": pages}


def docx(folder: str, out: str) -> dict[str, Any]:
    settings = _settings()
    public, reports = _reports(Path(folder), settings)
    start = time.perf_counter()
    _render(("docx",), public, reports, Path(out))
    return {"seconds": time.perf_counter() - start}


def main(arguments: list[str]) -> None:
    step, rest = arguments[0], arguments[1:]
    if step == "check":
        result = check(rest)
    elif step == "feedback":
        result = feedback(rest[0], rest[1])
    elif step == "consolidate":
        result = consolidate(rest[0])
    elif step == "html":
        result = html(rest[0], rest[1])
    elif step == "pdf":
        lang = rest[0]
        if not is_lang(lang):
            raise SystemExit(f"unknown language {lang}")
        result = pdf(lang, rest[1], rest[2])
    elif step == "docx":
        result = docx(rest[0], rest[1])
    else:
        raise SystemExit(f"unknown step {step}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
