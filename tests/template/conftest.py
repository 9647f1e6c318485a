"""Templates written once per test session, in every template language, read back with openpyxl."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from systematise.config import Settings
from systematise.schema.lang import FOCAL_LANGS, FocalLang
from systematise.template.writer import default_name, write_template


@pytest.fixture(scope="session")
def template_paths(tmp_path_factory: pytest.TempPathFactory) -> dict[FocalLang, Path]:
    folder = tmp_path_factory.mktemp("templates")
    paths: dict[FocalLang, Path] = {}
    for lang in FOCAL_LANGS:
        paths[lang] = folder / default_name(lang)
        write_template(paths[lang], lang, Settings())
    return paths


@pytest.fixture(scope="session", params=FOCAL_LANGS)
def lang(request: pytest.FixtureRequest) -> FocalLang:
    value: FocalLang = request.param
    return value


@pytest.fixture(scope="session")
def template(template_paths: dict[FocalLang, Path], lang: FocalLang) -> Workbook:
    return load_workbook(template_paths[lang])
