"""``report.html``: the problems of one workbook, readable and printable, in one language.

Jinja2 with autoescape and StrictUndefined; texts come from the ``check`` gettext domain (counts
with its plural forms). Messages may quote what the focal point typed: autoescaping keeps it
text. The page links nothing outside itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from systematise.feedback.texts import gettext_for, severity_label
from systematise.http_headers import FEEDBACK_REPORT_CSP
from systematise.i18n import jinja_environment
from systematise.schema.lang import FocalLang
from systematise.schema.problems import Problem
from systematise.schema.stages import CheckedWorkbook


@dataclass(frozen=True)
class ProblemView:
    sheet: str
    cell: str
    label: str
    severity: str
    severity_label: str
    message: str


@dataclass(frozen=True)
class Section:
    """Problems of the workbook as a whole, of the submission form, or of one row."""

    heading: str
    problems: tuple[ProblemView, ...]


@dataclass(frozen=True)
class ReportPage:
    lang: FocalLang
    file: str
    annotated_name: str | None
    errors: int
    warnings: int
    notes: int
    initiatives: int
    valid_initiatives: int
    sections: tuple[Section, ...]


def _view(item: Problem, lang: FocalLang) -> ProblemView:
    return ProblemView(
        sheet=item.sheet or "",
        cell=item.cell or "",
        label=item.label(lang),
        severity=item.severity.value,
        severity_label=severity_label(item.severity, lang),
        message=item.message(lang),
    )


def _sections(workbook: CheckedWorkbook, lang: FocalLang) -> tuple[Section, ...]:
    _ = gettext_for(lang)
    row_problems = {id(item) for row in workbook.rows for item in row.problems}
    general = [item for item in workbook.problems if id(item) not in row_problems]
    sections: list[Section] = []
    if general:
        heading = _("The workbook and the submission sheet")
        sections.append(Section(heading, tuple(_view(item, lang) for item in general)))
    for row in workbook.rows:
        if not row.problems:
            continue
        heading = _("Row {row}").format(row=row.row)
        if row.title:
            heading = _("Row {row}: {title}").format(row=row.row, title=row.title)
        sections.append(Section(heading, tuple(_view(item, lang) for item in row.problems)))
    return tuple(sections)


def report_page(
    workbook: CheckedWorkbook, lang: FocalLang, annotated_name: str | None
) -> ReportPage:
    return ReportPage(
        lang=lang,
        file=workbook.file,
        annotated_name=annotated_name,
        errors=workbook.errors,
        warnings=workbook.warnings,
        notes=workbook.notes,
        initiatives=len(workbook.rows),
        valid_initiatives=sum(1 for row in workbook.rows if row.initiative is not None),
        sections=_sections(workbook, lang),
    )


def _environment(lang: FocalLang) -> Environment:
    return jinja_environment("feedback", "check", lang)


def render_report_html(
    workbook: CheckedWorkbook, lang: FocalLang, annotated_name: str | None = None
) -> str:
    """The HTML page for one workbook's problems, in ``lang``."""
    page = report_page(workbook, lang, annotated_name)
    template = _environment(lang).get_template("report.html.j2")
    return template.render(page=page, csp=FEEDBACK_REPORT_CSP)
