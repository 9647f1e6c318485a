"""The portal as an ASGI application: :func:`create_app` wires pages, API, workers and defences.

Every response carries the security headers (a CSP without inline script: the pages have no
script at all), forms are protected against cross-site requests, uploads and sign-ins are rate
limited, and errors are pages (or JSON under ``/api``) in the visitor's language, never a
traceback. The access log names the route, never the path itself (a link's token is in its
path) nor any value someone submitted.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles

from systematise import __version__
from systematise.http_headers import PORTAL_CSP, security_headers
from systematise.portal import auth, db
from systematise.portal.limits import Buckets, Rate
from systematise.portal.worker import Builder, Checker, Project
from systematise.resources import templates_dir

log = logging.getLogger("systematise.portal")

#: The headers of every answer (a feedback report served for printing has a policy of its own).
SECURITY_HEADERS = security_headers(PORTAL_CSP)


@dataclass
class PortalConfig:
    """How a portal runs: its data folder, the project it serves, and its limits."""

    data: Path
    project: Project
    upload_rate: Rate = field(default_factory=lambda: Rate(burst=10, per_second=1 / 30))
    signin_rate: Rate = field(default_factory=lambda: Rate(burst=5, per_second=1 / 60))
    #: How long ``POST /api/v1/submissions`` waits for the check before answering 202.
    api_wait_seconds: float = 60.0
    #: Check the queue in a background thread (tests of the queue itself turn it off).
    run_checker: bool = True
    #: More options of the editor's builds (``("--only", "html")``: a faster build).
    build_options: tuple[str, ...] = ()


@dataclass
class Portal:
    """What the routes share: the configuration, the workers and the rate limits."""

    config: PortalConfig
    checker: Checker
    builder: Builder
    uploads: Buckets
    signins: Buckets

    @property
    def data(self) -> Path:
        return self.config.data

    @property
    def settings(self) -> Any:
        return self.config.project.settings

    @property
    def cycle(self) -> str:
        return str(self.config.project.settings.report.cycle)


def portal_of(request: Request) -> Portal:
    found: Portal = request.app.state.portal
    return found


def create_app(config: PortalConfig) -> FastAPI:
    from systematise.portal.api import router as api_router
    from systematise.portal.pages import router as pages_router

    db.migrate(config.data)
    portal = Portal(
        config,
        Checker(config.data, config.project),
        Builder(config.data, config.project, config.build_options),
        Buckets(config.upload_rate),
        Buckets(config.signin_rate),
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        portal.builder.interrupted()
        if config.run_checker:
            portal.checker.start()
        log.info("portal started (data schema %s)", len(db.MIGRATIONS))
        try:
            yield
        finally:
            if config.run_checker:
                portal.checker.stop()

    app = FastAPI(
        title="systematise intake portal",
        version=__version__,
        description=(
            "Upload a State's workbook and get the check's result back. Authenticate with the "
            "State's link token: `Authorization: Bearer <token>`."
        ),
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        lifespan=lifespan,
    )
    app.state.portal = portal
    app.mount(
        "/static", StaticFiles(directory=templates_dir() / "portal" / "static"), name="static"
    )
    app.include_router(pages_router)
    app.include_router(api_router)
    app.middleware("http")(_headers_and_log)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(Exception, _unexpected)
    return app


async def _headers_and_log(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    started = time.monotonic()
    response = await call_next(request)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.url.scheme == "https":
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if not request.url.path.startswith("/static/"):
        response.headers.setdefault("Cache-Control", "no-store")
    route = request.scope.get("route")
    log.info(
        "%s %s %s %.0f ms",
        request.method,
        getattr(route, "path", "-"),
        response.status_code,
        (time.monotonic() - started) * 1000,
    )
    return response


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _http_error(request: Request, error: Exception) -> Response:
    from systematise.portal.pages import error_page

    assert isinstance(error, StarletteHTTPException)
    headers = dict(error.headers or {})
    if _wants_json(request):
        detail = error.detail if isinstance(error.detail, str) else "error"
        return JSONResponse({"error": detail}, status_code=error.status_code, headers=headers)
    return error_page(request, error.status_code, headers)


async def _invalid_request(request: Request, error: Exception) -> Response:
    from systematise.portal.pages import error_page

    if _wants_json(request):
        return JSONResponse({"error": "invalid_request"}, status_code=422)
    return error_page(request, 400)


async def _unexpected(request: Request, error: Exception) -> Response:
    from systematise.portal.pages import error_page

    log.error("unexpected %s on %s", type(error).__name__, request.method)
    response: Response
    if _wants_json(request):
        response = JSONResponse({"error": "internal"}, status_code=500)
    else:
        try:
            response = error_page(request, 500)
        except Exception:
            response = HTMLResponse("500", status_code=500)
    # This answer does not pass through the middleware that adds them to every other one.
    response.headers.update(SECURITY_HEADERS)
    return response


def session_of(request: Request) -> auth.Session | None:
    portal = portal_of(request)
    return auth.session(portal.data, request.cookies.get(SESSION_COOKIE), portal.cycle)


SESSION_COOKIE = "session"
CSRF_COOKIE = "csrf"
LANG_COOKIE = "lang"
