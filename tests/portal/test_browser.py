"""The portal in Chromium (Playwright): a focal point uploads a workbook with errors, sees its
problems on the page and downloads the annotated copy; an editor approves it and the focal point
sees the decision. axe-core finds no WCAG 2.1 A or AA violation on any page, in Spanish and
English, at 1280 and 390 px; nothing scrolls sideways on a phone, and the upload tables fit
a 390 and a 320 px screen in Portuguese and French; no page breaks its own CSP.

Screenshots of every page are kept in the test's temporary folder, for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from systematise.http_headers import FEEDBACK_REPORT_CSP, header_policy
from systematise.portal import auth
from tests.portal.conftest import Running, wait_checked
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS

pytestmark = [
    pytest.mark.clients,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium missing (make test installs it)"),
]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "correct horse battery staple"
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def _watch_csp(page: Any, refused: list[str]) -> None:
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )


@pytest.fixture(scope="module")
def flow(
    portal: Running, browser: Any, workbooks: dict[str, Path], tmp_path_factory: Any
) -> dict[str, Any]:
    """The whole flow, once: what it produced, for the tests below to look at."""
    shots = tmp_path_factory.mktemp("portal-screenshots")
    refused: list[str] = []
    state = browser.new_context(locale="es-ES", accept_downloads=True)
    page = state.new_page()
    _watch_csp(page, refused)
    page.goto(f"{portal.url}/s/{portal.token('MEX')}")
    page.get_by_label("Libro (.xlsx").set_input_files(str(workbooks["errors"]))
    page.get_by_role("button", name="Subir y revisar").click()
    page.wait_for_selector("table.problems", timeout=120_000)
    upload_url = page.url
    problems = page.locator("table.problems tbody tr").all_inner_texts()
    with page.expect_download() as download:
        page.get_by_role("link", name="Descargar su libro con los problemas marcados").click()
    annotated = shots / "annotated.xlsx"
    download.value.save_as(annotated)
    report = state.new_page()
    _watch_csp(report, refused)
    served = report.goto(upload_url + "/report")
    report_policies = (
        served.headers["content-security-policy"] if served else "",
        report.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content"),
    )
    report_text = report.inner_text("body")

    auth.set_password(portal.data, PASSWORD)
    editor = browser.new_context(locale="en-GB")
    desk = editor.new_page()
    _watch_csp(desk, refused)
    desk.goto(f"{portal.url}/editor/signin")
    desk.get_by_label("Password").fill(PASSWORD)
    desk.get_by_role("button", name="Sign in").click()
    desk.wait_for_url(f"{portal.url}/editor")
    status_row = desk.locator("table.status tr", has_text="MEX").inner_text()
    desk.goto(upload_url.replace("/state/", "/editor/"))
    desk.get_by_label("Note for the focal point").fill("Gracias: aprobado con observaciones.")
    desk.get_by_role("button", name="Approve").click()
    page.goto(f"{portal.url}/state")
    state_text = page.inner_text("main")
    return {
        "problems": problems,
        "annotated": annotated,
        "report": report_text,
        "report_policies": report_policies,
        "status_row": status_row,
        "state_text": state_text,
        "refused": refused,
        "upload": upload_url.removeprefix(portal.url),
        "state_context": state,
        "editor_context": editor,
        "shots": shots,
    }


def test_the_focal_point_sees_the_problems_and_downloads_the_annotated_workbook(
    flow: dict[str, Any],
) -> None:
    assert any("B3" in row and "Título de la iniciativa" in row for row in flow["problems"])
    assert any("Fecha de fin" in row for row in flow["problems"])
    workbook = openpyxl.load_workbook(flow["annotated"])
    sheet = workbook["Iniciativas"]
    assert sheet["B3"].comment is not None
    assert "obligatorio" in sheet["B3"].comment.text
    assert "Título de la iniciativa" in flow["report"]
    # The page's own policy and the portal's header for it are one policy.
    header, meta = flow["report_policies"]
    assert meta == FEEDBACK_REPORT_CSP
    assert header == header_policy(FEEDBACK_REPORT_CSP, sandbox=True)


def test_the_editor_sees_the_status_and_the_focal_point_the_approval(flow: dict[str, Any]) -> None:
    assert "submitted with errors" in flow["status_row"]
    assert "Aprobado" in flow["state_text"]
    assert "Gracias: aprobado con observaciones." in flow["state_text"]
    assert flow["refused"] == []


def _pages(flow: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(name, context, path) of every page a person meets."""
    upload = flow["upload"]
    return [
        ("home", "anonymous", "/"),
        ("link-not-valid", "anonymous", "/s/not-a-token"),
        ("not-found", "anonymous", "/nowhere"),
        ("signin", "anonymous", "/editor/signin"),
        ("state", "state", "/state"),
        ("upload", "state", upload),
        ("editor", "editor", "/editor"),
        ("editor-upload", "editor", upload.replace("/state/", "/editor/")),
    ]


def _axe(page: Any) -> list[dict[str, Any]]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return result["violations"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_axe_finds_no_violation_and_nothing_scrolls_sideways(
    portal: Running, browser: Any, flow: dict[str, Any], lang: str
) -> None:
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `npm ci`")
    cookies = {
        "state": flow["state_context"].cookies(),
        "editor": flow["editor_context"].cookies(),
        "anonymous": [],
    }
    found: list[tuple[str, int, str, list[Any]]] = []
    wide: list[tuple[str, int]] = []
    for width in WIDTHS:
        for name, who, path in _pages(flow):
            # axe is injected, not loaded: only its context bypasses the page's CSP.
            context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
            context.add_cookies(
                [c for c in cookies[who] if c["name"] != "lang"]
                + [{"name": "lang", "value": lang, "url": portal.url}]
            )
            page = context.new_page()
            page.goto(portal.url + path)
            page.screenshot(path=str(flow["shots"] / f"{name}-{lang}-{width}.png"), full_page=True)
            if page.evaluate("document.documentElement.scrollWidth > innerWidth + 1"):
                wide.append((name, width))
            for violation in _axe(page):
                targets = [node["target"] for node in violation["nodes"][:3]]
                found.append((name, width, violation["id"], targets))
            context.close()
    assert found == []
    assert wide == []


#: What a phone shows of a page: the width of the page itself, its visible table cells, those
#: that reach past the screen's edges, and the label each cell carries on a card.
PHONE_FIT = """() => {
  const width = window.innerWidth;
  const cells = [...document.querySelectorAll("main td")].filter(c => c.getClientRects().length);
  const outside = cells.filter(c => {
    const box = c.getBoundingClientRect();
    return box.left < 0 || box.right > width + 0.5;
  });
  return {
    page: document.scrollingElement.scrollWidth,
    width,
    cells: cells.length,
    outside: outside.map(c => c.dataset.label + ": " + c.textContent.trim().slice(0, 40)),
    labels: [...new Set(cells.map(c => getComputedStyle(c, "::before").content))],
    headings: [...document.querySelectorAll("main thead th")]
      .map(h => JSON.stringify(h.textContent)),
  };
}"""


@pytest.mark.slow
def test_on_a_phone_the_upload_tables_fit_the_screen(
    portal: Running, browser: Any, workbooks: dict[str, Path]
) -> None:
    """The State's page and the editor's, with a few uploads (a long file name, a rejection with
    a long note), in the languages with the longest words: no cell reaches past the screen and
    nothing scrolls sideways; on the State's page every cell is labelled by its column."""
    from systematise.portal.app import SESSION_COOKIE

    state = portal.focal_point("TTO")
    sent: list[str] = []
    for name, workbook in [
        ("TTO-2025-versao-revisada-depois-da-reuniao-com-os-editores.xlsx", workbooks["errors"]),
        ("TTO-2025.xlsx", workbooks["clean"]),
    ]:
        with workbook.open("rb") as stream:
            posted = state.post(
                "/state/uploads", data={"csrf": "test-csrf-token"}, files={"file": (name, stream)}
            )
        assert posted.status_code == 303
        wait_checked(state, posted.headers["location"])
        sent.append(posted.headers["location"].rsplit("/", 1)[1])
    # An editor's session of its own: setting the password would sign out the flow's editor.
    editor_session = auth.open_session(portal.data, "editor")
    editor = portal.client(cookies={SESSION_COOKIE: editor_session, "csrf": "test-csrf-token"})
    note = "Réexpédiez-le après la désinstitutionnalisation-régularisation-extraordinaire de 2024."
    decided = editor.post(
        f"/editor/uploads/{sent[0]}/decision",
        data={"csrf": "test-csrf-token", "verdict": "rejected", "note": note},
    )
    assert decided.status_code == 303
    sessions = {"state": state.cookies[SESSION_COOKIE], "editor": editor_session}
    paths = [("state", "/state"), ("editor", "/editor"), ("editor", f"/editor/uploads/{sent[0]}")]
    misfits: list[tuple[object, ...]] = []
    unlabelled: list[tuple[object, ...]] = []
    for width in (390, 320):
        for lang in ("pt", "fr"):
            for who, path in paths:
                context = browser.new_context(viewport={"width": width, "height": 800})
                context.add_cookies(
                    [
                        {"name": SESSION_COOKIE, "value": sessions[who], "url": portal.url},
                        {"name": "lang", "value": lang, "url": portal.url},
                    ]
                )
                page = context.new_page()
                page.goto(portal.url + path)
                fit = page.evaluate(PHONE_FIT)
                context.close()
                assert fit["cells"] > 0, (path, lang, width)
                if fit["page"] > fit["width"] or fit["outside"]:
                    misfits.append((path, lang, width, fit["page"], fit["outside"]))
                if path == "/state" and sorted(fit["labels"]) != sorted(fit["headings"]):
                    unlabelled.append((lang, width, fit["labels"], fit["headings"]))
    assert misfits == []
    assert unlabelled == []
