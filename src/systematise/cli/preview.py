"""``systematise preview``: the HTML report of one language, served on this computer only and
rebuilt as the submissions, the editorial text, the translations or the settings change."""

from __future__ import annotations

import logging
import signal
import tempfile
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from systematise.cli import app
from systematise.cli.texts import cli_text

if TYPE_CHECKING:
    from systematise.preview import Outcome, Texts
    from systematise.schema.lang import Lang

DEFAULT_PORT = 8765


@app.command(
    help=cli_text(
        "Preview the HTML report in a browser: rebuilt and reloaded as you edit the chapters, "
        "translations, settings or submissions."
    )
)
def preview(
    lang: str = typer.Option(
        "es", "--lang", "-l", help=cli_text("Language of the report to preview: es or en.")
    ),
    port: int = typer.Option(
        DEFAULT_PORT,
        "--port",
        "-p",
        min=0,
        max=65535,
        help=cli_text("Port on 127.0.0.1 (0: any free port)."),
    ),
) -> None:
    """Preview the HTML report, rebuilt as its sources change."""
    from systematise.cli.project import settings_or_exit
    from systematise.schema.lang import is_lang

    if not is_lang(lang):
        typer.echo(cli_text("--lang must be es or en, not {value}").format(value=lang), err=True)
        raise typer.Exit(2)
    settings_or_exit("preview")
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    run_preview(lang, port)


def page_texts(lang: Lang) -> Texts:
    """The preview page's own words in ``lang``."""
    from systematise.i18n import translations
    from systematise.preview import Texts

    cli_text = translations("cli", lang).gettext
    return Texts(
        lang=lang,
        title=cli_text("Preview of the report"),
        building=cli_text("Building the preview…"),
        failed=cli_text("The report could not be built:"),
        left_out=cli_text("Left out of the report (see systematise check):"),
    )


def build_html(lang: Lang, output: Path) -> Outcome:
    """One build of ``<lang>/report.html`` into ``output``; errors as messages in ``lang``."""
    from systematise import config
    from systematise.build import BuildError, build, build_report, submission_files
    from systematise.cli.messages import content_error_text, settings_error_text
    from systematise.cycle.ids import project_ids
    from systematise.cycle.registry import RegistryError
    from systematise.i18n import translations
    from systematise.preview import Outcome
    from systematise.wording.editorial import ContentError

    report_text = translations("report", lang).gettext
    try:
        settings = config.load_settings()
        paths = [settings.paths.submissions]
        ids = project_ids(settings, submission_files(paths), True)
        result = build(paths, settings, output, only=["html"], langs=[lang], ids=ids, workers=1)
        page = (output / lang / "report.html").read_bytes()
    except config.ConfigError as error:
        return Outcome(errors=tuple(settings_error_text(error, lang).splitlines()))
    except ContentError as error:
        return Outcome(errors=tuple(content_error_text(error, lang).splitlines()))
    except RegistryError as error:
        return Outcome(errors=(str(error),))
    except BuildError as error:
        reason = report_text(error.reason) % error.params if error.reason else str(error)
        notes = _left_out(build_report(error.result), lang)
        return Outcome(errors=(reason, *notes))
    except Exception as error:  # a bug or a broken environment: one line, the preview goes on
        return Outcome(errors=(f"{type(error).__name__}: {error}",))
    return Outcome(html=page, notes=_left_out(build_report(result), lang))


def _left_out(report: Mapping[str, object], lang: Lang) -> tuple[str, ...]:
    """One line per row (or file) the build left out, with its first reasons."""
    excluded = report.get("excluded")
    if not isinstance(excluded, list):
        return ()
    key = "message_es" if lang == "es" else "message_en"
    lines = []
    for row in excluded:
        place = str(row["file"]) + (f", {row['row']}" if row.get("row") else "")
        reasons = "; ".join(str(problem[key]) for problem in row["problems"][:3])
        lines.append(f"{place}: {reasons}")
    return tuple(lines)


def watched(project_file: Path | None) -> list[Path]:
    """Where a change triggers a build: the settings file and the folders it names."""
    from systematise import config

    try:
        settings = config.load_settings()
    except (config.ConfigError, config.ProjectNotFoundError):
        return [project_file] if project_file is not None else []
    paths = settings.paths
    roots = [paths.submissions, paths.content, paths.translations]
    return [*roots, *([project_file] if project_file is not None else [])]


def run_preview(lang: Lang, port: int, stop: threading.Event | None = None) -> None:
    """Serve and rebuild until interrupted (or until ``stop`` is set)."""
    from systematise import check, config
    from systematise.preview import State, make_server, timed, watch_and_build

    cli_text = _console_text(lang)
    texts = page_texts(lang)
    state = State()
    stop = stop or threading.Event()
    check.remember_checks()
    project_file = config.find_project()
    try:
        server = make_server(state, texts, port)
    except OSError as error:
        typer.echo(
            cli_text("Cannot listen on port {port}: {reason}").format(
                port=port, reason=error.strerror or error
            ),
            err=True,
        )
        raise typer.Exit(2) from None
    address = f"http://127.0.0.1:{server.server_address[1]}/"
    typer.echo(
        cli_text("Preview of the report ({lang}) at {address}").format(lang=lang, address=address)
    )
    typer.echo(cli_text("Press Ctrl+C to stop."))

    def report(outcome: Outcome) -> None:
        if outcome.html is None:
            typer.echo(cli_text("Build failed; the page shows why."), err=True)
        else:
            typer.echo(cli_text("Rebuilt in {seconds:.1f} s.").format(seconds=outcome.seconds))

    if threading.current_thread() is threading.main_thread():
        # A plain `kill` stops it like Ctrl+C: the temporary folder is removed.
        signal.signal(signal.SIGTERM, lambda _number, _frame: stop.set())
    with tempfile.TemporaryDirectory(
        prefix="systematise-preview-", ignore_cleanup_errors=True
    ) as folder:
        output = Path(folder)
        builder = threading.Thread(
            target=watch_and_build,
            args=(
                lambda: watched(project_file),
                timed(lambda: build_html(lang, output)),
                state,
                stop,
                report,
            ),
            daemon=True,
        )
        server_thread = threading.Thread(target=server.serve_forever, daemon=True)
        builder.start()
        server_thread.start()
        try:
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            stop.set()
        finally:
            server.shutdown()
            server.server_close()
            builder.join(timeout=5)  # a build under way is not waited for


def _console_text(lang: Lang) -> Callable[[str], str]:
    from systematise.i18n import translations

    return translations("cli", lang).gettext
