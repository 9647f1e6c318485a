"""A State's link sees only that State's submissions: every route, tried with another State's
link (a browser session and an API token) and with nothing at all.

The routes are read from the application itself, so a route added later is tried too; only the
public ones (listed here, each with its reason) are left out.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute

from tests.portal.conftest import Running, wait_checked

#: Routes anyone may call, and why.
PUBLIC = {
    ("GET", "/"): "the welcome page",
    ("GET", "/lang/{code}"): "choosing the page's language",
    ("GET", "/s/{token}"): "the link itself (a wrong token is refused: tested below)",
    ("GET", "/editor/signin"): "the sign-in form",
    ("POST", "/editor/signin"): "signing in (a wrong password is refused: tested below)",
    ("POST", "/signout"): "ending one's own session",
    ("GET", "/api/v1/openapi.json"): "the API's description",
}
MARK = "secret-7f3a"


@pytest.fixture(scope="module")
def mexico(portal: Running, workbooks: dict[str, Path]) -> dict[str, Any]:
    """One checked upload of Mexico's, under a file name nobody else may see."""
    client = portal.focal_point("MEX")
    with workbooks["clean"].open("rb") as stream:
        sent = client.post(
            "/state/uploads",
            data={"csrf": "test-csrf-token"},
            files={"file": (f"MEX-{MARK}.xlsx", stream)},
        )
    assert sent.status_code == 303
    wait_checked(client, sent.headers["location"])
    upload_id = int(sent.headers["location"].rsplit("/", 1)[1])
    sha = client.get(f"/state/uploads/{upload_id}").text
    found = re.search(r'class="hash">([0-9a-f]{16})<', sha)
    assert found is not None
    return {"id": upload_id, "sha": found.group(1)}


def _routes(portal: Running) -> list[tuple[str, str]]:
    """Every route of the application: its own, and those of the routers it includes."""
    from starlette.routing import Route

    from systematise.portal import api, pages

    found: list[tuple[str, str]] = []
    for route in [*portal.app.routes, *pages.router.routes, *api.router.routes]:  # type: ignore[attr-defined]
        if isinstance(route, APIRoute | Route) and route.methods:
            found.extend((m, route.path) for m in sorted(route.methods) if m != "HEAD")
    return found


def _path(template: str, upload_id: int) -> str:
    return (
        template.replace("{upload_id}", str(upload_id))
        .replace("{submission_id}", str(upload_id))
        .replace("{which}", "annotated")
        .replace("{build_id}", "1")
    )


def _call(client: httpx.Client, method: str, path: str) -> httpx.Response:
    if method == "POST":
        return client.post(
            path,
            data={"csrf": "test-csrf-token", "verdict": "approved"},
            files={"file": ("ARG.xlsx", b"PK\x03\x04 not really")}
            if "upload" in path or "submissions" in path
            else None,
        )
    return client.request(method, path)


def test_every_route_is_tried(portal: Running) -> None:
    routes = set(_routes(portal))
    assert set(PUBLIC) <= routes
    assert len(routes - set(PUBLIC)) >= 15


@pytest.mark.slow
def test_no_route_opens_without_a_link(portal: Running, mexico: dict[str, Any]) -> None:
    refused = []
    with portal.client() as nobody:
        nobody.cookies.set("csrf", "test-csrf-token")
        for method, template in _routes(portal):
            if (method, template) in PUBLIC:
                continue
            response = _call(nobody, method, _path(template, mexico["id"]))
            refused.append((method, template, response.status_code))
            assert MARK not in response.text
    assert [item for item in refused if item[2] != 401] == []


@pytest.mark.slow
def test_another_states_link_sees_nothing_of_mexico(
    portal: Running, mexico: dict[str, Any]
) -> None:
    token = portal.token("ARG")
    argentina = portal.focal_point("ARG", token)
    api = portal.client(headers={"Authorization": f"Bearer {token}"})
    assert api.get("/api/v1/submissions").status_code == 200
    seen = []
    for method, template in _routes(portal):
        if (method, template) in PUBLIC:
            continue
        client = api if template.startswith("/api/") else argentina
        response = _call(client, method, _path(template, mexico["id"]))
        seen.append((method, template, response.status_code))
        assert MARK not in response.text, (method, template)
        assert mexico["sha"] not in response.text, (method, template)
    for method, template, status in seen:
        if "{upload_id}" in template or "{submission_id}" in template:
            assert status in (401, 404), (method, template, status)
        if template.startswith("/editor"):
            assert status == 401, (method, template, status)
    # A new link for Argentina replaces this one: the API token and the session end with it.
    portal.token("ARG")
    assert api.get("/api/v1/submissions").status_code == 401
    assert argentina.get("/state").status_code == 401


def test_a_wrong_or_revoked_link_opens_nothing(portal: Running) -> None:
    from systematise.portal import auth

    with portal.client() as client:
        assert client.get("/s/not-a-token").status_code == 404
        token = portal.token("CHL")
        assert client.get(f"/s/{token}").status_code == 303
        assert client.get("/state").status_code == 200
        auth.revoke(portal.data, "CHL")
        assert client.get("/state").status_code == 401
        assert client.get(f"/s/{token}").status_code == 404
        bearer = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/v1/submissions", headers=bearer).status_code == 401


def test_a_link_of_another_cycle_opens_nothing(portal: Running) -> None:
    from systematise.portal import auth

    token, _ = auth.invite(portal.data, "PER", "1999")
    with portal.client() as client:
        assert client.get(f"/s/{token}").status_code == 404


@pytest.mark.slow
def test_the_editor_needs_the_password(portal: Running) -> None:
    from systematise.portal import auth

    auth.set_password(portal.data, "correct horse battery staple")
    with portal.client() as client:
        client.cookies.set("csrf", "test-csrf-token")
        wrong = client.post("/editor/signin", data={"csrf": "test-csrf-token", "password": "x"})
        assert wrong.status_code == 401
        assert client.get("/editor").status_code == 401
    # A State's session is not an editor's, nor an editor's a State's.
    state = portal.focal_point("URY")
    assert state.get("/editor").status_code == 401
    assert portal.editor().get("/state").status_code == 401
