"""Regenerate the sample cycle: ``submissions/<ISO3>-<cycle>.xlsx`` from ``samples/source/*.yaml``.

Each source file holds one State's illustrative submission (``submission:`` fields and a list of
``initiatives:``, with vocabulary codes and a few deliberately messy values). It is written into
the real template in the submission's own language (Spanish, English, Portuguese or French),
and marked as illustrative. The documents are dated from the submission date,
so regenerating without changes gives byte-identical files.

Run with ``make samples`` (or ``python scripts/make_sample_cycle.py``).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook

from systematise.config import CONFIG_FILE, Settings, load_settings
from systematise.schema.lang import FocalLang, message_lang
from systematise.template.fill import fill_workbook, save_workbook

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "samples" / "source"
OUTPUT_DIR = ROOT / "submissions"
#: Noon, so that the date is the same in every time zone.
_NOON = dt.time(12, 0)


def template_lang(submission: Mapping[str, Any]) -> FocalLang:
    """The template language of a submission: its own language (Spanish when unknown)."""
    return message_lang(str(submission.get("submission_language", "es")).strip().lower())


def document_moment(submission: Mapping[str, Any], cycle: str) -> dt.datetime:
    """The moment stamped on the workbook: its submission date, else 1 January of the cycle."""
    value = submission.get("submission_date")
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, _NOON)
    try:
        return dt.datetime.combine(dt.date.fromisoformat(str(value).strip()), _NOON)
    except ValueError:
        year = int(cycle) if cycle.isdigit() else 2025
        return dt.datetime(year, 1, 1, 12, 0)


def load_source(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The submission fields and initiatives of one source file."""
    with path.open(encoding="utf-8") as stream:
        data = yaml.safe_load(stream)
    if not isinstance(data, dict) or not isinstance(data.get("submission"), dict):
        raise ValueError(f"{path.name}: expected a mapping with 'submission' and 'initiatives'")
    initiatives = data.get("initiatives") or []
    if not isinstance(initiatives, list) or not all(isinstance(i, dict) for i in initiatives):
        raise ValueError(f"{path.name}: 'initiatives' must be a list of mappings")
    return data["submission"], initiatives


def sample_workbook(path: Path, settings: Settings) -> tuple[Workbook, dt.datetime]:
    """The filled-in, illustrative workbook of one source file, and its document date."""
    submission, initiatives = load_source(path)
    workbook = fill_workbook(
        template_lang(submission),
        submission,
        initiatives,
        settings,
        mark_illustrative=True,
    )
    return workbook, document_moment(submission, settings.report.cycle)


def output_name(source: Path, settings: Settings) -> str:
    return f"{source.stem.upper()}-{settings.report.cycle}.xlsx"


def make_sample_cycle(source_dir: Path, output_dir: Path, settings: Settings) -> list[Path]:
    """Write one workbook per source file into ``output_dir``; returns the paths written."""
    written: list[Path] = []
    for source in sorted(source_dir.glob("*.yaml")):
        workbook, moment = sample_workbook(source, settings)
        target = output_dir / output_name(source, settings)
        save_workbook(workbook, target, moment)
        written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    settings = load_settings(ROOT / CONFIG_FILE)
    written = make_sample_cycle(SOURCE_DIR, OUTPUT_DIR, settings)
    for path in written:
        print(path.relative_to(ROOT))
    return 0 if written else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
