"""What WeasyPrint may read while laying the report out: the project's own assets, nothing else.

WeasyPrint's default fetcher reads any local file (a ``<link rel="attachment">`` embedded one
into a PDF) and makes network requests. :class:`AssetsOnlyFetcher` answers ``data:`` URIs and
files inside the assets folder, and refuses everything else (WeasyPrint then logs a warning and
leaves the resource out).
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint import URLFetcher
from weasyprint.urls import URLFetcherResponse

from systematise.resources import package_file


def assets_dir() -> Path:
    return package_file("render", "assets")


class BlockedResourceError(ValueError):
    """The renderer asked for something outside the project's assets."""


class AssetsOnlyFetcher(URLFetcher):  # type: ignore[misc]
    """A WeasyPrint fetcher limited to ``data:`` URIs and files under ``root``."""

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
        self.root = root.resolve()

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            parts = urlsplit(url)
            path = Path(unquote(parts.path)).resolve()
            if not parts.netloc and path.is_relative_to(self.root) and path.is_file():
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
        raise BlockedResourceError(
            f"blocked: only the report's own assets may be used ({url[:80]})"
        )
