"""``systematise check``: check submitted workbooks and tell each focal point what to fix.

Exit status: 0 no errors; 1 errors found (warnings too with ``--strict``); 2 unusable arguments
or no readable input (or XML defences off).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from systematise.cli import app
from systematise.cli.texts import cli_text, user_lang

if TYPE_CHECKING:
    from rich.console import Console

    from systematise.schema.lang import FocalLang
    from systematise.schema.stages import CheckedWorkbook
    from systematise.validate.batch import OtherFiles

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2


@app.command(
    help=cli_text(
        "Check submitted workbooks; write an annotated copy, report.json and report.html each."
    )
)
def check(
    paths: list[Path] | None = typer.Argument(
        None,
        help=cli_text("Workbooks or folders to check (default: submissions/)."),
        show_default=False,
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help=cli_text("Folder for the feedback (default: output/feedback/)."),
    ),
    strict: bool = typer.Option(False, "--strict", help=cli_text("Count warnings as errors.")),
    lang: str | None = typer.Option(
        None,
        "--lang",
        "-l",
        help=cli_text("Language of the messages: es, en, pt or fr (default: each workbook's)."),
    ),
    feedback: bool = typer.Option(
        True, "--feedback/--no-feedback", help=cli_text("Write the feedback files (default: yes).")
    ),
) -> None:
    """Check submitted workbooks; write an annotated copy, report.json and report.html each."""
    from rich.console import Console

    from systematise.check import XmlDefencesError, check_files, find_workbooks
    from systematise.cli.project import settings_or_exit
    from systematise.config import find_project
    from systematise.cycle.ids import project_ids
    from systematise.cycle.registry import RegistryError
    from systematise.feedback import write_feedback
    from systematise.feedback.console import print_results
    from systematise.feedback.texts import gettext_for
    from systematise.schema.lang import is_focal_lang
    from systematise.schema.problems import UNUSABLE_CODES
    from systematise.validate.batch import find_duplicates, other_files, with_duplicates

    errors = Console(stderr=True)
    if lang is not None and not is_focal_lang(lang):
        message = cli_text("--lang must be es, en, pt or fr, not {value}").format(value=lang)
        errors.print(message, markup=False)
        raise typer.Exit(EXIT_UNUSABLE)
    chosen = lang if lang is not None and is_focal_lang(lang) else None
    _ = gettext_for(chosen or user_lang())
    told_every_path = bool(paths) and (output is not None or not feedback)
    settings = settings_or_exit("check", defaults_outside=told_every_path)
    try:
        files = find_workbooks(paths or [settings.paths.submissions])
    except FileNotFoundError as error:
        errors.print(_("Not found: {path}").format(path=error.args[0]), markup=False)
        raise typer.Exit(EXIT_UNUSABLE) from None
    others = other_files(paths or [settings.paths.submissions])
    console = Console()
    if not files:
        _print_other_files(console, others, chosen or user_lang())
        errors.print(_("No workbook to check."))
        raise typer.Exit(EXIT_UNUSABLE)
    # Inside a project, rows get the stable IDs of its registry (new ones are recorded when
    # the files are the project's submissions); outside one, IDs are given afresh.
    ids = project_ids(settings, files, in_project=find_project() is not None)
    try:
        results = check_files(files, settings, ids=ids)
        ids.save()
    except (XmlDefencesError, RegistryError) as error:
        errors.print(str(error), markup=False)
        raise typer.Exit(EXIT_UNUSABLE) from None
    results = with_duplicates(results, find_duplicates(files, results))
    print_results(console, results, lang=chosen, total_lang=user_lang())
    _print_other_files(console, others, chosen or _shared_lang(results))
    if feedback:
        folder = output or settings.paths.output / "feedback"
        write_feedback(
            list(zip(files, results, strict=True)), folder, settings, lang=chosen, strict=strict
        )
        _ = gettext_for(chosen or _shared_lang(results))
        console.print(_("Feedback written to {folder}").format(folder=folder), markup=False)
    readable = [
        workbook
        for workbook in results
        if not any(item.code in UNUSABLE_CODES for item in workbook.problems)
    ]
    if not readable:
        raise typer.Exit(EXIT_UNUSABLE)
    failed = any(wb.errors or (strict and wb.warnings) for wb in results)
    failed = failed or (strict and bool(others.not_read))
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)


def _shared_lang(results: list[CheckedWorkbook]) -> FocalLang:
    """The feedback language every workbook shares, else the command line's."""
    from systematise.feedback.texts import feedback_lang

    langs = {feedback_lang(workbook) for workbook in results}
    return langs.pop() if len(langs) == 1 else user_lang()


def _print_other_files(console: Console, others: OtherFiles, lang: FocalLang) -> None:
    """The folder's entries that are not workbooks, a warning each; hidden and lock files."""
    from rich.text import Text

    from systematise.feedback.texts import colon, gettext_for, severity_label

    _ = gettext_for(lang)
    problems = others.problems()
    if problems:
        console.print(Text(_("Other files in the folder, not read:"), style="bold"))
    for item in problems:
        label = severity_label(item.severity, lang)
        sep = colon(lang)
        console.print(Text(f"  {item.file}{sep}{label}{sep}{item.message(lang)}", style="yellow"))
    if others.skipped:
        names = ", ".join(path.name for path in others.skipped)
        line = _("Skipped (hidden, lock or system files): {files}").format(files=names)
        console.print(Text(line, style="dim"))
