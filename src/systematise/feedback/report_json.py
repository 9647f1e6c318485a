"""``report.json``: every problem of a workbook, with counts, as data.

Messages are given in both languages. A problem's severity is ``error``, ``warning`` or
``info`` (a note showing how a value was read, "understood as …"); ``counts`` gives each. A
message may quote a value the focal point typed (never a personal field's): it is their own
text, shortened, and must be escaped by whatever displays it.
"""

from __future__ import annotations

from typing import Any

from systematise.schema.lang import FocalLang
from systematise.schema.problems import Problem
from systematise.schema.stages import CheckedWorkbook

REPORT_FORMAT = 1


def problem_dict(item: Problem, lang: FocalLang) -> dict[str, Any]:
    return {
        "code": item.code,
        "severity": item.severity.value,
        "sheet": item.sheet,
        "cell": item.cell,
        "row": item.row,
        "field": item.field,
        "label": item.label(lang) or None,
        "message": item.message(lang),
        "message_es": item.message("es"),
        "message_en": item.message("en"),
    }


def report_dict(
    workbook: CheckedWorkbook, lang: FocalLang, *, strict: bool = False
) -> dict[str, Any]:
    """The content of ``report.json`` for one workbook."""
    failed = workbook.errors > 0 or (strict and workbook.warnings > 0)
    return {
        "format": REPORT_FORMAT,
        "file": workbook.file,
        "language": lang,
        "template_language": workbook.template_lang,
        "passed": not failed,
        "counts": {
            "errors": workbook.errors,
            "warnings": workbook.warnings,
            "notes": workbook.notes,
            "initiatives": len(workbook.rows),
            "valid_initiatives": sum(1 for row in workbook.rows if row.initiative is not None),
        },
        "problems": [problem_dict(item, lang) for item in workbook.problems],
    }
