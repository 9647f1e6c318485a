"""``/api/v1``: the same intake for programs, authenticated by the State's link token.

``POST /api/v1/submissions`` (multipart field ``file``, ``Authorization: Bearer <token>``)
stores the workbook, waits for its check and answers with ``report.json`` as
``systematise check`` writes it, plus a ``submission`` object (id, hash, size, time, status,
the editor's decision). If the check takes longer than the portal waits, the answer is 202 with
the ``submission`` alone: ``GET /api/v1/submissions/{id}`` gives the result later.
``GET /api/v1/submissions`` lists the caller's own submissions. The schema is at
``/api/v1/openapi.json``.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from systematise.portal import auth, views
from systematise.portal.app import portal_of

router = APIRouter(prefix="/api/v1", tags=["submissions"])


class Submission(BaseModel):
    """One upload and where it stands."""

    id: int
    file: str
    sha256: str
    size: int
    received: str
    status: str  # pending, checking, done (checked), failed (the check broke: try again)
    errors: int | None
    warnings: int | None
    initiatives: int | None
    decision: str | None  # approved, rejected, or none yet
    decision_note: str | None


class SubmissionList(BaseModel):
    submissions: list[Submission]


class Problem(BaseModel):
    code: str
    severity: str
    sheet: str | None
    cell: str | None
    row: int | None
    field: str | None
    label: str | None
    message: str
    message_es: str
    message_en: str


class Counts(BaseModel):
    errors: int
    warnings: int
    notes: int
    initiatives: int
    valid_initiatives: int


class CheckResult(BaseModel):
    """``report.json`` as ``systematise check`` writes it, with the ``submission``."""

    format: int | None = None
    file: str | None = None
    language: str | None = None
    template_language: str | None = None
    passed: bool | None = None
    counts: Counts | None = None
    problems: list[Problem] | None = None
    submission: Submission


_UNAUTHORISED = {"WWW-Authenticate": "Bearer"}


def _caller(request: Request) -> str:
    """The State of the bearer token, or 401."""
    portal = portal_of(request)
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(401, "unauthorised", headers=_UNAUTHORISED)
    # Failed attempts are limited per address; a live token is limited by its uploads.
    address = "api:" + (request.client.host if request.client else "-")
    if portal.signins.blocked(address):
        raise HTTPException(429, "too_many_requests", headers={"Retry-After": "60"})
    found = auth.invitation(portal.data, token.strip(), portal.cycle)
    if found is None:
        portal.signins.allow(address)
        raise HTTPException(401, "unauthorised", headers=_UNAUTHORISED)
    return found.iso3


def _submission(item: views.Upload) -> Submission:
    return Submission(
        id=item.id,
        file=item.name,
        sha256=item.sha256,
        size=item.size,
        received=item.received,
        status=item.status,
        errors=item.errors,
        warnings=item.warnings,
        initiatives=item.initiatives,
        decision=item.decision,
        decision_note=item.decision_note,
    )


def _result(request: Request, item: views.Upload) -> JSONResponse:
    portal = portal_of(request)
    body: dict[str, Any] = {}
    if item.status == "done" and item.feedback is not None:
        path = portal.data / item.feedback / "report.json"
        body = json.loads(path.read_text(encoding="utf-8"))
    body["submission"] = _submission(item).model_dump()
    return JSONResponse(body, status_code=202 if item.waiting else 200)


@router.post(
    "/submissions",
    response_model=CheckResult,
    responses={
        202: {"description": "Stored; the check is still running.", "model": CheckResult},
        400: {"description": "Not a multipart upload with one `file`."},
        401: {"description": "No token, or not a live link token."},
        413: {"description": "Larger than the portal takes."},
        429: {"description": "Too many uploads: wait (Retry-After)."},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {"file": {"type": "string", "format": "binary"}},
                    }
                }
            },
        }
    },
)
async def submit(request: Request) -> JSONResponse:
    """Upload a workbook of the caller's State; the check's result."""
    from systematise.portal.pages import receive_upload

    iso3 = _caller(request)
    portal = portal_of(request)
    upload_id = await receive_upload(request, portal, iso3, form=False)
    deadline = time.monotonic() + portal.config.api_wait_seconds
    while True:
        item = views.upload(portal.data, upload_id, iso3)
        assert item is not None
        if not item.waiting or time.monotonic() > deadline:
            return _result(request, item)
        await asyncio.sleep(0.25)


@router.get("/submissions", response_model=SubmissionList)
def list_submissions(request: Request) -> SubmissionList:
    """The caller's own submissions, newest first."""
    iso3 = _caller(request)
    portal = portal_of(request)
    items = views.uploads(portal.data, portal.cycle, iso3)
    return SubmissionList(submissions=[_submission(item) for item in items])


@router.get(
    "/submissions/{submission_id}",
    response_model=CheckResult,
    responses={404: {"description": "No such submission of the caller's State."}},
)
def get_submission(request: Request, submission_id: int) -> JSONResponse:
    """One of the caller's submissions, with the check's result once it is done."""
    iso3 = _caller(request)
    item = views.upload(portal_of(request).data, submission_id, iso3)
    if item is None:
        raise HTTPException(404, "not_found")
    return _result(request, item)
