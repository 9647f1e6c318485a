"""``systematise cycle new YEAR``: close this year's cycle and open the next one.

1. The current cycle is archived under ``cycles/<year>/``: the settings, the submissions, the
   translations, the ID registry, the editors' decisions, the status table, and the published
   outputs; plus ``initiatives.json``, the public facts of every published initiative, which the
   next report compares itself with.
2. The settings move to the new year (only ``cycle`` changes, and a fixed publication date is
   dropped; comments and everything else are kept): cover, subtitle, reference and copyright
   follow the cycle unless an editor set them.
3. ``submissions/`` is emptied (its files are in the archive), and for each State that took
   part a template of the new cycle is written, pre-filled with its initiatives of the closing
   cycle and their IDs, in the language of its last submission: focal points update status,
   dates and results instead of retyping.

Nothing is overwritten: an existing archive of the closing year stops the command before any
change.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from systematise import atomic
from systematise.config import Settings
from systematise.consolidate.models import Dataset, Entry
from systematise.schema.lang import FocalLang

YEAR = re.compile(r"^\d{4}$")
#: The archive's summary of the published initiatives, read by the next cycle's comparison.
INITIATIVES_FILE = "initiatives.json"


class CycleError(Exception):
    """The new cycle cannot be started; ``code`` says why, for the CLI to word it."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class NewCycle:
    closed: str
    opened: str
    archive: Path
    templates: tuple[Path, ...]


def public_facts(entry: Entry) -> dict[str, object]:
    """What the next cycle compares: the public facts of one published initiative."""
    initiative = entry.initiative
    return {
        "id": entry.id,
        "country": entry.country,
        "title": initiative.title,
        "status": initiative.status,
        "start_date": str(initiative.start_date),
        "end_date": str(initiative.end_date) if initiative.end_date else None,
        "summary": initiative.summary,
        "results": initiative.results,
    }


def initiatives_json(dataset: Dataset) -> str:
    facts = [public_facts(entry) for entry in dataset.entries]
    return json.dumps({"cycle": dataset.cycle, "initiatives": facts}, ensure_ascii=False, indent=1)


def _copy(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=False)
    elif source.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def _move_settings(settings_file: Path, year: str) -> None:
    import tomlkit

    document = tomlkit.parse(settings_file.read_text(encoding="utf-8"))
    report = document.get("report")
    if report is None:
        report = tomlkit.table()
        document["report"] = report
    report["cycle"] = year
    if "publication_date" in report:
        del report["publication_date"]
    atomic.write_text(settings_file, tomlkit.dumps(document))


def start_cycle(
    project: Path,
    settings: Settings,
    year: str,
    dataset: Dataset,
    template_langs: dict[str, FocalLang],
    headers: dict[str, dict[str, object]],
) -> NewCycle:
    """Archive the current cycle and open ``year``; see the module's docstring.

    ``dataset`` is the closing cycle's consolidated dataset (IDs from the registry),
    ``template_langs`` and ``headers`` each State's template language and the submission
    facts to pre-fill (never the focal point's personal fields).
    """
    closing = settings.report.cycle
    if not YEAR.match(year):
        raise CycleError("year_invalid", year=year)
    if YEAR.match(closing) and int(year) <= int(closing):
        raise CycleError("year_not_after", year=year, current=closing)
    paths = settings.paths
    archive = paths.cycles / closing
    if archive.exists():
        raise CycleError("archive_exists", folder=str(archive))
    settings_file = project / "systematise.toml"
    archive.mkdir(parents=True)
    _copy(settings_file, archive / "systematise.toml")
    for name, source in (
        ("submissions", paths.submissions),
        ("translations", paths.translations),
        ("registry", paths.registry),
        ("output", paths.output),
    ):
        _copy(source, archive / name)
    _copy(paths.decisions, archive / paths.decisions.name)
    atomic.write_text(archive / INITIATIVES_FILE, initiatives_json(dataset) + "\n")
    _move_settings(settings_file, year)
    if paths.submissions.is_dir():
        for child in paths.submissions.iterdir():
            if child.is_file():
                child.unlink()
    if paths.decisions.is_file():
        paths.decisions.unlink()
    shutil.rmtree(paths.output / "status", ignore_errors=True)
    opened = settings.model_copy(
        update={"report": settings.report.model_copy(update={"cycle": year})}
    )
    written = write_prefilled(
        paths.output / "templates" / year, opened, dataset, template_langs, headers
    )
    return NewCycle(closing, year, archive, tuple(written))


def write_prefilled(
    folder: Path,
    settings: Settings,
    dataset: Dataset,
    template_langs: dict[str, FocalLang],
    headers: dict[str, dict[str, object]],
) -> list[Path]:
    """One template per State of ``dataset``, pre-filled with its initiatives and their IDs."""
    from systematise.template.fill import fill_workbook, save_workbook
    from systematise.template.layout import ID_KEY

    written: list[Path] = []
    for country in dataset.countries():
        entries: Sequence[Entry] = [e for e in dataset.entries if e.country == country]
        lang = template_langs.get(country, "es")
        rows = []
        for entry in entries:
            values = entry.initiative.model_dump(mode="json", exclude_none=True)
            values[ID_KEY] = entry.id
            rows.append(values)
        workbook = fill_workbook(lang, headers.get(country, {"country": country}), rows, settings)
        path = folder / f"{country}-{settings.report.cycle}.xlsx"
        save_workbook(workbook, path)
        written.append(path)
    return written
