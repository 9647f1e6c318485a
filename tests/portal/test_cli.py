"""``systematise portal``: invite prints a working link, revoke ends it, the editor's password is
stored as an argon2 hash; wrong input is one line, no traceback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from systematise.cli import app
from systematise.portal import auth

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SYSTEMATISE_LANG", "en")


def test_invite_prints_a_link_that_opens_the_states_page(in_project: None, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["portal", "invite", "mex", "--data", str(tmp_path), "--url", "https://x.example/"]
    )
    assert result.exit_code == 0, result.output
    link = result.stdout.strip().splitlines()[-1]
    assert link.startswith("https://x.example/s/")
    token = link.rsplit("/", 1)[1]
    found = auth.invitation(tmp_path, token, "2025")
    assert found is not None and found.iso3 == "MEX"
    stored = (
        sqlite3.connect(tmp_path / "portal.sqlite3")
        .execute("SELECT token_hash FROM invitations")
        .fetchall()
    )
    assert token not in str(stored)  # only its hash is kept
    revoked = runner.invoke(app, ["portal", "revoke", "MEX", "--data", str(tmp_path)])
    assert revoked.exit_code == 0
    assert auth.invitation(tmp_path, token, "2025") is None


def test_an_unknown_state_is_one_line(in_project: None, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["portal", "invite", "XXX", "--data", str(tmp_path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "XXX" in result.output


@pytest.mark.slow
def test_the_password_is_stored_as_an_argon2_hash(in_project: None, tmp_path: Path) -> None:
    runner = CliRunner()
    short = runner.invoke(
        app, ["portal", "password", "--data", str(tmp_path)], input="short\nshort\n"
    )
    assert short.exit_code == 2
    chosen = "a long enough passphrase"
    result = runner.invoke(
        app, ["portal", "password", "--data", str(tmp_path)], input=f"{chosen}\n{chosen}\n"
    )
    assert result.exit_code == 0, result.output
    (stored,) = (
        sqlite3.connect(tmp_path / "portal.sqlite3")
        .execute("SELECT password_hash FROM editor")
        .fetchone()
    )
    assert stored.startswith("$argon2id$") and chosen not in stored
    assert auth.check_password(tmp_path, chosen)
    assert not auth.check_password(tmp_path, "a long enough passphrasE")


@pytest.mark.slow
def test_serve_explains_itself_in_both_languages(in_project: None) -> None:
    for lang, expected in (("en", "Start the portal"), ("es", "Inicia el portal")):
        shown = subprocess.run(
            [sys.executable, "-m", "systematise", "portal", "--help"],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "SYSTEMATISE_LANG": lang, "COLUMNS": "200"},
        ).stdout
        assert expected in shown
