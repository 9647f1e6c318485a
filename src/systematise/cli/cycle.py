"""``systematise status`` and ``systematise cycle new YEAR``: running the yearly cycle.

``status`` shows where every Member State stands (and records the editor's decision with
``--approve``/``--reject``); it writes the table as CSV and HTML for the editor in
``output/status/`` and changes nothing else. ``cycle new`` archives the cycle and opens the
next one (:mod:`systematise.cycle.nextcycle`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from systematise.cli import app
from systematise.cli.texts import cli_lang, cli_text
from systematise.i18n import fill

if TYPE_CHECKING:
    from systematise.config import Settings
    from systematise.cycle.ids import IdBook
    from systematise.cycle.status import CycleStatus
    from systematise.schema.lang import FocalLang, Lang
    from systematise.schema.stages import CheckedWorkbook

cycle_app = typer.Typer(
    help=cli_text("Run the yearly cycle: archive this one and open the next."),
    no_args_is_help=True,
)
app.add_typer(cycle_app, name="cycle")

EXIT_UNUSABLE = 2


def _lang(value: str | None) -> Lang:
    from systematise.schema.lang import is_lang

    if value is None:
        return cli_lang()
    if not is_lang(value):
        typer.echo(cli_text("--lang must be es or en."), err=True)
        raise typer.Exit(EXIT_UNUSABLE)
    return value


@dataclass(frozen=True)
class _Checked:
    files: list[Path]
    workbooks: list[CheckedWorkbook]  # as checked
    marked: list[CheckedWorkbook]  # with the batch's duplicate errors
    published: dict[str, int]  # State → position of the file published for it
    strays: list[Path]  # the folder's files that are not workbooks


def checked_cycle(settings: Settings, ids: IdBook) -> _Checked:
    """The submissions checked with their stable IDs (see :class:`_Checked`)."""
    from systematise.check import XmlDefencesError, check_files, find_workbooks
    from systematise.validate.batch import find_duplicates, other_files, with_duplicates

    folder = settings.paths.submissions
    files = find_workbooks([folder]) if folder.is_dir() else []
    try:
        workbooks = check_files(files, settings, ids=ids)
    except XmlDefencesError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(EXIT_UNUSABLE) from None
    published: dict[str, int] = {}
    for index, workbook in enumerate(workbooks):
        if workbook.header is not None:
            published.setdefault(workbook.header.country, index)
    duplicates = find_duplicates(files, workbooks)
    for duplicate in duplicates:
        published[duplicate.country] = duplicate.published
    strays = list(other_files([folder]).not_read) if folder.is_dir() else []
    marked = with_duplicates(workbooks, duplicates)
    return _Checked(files, list(workbooks), marked, published, strays)


def _stale_translations(
    settings: Settings, files: list[Path], workbooks: list[CheckedWorkbook]
) -> dict[str, int]:
    """Each State's stored translations whose source text has changed since."""
    from systematise.build import consolidate_batch
    from systematise.translations.store import load_translations

    dataset = consolidate_batch(settings, files, workbooks)
    counts: dict[str, int] = {}
    for item in load_translations(dataset, settings).outdated:
        country = item.entry_id.split("-", 1)[0]
        counts[country] = counts.get(country, 0) + 1
    return counts


def _decide(
    settings: Settings,
    status: CycleStatus,
    files: list[Path],
    iso3: str,
    verdict: str,
    note: str,
) -> None:
    from systematise.cycle.decisions import Decision, load_decisions, save_decisions
    from systematise.cycle.status import file_digest

    found = next((item for item in status.states if item.iso3 == iso3), None)
    if found is None:
        typer.echo(cli_text("Unknown Member State code: {code}.").format(code=iso3), err=True)
        raise typer.Exit(EXIT_UNUSABLE)
    if found.file is None:
        message = cli_text("{code} has not submitted anything to decide on.")
        typer.echo(message.format(code=iso3), err=True)
        raise typer.Exit(EXIT_UNUSABLE)
    path = next(path for path in files if path.name == found.file)
    decisions = load_decisions(settings.paths.decisions)
    decisions[iso3] = Decision(
        decision="approved" if verdict == "approve" else "rejected",
        note=note,
        file=found.file,
        sha256=file_digest(path),
        date=dt.date.today(),
    )
    save_decisions(settings.paths.decisions, decisions)


@app.command(
    help=cli_text(
        "Show where every Member State stands in the cycle; write it as CSV and HTML for the "
        "editor (output/status/)."
    )
)
def status(
    approve: str | None = typer.Option(
        None, "--approve", metavar="CODE", help=cli_text("Approve this State's submission.")
    ),
    reject: str | None = typer.Option(
        None, "--reject", metavar="CODE", help=cli_text("Reject this State's submission.")
    ),
    note: str = typer.Option("", "--note", help=cli_text("The note that goes with a decision.")),
    lang: str | None = typer.Option(
        None, "--lang", "-l", help=cli_text("Language of the table: es or en.")
    ),
) -> None:
    from rich.console import Console
    from rich.table import Table

    from systematise.cli.project import settings_or_exit
    from systematise.cycle.decisions import DecisionsError, load_decisions
    from systematise.cycle.ids import IdBook
    from systematise.cycle.registry import RegistryError
    from systematise.cycle.status import cycle_status
    from systematise.cycle.views import cycle_gettext, flag_label, state_label, write_status

    chosen = _lang(lang)
    if approve and reject:
        typer.echo(cli_text("Give --approve or --reject, not both."), err=True)
        raise typer.Exit(EXIT_UNUSABLE)
    settings = settings_or_exit("status")
    try:
        ids = IdBook(settings.paths.registry, settings.report.cycle)
        checked = checked_cycle(settings, ids)
        decisions = load_decisions(settings.paths.decisions)
    except (DecisionsError, RegistryError) as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(EXIT_UNUSABLE) from None
    cycle = settings.report.cycle
    stale = _stale_translations(settings, checked.files, checked.workbooks)
    result = cycle_status(
        cycle,
        checked.files,
        checked.marked,
        published=checked.published,
        not_workbooks=checked.strays,
        decisions=decisions,
        stale=stale,
    )
    verdict_code = approve or reject
    if verdict_code:
        verdict = "approve" if approve else "reject"
        _decide(settings, result, checked.files, verdict_code.upper(), verdict, note)
        decisions = load_decisions(settings.paths.decisions)
        result = cycle_status(
            cycle,
            checked.files,
            checked.marked,
            published=checked.published,
            not_workbooks=checked.strays,
            decisions=decisions,
            stale=stale,
        )
    _ = cycle_gettext(chosen)
    table = Table(title=fill(_("Cycle {cycle}: where each Member State stands"), cycle=cycle))
    for heading in (_("Code"), _("Member State"), _("State"), _("Decision"), _("File")):
        table.add_column(heading, overflow="fold")
    for heading in (_("Initiatives published"), _("Errors"), _("Warnings")):
        table.add_column(heading, justify="right")
    table.add_column(_("Flags"), overflow="fold")
    for item in result.states:
        decision = item.decision.decision if item.decision else ""
        table.add_row(
            item.iso3,
            item.name(chosen),
            state_label(item.state, chosen),
            _("approved") if decision == "approved" else _("rejected") if decision else "",
            item.file or "",
            str(item.initiatives) if item.file else "",
            str(item.errors) if item.file else "",
            str(item.warnings) if item.file else "",
            "; ".join(flag_label(flag, chosen) for flag in item.flags),
        )
    console = Console()
    console.print(table)
    for stray in result.strays:
        console.print(fill(_("Belongs to no Member State: {file}"), file=stray.file), markup=False)
    written = write_status(result, settings.paths.output / "status", chosen)
    console.print(
        fill(
            _("Written for the editors (not for publication): {files}"),
            files=", ".join(str(path) for path in written),
        ),
        markup=False,
    )


@cycle_app.command(
    "new",
    help=cli_text(
        "Archive the current cycle under cycles/<year>/, move the settings to YEAR and write "
        "each State a template pre-filled with its initiatives."
    ),
)
def new_cycle(
    year: str = typer.Argument(..., help=cli_text("The year of the new cycle, e.g. 2026.")),
) -> None:
    from systematise.build import consolidate_batch
    from systematise.cli.project import settings_or_exit
    from systematise.config import find_project
    from systematise.cycle.ids import IdBook
    from systematise.cycle.nextcycle import CycleError, start_cycle
    from systematise.cycle.registry import RegistryError

    settings = settings_or_exit("cycle new")
    settings_file = find_project()
    assert settings_file is not None  # settings_or_exit stops outside a project
    try:
        ids = IdBook(settings.paths.registry, settings.report.cycle)
        checked = checked_cycle(settings, ids)
    except RegistryError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(EXIT_UNUSABLE) from None
    chosen = [checked.workbooks[index] for index in sorted(checked.published.values())]
    dataset = consolidate_batch(settings, checked.files, checked.workbooks)
    langs: dict[str, FocalLang] = {}
    headers: dict[str, dict[str, object]] = {}
    for workbook in chosen:
        if workbook.header is None:
            continue
        country = workbook.header.country
        langs[country] = workbook.message_lang
        headers[country] = {
            "country": country,
            "submitting_institution": workbook.header.submitting_institution,
            "submission_language": workbook.header.submission_language,
        }
    ids.save()
    try:
        opened = start_cycle(
            settings_file.resolve().parent, settings, year, dataset, langs, headers
        )
    except CycleError as error:
        messages = {
            "year_invalid": cli_text("{year} is not a year: write it with four digits."),
            "year_not_after": cli_text(
                "The new cycle must come after the current one ({current})."
            ),
            "archive_exists": cli_text(
                "{folder} already exists: the cycle was archived before. Nothing was changed."
            ),
        }
        typer.echo(messages[error.code].format(**error.params), err=True)
        raise typer.Exit(EXIT_UNUSABLE) from None
    typer.echo(
        cli_text(
            "Cycle {closed} archived in {folder}; the project is now on cycle {opened}."
        ).format(closed=opened.closed, folder=opened.archive, opened=opened.opened)
    )
    typer.echo(
        cli_text("Pre-filled templates for {count} States: {folder}").format(
            count=len(opened.templates),
            folder=opened.templates[0].parent if opened.templates else "-",
        )
    )
