"""Settings: every key has a default, an unknown key is an error, all problems are told at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from systematise.config import ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]


def test_no_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "absent.toml") == Settings()


def test_the_project_settings_load() -> None:
    settings = load_settings(ROOT / "systematise.toml")
    assert settings.report.group_by == "country"
    assert settings.report.notice is not None


def test_unknown_keys_are_all_reported(tmp_path: Path) -> None:
    path = tmp_path / "systematise.toml"
    path.write_text(
        '[report]\ntitel = "x"\ngroup_by = "region"\n[pathz]\noutput = "out"\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert "3 problem(s)" in message
    for place in ("report.titel", "report.group_by", "pathz"):
        assert place in message


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "systematise.toml"
    path.write_text("[report\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"systematise\.toml"):
        load_settings(path)
