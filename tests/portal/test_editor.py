"""The editor's side: the status table, approve or reject with a note (what the focal point then
sees), the accepted workbooks as the cycle's submissions folder, a build and its outputs."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest

from tests.portal.conftest import Running, wait_checked


def _upload(portal: Running, iso3: str, workbook: Path, name: str) -> tuple[object, str]:
    client = portal.focal_point(iso3)
    with workbook.open("rb") as stream:
        sent = client.post(
            "/state/uploads", data={"csrf": "test-csrf-token"}, files={"file": (name, stream)}
        )
    assert sent.status_code == 303
    wait_checked(client, sent.headers["location"])
    return client, sent.headers["location"].rsplit("/", 1)[1]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.slow
def test_a_decision_and_its_note_reach_the_focal_point(
    portal: Running, workbooks: dict[str, Path]
) -> None:
    state, upload_id = _upload(portal, "MEX", workbooks["errors"], "MEX-2025.xlsx")
    editor = portal.editor()
    table = _text(editor.get("/editor").text)
    assert re.search(r"MEX México submitted with errors|MEX México enviado con errores", table)
    decided = editor.post(
        f"/editor/uploads/{upload_id}/decision",
        data={"csrf": "test-csrf-token", "verdict": "rejected", "note": "Falta el título <b>"},
    )
    assert decided.status_code == 303
    seen = state.get("/state").text  # type: ignore[attr-defined]
    assert "Falta el título &lt;b&gt;" in seen
    assert "Rechazado" in seen or "Rejected" in seen
    # Without the form's token the decision is refused.
    refused = editor.post(f"/editor/uploads/{upload_id}/decision", data={"verdict": "approved"})
    assert refused.status_code == 403


@pytest.mark.slow
def test_a_workbook_of_another_state_cannot_be_approved_for_this_one(
    portal: Running, workbooks: dict[str, Path]
) -> None:
    state, upload_id = _upload(portal, "ECU", workbooks["clean"], "MEX.xlsx")  # says MEX
    page = state.get(f"/state/uploads/{upload_id}").text  # type: ignore[attr-defined]
    assert "México" in _text(page) and "Ecuador" in _text(page)
    editor = portal.editor()
    approve = editor.post(
        f"/editor/uploads/{upload_id}/decision",
        data={"csrf": "test-csrf-token", "verdict": "approved"},
    )
    assert approve.status_code == 409


@pytest.mark.slow
def test_approved_workbooks_are_the_submissions_folder_and_build_the_report(
    portal: Running, workbooks: dict[str, Path]
) -> None:
    _, first = _upload(portal, "MEX", workbooks["clean"], "MEX-2025.xlsx")
    _, second = _upload(portal, "MEX", workbooks["clean"], "MEX-2025-v2.xlsx")
    editor = portal.editor()
    for upload_id in (first, second):
        editor.post(
            f"/editor/uploads/{upload_id}/decision",
            data={"csrf": "test-csrf-token", "verdict": "approved"},
        )
    folder = editor.get("/editor/submissions.zip")
    assert folder.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(folder.content)).namelist()
    assert names == ["MEX-2025-v2.xlsx"]  # the newest approved upload of the State
    started = editor.post("/editor/builds", data={"csrf": "test-csrf-token"})
    assert started.status_code == 303
    page = started.headers["location"]
    deadline = time.monotonic() + 600
    while 'http-equiv="refresh"' in (text := editor.get(page).text):
        assert time.monotonic() < deadline
        time.sleep(2)
    assert "outputs.zip" in text, _text(text)[-2000:]
    outputs = editor.get(page + "/outputs.zip")
    assert outputs.status_code == 200
    built = zipfile.ZipFile(io.BytesIO(outputs.content)).namelist()
    assert {"es/report.html", "en/report.html", "index.html"} <= set(built), built
    assert not [name for name in built if name.startswith(".")]


@pytest.mark.slow
def test_the_lists_show_the_current_cycles_uploads(portal: Running) -> None:
    from systematise.portal import db

    with db.transaction(portal.data) as connection:
        connection.execute(
            "INSERT INTO uploads (iso3, cycle, name, stored, sha256, size, received, status) "
            "VALUES ('NIC', '1999', 'NIC-old-cycle.xlsx', 'uploads/x', 'ab', 1, '1999', 'done')"
        )
    editor = portal.editor()
    assert "NIC-old-cycle" not in editor.get("/editor").text
    nicaragua = portal.focal_point("NIC")
    assert "NIC-old-cycle" not in nicaragua.get("/state").text
