"""``systematise build``: the report in Spanish and English (HTML, PDF, DOCX) and the open data."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer

from systematise.cli import app
from systematise.cli.texts import cli_text
from systematise.i18n import fill

if TYPE_CHECKING:
    from systematise.cycle.ids import IdBook

T = TypeVar("T", bound=str)

#: Warnings listed one by one on the console; the rest are in build-report.json.
MAX_LISTED = 10


@app.command(
    help=cli_text(
        "Build the report from the submissions: HTML, PDF and DOCX in Spanish and English, "
        "and the open data."
    )
)
def build(
    paths: list[Path] = typer.Argument(
        None, help=cli_text("Submitted workbooks or folders (default: the submissions folder).")
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help=cli_text("Output folder (default: output/).")
    ),
    strict: bool = typer.Option(
        False,
        "--strict",
        help=cli_text("Fail on any error in the submissions instead of leaving rows out."),
    ),
    lang_option: str | None = typer.Option(
        None,
        "--lang",
        "-l",
        help=cli_text(
            "Languages to build, comma-separated: es, en (default: both). One language is also "
            "the language of this summary."
        ),
    ),
    only: str | None = typer.Option(
        None,
        "--only",
        help=cli_text(
            "Outputs to build, comma-separated: html, pdf, docx, landing, data (default: all)."
        ),
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help=cli_text("Show each stage's log.")),
    force: bool = typer.Option(
        False,
        "--force",
        help=cli_text("Render every output, even those whose inputs did not change."),
    ),
    jobs: int = typer.Option(
        0,
        "--jobs",
        "-j",
        min=0,
        help=cli_text("Processes rendering outputs at once (default: the cores)."),
    ),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help=cli_text("Plain progress lines instead of progress bars.")
    ),
) -> None:
    """Build the report from the submissions. / Genera el informe a partir de los envíos."""
    from systematise.i18n import translations
    from systematise.pipeline import stamp
    from systematise.pipeline.outputs import SELECTORS
    from systematise.schema.lang import REPORT_LANGS

    from .texts import cli_lang

    langs, kinds = _choice(lang_option, REPORT_LANGS, "--lang"), _choice(only, SELECTORS, "--only")
    lang = langs[0] if langs is not None and len(langs) == 1 else cli_lang()
    _ = translations("report", lang).gettext
    # Nothing changed since the last build of this very request: said at once, before the
    # settings (and Pydantic) are even loaded. Any doubt, and the build below finds out.
    request = stamp.Request.of(paths or [], output, strict=strict, langs=langs, only=kinds)
    stamping = stamp.Stamping(request)
    known = None if force else stamp.answer(request)
    if known is not None:
        _unchanged(Path(known.output), known.files, known.not_read, known.skipped, lang)
        return
    from systematise.build import BuildError, build_report, submission_files
    from systematise.build import build as run_build
    from systematise.cli.messages import content_error_text
    from systematise.cli.project import settings_or_exit
    from systematise.wording.placeholders import ContentError

    from .progress import progress_display

    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    settings = settings_or_exit()
    missing = [path for path in paths or [] if not path.exists()]
    if missing:
        typer.echo(cli_text("Not found: {path}").format(path=missing[0]), err=True)
        raise typer.Exit(2)
    folders = paths or [settings.paths.submissions]

    def ids() -> IdBook:  # the registry and the check are imported only when something changed
        from systematise.cycle.ids import project_ids

        return project_ids(settings, submission_files(folders), True)

    try:
        out_dir = output or settings.paths.output
        with progress_display(quiet=quiet) as progress:
            result = run_build(
                folders,
                settings,
                out_dir,
                strict=strict,
                force=force,
                workers=jobs or os.cpu_count() or 1,
                progress=progress,
                only=kinds,
                langs=langs,
                ids=ids,
                stamping=stamping,
            )
    except ContentError as error:
        typer.echo(content_error_text(error), err=True)
        raise typer.Exit(2) from None
    except BuildError as error:
        result = error.result
        _summary(build_report(result), lang)
        reason = fill(_(error.reason), error.params) if error.reason else str(error)
        typer.echo(fill(_("Build failed: {reason}"), {"reason": reason}), err=True)
        _nothing_published(out_dir, lang)
        raise typer.Exit(1) from None
    except Exception as error:  # a bug or a broken environment: a clear line, the trace with -v
        if _is_registry_error(error):
            typer.echo(str(error), err=True)
            raise typer.Exit(2) from None
        if verbose:
            raise
        reason = f"{type(error).__name__}: {error}"
        typer.echo(fill(_("Build failed: {reason}"), {"reason": reason}), err=True)
        raise typer.Exit(1) from None
    if result.up_to_date:
        _unchanged(out_dir, len(result.outputs), result.not_read, result.skipped, lang)
        return
    _summary(build_report(result), lang)
    if result.reused:
        typer.echo(
            fill(
                _("Kept (their inputs did not change): {outputs}"),
                {"outputs": ", ".join(result.reused)},
            )
        )
    if result.not_asked:
        typer.echo(
            fill(
                _("Not built (not asked for): {outputs}"), {"outputs": ", ".join(result.not_asked)}
            )
        )
    typer.echo(fill(_("Written to {folder}"), {"folder": out_dir}))


def _unchanged(
    out_dir: Path, files: int, not_read: Sequence[str], skipped: Sequence[str], lang: str
) -> None:
    """What an unchanged build says: the folders' other entries, the translation coverage
    (from the last build's report), the files up to date."""
    from systematise.i18n import translations

    _ = translations("report", lang).gettext
    _other_files(not_read, skipped, lang)
    _translation_coverage(_last_report(out_dir), lang)
    typer.echo(
        fill(
            _("Nothing changed since the last build: {count} files are up to date."),
            {"count": files},
        )
    )
    typer.echo(_("To render everything again: systematise build --force"))


def _is_registry_error(error: Exception) -> bool:
    """A registry that cannot be read or written (its module is imported only by then)."""
    from systematise.cycle.registry import RegistryError

    return isinstance(error, RegistryError)


def _choice(value: str | None, allowed: Sequence[T], option: str) -> list[T] | None:
    """The comma-separated ``value`` of ``option`` (None when not given); exit 2 if unknown."""
    if value is None:
        return None
    chosen = [item.strip().lower() for item in value.split(",") if item.strip()]
    unknown = [item for item in chosen if item not in allowed]
    if unknown or not chosen:
        typer.echo(
            cli_text(
                "{option} takes one or more of {allowed}, comma-separated (not: {value})"
            ).format(option=option, allowed=", ".join(allowed), value=value),
            err=True,
        )
        raise typer.Exit(2)
    return [item for item in allowed if item in chosen]


def _summary(report: Mapping[str, object], lang: str) -> None:
    """The build report in a few lines: rows in and out (and why), warnings, times, sizes."""
    from systematise.i18n import translations
    from systematise.schema.lang import is_lang
    from systematise.wording.formatting import Formatter

    _ = translations("report", lang if is_lang(lang) else "es").gettext
    formatter = Formatter(lang if is_lang(lang) else "es")  # "2000 KB", "2,000 KB"
    excluded = report["excluded"]
    warnings = report["warnings"]
    stages = report["stages_seconds"]
    outputs = report["outputs"]
    assert isinstance(excluded, list) and isinstance(warnings, list)
    assert isinstance(stages, dict) and isinstance(outputs, list)
    message_key = "message_es" if lang == "es" else "message_en"
    typer.echo(fill(_("Initiatives included: {count}"), {"count": report["included"]}))
    typer.echo(fill(_("Rows left out: {count}"), {"count": len(excluded)}))
    for row in excluded:
        place = row["file"] + (f", {row['row']}" if row["row"] else "")
        reasons = "; ".join(p[message_key] for p in row["problems"][:3])
        typer.echo(f"  - {place}: {reasons}")
    typer.echo(fill(_("Warnings: {count} (see build-report.json)"), {"count": len(warnings)}))
    for warning in warnings[:MAX_LISTED]:
        place = ", ".join(str(part) for part in (warning["file"], warning["cell"]) if part)
        typer.echo(f"  - {place}: {warning[message_key]}")
    if len(warnings) > MAX_LISTED:
        typer.echo(f"  - … (+{len(warnings) - MAX_LISTED})")
    _translation_coverage(report, lang)
    _stale_translations(report, lang)
    notes = report.get("notes", [])
    assert isinstance(notes, list)
    for note in notes:
        typer.echo(note[message_key])
    not_read, skipped = report.get("not_read", []), report.get("skipped", [])
    assert isinstance(not_read, list) and isinstance(skipped, list)
    _other_files(not_read, skipped, lang)
    timing = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in stages.items())
    typer.echo(fill(_("Time per stage: {stages}"), {"stages": timing}))
    for item in outputs:
        typer.echo(f"  {item['path']}  {formatter.number(round(item['bytes'] / 1024))} KB")


def _stale_translations(report: Mapping[str, object], lang: str) -> None:
    """Stored translations not used because their source text changed since."""
    from systematise.i18n import translations
    from systematise.schema.lang import is_lang

    _ = translations("report", lang if is_lang(lang) else "es").gettext
    summary = report.get("translations")
    stale = summary.get("stale", []) if isinstance(summary, dict) else []
    if not stale:
        return
    typer.echo(
        fill(
            _(
                "Stale translations, not used because their source text changed "
                "(translations export offers them for review): {count}"
            ),
            {"count": len(stale)},
        )
    )
    for item in stale[:MAX_LISTED]:
        typer.echo(f"  - {item}")
    if len(stale) > MAX_LISTED:
        typer.echo(f"  - … (+{len(stale) - MAX_LISTED})")


def _translation_coverage(report: Mapping[str, object], lang: str) -> None:
    """Each report language below the minimum translation coverage, and what it lacks."""
    summary = report.get("translations")
    below = summary.get("below_minimum", []) if isinstance(summary, dict) else []
    if not below:
        return
    from systematise.i18n import translations
    from systematise.schema.lang import is_lang
    from systematise.wording.formatting import Formatter

    shown = lang if is_lang(lang) else "es"
    _ = translations("report", shown).gettext
    formatter = Formatter(shown)
    for item in below:
        missing = item["missing"]
        typer.echo(
            fill(
                _(
                    "Translation coverage in {language}: {coverage} of the published texts, "
                    "below the minimum of {minimum}; shown in another language ({count}):"
                ),
                {
                    "language": formatter.language_name(item["lang"]),
                    "coverage": formatter.percent(item["ratio"]),
                    "minimum": formatter.percent(item["minimum"]),
                    "count": len(missing),
                },
            )
        )
        typer.echo(f"  - {', '.join(missing[:MAX_LISTED])}")
        if len(missing) > MAX_LISTED:
            typer.echo(f"  - … (+{len(missing) - MAX_LISTED}, see build-report.json)")


def _last_report(out_dir: Path) -> dict[str, object]:
    """The build report of the last build in ``out_dir`` (empty if there is none)."""
    import json

    from systematise.pipeline.outputs import BUILD_REPORT

    try:
        report = json.loads((out_dir / BUILD_REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return report if isinstance(report, dict) else {}


def _other_files(not_read: Sequence[str], skipped: Sequence[str], lang: str) -> None:
    """The folder's entries that were not read, each named: never skipped in silence."""
    from systematise.i18n import translations
    from systematise.schema.lang import is_lang

    _ = translations("report", lang if is_lang(lang) else "es").gettext
    if not_read:
        typer.echo(
            fill(
                _("Not read, not workbooks ({count}): {files}"),
                {"count": len(not_read), "files": ", ".join(not_read)},
            )
        )
    if skipped:
        typer.echo(
            fill(
                _("Skipped, hidden, lock or system files ({count}): {files}"),
                {"count": len(skipped), "files": ", ".join(skipped)},
            )
        )


def _nothing_published(out_dir: Path, lang: str) -> None:
    """Say that the failed build changed no output, and whether older ones are still there."""
    from systematise.i18n import translations
    from systematise.pipeline.cache import MANIFEST
    from systematise.schema.lang import is_lang

    _ = translations("report", lang if is_lang(lang) else "es").gettext
    if (out_dir / MANIFEST).is_file():
        typer.echo(
            fill(
                _(
                    "Nothing was published: the outputs in {folder} are still those of the last "
                    "successful build, not of these submissions."
                ),
                {"folder": out_dir},
            ),
            err=True,
        )
    else:
        typer.echo(_("Nothing was published."), err=True)
