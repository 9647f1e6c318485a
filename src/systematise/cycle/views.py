"""The status of the cycle for the editor: as a CSV and as an HTML page (``output/status/``).

Texts come from the ``cycle`` gettext domain. Both views carry the focal points' contacts, for
the editor: ``output/status/`` is never part of what is published (the build does not write
there, and the page says so).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from systematise import atomic
from systematise.cycle.status import CycleStatus, Flag, State, StateStatus
from systematise.http_headers import STATUS_PAGE_CSP
from systematise.i18n import jinja_environment, translations
from systematise.schema.lang import Lang


def cycle_gettext(lang: Lang) -> Callable[[str], str]:
    return translations("cycle", lang).gettext


def state_label(state: State, lang: Lang) -> str:
    _ = cycle_gettext(lang)
    labels = {
        State.NOT_SUBMITTED: _("not submitted"),
        State.ERRORS: _("submitted with errors"),
        State.WARNINGS: _("submitted with warnings"),
        State.VALID: _("valid"),
    }
    return labels[state]


def flag_label(flag: Flag, lang: Lang) -> str:
    _ = cycle_gettext(lang)
    labels = {
        Flag.DUPLICATE: _("more than one file"),
        Flag.OTHER_CYCLE: _("a file of another cycle"),
        Flag.UNREADABLE: _("a file that cannot be read"),
        Flag.DECISION_OUTDATED: _("decision taken on another version of the file"),
        Flag.STALE_TRANSLATIONS: _("stale translations"),
    }
    return labels[flag]


def decision_label(item: StateStatus, lang: Lang) -> str:
    _ = cycle_gettext(lang)
    if item.decision is None:
        return ""
    return _("approved") if item.decision.decision == "approved" else _("rejected")


def stray_label(reason: str, lang: Lang) -> str:
    _ = cycle_gettext(lang)
    labels = {
        "not_a_workbook": _("not a workbook"),
        "no_state": _("no Member State can be told"),
        "not_a_member": _("not a SELA Member State"),
    }
    return labels.get(reason, reason)


def columns(lang: Lang) -> list[str]:
    _ = cycle_gettext(lang)
    return [
        _("Code"),
        _("Member State"),
        _("State"),
        _("Decision"),
        _("Note"),
        _("Decision date"),
        _("File"),
        _("Other files"),
        _("Submission date"),
        _("Template version"),
        _("Initiatives published"),
        _("Rows read"),
        _("Errors"),
        _("Warnings"),
        _("Stale translations"),
        _("Focal point"),
        _("E-mail"),
        _("Telephone"),
        _("Flags"),
    ]


def row_values(item: StateStatus, lang: Lang) -> list[str]:
    decision = item.decision
    return [
        item.iso3,
        item.name(lang),
        state_label(item.state, lang),
        decision_label(item, lang),
        decision.note if decision else "",
        decision.date.isoformat() if decision else "",
        item.file or "",
        "; ".join(item.other_files),
        item.submission_date.isoformat() if item.submission_date else "",
        item.template_version or "",
        str(item.initiatives) if item.file else "",
        str(item.rows) if item.file else "",
        str(item.errors) if item.file else "",
        str(item.warnings) if item.file else "",
        str(item.stale_translations) if item.file else "",
        item.contact.name or "",
        item.contact.email or "",
        item.contact.phone or "",
        "; ".join(flag_label(flag, lang) for flag in item.flags),
    ]


def _safe(value: str) -> str:
    """No cell starts like a formula (a focal point's name could)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def status_csv(status: CycleStatus, lang: Lang) -> str:
    """The table as CSV, UTF-8 with a byte-order mark so spreadsheet programs read accents."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns(lang))
    for item in status.states:
        writer.writerow([_safe(value) for value in row_values(item, lang)])
    return "\ufeff" + buffer.getvalue()


@dataclass(frozen=True)
class _Page:
    lang: Lang
    cycle: str
    columns: list[str]
    rows: list[tuple[str, list[str]]]  # (state, values)
    strays: list[tuple[str, str]]
    counts: list[tuple[str, int]]


def status_html(status: CycleStatus, lang: Lang) -> str:
    page = _Page(
        lang=lang,
        cycle=status.cycle,
        columns=columns(lang),
        rows=[(item.state.value, row_values(item, lang)) for item in status.states],
        strays=[(stray.file, stray_label(stray.reason, lang)) for stray in status.strays],
        counts=[(state_label(state, lang), status.count(state)) for state in State],
    )
    template = jinja_environment("status", "cycle", lang).get_template("status.html.j2")
    return template.render(page=page, csp=STATUS_PAGE_CSP)


def write_status(status: CycleStatus, folder: Path, lang: Lang) -> list[Path]:
    """``status.csv`` and ``index.html`` in ``folder``, written atomically."""
    csv_path, html_path = folder / "status.csv", folder / "index.html"
    atomic.write_text(csv_path, status_csv(status, lang))
    atomic.write_text(html_path, status_html(status, lang))
    return [csv_path, html_path]
