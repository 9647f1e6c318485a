"""The security headers and Content-Security-Policies of every page the project serves or writes.

One place for each policy, so that a header changes once: the portal and the preview send
:func:`security_headers` (the common set plus one page's policy); the pages written as files
(the published report, the feedback report, the cycle's status page) carry their policy in a
``<meta http-equiv>`` tag, and the portal serves the feedback report with the same policy as a
header.

A policy constant here holds only what a ``<meta>`` tag may say; what only a header can say
(``frame-ancestors``, ``sandbox``: a browser ignores them in a ``<meta>`` tag and says so in its
console) is added by :func:`header_policy`.
"""

from __future__ import annotations

#: The published report: images and fonts only from data: URIs, styles only inline, no script.
REPORT_CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "base-uri 'none'; form-action 'none'"
)
#: The preview of the report: the report's policy, plus the preview's own reload script (a file
#: it serves, never an inline script) and that script's requests for the build's state.
PREVIEW_CSP = f"{REPORT_CSP}; script-src 'self'; connect-src 'self'"
#: The portal's pages: their stylesheet and images from the portal itself, forms posted only
#: to it, no inline script or style.
PORTAL_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'"
)
#: A feedback report (``report.html`` of one workbook): its own inline style, nothing else.
FEEDBACK_REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'"
#: The cycle's status page (a file for the editors): its own inline style, nothing else.
STATUS_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'"

#: Sent with every answer of every server, whatever its policy.
COMMON_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Same-origin: links to other sites get no Referer, and a form posted to the portal keeps
    # its Origin header (under no-referrer a browser sends "Origin: null"), which the portal's
    # cross-site check reads.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def header_policy(policy: str, *, sandbox: bool = False) -> str:
    """``policy`` as a header: no site may frame the page; with ``sandbox``, the page runs in a
    sandbox of its own (no script, no form, no same-origin access)."""
    extra = ("frame-ancestors 'none'", "sandbox") if sandbox else ("frame-ancestors 'none'",)
    return "; ".join((policy, *extra))


def security_headers(policy: str, *, sandbox: bool = False) -> dict[str, str]:
    """The headers of an answer that shows a page under ``policy``: the common set and the
    policy as a header."""
    return {"Content-Security-Policy": header_policy(policy, sandbox=sandbox), **COMMON_HEADERS}
