"""Uploads: stored before they are checked, limits enforced while streaming, CSRF, rate limits,
a restart that resumes its checks, the API and its description, the headers of every answer."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import socket
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from systematise.config import load_settings
from systematise.http_headers import COMMON_HEADERS
from systematise.portal import auth, db
from systematise.portal.app import PortalConfig, create_app
from systematise.portal.limits import Rate
from systematise.portal.worker import Project
from tests.portal.conftest import MARK_NAME, ROOT, Running, wait_checked

with warnings.catch_warnings():  # Starlette would rather its test client ran on httpx2
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

LIMIT = 200 * 1024  # bytes: a small limit for the in-process portal


def _config(data: Path, **options: object) -> PortalConfig:
    settings = load_settings(ROOT / "systematise.toml")
    limits = settings.limits.model_copy(update={"max_file_bytes": LIMIT})
    settings = settings.model_copy(update={"limits": limits})
    return PortalConfig(data, Project(ROOT, settings), **options)  # type: ignore[arg-type]


def _signed_in(client: TestClient, data: Path, iso3: str, cycle: str) -> None:
    token, _ = auth.invite(data, iso3, cycle)
    assert client.get(f"/s/{token}", follow_redirects=False).status_code == 303
    client.cookies.set("csrf", "t0ken")


def _rows(data: Path) -> list[dict[str, object]]:
    with db.reading(data) as connection:
        return [dict(row) for row in connection.execute("SELECT * FROM uploads ORDER BY id")]


@pytest.fixture
def paused(tmp_path: Path) -> Iterator[tuple[TestClient, Path, str]]:
    """A portal whose checker does not run: uploads stay in the queue."""
    config = _config(tmp_path, run_checker=False, upload_rate=Rate(burst=3, per_second=0.001))
    with TestClient(create_app(config)) as client:
        cycle = config.project.settings.report.cycle
        _signed_in(client, tmp_path, "MEX", cycle)
        yield client, tmp_path, cycle


def test_an_upload_is_recorded_before_it_is_checked(
    paused: tuple[TestClient, Path, str], workbooks: dict[str, Path]
) -> None:
    client, data, _ = paused
    content = workbooks["clean"].read_bytes()
    sent = client.post(
        "/state/uploads",
        data={"csrf": "t0ken"},
        files={"file": ("../../MEX 2025.xlsx", content)},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    (row,) = _rows(data)
    assert row["status"] == "pending"
    assert row["sha256"] == hashlib.sha256(content).hexdigest()
    assert row["size"] == len(content)
    assert row["received"]
    stored = data / str(row["stored"])
    assert stored.read_bytes() == content
    assert stored.parent.parent == data / "uploads"  # the name cannot climb out
    assert list((data / "incoming").iterdir()) == []
    page = client.get(sent.headers["location"])
    assert 'http-equiv="refresh"' in page.text


def test_a_file_over_the_limit_is_refused_while_it_streams(portal: Running) -> None:
    """On a real server: a chunked body (no declared length) stops being read soon after the
    limit; the answer is 413 and nothing is kept."""
    limit = load_settings(ROOT / "systematise.toml").limits.max_file_bytes
    # The portal is shared with other tests, which may have uploaded for BOL before this one.
    before = [row["id"] for row in _rows(portal.data) if row["iso3"] == "BOL"]
    session = portal.focal_point("BOL")
    cookies = "; ".join(f"{name}={value}" for name, value in session.cookies.items())
    host, port = portal.url.removeprefix("http://").split(":")
    boundary = "b0undary"
    head = (
        f"POST /state/uploads HTTP/1.1\r\nHost: {host}:{port}\r\nCookie: {cookies}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    ).encode()
    preamble = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\ntest-csrf-token\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\n'
    ).encode()
    chunk = b"\0" * 65536
    sent = 0
    answer = b""
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(head + b"%x\r\n%s\r\n" % (len(preamble), preamble))
        try:
            while sent < 5 * limit:
                connection.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
        except OSError:
            pass  # the server stopped reading and closed the connection
        with contextlib.suppress(OSError):
            answer = connection.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:100]
    assert sent < 2 * limit  # it stopped reading soon after the limit
    assert [row["id"] for row in _rows(portal.data) if row["iso3"] == "BOL"] == before
    assert list((portal.data / "incoming").iterdir()) == []


def test_a_declared_length_over_the_limit_is_refused_at_once(
    paused: tuple[TestClient, Path, str],
) -> None:
    client, _, _ = paused
    boundary = "b0undary"
    # A declared length over the limit is refused before anything is read.
    declared = client.post(
        "/state/uploads",
        content=b"x" * (LIMIT + 70 * 1024),
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert declared.status_code == 413


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"file=x", "application/x-www-form-urlencoded"),
        (
            b'--b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\nt0ken\r\n--b--\r\n',
            "multipart/form-data; boundary=b",
        ),
        (
            b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n'
            b"\r\n\r\n--b--\r\n",
            "multipart/form-data; boundary=b",
        ),
        (b"garbage", "multipart/form-data; boundary=b"),
    ],
    ids=["not-multipart", "no-file", "empty-file", "garbage"],
)
def test_what_is_not_an_upload_is_refused(
    paused: tuple[TestClient, Path, str], body: bytes, content_type: str
) -> None:
    client, data, _ = paused
    response = client.post("/state/uploads", content=body, headers={"Content-Type": content_type})
    assert response.status_code == 400
    assert "Traceback" not in response.text
    assert _rows(data) == []


def test_a_form_without_its_csrf_token_is_refused(
    paused: tuple[TestClient, Path, str], workbooks: dict[str, Path]
) -> None:
    client, data, _ = paused
    content = workbooks["clean"].read_bytes()
    for fields, headers in (
        ({}, {}),
        ({"csrf": "wrong"}, {}),
        ({"csrf": "t0ken"}, {"Origin": "https://elsewhere.example"}),
    ):
        response = client.post(
            "/state/uploads", data=fields, files={"file": ("a.xlsx", content)}, headers=headers
        )
        assert response.status_code == 403
    assert _rows(data) == []
    assert list((data / "incoming").iterdir()) == []


def test_uploads_are_rate_limited(
    paused: tuple[TestClient, Path, str], workbooks: dict[str, Path]
) -> None:
    client, data, _ = paused
    content = workbooks["clean"].read_bytes()
    codes = [
        client.post(
            "/state/uploads",
            data={"csrf": "t0ken"},
            files={"file": ("a.xlsx", content)},
            follow_redirects=False,
        ).status_code
        for _ in range(5)
    ]
    assert codes == [303, 303, 303, 429, 429]
    assert len(_rows(data)) == 3


@pytest.mark.slow
def test_sign_in_is_rate_limited(tmp_path: Path) -> None:
    config = _config(tmp_path, run_checker=False, signin_rate=Rate(burst=3, per_second=0.001))
    with TestClient(create_app(config)) as client:
        client.cookies.set("csrf", "t0ken")
        codes = [
            client.post("/editor/signin", data={"csrf": "t0ken", "password": "guess"}).status_code
            for _ in range(5)
        ]
    assert codes == [401, 401, 401, 429, 429]


@pytest.mark.slow
def test_a_restart_resumes_the_checks_it_interrupted(
    tmp_path: Path, workbooks: dict[str, Path]
) -> None:
    config = _config(tmp_path, run_checker=False)
    cycle = config.project.settings.report.cycle
    with TestClient(create_app(config)) as client:
        _signed_in(client, tmp_path, "MEX", cycle)
        for _ in range(2):
            client.post(
                "/state/uploads",
                data={"csrf": "t0ken"},
                files={"file": ("MEX.xlsx", workbooks["errors"].read_bytes())},
            )
    # The process stopped in the middle of checking the first one.
    with db.transaction(tmp_path) as connection:
        connection.execute("UPDATE uploads SET status = 'checking' WHERE id = 1")
    restarted = _config(tmp_path)
    with TestClient(create_app(restarted)):
        deadline = time.monotonic() + 120
        while any(row["status"] != "done" for row in _rows(tmp_path)):
            assert time.monotonic() < deadline
            time.sleep(0.3)
    rows = _rows(tmp_path)
    assert [row["errors"] for row in rows] == [2, 2]
    for row in rows:
        folder = tmp_path / str(row["feedback"])
        assert (folder / str(row["annotated"])).is_file()
        assert json.loads((folder / "report.json").read_text("utf-8"))["counts"]["errors"] == 2


@pytest.mark.slow
def test_the_api_returns_report_json(portal: Running, workbooks: dict[str, Path]) -> None:
    token = portal.token("COL")
    api = portal.client(headers={"Authorization": f"Bearer {token}"})
    # The portal is shared with other tests, which may have uploaded for COL before this one.
    earlier = [item["id"] for item in api.get("/api/v1/submissions").json()["submissions"]]
    with workbooks["errors"].open("rb") as stream:
        answer = api.post("/api/v1/submissions", files={"file": ("COL.xlsx", stream)})
    assert answer.status_code == 200
    result = answer.json()
    assert result["format"] == 1
    assert result["passed"] is False
    assert result["counts"]["errors"] == 2
    assert {item["cell"] for item in result["problems"] if item["severity"] == "error"} >= {"B3"}
    submission = result["submission"]
    assert submission["status"] == "done"
    assert submission["sha256"] == hashlib.sha256(workbooks["errors"].read_bytes()).hexdigest()
    listed = api.get("/api/v1/submissions").json()["submissions"]
    assert [item["id"] for item in listed] == [submission["id"], *earlier]
    again = api.get(f"/api/v1/submissions/{submission['id']}").json()
    assert again["problems"] == result["problems"]
    assert api.post("/api/v1/submissions", content=b"x").status_code == 400


def test_the_api_is_described(portal: Running) -> None:
    schema = portal.client().get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert set(paths) == {"/api/v1/submissions", "/api/v1/submissions/{submission_id}"}
    body = paths["/api/v1/submissions"]["post"]["requestBody"]["content"]
    assert "file" in body["multipart/form-data"]["schema"]["properties"]
    assert "problems" in schema["components"]["schemas"]["CheckResult"]["properties"]


def test_every_answer_has_the_security_headers(portal: Running) -> None:
    client = portal.client()
    for path in ("/", "/editor/signin", "/nowhere", "/api/v1/submissions", "/static/portal.css"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert {name: headers[name] for name in COMMON_HEADERS} == COMMON_HEADERS
        assert headers["referrer-policy"] == "same-origin"  # forms keep their Origin header


@pytest.mark.slow
def test_the_log_holds_no_token_file_name_or_password(
    tmp_path: Path, workbooks: dict[str, Path], caplog: pytest.LogCaptureFixture
) -> None:
    config = _config(tmp_path)
    cycle = config.project.settings.report.cycle
    caplog.set_level(logging.DEBUG)
    with TestClient(create_app(config)) as client:
        token, _ = auth.invite(tmp_path, "MEX", cycle)
        client.get(f"/s/{token}")
        client.cookies.set("csrf", "t0ken")
        sent = client.post(
            "/state/uploads",
            data={"csrf": "t0ken"},
            files={"file": (f"{MARK_NAME}.xlsx", workbooks["errors"].read_bytes())},
        )
        wait_checked(client, str(sent.url.path))
        client.post("/editor/signin", data={"csrf": "t0ken", "password": "hunter2-secret"})
    # The portal's own log and its server's (the test's HTTP client logs its own requests).
    logged = "\n".join(
        record.getMessage()
        for record in caplog.records
        if record.name.startswith(("systematise", "uvicorn"))
    )
    assert "/s/{token}" in logged  # the route is logged, not the path
    for secret in (token, MARK_NAME, "hunter2-secret", "Ana Ejemplo", "ana.ejemplo"):
        assert secret not in logged


@pytest.mark.slow
def test_the_template_is_the_states_pre_filled_one_when_there_is_one(
    tmp_path: Path, workbooks: dict[str, Path]
) -> None:
    config = _config(tmp_path / "data", run_checker=False)
    settings = config.project.settings
    paths = settings.paths.model_copy(update={"output": tmp_path / "output"})
    config.project = type(config.project)(ROOT, settings.model_copy(update={"paths": paths}))
    cycle = settings.report.cycle
    with TestClient(create_app(config)) as client:
        _signed_in(client, tmp_path / "data", "MEX", cycle)
        assert "prefilled=1" not in client.get("/state").text
        assert client.get("/state/template?prefilled=1").status_code == 404
        for lang in ("es", "en", "pt", "fr"):
            blank = client.get(f"/state/template?lang={lang}")
            assert blank.status_code == 200
            assert blank.content[:2] == b"PK"
        prefilled = tmp_path / "output" / "templates" / cycle / f"MEX-{cycle}.xlsx"
        prefilled.parent.mkdir(parents=True)
        prefilled.write_bytes(workbooks["clean"].read_bytes())
        assert "prefilled=1" in client.get("/state").text
        got = client.get("/state/template?prefilled=1")
        assert got.content == workbooks["clean"].read_bytes()
        assert f"MEX-{cycle}.xlsx" in got.headers["content-disposition"]


def test_a_check_that_breaks_says_so_and_keeps_the_file(
    tmp_path: Path, workbooks: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import systematise.check

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("disk on fire /home/ana.ejemplo")

    monkeypatch.setattr(systematise.check, "check_files", broken)
    config = _config(tmp_path)
    cycle = config.project.settings.report.cycle
    with TestClient(create_app(config)) as client:
        _signed_in(client, tmp_path, "MEX", cycle)
        sent = client.post(
            "/state/uploads",
            data={"csrf": "t0ken"},
            files={"file": ("MEX.xlsx", workbooks["clean"].read_bytes())},
        )
        page = wait_checked(client, str(sent.url.path))
    assert "The check could not run" in page or "No se pudo revisar este archivo" in page
    assert "Traceback" not in page and "disk on fire" not in page
    (row,) = _rows(tmp_path)
    assert row["status"] == "failed"
    assert (tmp_path / str(row["stored"])).read_bytes() == workbooks["clean"].read_bytes()
