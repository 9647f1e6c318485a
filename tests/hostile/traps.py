"""Traps hostile inputs point at: a canary file and a loopback sentinel HTTP server.

The canary is a file holding a random token; hostile workbooks refer to it (external entities,
XInclude, ``file://`` links, ``<img src>``, ``<link rel=attachment>``). If any byte of the token
turns up in an output, something read a local file on the submitter's behalf.

The sentinel listens on 127.0.0.1 at a random port and records every request; hostile inputs
point at it. It serves at most :data:`MAX_REQUESTS` requests and stops itself after
``lifetime`` seconds, so a test that forgets it never leaves a server behind.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MAX_REQUESTS = 50


@dataclass(frozen=True)
class Canary:
    path: Path
    token: str

    @property
    def url(self) -> str:
        return self.path.as_uri()


def make_canary(folder: Path) -> Canary:
    """A file in ``folder`` holding a fresh random token (its name does not contain it)."""
    token = "CANARY" + secrets.token_hex(16)
    path = folder / "canary.txt"
    path.write_text(token + "\n", encoding="ascii")
    return Canary(path, token)


@dataclass
class Sentinel:
    """A loopback HTTP server that only records requests (``requests``: request lines)."""

    lifetime: float = 600.0
    requests: list[str] = field(default_factory=list)
    port: int = 0
    _server: ThreadingHTTPServer | None = None
    _timer: threading.Timer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> Sentinel:
        seen = self.requests

        class Handler(BaseHTTPRequestHandler):
            def _record(self) -> None:
                if len(seen) < MAX_REQUESTS:
                    seen.append(self.requestline)
                self.send_response(204)
                self.end_headers()

            do_GET = do_POST = do_HEAD = do_PUT = do_OPTIONS = _record  # noqa: N815

            def log_message(self, format: str, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        thread.start()
        self._timer = threading.Timer(self.lifetime, self.stop)
        self._timer.daemon = True
        self._timer.start()
        return self

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self._server is not None:
            server, self._server = self._server, None
            server.shutdown()
            server.server_close()
