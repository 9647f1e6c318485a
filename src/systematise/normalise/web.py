"""Web addresses and e-mail addresses, cleaned; the models have the last word on e-mail syntax.

A web address gets ``https://`` when it starts with ``www.`` or is a bare domain
("migracion.gob.ec/tramites"). Only http and https are accepted, and never an address of this
machine or a private network (``localhost``, ``10.0.0.1``, ``intranet``...), nor one carrying a
user name or password: ``url_invalid``, quoting the address typed. An address completed with
``https://`` gets an ``understood_as`` note (:func:`understood`).
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from systematise.normalise.issue import Issue, shown
from systematise.normalise.text import clean_text

_BARE_DOMAIN = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?::\d{1,5})?(?:[/?#]\S*)?$", re.I
)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_LOCAL_SUFFIXES = (".local", ".localhost", ".internal", ".lan", ".home", ".corp", ".intranet")

#: Quotes and brackets around an address, and punctuation after it.
_EDGES = re.compile(r"^[\s<>\"'«»“”]+|[\s<>\"'«»“”.,;]+$")


def _public_host(host: str) -> bool:
    host = host.rstrip(".").lower()
    if not host or "." not in host or host == "localhost" or host.endswith(_LOCAL_SUFFIXES):
        return False
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return bool(re.fullmatch(r"[a-z0-9.-]+", host)) and not host.replace(".", "").isdigit()
    return address.is_global


def _invalid(typed: str) -> Issue:
    return Issue("url_invalid", {"value": shown(typed)})


def _typed_address(value: object) -> str | None:
    text = clean_text(value, multiline=False)
    if text is None:
        return None
    return _EDGES.sub("", text) or None


def to_url(value: object) -> str | Issue | None:
    """An http(s) address from a cell value, or ``url_invalid``."""
    text = _typed_address(value)
    if text is None:
        return None
    typed = text
    if text.lower().startswith("www.") or (not _SCHEME.match(text) and _BARE_DOMAIN.match(text)):
        text = f"https://{text}"
    if " " in text:
        return _invalid(typed)
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return _invalid(typed)
    if parts.scheme.lower() not in ("http", "https") or parts.username or parts.password:
        return _invalid(typed)
    if not _public_host(host):
        return _invalid(typed)
    scheme = parts.scheme.lower()
    return scheme + text[len(parts.scheme) :]


def understood(value: object, url: str) -> Issue | None:
    """An ``understood_as`` note when ``url`` is not the address typed (``https://`` added)."""
    typed = _typed_address(value)
    if typed is None or typed.casefold() == url.casefold():
        return None
    return Issue(
        "understood_as", {"value": shown(typed), "understood_es": url, "understood_en": url}
    )


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
