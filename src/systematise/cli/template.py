"""``systematise template``: write the workbook template focal points fill in."""

from __future__ import annotations

from pathlib import Path

import typer

from systematise.cli import app
from systematise.cli.texts import cli_text


@app.command(
    help=cli_text(
        "Write the submission template (.xlsx) in Spanish, English, Portuguese or French."
    )
)
def template(
    lang: str = typer.Option(
        "es", "--lang", "-l", help=cli_text("Language of the template: es, en, pt or fr.")
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help=cli_text("File or folder to write (default: output/templates/)."),
    ),
) -> None:
    """Write the submission template (.xlsx) in Spanish, English, Portuguese or French."""
    from systematise.cli.project import settings_or_exit
    from systematise.schema.lang import is_focal_lang
    from systematise.template.writer import default_name, write_template

    if not is_focal_lang(lang):
        typer.echo(
            cli_text("--lang must be es, en, pt or fr, not {value}").format(value=lang), err=True
        )
        raise typer.Exit(2)
    settings = settings_or_exit("template", defaults_outside=output is not None)
    target = output or settings.paths.output / "templates"
    if target.suffix.lower() != ".xlsx":
        target = target / default_name(lang)
    write_template(target, lang, settings)
    typer.echo(str(target))
