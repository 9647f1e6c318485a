"""Web addresses and e-mail addresses, cleaned; the models have the last word on e-mail syntax.

A web address gets ``https://`` when it starts with ``www.`` or is a bare domain
("migracion.gob.ec/tramites"). Only http and https are accepted, and never an address of this
machine or a private network (``localhost``, ``10.0.0.1``, ``intranet``...), nor one carrying a
user name or password: ``url_invalid``.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from systematise.normalise.issue import Issue
from systematise.normalise.text import clean_text

_BARE_DOMAIN = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?::\d{1,5})?(?:[/?#]\S*)?$", re.I
)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_LOCAL_SUFFIXES = (".local", ".localhost", ".internal", ".lan", ".home", ".corp", ".intranet")

#: Quotes and brackets around an address, and punctuation after it.
_EDGES = re.compile(r"^[\s<>\"'«»“”]+|[\s<>\"'«»“”.,;]+$")

URL_INVALID = Issue("url_invalid")


def _public_host(host: str) -> bool:
    host = host.rstrip(".").lower()
    if not host or "." not in host or host == "localhost" or host.endswith(_LOCAL_SUFFIXES):
        return False
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return bool(re.fullmatch(r"[a-z0-9.-]+", host)) and not host.replace(".", "").isdigit()
    return address.is_global


def to_url(value: object) -> str | Issue | None:
    """An http(s) address from a cell value, or ``url_invalid``."""
    text = clean_text(value, multiline=False)
    if text is None:
        return None
    text = _EDGES.sub("", text)
    if not text:
        return None
    if text.lower().startswith("www.") or (not _SCHEME.match(text) and _BARE_DOMAIN.match(text)):
        text = f"https://{text}"
    if " " in text:
        return URL_INVALID
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return URL_INVALID
    if parts.scheme.lower() not in ("http", "https") or parts.username or parts.password:
        return URL_INVALID
    if not _public_host(host):
        return URL_INVALID
    scheme = parts.scheme.lower()
    return scheme + text[len(parts.scheme) :]


def to_email(value: object) -> str | None:
    """An e-mail address as typed, trimmed, without ``mailto:``, with its domain in lower case.

    Syntax is checked by the model (``EmailStr``, through email-validator).
    """
    text = clean_text(value, multiline=False)
    if text is None:
        return None
    text = _EDGES.sub("", text)
    if text.lower().startswith("mailto:"):
        text = _EDGES.sub("", text[len("mailto:") :])
    local, at, domain = text.rpartition("@")
    if not at:
        return text or None
    return f"{local}@{domain.lower()}"
