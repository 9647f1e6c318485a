"""The PDF renderer fetches nothing but the project's assets and data: URIs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from systematise.render.pdf import AssetsOnlyFetcher, BlockedResourceError, assets_dir
from systematise.render.pdf.layout import Renderer

_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<link rel="attachment" href="{href}" title="leak"></head>
<body><p>Text</p><img src="{image}" alt="x"></body></html>"""


def test_allows_assets_and_data_uris() -> None:
    fetcher = AssetsOnlyFetcher(assets_dir())
    font = (assets_dir() / "fonts" / "Lato-Regular.ttf").as_uri()
    assert fetcher.fetch(font).read()[:4] == b"\x00\x01\x00\x00"
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/hostname",
        "http://127.0.0.1:9/x.png",
        "https://example.org/x.css",
        "ftp://example.org/x",
    ],
)
def test_refuses_everything_else(url: str) -> None:
    with pytest.raises((BlockedResourceError, ValueError)):
        AssetsOnlyFetcher(assets_dir()).fetch(url)


def test_refuses_paths_that_leave_the_assets_folder(tmp_path: Path) -> None:
    escape = assets_dir().as_uri() + "/../../../../../etc/hostname"
    with pytest.raises(BlockedResourceError):
        AssetsOnlyFetcher(assets_dir()).fetch(escape)


def test_a_local_file_is_never_attached_or_embedded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    html = _PAGE.format(href=secret.as_uri(), image=(tmp_path / "x.png").as_uri())
    data = Renderer({}).lay_out(html, 1).pdf
    assert b"TOP-SECRET-CONTENT" not in data
    reader = PdfReader(io.BytesIO(data))
    assert not reader.attachments
