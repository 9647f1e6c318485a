"""Options shared by the whole test suite."""

from __future__ import annotations

import pytest
from hypothesis import settings

# Before any test module imports openpyxl: systematise keeps openpyxl off lxml.
import systematise  # noqa: F401
from tests.support.builds import no_charts  # noqa: F401 - a fixture for every test

# The property tests check what the code does, not how fast: on a shared machine one example
# can take longer than Hypothesis's default 200 ms deadline for reasons of its own (the
# benchmark measures speed, `make bench`).
settings.register_profile("systematise", deadline=None)
settings.load_profile("systematise")


@pytest.fixture(scope="session", autouse=True)
def kept_subset_fonts(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The HTML's subset fonts read from the user's cache, as in a build (made once per
    machine): subsetting them again in the test process takes seconds."""
    from systematise.render.fontcache import keep_subsets_in

    keep_subsets_in(tmp_path_factory.mktemp("fonts"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files (tests/render/golden/) from the current output.",
    )
