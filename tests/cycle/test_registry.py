"""Stable initiative IDs: reorder, insert, delete, edit, and a year later: each keeps its ID."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from systematise.cycle.registry import (
    How,
    RowFacts,
    StateRegistry,
    assign,
    load_state,
    save_state,
)

TITLES = [
    "Registro Nacional de Migrantes",
    "Mesa Interinstitucional sobre Movilidad Humana",
    "Observatorio de Datos Migratorios",
    "Programa de Regularización Migratoria 2023",
    "Ventanilla Única para Personas Retornadas",
    "Sistema de Alerta Temprana de Desplazamiento",
]


def _rows(titles: list[str], ids: list[str | None] | None = None) -> list[RowFacts]:
    ids = ids or [None] * len(titles)
    return [
        RowFacts(row=3 + index, given_id=given, title=title, lead_institution="Dirección X")
        for index, (title, given) in enumerate(zip(titles, ids, strict=True))
    ]


def _first_cycle() -> tuple[dict[str, str], StateRegistry]:
    assignments, registry = assign("ARG", _rows(TITLES), StateRegistry(country="ARG"), "2025")
    assert [a.how for a in assignments] == [How.NEW] * len(TITLES)
    assert [a.id for a in assignments] == [f"ARG-{n:02d}" for n in range(1, 7)]
    return {title: a.id for title, a in zip(TITLES, assignments, strict=True)}, registry


@settings(max_examples=60, deadline=None)
@given(st.permutations(TITLES), st.booleans())
def test_reordered_rows_keep_their_ids_with_or_without_the_id_column(
    order: list[str], with_ids: bool
) -> None:
    ids, registry = _first_cycle()
    given_ids: list[str | None] = [ids[t] for t in order] if with_ids else [None] * len(order)
    assignments, again = assign("ARG", _rows(list(order), given_ids), registry, "2025")
    assert {title: a.id for title, a in zip(order, assignments, strict=True)} == ids
    assert all(a.how in (How.GIVEN if with_ids else How.MATCHED,) for a in assignments)
    assert again.next_number == registry.next_number


def test_deleting_inserting_and_editing_rows() -> None:
    ids, registry = _first_cycle()
    edited = [
        TITLES[0],
        "Nueva Estrategia Nacional de Datos",  # inserted
        "Mesa interinstitucional sobre movilidad humana (MIMH)",  # edited title
        TITLES[3],
        TITLES[5],
    ]  # TITLES[2] and TITLES[4] deleted
    assignments, after = assign("ARG", _rows(edited), registry, "2025")
    by_title = dict(zip(edited, assignments, strict=True))
    assert by_title[TITLES[0]].id == ids[TITLES[0]]
    assert by_title[TITLES[3]].id == ids[TITLES[3]]
    assert by_title[TITLES[5]].id == ids[TITLES[5]]
    assert by_title[edited[2]].id == ids[TITLES[1]]
    assert by_title[edited[2]].how in (How.MATCHED, How.UNCERTAIN)
    # The new initiative gets an ID never used, not a deleted one's.
    assert by_title[edited[1]].how == How.NEW
    assert by_title[edited[1]].id == "ARG-07"
    assert after.next_number == 8
    # Deleted initiatives stay known: a later submission that brings one back gets its ID.
    back, _ = assign("ARG", _rows([TITLES[4]]), after, "2025")
    assert back[0].id == ids[TITLES[4]]


def test_an_uncertain_match_is_flagged_and_a_far_one_is_new() -> None:
    ids, registry = _first_cycle()
    rows = _rows(["Observatorio de Datos sobre Migración y Movilidad", "Plan de vivienda social"])
    assignments, _ = assign("ARG", rows, registry, "2025")
    assert assignments[0].id == ids[TITLES[2]]
    assert assignments[0].how == How.UNCERTAIN
    assert assignments[0].matched_title == TITLES[2]
    assert assignments[1].how == How.NEW


def test_ids_that_cannot_be_used_are_reported_not_trusted() -> None:
    ids, registry = _first_cycle()
    rows = _rows(
        [TITLES[0], TITLES[1], "Otra cosa completamente distinta"],
        [ids[TITLES[0]], ids[TITLES[0]], "CHL-01"],  # a repeat, another State's
    )
    assignments, _ = assign("ARG", rows, registry, "2025")
    assert assignments[0].how == How.GIVEN
    assert assignments[1].id == ids[TITLES[1]] and assignments[1].rejected_id == "ARG-01"
    assert assignments[2].how == How.NEW and assignments[2].rejected_id == "CHL-01"


def test_next_cycle_keeps_ids_and_dates_of_first_report(tmp_path: Path) -> None:
    ids, registry = _first_cycle()
    save_state(tmp_path, registry)
    loaded = load_state(tmp_path, "ARG")
    assert loaded == registry
    rows = _rows([TITLES[1], TITLES[0], "Plan nuevo de 2026"], [ids[TITLES[1]], None, None])
    assignments, later = assign("ARG", rows, loaded, "2026")
    assert [a.id for a in assignments] == [ids[TITLES[1]], ids[TITLES[0]], "ARG-07"]
    known = later.by_id()
    assert known[ids[TITLES[0]]].first_reported == "2025"
    assert known[ids[TITLES[0]]].last_reported == "2026"
    assert known["ARG-07"].first_reported == "2026"
    assert known[ids[TITLES[2]]].last_reported == "2025"  # not reported this year
    assert save_state(tmp_path, later) is True
    assert save_state(tmp_path, later) is False  # unchanged: not rewritten
    text = (tmp_path / "ARG.yaml").read_text(encoding="utf-8")
    assert text.startswith("#") and "ARG-07" in text


def test_an_unknown_id_of_the_state_is_learnt_and_never_given_again() -> None:
    _, registry = _first_cycle()
    rows = _rows([TITLES[0], "Una iniciativa que otro registro conocía"], [None, "ARG-40"])
    assignments, after = assign("ARG", rows, registry, "2025")
    assert assignments[1].how == How.GIVEN and assignments[1].id == "ARG-40"
    assert after.next_number == 41
    fresh, _ = assign("ARG", _rows(["Algo completamente nuevo y distinto"]), after, "2025")
    assert fresh[0].id == "ARG-41"
