"""Synthetic cycles of any size, made through the real template.

``make_cycle(folder, states, per_state)`` writes one workbook per State, each with ``per_state``
initiatives, by filling the real template (``systematise.template.fill``) exactly as the sample
cycle is made. The initiatives are drawn from the sample cycle's readable source data
(``samples/source/``), so text lengths, languages and vocabulary use are realistic; titles get a
number so they stay unique. The States are the Member States in reference order; their language
follows a fixed pattern (mostly Spanish, some English, some Portuguese). Deterministic: the same
arguments give the same workbooks.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

from systematise.config import Settings
from systematise.schema.lang import message_lang
from systematise.schema.reference import member_states
from systematise.template.fill import fill_workbook, save_workbook

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "samples" / "source"
_LANG_PATTERN = ("es", "es", "es", "en", "es", "es", "pt", "es", "en", "es")
_PROBLEM_MARKERS = ("deliberate problem",)


def _pool() -> dict[str, list[dict[str, Any]]]:
    """The sample initiatives by language, leaving out the deliberately invalid ones."""
    pool: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(SOURCE_DIR.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        lang = str(data["submission"]["submission_language"])
        flawed = _flawed_refs(text)
        for initiative in data["initiatives"]:
            if initiative.get("ref") in flawed:
                continue
            pool.setdefault(lang, []).append(initiative)
    return pool


def _flawed_refs(text: str) -> set[str]:
    """Refs of initiatives whose block carries a 'deliberate problem' comment."""
    flawed: set[str] = set()
    current: str | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("- ref:"):
            current = stripped.split(":", 1)[1].strip().strip("\"'")
        if current and any(marker in line for marker in _PROBLEM_MARKERS):
            flawed.add(current)
    return flawed


def make_cycle(
    folder: Path, states: int, per_state: int, *, seed: int = 2025, settings: Settings | None = None
) -> list[Path]:
    """Write ``states`` workbooks of ``per_state`` initiatives each into ``folder``."""
    settings = settings or Settings()
    folder.mkdir(parents=True, exist_ok=True)
    pool = _pool()
    chooser = random.Random(seed)
    codes = list(member_states())[:states]
    if len(codes) < states:
        raise ValueError(f"at most {len(codes)} States")
    written = []
    for index, iso3 in enumerate(codes):
        lang = _LANG_PATTERN[index % len(_LANG_PATTERN)]
        source = pool.get(lang) or pool["es"]
        rows = []
        for number in range(1, per_state + 1):
            initiative = dict(chooser.choice(source))
            initiative["title"] = f"{initiative['title']} ({iso3} {number})"[:250]
            initiative["ref"] = f"{iso3}-{number:03d}"
            if initiative.get("title_translation"):
                translated = f"{initiative['title_translation']} ({iso3} {number})"
                initiative["title_translation"] = translated[:250]
            rows.append(initiative)
        header = {
            "country": iso3,
            "submitting_institution": f"Ministerio de Relaciones Exteriores ({iso3})",
            "focal_point_name": "Punto Focal de Ejemplo",
            "focal_point_email": f"focal.{iso3.lower()}@example.org",
            "submission_date": dt.date(2025, 10, 15),
            "submission_language": lang,
            "consent_publish_contact": "no",
        }
        workbook = fill_workbook(message_lang(lang), header, rows, settings, mark_illustrative=True)
        path = folder / f"{iso3}-synthetic.xlsx"
        save_workbook(workbook, path)
        written.append(path)
    return written
