"""Who may see what: a State's invitation link, the editor's password, browser sessions.

- An invitation is a random token (256 bits) given once; only its SHA-256 is stored (the token
  carries its own entropy, so a fast hash is enough to make the stored value useless). It is
  bound to the cycle it was made in and expires: a project moved to the next cycle
  (``systematise cycle new``) or the expiry date ends it, and ``portal revoke`` ends it at once.
  A new invitation for a State revokes the earlier ones.
- The editor's password is stored as an argon2id hash (argon2-cffi's defaults, RFC 9106).
- A browser session is a random cookie value, stored hashed, bound to its role (a State or the
  editor); a State's session lives as long as its invitation.
- Forms carry a CSRF token (double submit: a random cookie repeated in the form), and a POST
  from another origin is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from systematise.portal import db

#: How long a link stays valid unless told otherwise; and the editor's session.
INVITATION_DAYS = 180
EDITOR_SESSION_HOURS = 12
#: The shortest password the editor may set.
MIN_PASSWORD = 12

_HASHER = PasswordHasher()


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def _in(days: float = 0, hours: float = 0) -> str:
    moment = dt.datetime.now(dt.UTC) + dt.timedelta(days=days, hours=hours)
    return moment.isoformat(timespec="seconds")


@dataclass(frozen=True)
class Invitation:
    id: int
    iso3: str
    cycle: str
    expires: str


def invite(data: Path, iso3: str, cycle: str, days: int = INVITATION_DAYS) -> tuple[str, str]:
    """A new link token for ``iso3`` (the earlier ones revoked), and when it expires."""
    token = new_secret()
    expires = _in(days=days)
    with db.transaction(data) as connection:
        _revoke(connection, iso3)
        connection.execute(
            "INSERT INTO invitations (iso3, token_hash, cycle, created, expires) "
            "VALUES (?, ?, ?, ?, ?)",
            (iso3, digest(token), cycle, db.now(), expires),
        )
    return token, expires


def revoke(data: Path, iso3: str) -> int:
    """Revoke every link of ``iso3`` and end its sessions; how many links were active."""
    with db.transaction(data) as connection:
        return _revoke(connection, iso3)


def _revoke(connection: sqlite3.Connection, iso3: str) -> int:
    cursor = connection.execute(
        "UPDATE invitations SET revoked = ? WHERE iso3 = ? AND revoked IS NULL", (db.now(), iso3)
    )
    connection.execute("DELETE FROM sessions WHERE role = 'state' AND iso3 = ?", (iso3,))
    return int(cursor.rowcount)


def invitation(data: Path, token: str, cycle: str) -> Invitation | None:
    """The live invitation ``token`` opens: not revoked, not expired, of the current cycle."""
    if not token or len(token) > 200:
        return None
    with db.reading(data) as connection:
        row = connection.execute(
            "SELECT id, iso3, cycle, expires FROM invitations WHERE token_hash = ? "
            "AND revoked IS NULL AND expires > ? AND cycle = ?",
            (digest(token), db.now(), cycle),
        ).fetchone()
    return None if row is None else Invitation(row["id"], row["iso3"], row["cycle"], row["expires"])


def set_password(data: Path, password: str) -> None:
    hashed = _HASHER.hash(password)
    with db.transaction(data) as connection:
        connection.execute(
            "INSERT INTO editor (id, password_hash, changed) VALUES (1, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET password_hash = excluded.password_hash, "
            "changed = excluded.changed",
            (hashed, db.now()),
        )
        connection.execute("DELETE FROM sessions WHERE role = 'editor'")


def check_password(data: Path, password: str) -> bool:
    with db.reading(data) as connection:
        row = connection.execute("SELECT password_hash FROM editor WHERE id = 1").fetchone()
    if row is None:
        _HASHER.hash(password)  # the same time whether or not a password was set
        return False
    try:
        return _HASHER.verify(row["password_hash"], password[:1024])
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class Session:
    role: str  # "state" or "editor"
    iso3: str | None


def open_session(data: Path, role: str, *, invitation: Invitation | None = None) -> str:
    """A new session; its cookie value (only the hash is stored)."""
    value = new_secret()
    if invitation is not None:
        iso3, invitation_id, expires = invitation.iso3, invitation.id, invitation.expires
    else:
        iso3, invitation_id, expires = None, None, _in(hours=EDITOR_SESSION_HOURS)
    with db.transaction(data) as connection:
        connection.execute("DELETE FROM sessions WHERE expires <= ?", (db.now(),))
        connection.execute(
            "INSERT INTO sessions (id_hash, role, iso3, invitation_id, created, expires) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (digest(value), role, iso3, invitation_id, db.now(), expires),
        )
    return value


def session(data: Path, value: str | None, cycle: str) -> Session | None:
    """The live session of a cookie value; a State's only while its invitation is live."""
    if not value or len(value) > 200:
        return None
    with db.reading(data) as connection:
        row = connection.execute(
            "SELECT s.role, s.iso3, i.revoked, i.expires AS link_expires, i.cycle "
            "FROM sessions s LEFT JOIN invitations i ON i.id = s.invitation_id "
            "WHERE s.id_hash = ? AND s.expires > ?",
            (digest(value), db.now()),
        ).fetchone()
    if row is None:
        return None
    if row["role"] == "state" and (
        row["revoked"] is not None or row["link_expires"] <= db.now() or row["cycle"] != cycle
    ):
        return None
    return Session(row["role"], row["iso3"])


def close_session(data: Path, value: str | None) -> None:
    if value:
        with db.transaction(data) as connection:
            connection.execute("DELETE FROM sessions WHERE id_hash = ?", (digest(value),))
