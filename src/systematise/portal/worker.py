"""The background work: checking uploads from the queue kept in SQLite, and the editor's builds.

The queue is the ``uploads`` table: a received file is ``pending``; the worker takes a batch,
marks it ``checking``, checks it with :func:`systematise.check.check_files` (archive checks,
each file parsed in a sandboxed child with the project's limits) and writes its feedback with
:func:`systematise.feedback.write_feedback`; then ``done`` (or ``failed`` when the check itself
broke, which says nothing about the file). At start, whatever was ``checking`` when the process
stopped goes back to ``pending``: a restart resumes every check.

Stable IDs come from the project's registry, read but never written (``keep=False``): an
upload is not yet a submission of the project.

A build runs ``systematise build`` in its own process, one at a time, on the accepted workbooks.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from systematise.config import Settings
from systematise.portal import db
from systematise.schema.stages import CheckedWorkbook

log = logging.getLogger("systematise.portal")

#: Uploads checked together (their parsing runs in parallel sandboxed children).
BATCH = 16


@dataclass(frozen=True)
class Project:
    """The project the portal serves: its folder and settings."""

    root: Path
    settings: Settings


def requeue_interrupted(data: Path) -> int:
    """Put back in the queue the checks a stop interrupted; how many."""
    with db.transaction(data) as connection:
        cursor = connection.execute(
            "UPDATE uploads SET status = 'pending' WHERE status = 'checking'"
        )
        return cursor.rowcount


def _claim(data: Path) -> list[tuple[int, Path]]:
    with db.transaction(data) as connection:
        rows = connection.execute(
            "SELECT id, stored FROM uploads WHERE status = 'pending' ORDER BY id LIMIT ?",
            (BATCH,),
        ).fetchall()
        connection.executemany(
            "UPDATE uploads SET status = 'checking' WHERE id = ?", [(row["id"],) for row in rows]
        )
    return [(row["id"], data / row["stored"]) for row in rows]


def check_batch(data: Path, project: Project) -> int:
    """Check the next pending uploads; how many were taken (0: the queue is empty)."""
    from systematise.check import check_files
    from systematise.cycle.ids import IdBook
    from systematise.feedback import write_feedback

    batch = _claim(data)
    if not batch:
        return 0
    settings = project.settings
    ids = IdBook(settings.paths.registry, settings.report.cycle, keep=False)
    paths = [path for _, path in batch]
    try:
        results = check_files(paths, settings, ids=ids)
        with tempfile.TemporaryDirectory(dir=data / "incoming") as scratch:
            written = write_feedback(
                list(zip(paths, results, strict=True)), Path(scratch), settings
            )
            for (upload_id, _), workbook, files in zip(batch, results, written, strict=True):
                target = data / "feedback" / str(upload_id)
                shutil.rmtree(target, ignore_errors=True)
                shutil.move(files.folder, target)
                annotated = files.annotated.name if files.annotated is not None else None
                _done(data, upload_id, workbook.model_dump_json(), target, annotated, workbook)
    except Exception as error:  # the check broke (not the file): say so, keep serving
        log.error("check of uploads %s failed: %s", [i for i, _ in batch], type(error).__name__)
        with db.transaction(data) as connection:
            connection.executemany(
                "UPDATE uploads SET status = 'failed', checked = ? WHERE id = ? "
                "AND status = 'checking'",
                [(db.now(), upload_id) for upload_id, _ in batch],
            )
    return len(batch)


def _done(
    data: Path,
    upload_id: int,
    workbook_json: str,
    folder: Path,
    annotated: str | None,
    workbook: CheckedWorkbook,
) -> None:
    initiatives = sum(1 for row in workbook.rows if row.initiative is not None)
    with db.transaction(data) as connection:
        connection.execute(
            "UPDATE uploads SET status = 'done', checked = ?, errors = ?, warnings = ?, "
            "initiatives = ?, workbook_json = ?, feedback = ?, annotated = ? WHERE id = ?",
            (
                db.now(),
                workbook.errors,
                workbook.warnings,
                initiatives,
                workbook_json,
                folder.relative_to(data).as_posix(),
                annotated,
                upload_id,
            ),
        )
    log.info(
        "upload %s checked: %s errors, %s warnings", upload_id, workbook.errors, workbook.warnings
    )


class Checker:
    """A thread that checks the queue whenever told (and every few seconds regardless)."""

    def __init__(self, data: Path, project: Project) -> None:
        self.data = data
        self.project = project
        self.wake = threading.Event()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="portal-checker", daemon=True)

    def start(self) -> None:
        requeue_interrupted(self.data)
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self.wake.set()
        self.thread.join(timeout=120)

    def _run(self) -> None:
        while not self.stopping.is_set():
            try:
                taken = check_batch(self.data, self.project)
            except Exception as error:  # the database itself: wait and try again
                log.error("checker: %s", type(error).__name__)
                taken = 0
            if not taken:
                self.wake.wait(timeout=2)
                self.wake.clear()


class Builder:
    """The editor's builds: one at a time, each in its own process."""

    def __init__(self, data: Path, project: Project, options: tuple[str, ...] = ()) -> None:
        self.data = data
        self.project = project
        #: More options of ``systematise build`` (``--only html``...).
        self.options = options
        self.lock = threading.Lock()

    def interrupted(self) -> None:
        with db.transaction(self.data) as connection:
            connection.execute(
                "UPDATE builds SET status = 'failed', finished = ? WHERE status = 'running'",
                (db.now(),),
            )

    def start(self, uploads: list[tuple[int, Path]], lang: str) -> int | None:
        """Start a build of ``uploads``; its id, or None while another build runs."""
        if not self.lock.acquire(blocking=False):
            return None
        try:
            with db.transaction(self.data) as connection:
                cursor = connection.execute(
                    "INSERT INTO builds (status, started, uploads) VALUES ('running', ?, ?)",
                    (db.now(), ",".join(str(i) for i, _ in uploads)),
                )
                build_id = int(cursor.lastrowid or 0)
            folder = self.data / "builds" / str(build_id)
            submissions = folder / "submissions"
            submissions.mkdir(parents=True)
            for _, path in uploads:
                shutil.copy2(path, submissions / path.name)
        except BaseException:
            self.lock.release()
            raise
        thread = threading.Thread(
            target=self._run, args=(build_id, folder, lang), name="portal-build", daemon=True
        )
        thread.start()
        return build_id

    def _run(self, build_id: int, folder: Path, lang: str) -> None:
        status = "failed"
        try:
            command = [sys.executable, "-m", "systematise", "build", str(folder / "submissions")]
            command += ["-o", str(folder / "output"), "--quiet", "--jobs", "1", *self.options]
            with (folder / "build.log").open("wb") as output:
                completed = subprocess.run(
                    command,
                    cwd=self.project.root,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    timeout=3600,
                    check=False,
                    env={**_environment(), "SYSTEMATISE_LANG": lang},
                )
            status = "done" if completed.returncode == 0 else "failed"
        except (OSError, subprocess.SubprocessError) as error:
            log.error("build %s: %s", build_id, type(error).__name__)
        finally:
            with contextlib.suppress(Exception), db.transaction(self.data) as connection:
                connection.execute(
                    "UPDATE builds SET status = ?, finished = ? WHERE id = ?",
                    (status, db.now(), build_id),
                )
            self.lock.release()
        log.info("build %s %s", build_id, status)


def _environment() -> dict[str, str]:
    import os

    return {key: value for key, value in os.environ.items() if key != "OPENPYXL_DEFUSEDXML"}
