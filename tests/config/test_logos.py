"""Organisation logos: local image files of the project, checked when the settings load; without
them, the organisations' names as wordmarks. And the co-publication disclaimer."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from systematise.cli.messages import settings_error_text
from systematise.config import DISCLAIMER, ConfigError, PerLang, ReportSettings, load_settings
from systematise.config_problems import SettingsCode
from systematise.logos import MAX_LOGO_BYTES, LogoCode, LogoError, check_logo, logo_data_uri
from systematise.render.html import Downloads, render_report_html
from tests.render.conftest import make_reports
from tests.render.fixture import fixture_settings


def _png() -> bytes:
    """A real 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x12\x3c\x63")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    b'viewBox="0 0 40 10"><defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>'
    b'<rect width="40" height="10" fill="url(#g)"/><use xlink:href="#g"/>'
    b'<text x="1" y="8" style="fill:#123c63">SELA</text></svg>'
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"

UNSAFE = {
    "<script>": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "onload": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "href=https://": (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b'<image xlink:href="https://example.org/x.png"/></svg>'
    ),
    "href=file": b'<svg xmlns="http://www.w3.org/2000/svg"><image href="/etc/hostname"/></svg>',
    "<foreignobject>": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>'
    ),
    "<!DOCTYPE>": (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'
    ),
    "url(": (
        b'<svg xmlns="http://www.w3.org/2000/svg">'
        b'<rect style="fill:url(https://example.org/p.svg#a)"/></svg>'
    ),
    "@import": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import "https://x.org/a.css";</style>'
        b"</svg>"
    ),
    "svg data": (
        b'<svg xmlns="http://www.w3.org/2000/svg">'
        b'<image href="data:image/svg+xml;base64,PHN2Zy8+"/></svg>'
    ),
}


def test_png_jpeg_and_svg_files_of_the_project_are_accepted(tmp_path: Path) -> None:
    for name, data, kind in (
        ("a.png", _png(), "image/png"),
        ("logos/b.jpg", JPEG, "image/jpeg"),
        ("c.svg", SVG, "image/svg+xml"),
    ):
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        assert check_logo(Path(name), tmp_path) is None, name
        assert logo_data_uri(path).startswith(f"data:{kind};base64,")


@pytest.mark.parametrize("found", sorted(UNSAFE))
def test_an_svg_that_could_run_or_fetch_something_is_refused(found: str, tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_bytes(UNSAFE[found])
    problem = check_logo(Path("logo.svg"), tmp_path)
    assert problem is not None and problem.code == LogoCode.UNSAFE_SVG, found
    with pytest.raises(LogoError):
        logo_data_uri(tmp_path / "logo.svg")


def test_what_is_not_a_local_image_file_of_the_project_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "outside.png").write_bytes(_png())
    (project / "fake.png").write_text("not an image", encoding="utf-8")
    (project / "big.png").write_bytes(_png() + b"\0" * MAX_LOGO_BYTES)
    (project / "folder.png").mkdir()
    cases = {
        "https://example.org/logo.png": LogoCode.NOT_LOCAL,
        "data:image/png;base64,AAAA": LogoCode.NOT_LOCAL,
        "../outside.png": LogoCode.OUTSIDE,
        str(tmp_path / "outside.png"): LogoCode.OUTSIDE,
        "absent.png": LogoCode.MISSING,
        "folder.png": LogoCode.MISSING,
        "fake.png": LogoCode.NOT_IMAGE,
        "big.png": LogoCode.TOO_LARGE,
    }
    for value, code in cases.items():
        problem = check_logo(Path(value), project)
        assert problem is not None and problem.code == code, value


def test_a_symbolic_link_out_of_the_project_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "outside.png").write_bytes(_png())
    (project / "link.png").symlink_to(tmp_path / "outside.png")
    problem = check_logo(Path("link.png"), project)
    assert problem is not None and problem.code == LogoCode.OUTSIDE


def test_every_bad_logo_is_a_settings_error_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "ok.png").write_bytes(_png())
    (tmp_path / "bad.svg").write_bytes(UNSAFE["<script>"])
    path = tmp_path / "systematise.toml"
    path.write_text(
        '[report]\ncycle = "2025"\n\n[report.logos]\n'
        'es = ["ok.png", "bad.svg"]\n'
        'en = ["https://example.org/iom.png", "ok.png", "ok.png"]\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    problems = [(p.code, p.key, p.line) for p in caught.value.problems]
    assert problems == [
        (SettingsCode.LOGO_UNSAFE_SVG, "report.logos.es", 5),
        (SettingsCode.LOGO_COUNT, "report.logos.en", 6),
        (SettingsCode.LOGO_NOT_LOCAL, "report.logos.en", 6),
    ]
    english = settings_error_text(caught.value, "en")
    assert '"bad.svg" is refused: the SVG holds <script>' in english
    assert "lists 3 logos for 2 organisations" in english
    spanish = settings_error_text(caught.value, "es")
    assert '"bad.svg" se rechaza' in spanish
    assert "no es un archivo" in spanish


def test_logos_are_read_from_the_project_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "logos").mkdir()
    (tmp_path / "logos" / "sela.svg").write_bytes(SVG)
    (tmp_path / "systematise.toml").write_text(
        '[report.logos]\nes = ["logos/sela.svg"]\nen = ["logos/sela.svg"]\n', encoding="utf-8"
    )
    elsewhere = tmp_path / "content"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    settings = load_settings()
    assert settings.report.logos.es == (tmp_path / "logos" / "sela.svg",)


def _with(**changes: object) -> ReportSettings:
    report = fixture_settings().report.model_dump()
    report.update(changes)
    return ReportSettings.model_validate(report)


@pytest.mark.slow
def test_the_cover_shows_a_logo_or_else_the_name_as_a_wordmark(tmp_path: Path) -> None:
    (tmp_path / "sela.png").write_bytes(_png())
    base = fixture_settings()
    plain = make_reports(base)
    html = render_report_html(plain["en"], "screen", Downloads())
    assert '<span class="wordmark-acronym">SELA</span>' in html
    assert '<span class="wordmark-acronym">IOM</span>' in html
    assert '<span class="wordmark-name">International Organization for Migration</span>' in html
    assert '<span class="wordmark-acronym">OIM</span>' in render_report_html(
        plain["es"], "screen", Downloads()
    )

    logos = {"es": [str(tmp_path / "sela.png")], "en": [str(tmp_path / "sela.png")]}
    with_logo = make_reports(base.model_copy(update={"report": _with(logos=logos)}))
    html = render_report_html(with_logo["en"], "screen", Downloads())
    assert (
        '<img class="cover-logo" src="data:image/png;base64,'
        in html.split('<span class="wordmark-acronym">IOM</span>')[0]
    )
    assert 'alt="Latin American and Caribbean Economic System (SELA)"' in html
    assert '<span class="wordmark-acronym">SELA</span>' not in html


@pytest.mark.slow
def test_the_disclaimer_is_on_the_legal_page_and_can_be_changed() -> None:
    base = fixture_settings()
    default = make_reports(base)
    for lang in ("es", "en"):
        legal = render_report_html(default[lang], "screen", Downloads()).split('class="legal"')[1]
        assert DISCLAIMER.get(lang) in legal.split("</section>")[0]
    assert "no reflejan necesariamente" in DISCLAIMER.es
    assert "do not necessarily reflect" in DISCLAIMER.en

    custom = PerLang(es="Descargo propio.", en="Our own disclaimer.")
    changed = make_reports(base.model_copy(update={"report": _with(disclaimer=custom)}))
    assert '<p class="disclaimer">Our own disclaimer.</p>' in render_report_html(
        changed["en"], "screen", Downloads()
    )
    none = make_reports(base.model_copy(update={"report": _with(disclaimer={"es": "", "en": ""})}))
    assert 'class="disclaimer"' not in render_report_html(none["es"], "screen", Downloads())
