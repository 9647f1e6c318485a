"""report.html in headless Chromium: no console message, no request.

The page carries a strict Content-Security-Policy (``default-src 'none'``, images and fonts only
from ``data:``, inline styles only), so any request it tried to make would be blocked and
reported on the console. Chromium's console goes to stderr with ``--enable-logging=stderr``:
a clean page prints no ``CONSOLE`` line. A control page with a remote image and a script shows
that the check does see violations.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest

from systematise.schema.lang import REPORT_LANGS, Lang
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS

pytestmark = [
    pytest.mark.clients,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium missing (make test installs it)"),
]


def _open(page: Path) -> tuple[str, str]:
    """(DOM, console log) of ``page`` loaded from file://, nothing served."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                CHROMIUM,
                "--headless",
                *CHROMIUM_ARGS,
                f"--user-data-dir={profile}",
                "--enable-logging=stderr",
                "--v=0",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    return result.stdout, result.stderr


def _console(log: str) -> list[str]:
    return [line for line in log.splitlines() if ":CONSOLE" in line]


@pytest.mark.parametrize("lang", REPORT_LANGS)
@pytest.mark.slow
def test_no_console_message_and_no_request(
    lang: Lang, screen_html: dict[Lang, str], tmp_path: Path
) -> None:
    page = tmp_path / lang / "report.html"
    page.parent.mkdir()
    page.write_text(screen_html[lang], encoding="utf-8")
    dom, log = _open(page)
    assert '<main id="main">' in dom
    assert _console(log) == []


@pytest.mark.slow
def test_the_check_sees_a_blocked_request(screen_html: dict[Lang, str], tmp_path: Path) -> None:
    hostile = screen_html["en"].replace(
        '<main id="main">',
        '<main id="main"><img src="https://example.org/x.png" alt="x">',
    )
    page = tmp_path / "control.html"
    page.write_text(hostile, encoding="utf-8")
    _dom, log = _open(page)
    assert any("Content Security Policy" in line for line in _console(log))
