"""Options shared by the whole test suite."""

from __future__ import annotations

import pytest

# Before any test module imports openpyxl: systematise keeps openpyxl off lxml.
import systematise  # noqa: F401


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files (tests/render/golden/) from the current output.",
    )
