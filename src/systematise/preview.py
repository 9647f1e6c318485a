"""``systematise preview``: the HTML report of one language, rebuilt as its sources change.

A loopback HTTP server shows the last good build of ``<lang>/report.html``. A watcher polls the
submissions, the editorial content, the translations, the registry and ``systematise.toml``;
after a change, one build of that HTML alone runs in this process (:func:`systematise.build.
build` with ``only=html``), so what does not change stays in memory: the fonts, the charts of
unchanged figures and the check of unchanged workbooks. The page asks the server every
0.4 s for the build's number (a small script the server serves, no inline script) and reloads
when it changes. A failed build shows its messages in the page, and the rows left out of the
report show above it.

The words of the pages come from the caller (:class:`Texts`), already in the preview's language.
"""

from __future__ import annotations

import html
import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from systematise.http_headers import PREVIEW_CSP, security_headers

#: How often the watcher looks at the files, and the page at the server (seconds).
POLL_SECONDS = 0.25
PAGE_POLL_MS = 400

PREFIX = "/__preview__/"
RELOAD_JS = """\
(function () {
  "use strict";
  var shown = document.documentElement.getAttribute("data-preview-version");
  function ask() {
    fetch("/__preview__/state", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (String(state.version) !== shown) { window.location.reload(); return; }
        window.setTimeout(ask, %(ms)d);
      })
      .catch(function () { window.setTimeout(ask, %(ms)d * 5); });
  }
  window.setTimeout(ask, %(ms)d);
})();
""".replace("%(ms)d", str(PAGE_POLL_MS))

#: Every answer's headers: the report's policy, which also allows the preview's own script (and
#: its requests for the build's state), and the headers every server of the project sends.
HEADERS = security_headers(PREVIEW_CSP)
_CSP_META = re.compile(
    rb"<meta\s+http-equiv=\"Content-Security-Policy\"[^>]*>", re.IGNORECASE | re.DOTALL
)
_HTML_TAG = re.compile(rb"<html\b", re.IGNORECASE)
_BODY_OPEN = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_BODY_CLOSE = re.compile(rb"</body>", re.IGNORECASE)


@dataclass(frozen=True)
class Texts:
    """The preview's own words, in its language."""

    lang: str
    title: str
    building: str
    failed: str
    left_out: str


@dataclass(frozen=True)
class Outcome:
    """One build: the page's HTML, or the messages saying why there is none."""

    html: bytes | None = None
    errors: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    seconds: float = 0.0


@dataclass
class State:
    """What the server shows; ``version`` grows with every build that finishes."""

    version: int = 0
    outcome: Outcome | None = None
    building: bool = False
    #: The last report built, shown under the messages of a failed build.
    last_good: bytes | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcome = outcome
            self.building = False
            self.version += 1
            if outcome.html is not None:
                self.last_good = outcome.html

    def snapshot(self) -> tuple[int, Outcome | None, bool]:
        with self.lock:
            return self.version, self.outcome, self.building


# --- pages -----------------------------------------------------------------------------------


def _script_tag() -> bytes:
    return f'<script src="{PREFIX}reload.js" defer></script>'.encode()


def _banner(texts: Texts, heading: str, lines: Iterable[str], colour: str) -> bytes:
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return (
        f'<aside role="alert" style="position:sticky;top:0;z-index:1000;margin:0;'
        f"padding:0.75rem 1.25rem;background:{colour};color:#fff;font:16px/1.4 sans-serif;"
        f'max-height:40vh;overflow:auto"><strong>{html.escape(heading)}</strong>'
        f'<ul style="margin:0.25rem 0 0;padding-left:1.25rem">{items}</ul></aside>'
    ).encode()


def report_page(
    report: bytes, version: int, texts: Texts, notes: Iterable[str], errors: Iterable[str] = ()
) -> bytes:
    """The built report as served: its policy allows the reload script, which it loads; the
    messages of a failed build (``errors``) and the rows left out (``notes``) above it."""
    page = _CSP_META.sub(b"", report, count=1)
    page = _HTML_TAG.sub(f'<html data-preview-version="{version}"'.encode(), page, count=1)
    banners = b""
    failed, listed = list(errors), list(notes)
    if failed:
        banners += _banner(texts, texts.failed, failed, "#a4262c")
    elif listed:
        banners += _banner(texts, texts.left_out, listed, "#8a4b00")
    if banners:
        page = _BODY_OPEN.sub(lambda found: found.group(0) + banners, page, count=1)
    return _BODY_CLOSE.sub(lambda found: _script_tag() + found.group(0), page, count=1)


def message_page(version: int, texts: Texts, heading: str, lines: Iterable[str]) -> bytes:
    """A page of the preview's own: a build under way, or the messages of a failed one."""
    listed = list(lines)
    body = (
        _banner(texts, heading, listed, "#a4262c").decode()
        if listed
        else (f"<p>{html.escape(heading)}</p>")
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(texts.lang)}" data-preview-version="{version}">'
        f'<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        f"<title>{html.escape(texts.title)}</title></head>"
        f'<body style="margin:0;font:16px/1.4 sans-serif">{body}'
        f"{_script_tag().decode()}</body></html>\n"
    ).encode()


def current_page(state: State, texts: Texts) -> bytes:
    version, outcome, _building = state.snapshot()
    if outcome is None:
        return message_page(version, texts, texts.building, [])
    if outcome.html is not None:
        return report_page(outcome.html, version, texts, outcome.notes)
    if state.last_good is not None:
        return report_page(state.last_good, version, texts, (), outcome.errors)
    return message_page(version, texts, texts.failed, outcome.errors)


# --- the server ------------------------------------------------------------------------------


def make_handler(state: State, texts: Texts) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "systematise-preview"
        sys_version = ""

        def do_GET(self) -> None:
            route = self.path.split("?", 1)[0]
            if route in ("/", "/index.html", "/report.html"):
                self._send(current_page(state, texts), "text/html; charset=utf-8")
            elif route == PREFIX + "reload.js":
                self._send(RELOAD_JS.encode(), "text/javascript; charset=utf-8")
            elif route == PREFIX + "state":
                version, outcome, building = state.snapshot()
                body = {
                    "version": version,
                    "building": building,
                    "ok": outcome is not None and outcome.html is not None,
                    "errors": list(outcome.errors) if outcome else [],
                }
                self._send(json.dumps(body).encode(), "application/json")
            else:
                self.send_error(HTTPStatus.NOT_FOUND)

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def end_headers(self) -> None:
            """Every answer, an error page too, with the security headers."""
            for name, value in HEADERS.items():
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the console shows the builds, not every request."""

    return Handler


def make_server(state: State, texts: Texts, port: int) -> ThreadingHTTPServer:
    """A server on the loopback address only (port 0: any free port)."""
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(state, texts))
    server.daemon_threads = True
    return server


# --- watching and building -------------------------------------------------------------------


Snapshot = dict[Path, tuple[int, int]]


def snapshot(roots: Iterable[Path]) -> Snapshot:
    """Each file under ``roots`` (or each root that is a file) with its mtime and size."""
    found: Snapshot = {}
    for root in roots:
        for path in _files(root):
            try:
                status = path.stat()
            except OSError:
                continue
            found[path] = (status.st_mtime_ns, status.st_size)
    return found


def _files(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.name.startswith((".", "~$")):
                yield path


def watch_and_build(
    roots: Callable[[], list[Path]],
    build_once: Callable[[], Outcome],
    state: State,
    stop: threading.Event,
    on_built: Callable[[Outcome], None] | None = None,
) -> None:
    """Build once, then again after each change under ``roots`` until ``stop`` is set.

    Changes that arrive during a build make one more build when it ends. ``roots`` is asked
    again after each build (the settings may have named other folders).
    """
    seen: Snapshot | None = None
    watched = roots()
    while not stop.is_set():
        now = snapshot(watched)
        if now != seen:
            seen = now
            with state.lock:
                state.building = True
            outcome = build_once()
            state.publish(outcome)
            if on_built is not None:
                on_built(outcome)
            watched = roots()
            continue
        stop.wait(POLL_SECONDS)


def timed(build: Callable[[], Outcome]) -> Callable[[], Outcome]:
    """``build`` with its duration recorded in the outcome."""

    def run() -> Outcome:
        start = time.perf_counter()
        outcome = build()
        return Outcome(outcome.html, outcome.errors, outcome.notes, time.perf_counter() - start)

    return run
