"""The portal's records: SQLite in WAL mode, one connection per unit of work.

The schema is a list of migrations applied in order; ``schema_migrations`` records which ran,
so a newer portal opens an older data folder by applying the rest. Times are UTC, ISO 8601.

The data folder (``--data``) holds ``portal.sqlite3`` (with its ``-wal`` and ``-shm`` files),
``uploads/<id>/`` (each file as received), ``feedback/<id>/`` (its annotated copy, report.json
and report.html), ``templates/`` (blank templates, made once per cycle and language) and
``builds/<id>/`` (the editor's builds).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DATABASE = "portal.sqlite3"

#: Each migration runs once, in order; never edit one that has shipped, add another.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE invitations (
        id INTEGER PRIMARY KEY,
        iso3 TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        cycle TEXT NOT NULL,
        created TEXT NOT NULL,
        expires TEXT NOT NULL,
        revoked TEXT
    );
    CREATE INDEX invitations_iso3 ON invitations (iso3);
    CREATE TABLE editor (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        password_hash TEXT NOT NULL,
        changed TEXT NOT NULL
    );
    CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('state', 'editor')),
        iso3 TEXT,
        invitation_id INTEGER REFERENCES invitations (id),
        created TEXT NOT NULL,
        expires TEXT NOT NULL
    );
    CREATE TABLE uploads (
        id INTEGER PRIMARY KEY,
        iso3 TEXT NOT NULL,
        cycle TEXT NOT NULL,
        name TEXT NOT NULL,
        stored TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        received TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'checking', 'done', 'failed')),
        checked TEXT,
        errors INTEGER,
        warnings INTEGER,
        initiatives INTEGER,
        workbook_json TEXT,
        feedback TEXT,
        annotated TEXT,
        decision TEXT CHECK (decision IN ('approved', 'rejected')),
        decision_note TEXT,
        decided TEXT
    );
    CREATE INDEX uploads_iso3 ON uploads (iso3, id);
    CREATE INDEX uploads_status ON uploads (status, id);
    CREATE TABLE builds (
        id INTEGER PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
        started TEXT NOT NULL,
        finished TEXT,
        uploads TEXT NOT NULL
    );
    """,
)


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def database_path(data: Path) -> Path:
    return data / DATABASE


def _connect(data: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(
        database_path(data), timeout=30, isolation_level=None, check_same_thread=False
    )
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA busy_timeout = 30000")
    connection.execute("PRAGMA synchronous = NORMAL")
    return connection


def migrate(data: Path) -> int:
    """Create the data folder and bring its database to the latest schema; the version."""
    data.mkdir(parents=True, exist_ok=True)
    for folder in ("uploads", "feedback", "templates", "builds", "incoming"):
        (data / folder).mkdir(exist_ok=True)
    connection = _connect(data)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
            "applied TEXT NOT NULL)"
        )
        done = {row[0] for row in connection.execute("SELECT version FROM schema_migrations")}
        for version, script in enumerate(MIGRATIONS, start=1):
            if version in done:
                continue
            # executescript commits first; the migration and its record go in one transaction.
            connection.executescript(
                f"BEGIN IMMEDIATE;\n{script}\n"
                f"INSERT INTO schema_migrations VALUES ({version}, '{now()}');\nCOMMIT;"
            )
        return len(MIGRATIONS)
    finally:
        connection.close()


@contextmanager
def transaction(data: Path) -> Iterator[sqlite3.Connection]:
    """A connection inside one immediate transaction: committed on success, else rolled back."""
    connection = _connect(data)
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    finally:
        connection.close()


@contextmanager
def reading(data: Path) -> Iterator[sqlite3.Connection]:
    """A connection for reads (WAL: never blocked by a writer)."""
    connection = _connect(data)
    try:
        yield connection
    finally:
        connection.close()
