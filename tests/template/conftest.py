"""Templates written once per test session, in both languages, and read back with openpyxl."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from systematise.config import Settings
from systematise.schema.lang import Lang
from systematise.template.writer import default_name, write_template


@pytest.fixture(scope="session")
def template_paths(tmp_path_factory: pytest.TempPathFactory) -> dict[Lang, Path]:
    folder = tmp_path_factory.mktemp("templates")
    paths: dict[Lang, Path] = {}
    for lang in ("es", "en"):
        paths[lang] = folder / default_name(lang)
        write_template(paths[lang], lang, Settings())
    return paths


@pytest.fixture(scope="session", params=["es", "en"])
def lang(request: pytest.FixtureRequest) -> Lang:
    value: Lang = request.param
    return value


@pytest.fixture(scope="session")
def template(template_paths: dict[Lang, Path], lang: Lang) -> Workbook:
    return load_workbook(template_paths[lang])
