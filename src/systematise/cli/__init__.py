"""The command line: a thin shell over the pipeline's functions.

Importing this module stays light: each command imports what it needs (openpyxl, WeasyPrint,
pandoc...) only when it runs, so ``systematise --help`` starts fast.
"""

from __future__ import annotations

import typer

from systematise import __version__
from systematise.cli.texts import cli_text

app = typer.Typer(
    name="systematise",
    help=cli_text(
        "Turn SELA Member States' migration policy-initiative submissions into a bilingual "
        "report (Spanish and English). Run with LANG=es_... or SYSTEMATISE_LANG=es for help in "
        "Spanish."
    ),
    no_args_is_help=True,
    add_completion=False,
    # Plain help: Typer's Rich formatting imports Rich's Markdown, tracebacks and syntax
    # highlighting, which would double the time ``--help`` takes.
    rich_markup_mode=None,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"systematise {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        help=cli_text("Show the version and exit."),
        callback=_show_version,
        is_eager=True,
    ),
) -> None:
    """Root options."""


# Each module registers its commands on ``app``.
from systematise.cli import build as _build  # noqa: E402, F401
from systematise.cli import check as _check  # noqa: E402, F401
from systematise.cli import cycle as _cycle  # noqa: E402, F401
from systematise.cli import portal as _portal  # noqa: E402, F401
from systematise.cli import preview as _preview  # noqa: E402, F401
from systematise.cli import template as _template  # noqa: E402
from systematise.cli import translations as _translations  # noqa: E402, F401

__all__ = ["_template", "app", "main"]


def main() -> None:
    """Run the command line; a file that cannot be read or written (a folder that does not
    exist, no permission, a full disk) ends it with one clear line, not a traceback."""
    try:
        app()
    except OSError as error:
        from systematise.cli.messages import file_error_text

        typer.echo(file_error_text(error), err=True)
        raise SystemExit(2) from None
