"""25 States × 4 workbooks at once, on loopback: every one recorded, checked, none lost or mixed.

Each State sends four versions of its workbook, and one thing focal points send by mistake (the
data saved as CSV, a copy cut short by a failed transfer, or a PDF), each file different from
every other: all go through the same intake, queue and check; the hundred workbooks are parsed
in the sandbox, the mistaken files refused by the archive checks before any parsing.
"""

from __future__ import annotations

import hashlib
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from systematise.portal import db
from systematise.schema.reference import member_states
from tests.portal.conftest import Running

pytestmark = pytest.mark.slow

STATES = 25
EACH = 4


def _unique(content: bytes, number: int) -> bytes:
    """The same workbook with a different zip comment: another file, the same sheets."""
    assert content[-2:] == b"\0\0"  # no comment yet
    comment = f"upload {number}".encode()
    return content[:-2] + len(comment).to_bytes(2, "little") + comment


def test_a_hundred_workbooks_at_once_are_all_recorded_and_checked(
    portal: Running, workbooks: dict[str, Path]
) -> None:
    states = sorted(member_states())[:STATES]
    tokens = {iso3: portal.token(iso3) for iso3 in states}
    content = workbooks["errors"].read_bytes()

    def as_csv(n: int) -> bytes:
        return f"title;start_date\nRegistro {n};2021-03\n".encode()

    def cut_short(n: int) -> bytes:
        return content[: len(content) // 3] + str(n).encode()

    def pdf(n: int) -> bytes:
        return b"%PDF-1.7\n" + f"% upload {n}\n".encode() + b"\0" * 2048

    mistakes = [as_csv, cut_short, pdf]
    jobs = [
        (iso3, _unique(content, version * STATES + n))
        for version in range(EACH)
        for n, iso3 in enumerate(states)
    ]
    workbooks_sent = len(jobs)
    assert workbooks_sent == STATES * EACH
    jobs += [(iso3, mistakes[n % 3](n)) for n, iso3 in enumerate(states)]
    assert len({body for _, body in jobs}) == len(jobs)

    def send(job: tuple[str, bytes]) -> tuple[str, str, int, dict[str, object]]:
        iso3, body = job
        with portal.client(headers={"Authorization": f"Bearer {tokens[iso3]}"}) as api:
            answer = api.post("/api/v1/submissions", files={"file": (f"{iso3}.xlsx", body)})
        return iso3, hashlib.sha256(body).hexdigest(), answer.status_code, answer.json()

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        answers = list(pool.map(send, jobs))
    assert {status for _, _, status, _ in answers} <= {200, 202}
    ids = [int(result["submission"]["id"]) for *_, result in answers]  # type: ignore[index]
    assert len(set(ids)) == len(jobs)
    deadline = started + 300
    while True:
        with db.reading(portal.data) as connection:
            rows = {
                row["id"]: dict(row)
                for row in connection.execute(
                    f"SELECT id, iso3, sha256, status, errors FROM uploads "
                    f"WHERE id IN ({','.join('?' * len(ids))})",
                    ids,
                )
            }
        if all(row["status"] == "done" for row in rows.values()):
            break
        assert time.monotonic() < deadline, "the checks did not finish"
        time.sleep(0.5)
    for number, ((iso3, sha, _, result), upload_id) in enumerate(zip(answers, ids, strict=True)):
        row = rows[upload_id]
        assert (row["iso3"], row["sha256"]) == (iso3, sha)
        # the workbook's two errors, or the one that refuses a mistaken file
        assert row["errors"] == (2 if number < workbooks_sent else 1)
        submission = result["submission"]
        assert submission["sha256"] == sha  # type: ignore[index]
    for iso3 in states:  # each State lists its own five, and only those
        with portal.client(headers={"Authorization": f"Bearer {tokens[iso3]}"}) as api:
            listed = api.get("/api/v1/submissions").json()["submissions"]
        mine = {
            upload_id for (state, *_), upload_id in zip(answers, ids, strict=True) if state == iso3
        }
        assert {item["id"] for item in listed} >= mine
        assert all(rows.get(item["id"], {"iso3": iso3})["iso3"] == iso3 for item in listed)
