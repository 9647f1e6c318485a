"""Every word of the portal exists in every language its pages are offered in, and the pages
are served in the language the visitor chose or their browser asks for."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from systematise import catalogs
from systematise.feedback.texts import counts_text
from systematise.i18n import DOMAIN_LANGS
from systematise.portal.texts import negotiate, page_environment
from systematise.schema.lang import FOCAL_LANGS, FocalLang
from tests.portal.conftest import Running


def test_the_pages_are_offered_in_every_focal_point_language() -> None:
    assert DOMAIN_LANGS["portal"] == FOCAL_LANGS


@pytest.mark.parametrize("lang", DOMAIN_LANGS["portal"])
def test_every_portal_text_is_translated(lang: str) -> None:
    """The portal's share of ``tests/i18n``: its messages are found (pages and code alike)."""
    assert len(catalogs.extract("portal")) > 80
    assert catalogs.untranslated("portal", lang) == []


@pytest.mark.parametrize(
    ("lang", "one_error", "two_errors_one_warning", "two_warnings"),
    [
        ("es", "1 error, 0 advertencias", "2 errores, 1 advertencia", "0 errores, 2 advertencias"),
        ("en", "1 error, 0 warnings", "2 errors, 1 warning", "0 errors, 2 warnings"),
        ("pt", "1 erro, 0 avisos", "2 erros, 1 aviso", "0 erros, 2 avisos"),
        (
            "fr",
            "1 erreur, 0 avertissement",
            "2 erreurs, 1 avertissement",
            "0 erreur, 2 avertissements",
        ),
    ],
)
def test_the_status_badge_counts_as_the_check_does_with_plurals(
    lang: FocalLang, one_error: str, two_errors_one_warning: str, two_warnings: str
) -> None:
    macros: Any = page_environment(lang).get_template("macros.html.j2").module

    def badge(errors: int, warnings: int) -> str:
        upload = SimpleNamespace(status="done", errors=errors, warnings=warnings)
        shown = str(macros.result(upload))
        assert shown.startswith('<span class="badge ') and shown.endswith("</span>"), shown
        return shown.split(">", 1)[1].removesuffix("</span>")

    assert badge(1, 0) == one_error
    assert badge(2, 1) == two_errors_one_warning
    assert badge(0, 2) == two_warnings
    assert badge(2, 1) == counts_text(2, 1, 0, lang)


@pytest.mark.parametrize(
    ("cookie", "header", "expected"),
    [
        (None, None, "es"),
        (None, "en-GB,en;q=0.9", "en"),
        (None, "de-DE, fr;q=0.8, en;q=0.5", "fr"),
        (None, "pt-BR", "pt"),
        ("en", "pt-BR", "en"),
        ("xx", "zz;q=abc", "es"),
    ],
)
def test_the_language_is_the_chosen_one_else_the_browsers(
    cookie: str | None, header: str | None, expected: str
) -> None:
    assert negotiate(cookie, header) == expected


@pytest.mark.parametrize("lang", DOMAIN_LANGS["portal"])
def test_each_page_speaks_the_chosen_language(portal: Running, lang: str) -> None:
    client = portal.client()
    chosen = client.get(f"/lang/{lang}?next=/editor/signin")
    assert chosen.status_code == 303
    assert chosen.headers["location"] == "/editor/signin"
    client.cookies.set("lang", lang)
    page = client.get("/editor/signin")
    assert f'<html lang="{lang}">' in page.text


def test_the_language_switch_only_goes_back_to_this_site(portal: Running) -> None:
    client = portal.client()
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        assert client.get("/lang/en", params={"next": target}).headers["location"] == "/"
    assert client.get("/lang/xx").status_code == 404


@pytest.mark.parametrize(
    ("lang", "name"), [("es", "Haití"), ("en", "Haiti"), ("pt", "Haiti"), ("fr", "Haïti")]
)
def test_a_state_is_named_in_the_page_language(lang: FocalLang, name: str) -> None:
    from systematise.portal.pages import _state_name

    assert _state_name("HTI", lang) == name
    assert _state_name("ZZZ", lang) == "ZZZ"
