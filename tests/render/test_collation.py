"""Names sort as readers expect, whatever locales the machine has."""

from __future__ import annotations

from systematise.wording.collation import sort_by_name


def test_accents_do_not_count_and_n_tilde_follows_n_in_spanish() -> None:
    names = ["Perú", "Panamá", "Ñandú", "Nicaragua", "Nuevo", "México", "Ecuador", "Éxito"]
    assert sort_by_name(names, str, "es") == [
        "Ecuador",
        "Éxito",
        "México",
        "Nicaragua",
        "Nuevo",
        "Ñandú",
        "Panamá",
        "Perú",
    ]


def test_english_folds_n_tilde_with_n() -> None:
    assert sort_by_name(["Ñandú", "Nuevo", "Nandu"], str, "en") == ["Nandu", "Ñandú", "Nuevo"]


def test_case_and_punctuation_do_not_change_the_order() -> None:
    names = ["bahamas", "Barbados", "(Bolivia)", "Belice"]
    assert sort_by_name(names, str, "es") == ["bahamas", "Barbados", "Belice", "(Bolivia)"]
