"""The committed sample workbooks are what ``make samples`` makes from ``samples/source``."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from openpyxl import load_workbook

from systematise.config import Settings
from systematise.template import layout

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


def test_sample_language_and_mark(tmp_path: Path) -> None:
    script = _script()
    assert script.template_lang({"submission_language": "fr"}) == "en"
    assert script.template_lang({"submission_language": "en"}) == "en"
    assert script.template_lang({"submission_language": "pt"}) == "es"
    assert script.template_lang({}) == "es"
    for path in sorted(script.OUTPUT_DIR.glob("*.xlsx")):
        workbook = load_workbook(path)
        properties = {prop.name: prop.value for prop in workbook.custom_doc_props}
        assert properties[layout.PROPERTY_ILLUSTRATIVE] is True, path.name
