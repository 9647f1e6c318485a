"""Golden HTML of the fixture cycle, per language.

The expected pages are ``golden/<lang>.html``; after an intended change of the report, rewrite
them with ``pytest tests/render --update-golden`` (``make golden``) and review the diff. Embedded
``data:`` URIs (fonts, charts) are replaced by a short marker: their bytes depend on the font
subsetter and matplotlib, and the charts are checked on their own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from systematise.schema.lang import REPORT_LANGS, Lang

GOLDEN = Path(__file__).resolve().parent / "golden"
_DATA_URI = re.compile(r"data:([a-z]+/[a-z0-9.+-]+);base64,[A-Za-z0-9+/=]+")


def normalised(html: str) -> str:
    return _DATA_URI.sub(lambda found: f"data:{found.group(1)};base64,…", html)


@pytest.mark.parametrize("lang", REPORT_LANGS)
@pytest.mark.slow
def test_html_matches_golden(
    lang: Lang, screen_html: dict[Lang, str], request: pytest.FixtureRequest
) -> None:
    actual = normalised(screen_html[lang])
    path = GOLDEN / f"{lang}.html"
    if request.config.getoption("--update-golden"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"no golden file {path.name}: run pytest tests/render --update-golden"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"report.html ({lang}) differs from {path.name}; if the change is intended, run "
        "pytest tests/render --update-golden and review the diff"
    )
