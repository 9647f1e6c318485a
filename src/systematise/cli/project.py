"""The settings of the project a command runs in, or a clear message and exit status 2.

Every command loads its settings through :func:`settings_or_exit`: a settings file with
problems, or no project folder at all, ends the command with the problems in words (in the
command line's language) before anything is read or written. A command that can work outside a
project (``template -o``, ``check`` with files and ``-o``) asks for the default settings there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from systematise.config import Settings

#: Exit status of a command that cannot start (the same as ``check`` uses for unusable input).
EXIT_UNUSABLE = 2


def settings_or_exit(command: str = "", *, defaults_outside: bool = False) -> Settings:
    """The settings of the project the working folder belongs to.

    Outside a project: the defaults when ``defaults_outside`` (the command was told every file
    and folder it uses), else a message saying so (with ``command``'s hint) and exit status 2.
    """
    from systematise import config
    from systematise.cli.messages import defaults_note, no_project_text, settings_error_text

    try:
        return config.load_settings()
    except config.ConfigError as error:
        typer.echo(settings_error_text(error), err=True)
        raise typer.Exit(EXIT_UNUSABLE) from None
    except config.ProjectNotFoundError as error:
        if defaults_outside:
            typer.echo(defaults_note(), err=True)
            return config.Settings()
        typer.echo(no_project_text(error.start, command), err=True)
        raise typer.Exit(EXIT_UNUSABLE) from None
