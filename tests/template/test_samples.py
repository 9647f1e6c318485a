"""The committed sample workbooks are what ``make samples`` makes from ``samples/source``."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from openpyxl import load_workbook

from systematise.config import Settings
from systematise.schema.lang import FocalLang
from systematise.template import layout
from systematise.xlsx import custom_properties

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "make_sample_cycle.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_sample_cycle", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    workbook = load_workbook(path)
    return {
        sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in workbook.worksheets
    }


@pytest.mark.slow
def test_submissions_are_up_to_date(tmp_path: Path) -> None:
    script = _script()
    settings = Settings()
    written: list[Path] = script.make_sample_cycle(script.SOURCE_DIR, tmp_path, settings)
    assert len(written) == len(list(script.SOURCE_DIR.glob("*.yaml"))) > 0
    stale = []
    for fresh in written:
        committed = script.OUTPUT_DIR / fresh.name
        if not committed.is_file() or _cells(committed) != _cells(fresh):
            stale.append(fresh.name)
    assert not stale, f"run `make samples` and commit submissions/: {stale}"


@pytest.mark.slow
def test_sample_language_and_mark(tmp_path: Path) -> None:
    script = _script()
    assert script.template_lang({"submission_language": "fr"}) == "fr"
    assert script.template_lang({"submission_language": "en"}) == "en"
    assert script.template_lang({"submission_language": "pt"}) == "pt"
    assert script.template_lang({}) == "es"
    # Brazil's submission is made from the Portuguese template, Haiti's from the French one.
    samples: tuple[tuple[str, FocalLang], ...] = (("BRA", "pt"), ("HTI", "fr"))
    for name, lang in samples:
        (path,) = script.OUTPUT_DIR.glob(f"{name}-*.xlsx")
        sample = load_workbook(path)
        assert layout.SHEET_NAMES["initiatives"][lang] in sample.sheetnames, name
        stamped = {prop.name: prop.value for prop in custom_properties(sample)}
        assert stamped[layout.PROPERTY_LANG] == lang, name
    for path in sorted(script.OUTPUT_DIR.glob("*.xlsx")):
        workbook = load_workbook(path)
        properties = {prop.name: prop.value for prop in custom_properties(workbook)}
        assert properties[layout.PROPERTY_ILLUSTRATIVE] is True, path.name


def test_the_sample_cycle_uses_every_vocabulary_value() -> None:
    """Every code of every list, every GCM objective and principle appears at least once."""
    import yaml

    from systematise.schema.vocabulary import vocabularies

    used: dict[str, set[str]] = {}
    keys = {
        "initiative_type": "initiative_type",
        "thematic_areas": "thematic_area",
        "migration_stages": "migration_stage",
        "target_populations": "target_population",
        "gcm_objectives": "gcm_objective",
        "guiding_principles": "guiding_principle",
        "geographic_scope": "geographic_scope",
        "status": "status",
        "data_sources": "data_source",
    }
    source = Path(__file__).resolve().parents[2] / "samples" / "source"
    for path in sorted(source.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        used.setdefault("submission_language", set()).add(
            str(data["submission"]["submission_language"])
        )
        for initiative in data["initiatives"]:
            for field, vocabulary_key in keys.items():
                value = initiative.get(field)
                values = value if isinstance(value, list) else [value]
                found = {vocabularies()[vocabulary_key].match(str(v)) for v in values if v}
                used.setdefault(vocabulary_key, set()).update(c for c in found if c)
    for vocabulary_key in [*keys.values(), "submission_language"]:
        missing = set(vocabularies()[vocabulary_key].codes) - used.get(vocabulary_key, set())
        if vocabulary_key == "submission_language":
            missing -= {"fr"}  # no French-language submission in the sample cycle
        assert missing == set(), vocabulary_key
