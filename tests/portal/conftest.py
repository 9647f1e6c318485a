"""A real portal on loopback (uvicorn in a thread), shared by the portal's tests.

The portal serves the repository's own project (its settings, editorial content and registry,
read only); its data folder is temporary. Workbooks are written through the fill API
(:mod:`tests.support.workbooks`): one clean, one with errors.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from systematise.config import load_settings
from systematise.portal import auth
from systematise.portal.app import PortalConfig, create_app
from systematise.portal.limits import Rate
from systematise.portal.worker import Project
from tests.support.workbooks import VALID_HEADER, write_md_workbook

ROOT = Path(__file__).resolve().parents[2]

#: A workbook with errors a focal point must fix: a title missing, an end before its start.
WITH_ERRORS = """
| title | start_date | end_date |
|-------|------------|----------|
|       | 2021-03    | 2020-01  |
| Registro Nacional de Movilidad | 2022-05 | |
"""
#: A file name with a person's name in it: it must never reach a log.
MARK_NAME = "MEX-Ana-Ejemplo-Perez"
CLEAN = """
| title |
|-------|
| Registro Nacional de Movilidad |
"""


@dataclass
class Running:
    url: str
    data: Path
    cycle: str
    app: object

    def client(self, **options: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=120, follow_redirects=False, **options)  # type: ignore[arg-type]

    def token(self, iso3: str) -> str:
        token, _ = auth.invite(self.data, iso3, self.cycle)
        return token

    def focal_point(self, iso3: str, token: str | None = None) -> httpx.Client:
        """A browser-like client signed in through ``iso3``'s link (a new one by default)."""
        client = self.client()
        opened = client.get(f"/s/{token or self.token(iso3)}")
        assert opened.status_code == 303
        client.cookies.set("csrf", "test-csrf-token")
        return client

    def editor(self, password: str = "correct horse battery staple") -> httpx.Client:
        auth.set_password(self.data, password)
        client = self.client()
        client.cookies.set("csrf", "test-csrf-token")
        signed = client.post(
            "/editor/signin", data={"csrf": "test-csrf-token", "password": password}
        )
        assert signed.status_code == 303, signed.text
        return client


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("workbooks")
    header = dict(VALID_HEADER)
    return {
        "errors": write_md_workbook(folder / "MEX-2025.xlsx", WITH_ERRORS, header=header),
        "clean": write_md_workbook(folder / "MEX-2025-clean.xlsx", CLEAN, header=header),
    }


@pytest.fixture(scope="session")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    settings = load_settings(ROOT / "systematise.toml")
    data = tmp_path_factory.mktemp("portal-data")
    # The editor's builds make the HTML and the landing page only: the same build, faster. The
    # rate limits are wide: the tests come from one address (test_intake tests the limits).
    config = PortalConfig(
        data,
        Project(ROOT, settings),
        build_options=("--only", "html,landing"),
        upload_rate=Rate(burst=1000, per_second=100),
        signin_rate=Rate(burst=1000, per_second=100),
    )
    app = create_app(config)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the portal did not start"
        time.sleep(0.05)
    try:
        yield Running(f"http://127.0.0.1:{port}", data, settings.report.cycle, app)
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def wait_checked(client: httpx.Client, path: str, seconds: float = 90) -> str:
    """The page of an upload once its check is done (it refreshes itself until then)."""
    deadline = time.monotonic() + seconds
    while True:
        page = client.get(path)
        assert page.status_code == 200
        if 'http-equiv="refresh"' not in page.text:
            return page.text
        assert time.monotonic() < deadline, "the check did not finish"
        time.sleep(0.3)
