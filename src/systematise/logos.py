"""Organisation logos for the cover: files of the project, checked before any is used.

Logos are named in ``[report.logos]`` of ``systematise.toml``, one list per language in the order
of ``[report.organisations]``. A logo must be a local file inside the project folder (the folder
of ``systematise.toml``), of at most :data:`MAX_LOGO_BYTES`, whose bytes are those of a PNG, a
JPEG or an SVG image (the file name's extension is not trusted). An SVG is refused when it could
run or fetch anything: a script, an event-handler attribute (``onload``...), an embedded
document (``foreignObject``, ``iframe``...), a DOCTYPE or entity, or a reference (``href``,
``url()``, ``@import``) to anything but a part of itself or an embedded PNG or JPEG. Refusing,
rather than cleaning, keeps the logo exactly as its owner drew it.

The report carries logos as ``data:`` URIs (:func:`logo_data_uri`), so neither the PDF's fetcher
nor the HTML's Content-Security-Policy needs an exception for them.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

#: The largest logo file accepted (a logo is a small image: 1 MiB is generous).
MAX_LOGO_BYTES = 1024 * 1024

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
#: Elements that run code or embed another document.
_ACTIVE_ELEMENTS = frozenset(
    {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
)
#: References an SVG may hold: a part of itself, or an embedded PNG or JPEG.
_SAFE_REFERENCE = re.compile(r"^\s*(#|data:image/(png|jpeg);)", re.IGNORECASE)
#: A URL's scheme (two letters at least: not a drive letter).
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.IGNORECASE)


class LogoCode(StrEnum):
    """Why a logo cannot be used."""

    NOT_LOCAL = "logo_not_local"
    OUTSIDE = "logo_outside"
    MISSING = "logo_missing"
    TOO_LARGE = "logo_too_large"
    NOT_IMAGE = "logo_not_image"
    UNSAFE_SVG = "logo_unsafe_svg"


@dataclass(frozen=True)
class LogoProblem:
    code: LogoCode
    #: For UNSAFE_SVG, what was found ("<script>", "onload", "href=https://..."); for
    #: TOO_LARGE, the file's size in bytes.
    detail: str = ""


class LogoError(ValueError):
    def __init__(self, path: Path, problem: LogoProblem) -> None:
        super().__init__(f"{path}: {problem.code} {problem.detail}".rstrip())
        self.problem = problem


def check_logo(value: Path, project: Path) -> LogoProblem | None:
    """What prevents ``value`` (as written in the settings, relative to ``project``) from being
    used as a logo; None when it can be used."""
    if _URL.match(str(value)):  # Path("https://x") reads "https:/x"
        return LogoProblem(LogoCode.NOT_LOCAL)
    path = (project / value).resolve()
    if not path.is_relative_to(project.resolve()):
        return LogoProblem(LogoCode.OUTSIDE)
    if not path.is_file():
        return LogoProblem(LogoCode.MISSING)
    return _content_problem(path)


def _content_problem(path: Path) -> LogoProblem | None:
    size = path.stat().st_size
    if size > MAX_LOGO_BYTES:
        return LogoProblem(LogoCode.TOO_LARGE, str(size))
    data = path.read_bytes()
    kind = image_type(data)
    if kind is None:
        return LogoProblem(LogoCode.NOT_IMAGE)
    if kind == "image/svg+xml":
        unsafe = svg_hazard(data)
        if unsafe:
            return LogoProblem(LogoCode.UNSAFE_SVG, unsafe)
    return None


def image_type(data: bytes) -> str | None:
    """The media type of a PNG, JPEG or SVG image by its bytes; None for anything else."""
    if data.startswith(_PNG):
        return "image/png"
    if data.startswith(_JPEG):
        return "image/jpeg"
    if _is_svg(data):
        return "image/svg+xml"
    return None


def _local_name(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _is_svg(data: bytes) -> bool:
    """``data`` is an XML document whose root is ``svg`` (one with a DOCTYPE too: it is then
    refused as unsafe, not as something else)."""
    try:
        root: Element = fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException:
        return _DOCTYPE_SVG.match(data) is not None
    except (ParseError, ValueError):
        return False
    return _local_name(root.tag) == "svg"


_DOCTYPE_SVG = re.compile(
    rb"^(\xef\xbb\xbf)?\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<!DOCTYPE\s+svg\b", re.DOTALL
)


def svg_hazard(data: bytes) -> str:
    """What in an SVG could run or fetch something, or ``""`` when nothing could."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        return "<!DOCTYPE>"
    except (ParseError, ValueError):
        return "?"
    for element in root.iter():
        name = _local_name(element.tag)
        if name in _ACTIVE_ELEMENTS:
            return f"<{name}>"
        for attribute, value in element.attrib.items():
            local = _local_name(attribute)
            if local.startswith("on"):
                return local
            if local in ("href", "src") and not _SAFE_REFERENCE.match(value):
                return f"{local}={value[:60]}"
            if local == "style":
                found = _css_hazard(value)
                if found:
                    return found
        if name == "style":
            found = _css_hazard(element.text or "")
            if found:
                return found
    return ""


def _css_hazard(css: str) -> str:
    if "@import" in css.lower():
        return "@import"
    for target in _CSS_URL.findall(css):
        if not _SAFE_REFERENCE.match(target):
            return f"url({target[:60]})"
    return ""


def logo_data_uri(path: Path) -> str:
    """The logo at ``path`` as a ``data:`` URI, checked again as it is read."""
    if not path.is_file():
        raise LogoError(path, LogoProblem(LogoCode.MISSING))
    problem = _content_problem(path)
    if problem is not None:
        raise LogoError(path, problem)
    data = path.read_bytes()
    kind = image_type(data)
    assert kind is not None  # checked above
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
