"""The report as PDF/UA-1 through WeasyPrint, fetching nothing but the project's own assets.

WeasyPrint's default fetcher reads any local file (a ``<link rel="attachment">`` embedded one
into a PDF) and makes network requests. :class:`AssetsOnlyFetcher` answers ``data:`` URIs and
files inside the assets folder, and refuses everything else (WeasyPrint then logs a warning and
leaves the resource out). One image/font cache is shared by every render of a build. The PDF's
creation date is the publication date and its identifier a hash of the content, so the same
input gives the same bytes (with ``SOURCE_DATE_EPOCH`` fixing the publication date).
"""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote, urlsplit

from weasyprint import HTML, URLFetcher
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


def write_pdf(html: str, target: IO[bytes], cache: dict[str, Any]) -> None:
    """Render ``html`` (the print variant) into ``target``; the caller writes it atomically."""
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    document = HTML(
        string=html,
        base_url=assets_dir().as_uri() + "/",
        url_fetcher=AssetsOnlyFetcher(assets_dir()),
    )
    document.write_pdf(
        target,
        pdf_variant="pdf/ua-1",
        pdf_identifier=identifier,
        cache=cache,
        custom_metadata=False,
    )
