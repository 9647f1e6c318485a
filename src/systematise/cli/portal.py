"""``systematise portal``: the intake portal (serve it, invite a State, set the editor's password).

Every command works on the portal's data folder (``--data``, by default ``portal-data/`` in the
project folder): its database and the files received. See ``docs/portal.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from systematise.cli import app
from systematise.cli.texts import cli_text

if TYPE_CHECKING:
    from systematise.config import Settings

portal_app = typer.Typer(
    help=cli_text(
        "The intake portal: focal points upload their workbook and get the annotated copy back "
        "at once."
    ),
    no_args_is_help=True,
)
app.add_typer(portal_app, name="portal")

EXIT_UNUSABLE = 2
DEFAULT_DATA = Path("portal-data")

_DATA_HELP = cli_text("The portal's data folder (default: portal-data/ in the project folder).")


def _project() -> tuple[Path, Settings]:
    from systematise.cli.project import settings_or_exit
    from systematise.config import find_project

    settings = settings_or_exit("portal")
    found = find_project()
    assert found is not None  # settings_or_exit stops outside a project
    return found.resolve().parent, settings


def _data(data: Path | None, root: Path) -> Path:
    folder = data if data is not None else DEFAULT_DATA
    return folder if folder.is_absolute() else root / folder


def _iso3(code: str) -> str:
    from systematise.schema.reference import member_states

    iso3 = code.strip().upper()
    if iso3 not in member_states():
        typer.echo(cli_text("Unknown Member State code: {code}.").format(code=code), err=True)
        raise typer.Exit(EXIT_UNUSABLE)
    return iso3


@portal_app.command("serve", help=cli_text("Start the portal (on this machine only by default)."))
def serve(
    host: str = typer.Option(
        "127.0.0.1", "--host", help=cli_text("Address to listen on (default: this machine only).")
    ),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help=cli_text("Port to listen on.")),
    data: Path | None = typer.Option(None, "--data", help=_DATA_HELP),
    proxy: str = typer.Option(
        "127.0.0.1",
        "--forwarded-allow-ips",
        help=cli_text("Addresses of the reverse proxy whose forwarded headers are trusted."),
    ),
) -> None:
    import logging

    import uvicorn

    from systematise.portal.app import PortalConfig, create_app
    from systematise.portal.worker import Project

    root, settings = _project()
    folder = _data(data, root)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    application = create_app(PortalConfig(folder, Project(root, settings)))
    typer.echo(
        cli_text("Portal on http://{host}:{port}/ (data in {folder}); Ctrl+C stops it.").format(
            host=host, port=port, folder=folder
        )
    )
    uvicorn.run(
        application,
        host=host,
        port=port,
        access_log=False,
        proxy_headers=True,
        forwarded_allow_ips=proxy,
        server_header=False,
        log_level="warning",
    )


@portal_app.command(
    "invite",
    help=cli_text(
        "Print a State's link to the portal (a new link replaces the State's earlier ones)."
    ),
)
def invite(
    code: str = typer.Argument(..., help=cli_text("The State's ISO 3166 alpha-3 code, e.g. MEX.")),
    data: Path | None = typer.Option(None, "--data", help=_DATA_HELP),
    days: int = typer.Option(
        180,
        "--days",
        min=1,
        max=730,
        help=cli_text("Days the link stays valid (at most the cycle)."),
    ),
    url: str = typer.Option(
        "http://127.0.0.1:8000",
        "--url",
        help=cli_text("The portal's public address, as focal points reach it."),
    ),
) -> None:
    from systematise.portal import auth, db

    iso3 = _iso3(code)
    root, settings = _project()
    folder = _data(data, root)
    db.migrate(folder)
    cycle = settings.report.cycle
    token, expires = auth.invite(folder, iso3, cycle, days)
    typer.echo(
        cli_text("Link for {code}, cycle {cycle}, valid until {date}:").format(
            code=iso3, cycle=cycle, date=expires[:10]
        ),
        err=True,
    )
    typer.echo(f"{url.rstrip('/')}/s/{token}")


@portal_app.command("revoke", help=cli_text("Revoke every link of a State at once."))
def revoke(
    code: str = typer.Argument(..., help=cli_text("The State's ISO 3166 alpha-3 code, e.g. MEX.")),
    data: Path | None = typer.Option(None, "--data", help=_DATA_HELP),
) -> None:
    from systematise.portal import auth, db

    iso3 = _iso3(code)
    root, _ = _project()
    folder = _data(data, root)
    db.migrate(folder)
    count = auth.revoke(folder, iso3)
    typer.echo(cli_text("Links revoked for {code}: {count}.").format(code=iso3, count=count))


@portal_app.command(
    "password", help=cli_text("Set the editor's password (asked twice, not shown).")
)
def password(
    data: Path | None = typer.Option(None, "--data", help=_DATA_HELP),
) -> None:
    from systematise.portal import auth, db

    root, _ = _project()
    folder = _data(data, root)
    chosen = typer.prompt(
        cli_text("New password"),
        hide_input=True,
        confirmation_prompt=cli_text("The same password again"),
    )
    if len(chosen) < auth.MIN_PASSWORD:
        message = cli_text("The password must have at least {count} characters.")
        typer.echo(message.format(count=auth.MIN_PASSWORD), err=True)
        raise typer.Exit(EXIT_UNUSABLE)
    db.migrate(folder)
    auth.set_password(folder, chosen)
    typer.echo(cli_text("The editor's password is set; editors signed in must sign in again."))
