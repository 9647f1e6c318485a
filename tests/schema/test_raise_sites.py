"""Every place that raises a problem gives each placeholder its message uses.

A message is rendered long after the problem was raised (on the console, in the annotated copy,
in report.json): a missing parameter used to stop a whole batch there. This test reads the
source of the package and checks every ``problem("code", ...)`` and ``Issue("code", ...)`` call
whose code is written literally: the parameters it passes (keywords, or a dict literal), plus
the problem's place (``file``, ``sheet``, ``cell``, ``row``) when the call gives it, must cover
the placeholders of the code's messages in every language. Calls with a computed code are
covered by :func:`test_problems_of_real_files_fill_their_messages`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from systematise.schema.lang import FOCAL_LANGS
from systematise.schema.problems import CATALOGUE, Problem, Severity, placeholders

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "systematise"
#: Placeholders a problem fills from its own place or field, when the call sets them.
_PLACE = frozenset({"file", "sheet", "cell", "row"})
_ISSUE_PLACE = frozenset({"file", "sheet", "cell"})  # issue_problem() places an Issue


@dataclass(frozen=True)
class Site:
    where: str
    code: str
    given: frozenset[str]
    opaque: bool  # passes **params or a dict that is not a literal: cannot be read here


#: Helpers that give one parameter in every language: their first argument names it.
_PER_LANG = frozenset({"in_every_lang", "joined_in_every_lang"})


def _per_lang(node: ast.expr) -> str | None:
    """``kind`` for ``in_every_lang("kind", ...)``, else None."""
    if not isinstance(node, ast.Call) or getattr(node.func, "id", None) not in _PER_LANG:
        return None
    first = node.args[0] if node.args else None
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    return None


def _keys(node: ast.expr) -> tuple[set[str], bool]:
    named = _per_lang(node)
    if named is not None:
        return {f"{named}_es", f"{named}_en"}, False
    if isinstance(node, ast.Dict):
        keys = {key.value for key in node.keys if isinstance(key, ast.Constant)}
        return {str(key) for key in keys}, any(key is None for key in node.keys)
    return set(), True


def _sites() -> list[Site]:
    sites: list[Site] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in ("problem", "Issue") or not node.args:
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
            given = {keyword.arg for keyword in node.keywords if keyword.arg}
            opaque = any(keyword.arg is None for keyword in node.keywords)
            for keyword in node.keywords:
                if keyword.arg == "per_lang":
                    given.discard("per_lang")
                    keys, opaque = _keys(keyword.value)
                    given |= keys
            if name == "Issue":
                given = set()
                if len(node.args) > 1:
                    keys, opaque = _keys(node.args[1])
                    given |= keys
                for keyword in node.keywords:
                    if keyword.arg == "params":
                        keys, opaque = _keys(keyword.value)
                        given |= keys
                given |= _ISSUE_PLACE
            sites.append(Site(where, first.value, frozenset(given), opaque))
    return sites


SITES = _sites()


def _filled(site: Site) -> set[str]:
    filled = {"label"} | set(site.given)
    for key in site.given:
        for suffix in ("_es", "_en"):
            if key.endswith(suffix) and f"{key.removesuffix(suffix)}_es" in site.given:
                filled.add(key.removesuffix(suffix))
    return filled


def _needed(code: str) -> set[str]:
    """The placeholders of ``code``'s message in every focal-point language."""
    return {name for lang in FOCAL_LANGS for name in placeholders(CATALOGUE[code].text(lang))}


def test_the_scan_finds_the_raise_sites() -> None:
    codes = {site.code for site in SITES}
    assert len(SITES) > 30
    assert {"columns_not_recognised", "file_rejected", "missing_column", "required"} <= codes


@pytest.mark.parametrize("site", SITES, ids=[f"{s.where}-{s.code}" for s in SITES])
def test_each_raise_site_fills_its_message(site: Site) -> None:
    assert site.code in CATALOGUE, f"{site.where}: unknown problem code {site.code!r}"
    needed = _needed(site.code)
    if site.opaque:
        pytest.skip(f"{site.where} passes computed parameters")
    missing = needed - _filled(site)
    # A language-dependent parameter must come in both languages.
    halves = {
        key.removesuffix(suffix)
        for key in site.given
        for suffix in ("_es", "_en")
        if key.endswith(suffix)
    }
    unpaired = {
        name for name in halves if name in needed and not {f"{name}_es", f"{name}_en"} <= site.given
    }
    assert not missing, f"{site.where}: {site.code} needs {sorted(missing)}"
    assert not unpaired, f"{site.where}: {site.code} gives {sorted(unpaired)} in one language"


def test_a_missing_parameter_never_stops_the_message() -> None:
    bare = Problem(code="merged_cells", severity=Severity.WARNING, file="x.xlsx")
    assert bare.missing_placeholders() == {"range"}
    for lang in FOCAL_LANGS:
        assert "…" in bare.message(lang)  # shown, not raised


def test_place_fills_the_message() -> None:
    placed = Problem(
        code="read_by_labels", severity=Severity.WARNING, file="x.xlsx", sheet="Hoja1", row=4
    )
    assert placed.missing_placeholders() == set()
    assert "«Hoja1»" in placed.message("es") and "fila 4" in placed.message("es")
    assert "'Hoja1'" in placed.message("en") and "row 4" in placed.message("en")
