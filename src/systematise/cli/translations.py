"""``systematise translations export|import``: the round trip with translators."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from systematise.cli import app
from systematise.cli.texts import cli_text

if TYPE_CHECKING:
    from systematise.config import Settings
    from systematise.consolidate.models import Dataset

translations_app = typer.Typer(
    help=cli_text(
        "Translate the submitted texts: a workbook for translators out, reviewed files in."
    ),
    no_args_is_help=True,
)
app.add_typer(translations_app, name="translations")

_PATHS_HELP = cli_text("Submitted workbooks or folders (default: the submissions folder).")


def load_dataset(paths: list[Path], settings: Settings) -> Dataset:
    """Check and consolidate the submissions, as ``build`` does, without rendering anything.

    Ends the command (exit status 2) when openpyxl would parse XML without its defences.
    """
    from systematise.build import consolidate_batch, submission_files
    from systematise.check import XmlDefencesError, check_files
    from systematise.cycle.ids import project_ids
    from systematise.cycle.registry import RegistryError

    files = submission_files(paths or [settings.paths.submissions])
    # The registry's stable IDs, as the build gives them (translations are keyed by them).
    ids = project_ids(settings, files, in_project=True)
    try:
        checked = check_files(files, settings, ids=ids)
        ids.save()
    except (XmlDefencesError, RegistryError) as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    return consolidate_batch(settings, files, list(checked))


@translations_app.command(
    "export", help=cli_text("Write a workbook with every published text not yet available in LANG.")
)
def export_command(
    lang: str = typer.Option(..., "--lang", "-l", help=cli_text("Target language: es or en.")),
    output: Path | None = typer.Option(
        None, "--output", "-o", help=cli_text("File to write (default: output/translations/...).")
    ),
    paths: list[Path] = typer.Argument(None, help=_PATHS_HELP),
) -> None:
    """Write a workbook with every published text not yet available in LANG."""
    from systematise.cli.project import settings_or_exit
    from systematise.schema.lang import is_lang
    from systematise.translations.workbook import default_export_name, export_workbook

    if not is_lang(lang):
        typer.echo("--lang must be es or en / --lang debe ser es o en", err=True)
        raise typer.Exit(2)
    settings = settings_or_exit()
    dataset = load_dataset(list(paths or []), settings)
    target = output or settings.paths.output / "translations" / default_export_name(
        lang, dataset.cycle
    )
    count = export_workbook(dataset, settings, lang, target)
    typer.echo(f"{target}: {count}")


@translations_app.command(
    "import",
    help=cli_text(
        "Check a filled-in workbook and store its translations under translations/<lang>/."
    ),
)
def import_command(
    workbook: Path = typer.Argument(..., help=cli_text("The translators' workbook, filled in.")),
    paths: list[Path] = typer.Argument(None, help=_PATHS_HELP),
) -> None:
    """Check a filled-in workbook and store its translations under translations/<lang>/."""
    from systematise.cli.project import settings_or_exit
    from systematise.cli.texts import cli_lang
    from systematise.read.defences import XmlDefencesError
    from systematise.translations.importer import TranslationWorkbookError, import_workbook

    settings = settings_or_exit()
    dataset = load_dataset(list(paths or []), settings)
    try:
        result = import_workbook(workbook, dataset, settings)
    except TranslationWorkbookError as error:
        typer.echo(error.message(cli_lang()), err=True)
        raise typer.Exit(2) from None
    except (XmlDefencesError, OSError) as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    for problem in result.problems:
        typer.echo(problem.message(cli_lang()), err=True)
    typer.echo(
        f"{result.lang}: {len(result.imported)} imported, {len(result.stale)} stale, "
        f"{len(result.problems) - len(result.stale)} refused, {result.empty} empty; "
        f"{len(result.files)} file(s) written"
    )
