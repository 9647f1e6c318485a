"""Write each workbook's feedback files: annotated copy, ``report.json``, ``report.html``.

Files are written atomically. The annotated copy is made in a sandboxed child process, like the
reading: a workbook is opened again to make it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from systematise.atomic import write_bytes
from systematise.config import Settings
from systematise.feedback.annotate import annotate_workbook
from systematise.feedback.html import render_report_html
from systematise.feedback.names import safe_names
from systematise.feedback.report_json import report_dict
from systematise.feedback.texts import feedback_lang, gettext_for
from systematise.read.archive import sniff_format
from systematise.read.sandbox import Failed, Job, run_jobs
from systematise.schema.lang import FOCAL_LANGS, FocalLang
from systematise.schema.problems import UNUSABLE_CODES
from systematise.schema.stages import CheckedWorkbook


@dataclass(frozen=True)
class FeedbackFiles:
    """Where one workbook's feedback went."""

    folder: Path
    report_json: Path
    report_html: Path
    annotated: Path | None  # None when the file could not be read as a workbook


def _annotated_name(file: str, lang: FocalLang) -> str:
    """``<stem>-checked.xlsx`` in ``lang``; a returned copy's name never stacks suffixes."""
    stem = original_stem(Path(file).stem) or "workbook"
    _ = gettext_for(lang)
    return _("{stem}-checked.xlsx").format(stem=stem)


def _our_suffixes() -> list[str]:
    """The words the annotated copy's name ends with, in every language (``checked``...)."""
    words: set[str] = set()
    for lang in FOCAL_LANGS:
        name = gettext_for(lang)("{stem}-checked.xlsx").format(stem="")
        word = name.removesuffix(".xlsx").strip(" -_")
        if word:
            words.add(re.escape(word))
    return sorted(words)


#: What people and programs add to a file's name when they copy, download or re-save it:
#: "(1)", "-v2", " 2", " - copia", " copy", "_final", "-corregido"...
_DECORATION = re.compile(
    r"[\s_.-]*(?:\([^()]{0,30}\)|(?:v|ver|versi[oó]n)?\s*\d{1,4}|cop(?:ia|y)|final"
    r"|corregid[oa]|corrected|fixed)$",
    re.IGNORECASE,
)


def original_stem(stem: str) -> str:
    """``stem`` without the annotated copy's suffixes, in any language, and what follows them.

    ``MEX-revisado`` → ``MEX``; ``MEX-checked-revisado`` → ``MEX``; ``MEX-revisado (1)``,
    ``MEX-revisado-v2``, ``MEX_revisado - copia`` → ``MEX``. A name without such a suffix is
    kept whole (``MEX-2025 (1)`` stays so).
    """
    ours = re.compile(rf"[\s_-]+(?:{'|'.join(_our_suffixes())})$", re.IGNORECASE)
    result = stem
    while True:
        candidate = result
        while (found := _DECORATION.search(candidate)) is not None and found.start() > 0:
            candidate = candidate[: found.start()]
        suffix = ours.search(candidate)
        if suffix is None or suffix.start() == 0:
            return result
        result = candidate[: suffix.start()]


def _can_annotate(workbook: CheckedWorkbook, source: Path) -> bool:
    readable = all(item.code not in UNUSABLE_CODES for item in workbook.problems)
    return readable and sniff_format(source) is not None  # .xlsx, .ods or .xls


def write_feedback(
    results: Sequence[tuple[Path, CheckedWorkbook]],
    output_dir: Path,
    settings: Settings,
    *,
    lang: FocalLang | None = None,
    strict: bool = False,
) -> list[FeedbackFiles]:
    """Write feedback for each (source file, result) in ``output_dir/<safe-name>/``."""
    folders = [output_dir / name for name in safe_names(wb.file for _, wb in results)]
    jobs: list[Job[str]] = []
    job_positions: list[int] = []
    annotated_names: list[str | None] = []
    for index, (source, workbook) in enumerate(results):
        chosen = feedback_lang(workbook, lang)
        if _can_annotate(workbook, source):
            file_name = _annotated_name(workbook.file, chosen)
            annotated_names.append(file_name)
            sheet = _initiatives_sheet(workbook)
            jobs.append(
                Job(
                    annotate_workbook,
                    (
                        source,
                        folders[index] / file_name,
                        workbook.problems,
                        chosen,
                        workbook.template_lang,
                        sheet,
                        {
                            row.id_cell: row.initiative_id
                            for row in workbook.rows
                            if row.id_cell and row.initiative_id
                        },
                        settings.limits,
                    ),
                )
            )
            job_positions.append(index)
        else:
            annotated_names.append(None)
    limits = settings.limits
    outcomes = run_jobs(jobs, memory_mb=limits.parse_memory_mb, seconds=limits.parse_seconds)
    for position, outcome in zip(job_positions, outcomes, strict=True):
        if isinstance(outcome, Failed):
            annotated_names[position] = None
    written: list[FeedbackFiles] = []
    for index, (_, workbook) in enumerate(results):
        chosen = feedback_lang(workbook, lang)
        folder = folders[index]
        report = report_dict(workbook, chosen, strict=strict)
        json_path = folder / "report.json"
        html_path = folder / "report.html"
        text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
        write_bytes(json_path, text.encode("utf-8"))
        html = render_report_html(workbook, chosen, annotated_names[index])
        write_bytes(html_path, html.encode("utf-8"))
        annotated = annotated_names[index]
        written.append(
            FeedbackFiles(folder, json_path, html_path, folder / annotated if annotated else None)
        )
    return written


def _initiatives_sheet(workbook: CheckedWorkbook) -> str | None:
    for item in workbook.problems:
        if item.field is not None and item.row is not None and item.sheet:
            specs_sheet = item.sheet
            if any(item in row.problems for row in workbook.rows):
                return specs_sheet
    if workbook.template_lang is not None:
        from systematise.template.layout import SHEET_NAMES

        return SHEET_NAMES["initiatives"][workbook.template_lang]
    return None
