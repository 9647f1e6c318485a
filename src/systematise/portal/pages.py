"""The pages: the focal point's (reached through the State's link) and the editor's.

No page has a script: a check in progress refreshes its page by itself (``<meta refresh>``).
Every form carries the CSRF token; every route of a State reads only that State's records.
"""

from __future__ import annotations

import contextlib
import secrets
import tempfile
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.background import BackgroundTask

from systematise.http_headers import FEEDBACK_REPORT_CSP, header_policy
from systematise.portal import auth, intake, views
from systematise.portal.app import (
    CSRF_COOKIE,
    LANG_COOKIE,
    SESSION_COOKIE,
    Portal,
    portal_of,
    session_of,
)
from systematise.portal.texts import (
    is_page_lang,
    language_names,
    negotiate,
    page_environment,
    page_langs,
    portal_gettext,
)
from systematise.read.listing import READABLE_SUFFIXES
from systematise.schema.lang import FocalLang, is_focal_lang, report_lang
from systematise.schema.reference import member_states
from systematise.schema.vocabulary import vocabulary

router = APIRouter(include_in_schema=False)

#: The largest ordinary form (sign-in, decision): a note of 2,000 characters and a little more.
_FORM_BYTES = 16 * 1024
#: A feedback report served for printing: the policy its ``<meta>`` tag carries, in a sandbox.
_REPORT_CSP = header_policy(FEEDBACK_REPORT_CSP, sandbox=True)


# --- helpers ------------------------------------------------------------------------------


def page_lang(request: Request) -> FocalLang:
    return negotiate(request.cookies.get(LANG_COOKIE), request.headers.get("accept-language"))


def _cookie(response: Response, request: Request, name: str, value: str, **extra: Any) -> None:
    response.set_cookie(
        name,
        value,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
        **extra,
    )


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = page_lang(request)
    csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
    html = (
        page_environment(lang)
        .get_template(template)
        .render(
            lang=lang,
            languages=language_names(),
            here=request.url.path,
            csrf=csrf,
            refresh=context.pop("refresh", False),
            signed_in=context.pop("signed_in", None),
            **context,
        )
    )
    response = HTMLResponse(html, status_code=status)
    if request.cookies.get(CSRF_COOKIE) != csrf:
        _cookie(response, request, CSRF_COOKIE, csrf)
    return response


def error_page(request: Request, status: int, headers: dict[str, str] | None = None) -> Response:
    response = render(request, "error.html.j2", status=status, status_code=status)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _same_origin(request: Request) -> None:
    """Refuse a form sent from another site (the Origin, else the Referer, must be ours)."""
    sent = request.headers.get("origin") or request.headers.get("referer")
    if sent is None:
        return  # the CSRF token still has to match
    parts = urlsplit(sent)
    if parts.netloc != request.url.netloc:
        raise HTTPException(403)


def check_csrf(request: Request, sent: str | None) -> None:
    _same_origin(request)
    expected = request.cookies.get(CSRF_COOKIE)
    if not expected or not sent or not auth.same(expected, sent):
        raise HTTPException(403)


async def small_form(request: Request) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` form of at most a few kilobytes, CSRF checked."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > _FORM_BYTES:
            raise HTTPException(413)
    fields = {
        key: values[0]
        for key, values in parse_qs(body.decode("utf-8", "replace"), max_num_fields=10).items()
    }
    check_csrf(request, fields.get("csrf"))
    return fields


def _client(request: Request) -> str:
    return request.client.host if request.client else "-"


def _state_session(request: Request) -> str:
    found = session_of(request)
    if found is None or found.role != "state" or found.iso3 is None:
        raise HTTPException(401)
    return found.iso3


def _editor_session(request: Request) -> None:
    found = session_of(request)
    if found is None or found.role != "editor":
        raise HTTPException(401)


def _editor_label(lang: FocalLang) -> str:
    _ = portal_gettext(lang)
    return _("Editor")


def _state_name(iso3: str, lang: FocalLang) -> str:
    """The State's name in the page's language (the template's dropdown says the same)."""
    countries = vocabulary("country")
    return countries.label(iso3, lang) if iso3 in countries.codes else iso3


def _feedback_file(portal: Portal, upload: views.Upload, which: str) -> Response:
    if upload.feedback is None:
        raise HTTPException(404)
    folder = portal.data / upload.feedback
    if which == "annotated":
        if upload.annotated is None:
            raise HTTPException(404)
        return FileResponse(
            folder / upload.annotated,
            filename=upload.annotated,
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    if which == "report.json":
        return FileResponse(folder / "report.json", media_type="application/json")
    response = FileResponse(folder / "report.html", media_type="text/html; charset=utf-8")
    response.headers["Content-Security-Policy"] = _REPORT_CSP
    return response


def _upload_context(portal: Portal, upload: views.Upload, lang: FocalLang) -> dict[str, Any]:
    workbook = views.checked_workbook(portal.data, upload.id) if upload.status == "done" else None
    other = views.other_state(workbook, upload.iso3) if workbook is not None else None
    return {
        "upload": upload,
        "problems": views.problems(workbook, lang) if workbook is not None else [],
        "other_state": _state_name(other, lang) if other else None,
        "state_name": _state_name(upload.iso3, lang),
        "refresh": upload.waiting,
    }


# --- everyone ----------------------------------------------------------------------------


@router.get("/")
def home(request: Request) -> Response:
    found = session_of(request)
    if found is not None:
        return RedirectResponse("/editor" if found.role == "editor" else "/state", 303)
    return render(request, "home.html.j2")


@router.get("/lang/{code}")
def choose_language(request: Request, code: str, next: str = "/") -> Response:
    if not is_page_lang(code):
        raise HTTPException(404)
    target = next if next.startswith("/") and not next.startswith(("//", "/\\")) else "/"
    response = RedirectResponse(target, 303)
    _cookie(response, request, LANG_COOKIE, code, max_age=365 * 24 * 3600)
    return response


@router.get("/s/{token}")
def open_link(request: Request, token: str) -> Response:
    portal = portal_of(request)
    # Failed attempts are limited per address (a live link opens as often as needed).
    address = "link:" + _client(request)
    if portal.signins.blocked(address):
        raise HTTPException(429, headers={"Retry-After": "60"})
    invitation = auth.invitation(portal.data, token, portal.cycle)
    if invitation is None:
        portal.signins.allow(address)
        return render(request, "link.html.j2", status=404)
    value = auth.open_session(portal.data, "state", invitation=invitation)
    response = RedirectResponse("/state", 303)
    _cookie(response, request, SESSION_COOKIE, value)
    return response


@router.post("/signout")
async def sign_out(request: Request) -> Response:
    await small_form(request)
    auth.close_session(portal_of(request).data, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/", 303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# --- the focal point ---------------------------------------------------------------------


@router.get("/state")
def state_page(request: Request) -> Response:
    iso3 = _state_session(request)
    portal = portal_of(request)
    lang = page_lang(request)
    listed = views.uploads(portal.data, portal.cycle, iso3)
    return render(
        request,
        "state.html.j2",
        accept=",".join(READABLE_SUFFIXES),
        signed_in=_state_name(iso3, lang),
        iso3=iso3,
        state_name=_state_name(iso3, lang),
        cycle=portal.cycle,
        prefilled=_prefilled(portal, iso3) is not None,
        uploads=listed,
        max_mb=portal.settings.limits.max_file_bytes // (1024 * 1024),
        template_langs=page_langs(),
        refresh=any(
            item.waiting for item in views.uploads(portal.data, portal.cycle, iso3, limit=5)
        ),
    )


def _prefilled(portal: Portal, iso3: str) -> Path | None:
    """The template ``cycle new`` wrote for the State, pre-filled with its last initiatives."""
    cycle = portal.cycle
    path = portal.settings.paths.output / "templates" / cycle / f"{iso3}-{cycle}.xlsx"
    return path if path.is_file() else None


@router.get("/state/template")
def state_template(request: Request, lang: str = "", prefilled: bool = False) -> Response:
    iso3 = _state_session(request)
    portal = portal_of(request)
    if prefilled:
        found = _prefilled(portal, iso3)
        if found is None:
            raise HTTPException(404)
        return FileResponse(found, filename=found.name)
    chosen = lang if is_focal_lang(lang) and is_page_lang(lang) else page_lang(request)
    return FileResponse(_blank_template(portal, chosen), filename=_template_name(chosen))


def _template_name(lang: FocalLang) -> str:
    from systematise.template.writer import default_name

    return default_name(lang)


def _blank_template(portal: Portal, lang: FocalLang) -> Path:
    """The cycle's blank template in ``lang``, written once."""
    from systematise.template.writer import write_template

    path = portal.data / "templates" / portal.cycle / lang / _template_name(lang)
    if not path.is_file():
        write_template(path, lang, portal.settings)
    return path


@router.post("/state/uploads")
async def state_upload(request: Request) -> Response:
    iso3 = _state_session(request)
    portal = portal_of(request)
    upload_id = await receive_upload(request, portal, iso3, form=True)
    return RedirectResponse(f"/state/uploads/{upload_id}", 303)


async def receive_upload(request: Request, portal: Portal, iso3: str, *, form: bool) -> int:
    """Stream, record and queue one upload of ``iso3``; the page's or the API's refusals as
    HTTP errors (413 too large, 429 too many, 400 not an upload, 403 CSRF)."""
    from starlette.concurrency import run_in_threadpool

    if not portal.uploads.allow("upload:" + iso3):
        raise HTTPException(429, headers={"Retry-After": str(portal.uploads.retry_after(iso3))})
    if form:
        _same_origin(request)
    limit = portal.settings.limits.max_file_bytes
    # The rest of a refused body is not read: the connection is closed after the answer.
    close = {"Connection": "close"}
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit + 64 * 1024:
        raise HTTPException(413, headers=close)
    try:
        received = await intake.receive(
            request.stream(), request.headers.get("content-type"), portal.data / "incoming", limit
        )
    except intake.TooLargeError:
        raise HTTPException(413, headers=close) from None
    except intake.UploadError:
        raise HTTPException(400, headers=close) from None
    if form:
        try:
            check_csrf(request, received.fields.get("csrf"))
        except HTTPException:
            received.discard()
            raise
    upload_id = await run_in_threadpool(intake.record, portal.data, received, iso3, portal.cycle)
    portal.checker.wake.set()
    return upload_id


@router.get("/state/uploads/{upload_id}")
def state_upload_page(request: Request, upload_id: int) -> Response:
    iso3 = _state_session(request)
    portal = portal_of(request)
    upload = views.upload(portal.data, upload_id, iso3)
    if upload is None:
        raise HTTPException(404)
    context = _upload_context(portal, upload, page_lang(request))
    return render(
        request, "upload.html.j2", signed_in=context["state_name"], editor=False, **context
    )


@router.get("/state/uploads/{upload_id}/{which}")
def state_upload_file(request: Request, upload_id: int, which: str) -> Response:
    iso3 = _state_session(request)
    portal = portal_of(request)
    upload = views.upload(portal.data, upload_id, iso3)
    if upload is None or which not in ("annotated", "report", "report.json"):
        raise HTTPException(404)
    return _feedback_file(portal, upload, which)


# --- the editor --------------------------------------------------------------------------


@router.get("/editor/signin")
def editor_signin_page(request: Request) -> Response:
    return render(request, "signin.html.j2", failed=False)


@router.post("/editor/signin")
async def editor_signin(request: Request) -> Response:
    portal = portal_of(request)
    if not portal.signins.allow("signin:" + _client(request)):
        raise HTTPException(429, headers={"Retry-After": "60"})
    fields = await small_form(request)
    from starlette.concurrency import run_in_threadpool

    ok = await run_in_threadpool(auth.check_password, portal.data, fields.get("password", ""))
    if not ok:
        return render(request, "signin.html.j2", status=401, failed=True)
    value = auth.open_session(portal.data, "editor")
    response = RedirectResponse("/editor", 303)
    _cookie(response, request, SESSION_COOKIE, value)
    return response


@router.get("/editor")
def editor_page(request: Request) -> Response:
    _editor_session(request)
    portal = portal_of(request)
    lang = page_lang(request)
    from systematise.cycle.views import columns, row_values

    status = views.status_table(portal.data, portal.cycle)
    shown = (0, 1, 2, 3, 4, 6, 10, 12, 13, 18)  # code, State, state, decision, note, file...
    headings = columns(report_lang(lang))
    return render(
        request,
        "editor.html.j2",
        signed_in=_editor_label(lang),
        cycle=portal.cycle,
        headings=[headings[i] for i in shown],
        rows=[[row_values(item, report_lang(lang))[i] for i in shown] for item in status.states],
        uploads=views.uploads(portal.data, portal.cycle, limit=200),
        accepted=len(views.accepted(portal.data, portal.cycle)),
        builds=views.builds(portal.data),
        state_names={iso3: _state_name(iso3, lang) for iso3 in member_states()},
        refresh=False,
    )


@router.get("/editor/uploads/{upload_id}")
def editor_upload_page(request: Request, upload_id: int) -> Response:
    _editor_session(request)
    portal = portal_of(request)
    upload = views.upload(portal.data, upload_id)
    if upload is None:
        raise HTTPException(404)
    context = _upload_context(portal, upload, page_lang(request))
    lang = page_lang(request)
    history = views.uploads(portal.data, portal.cycle, upload.iso3)
    return render(
        request,
        "upload.html.j2",
        signed_in=_editor_label(lang),
        editor=True,
        history=history,
        **context,
    )


@router.get("/editor/uploads/{upload_id}/{which}")
def editor_upload_file(request: Request, upload_id: int, which: str) -> Response:
    _editor_session(request)
    portal = portal_of(request)
    upload = views.upload(portal.data, upload_id)
    if upload is None or which not in ("annotated", "report", "report.json"):
        raise HTTPException(404)
    return _feedback_file(portal, upload, which)


@router.post("/editor/uploads/{upload_id}/decision")
async def editor_decision(request: Request, upload_id: int) -> Response:
    _editor_session(request)
    fields = await small_form(request)
    portal = portal_of(request)
    verdict = fields.get("verdict", "")
    upload = views.upload(portal.data, upload_id)
    if upload is None:
        raise HTTPException(404)
    if verdict not in ("approved", "rejected"):
        raise HTTPException(400)
    workbook = views.checked_workbook(portal.data, upload_id)
    if verdict == "approved" and (workbook is None or views.other_state(workbook, upload.iso3)):
        raise HTTPException(409)
    if not views.decide(portal.data, upload_id, verdict, fields.get("note", "").strip()):
        raise HTTPException(409)
    return RedirectResponse(f"/editor/uploads/{upload_id}", 303)


def _zip_response(portal: Portal, files: list[tuple[Path, str]], name: str) -> Response:
    descriptor, temporary = tempfile.mkstemp(dir=portal.data / "incoming", suffix=".zip")
    with open(descriptor, "wb") as stream, zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as z:  # noqa: PTH123
        for path, arcname in files:
            z.write(path, arcname)

    def remove() -> None:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()

    return FileResponse(
        temporary, filename=name, media_type="application/zip", background=BackgroundTask(remove)
    )


@router.get("/editor/submissions.zip")
def editor_submissions(request: Request) -> Response:
    _editor_session(request)
    portal = portal_of(request)
    chosen = views.accepted(portal.data, portal.cycle)
    files = [(portal.data / item.stored, Path(item.stored).name) for item in chosen.values()]
    return _zip_response(portal, files, f"submissions-{portal.cycle}.zip")


@router.post("/editor/builds")
async def editor_build(request: Request) -> Response:
    _editor_session(request)
    await small_form(request)
    portal = portal_of(request)
    chosen = views.accepted(portal.data, portal.cycle)
    if not chosen:
        raise HTTPException(409)
    files = [(item.id, portal.data / item.stored) for item in chosen.values()]
    build_id = portal.builder.start(files, report_lang(page_lang(request)))
    if build_id is None:
        raise HTTPException(409)
    return RedirectResponse(f"/editor/builds/{build_id}", 303)


def _build(portal: Portal, build_id: int) -> views.Build:
    found = next((item for item in views.builds(portal.data, 1000) if item.id == build_id), None)
    if found is None:
        raise HTTPException(404)
    return found


@router.get("/editor/builds/{build_id}")
def editor_build_page(request: Request, build_id: int) -> Response:
    _editor_session(request)
    portal = portal_of(request)
    build = _build(portal, build_id)
    log_path = portal.data / "builds" / str(build_id) / "build.log"
    log_text = log_path.read_text("utf-8", "replace")[-8000:] if log_path.is_file() else ""
    lang = page_lang(request)
    return render(
        request,
        "build.html.j2",
        signed_in=_editor_label(lang),
        build=build,
        log=log_text,
        refresh=build.status == "running",
    )


@router.get("/editor/builds/{build_id}/outputs.zip")
def editor_build_outputs(request: Request, build_id: int) -> Response:
    _editor_session(request)
    portal = portal_of(request)
    build = _build(portal, build_id)
    output = portal.data / "builds" / str(build_id) / "output"
    if build.status != "done" or not output.is_dir():
        raise HTTPException(404)
    files = [
        (path, path.relative_to(output).as_posix())
        for path in sorted(output.rglob("*"))
        if path.is_file()
        and not path.is_symlink()
        # The build's own cache (.cache/, .staging) is not an output.
        and not any(part.startswith(".") for part in path.relative_to(output).parts)
    ]
    return _zip_response(portal, files, f"report-{portal.cycle}-build-{build_id}.zip")
