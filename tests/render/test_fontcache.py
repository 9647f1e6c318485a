"""The subset fonts are made once per machine: kept in the user's cache, shared by every build."""

from __future__ import annotations

from pathlib import Path

import pytest

from systematise.render import fontcache, fonts


@pytest.mark.slow
def test_a_subset_made_for_one_output_folder_serves_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.setattr(fontcache, "_kept", [])  # the folders named here, for this test only
    fontcache.kept_subset.cache_clear()
    fontcache.keep_subsets_in(tmp_path / "first" / ".cache" / "fonts")
    made = fontcache.kept_subset("Lato-Regular.ttf", None)
    assert made == fonts.latin_subset("Lato-Regular.ttf")
    assert [path.read_bytes() for path in fontcache.user_folder().glob("*.ttf")] == [made]

    def never(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("subset made again")

    monkeypatch.setattr(fonts, "latin_subset", never)
    fontcache.kept_subset.cache_clear()
    fontcache.keep_subsets_in(tmp_path / "second" / ".cache" / "fonts")
    assert fontcache.kept_subset("Lato-Regular.ttf", None) == made
    fontcache.kept_subset.cache_clear()


@pytest.mark.slow
def test_without_a_writable_user_cache_the_output_folder_keeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.setattr(fontcache, "_kept", [])
    fontcache.kept_subset.cache_clear()
    folder = tmp_path / "output" / ".cache" / "fonts"
    fontcache.keep_subsets_in(folder)
    made = fontcache.kept_subset("Lato-Bold.ttf", None)
    assert [path.read_bytes() for path in folder.glob("*.ttf")] == [made]
    fontcache.kept_subset.cache_clear()
