"""An upload, streamed to disk: the size limit enforced while it arrives, then recorded.

:func:`receive` reads a ``multipart/form-data`` body chunk by chunk (never whole in memory),
writes the part named ``file`` into ``incoming/`` while hashing it, and stops reading as soon as
the file passes the limit (:class:`TooLargeError`). Small text fields (the form's ``csrf``) are
kept; anything else is refused. :func:`record` then moves the file to ``uploads/<id>/`` and
records it (content hash, time, size) in one transaction, before any check reads it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from python_multipart.multipart import MultipartParser, parse_options_header

from systematise.feedback.names import safe_name
from systematise.portal import db

#: Form fields other than the file, and their largest size.
_FIELD_BYTES = 512
_MAX_PARTS = 4
_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")


class UploadError(Exception):
    """The body is not an upload this portal takes; ``code`` says why (for the message)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class TooLargeError(UploadError):
    def __init__(self) -> None:
        super().__init__("too_large")


@dataclass
class Received:
    """A file received into ``incoming/`` (not yet recorded)."""

    path: Path | None = None
    name: str = ""
    size: int = 0
    sha256: str = ""
    fields: dict[str, str] = field(default_factory=dict)

    def discard(self) -> None:
        if self.path is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()


def stored_name(original: str) -> str:
    """The name a received file is kept and checked under: the original's, made safe."""
    base = original.replace("\\", "/").rsplit("/", 1)[-1]
    suffix = Path(base).suffix.lower()
    return safe_name(base) + (suffix if _SUFFIX.match(suffix) else "")


def boundary_of(content_type: str | None) -> bytes:
    kind, options = parse_options_header(content_type or "")
    boundary = options.get(b"boundary", b"")
    if kind != b"multipart/form-data" or not boundary or len(boundary) > 200:
        raise UploadError("not_multipart")
    return boundary


class _Parts:
    """The parser's callbacks: where each part's bytes go."""

    def __init__(self, incoming: Path, limit: int, received: Received) -> None:
        self.incoming = incoming
        self.limit = limit
        self.received = received
        self.parts = 0
        self.header_field = b""
        self.header_value = b""
        self.headers: dict[bytes, bytes] = {}
        self.current: str | None = None  # "file", a field name, or None (ignored)
        self.buffer = bytearray()
        self.stream: object = None
        self.hash = hashlib.sha256()

    def on_part_begin(self) -> None:
        self.parts += 1
        if self.parts > _MAX_PARTS:
            raise UploadError("not_multipart")
        self.headers, self.current, self.buffer = {}, None, bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        self.headers[self.header_field.lower()] = self.header_value
        self.header_field, self.header_value = b"", b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.headers.get(b"content-disposition", b""))
        name = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in options:
            if name != "file" or self.received.path is not None:
                raise UploadError("not_multipart")
            self.received.name = options[b"filename"].decode("utf-8", "replace")[:255]
            descriptor, path = _temporary(self.incoming)
            self.received.path = Path(path)
            self.stream = os.fdopen(descriptor, "wb")
            self.current = "file"
        else:
            self.current = name[:40] or None

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self.current == "file":
            self.received.size += len(chunk)
            if self.received.size > self.limit:
                raise TooLargeError()
            self.hash.update(chunk)
            self.stream.write(chunk)  # type: ignore[attr-defined]
        elif self.current is not None:
            self.buffer += chunk
            if len(self.buffer) > _FIELD_BYTES:
                raise UploadError("not_multipart")

    def on_part_end(self) -> None:
        if self.current == "file":
            self.close()
        elif self.current is not None:
            self.received.fields[self.current] = self.buffer.decode("utf-8", "replace")

    def close(self) -> None:
        if self.stream is not None:
            stream, self.stream = self.stream, None
            stream.flush()  # type: ignore[attr-defined]
            os.fsync(stream.fileno())  # type: ignore[attr-defined]
            stream.close()  # type: ignore[attr-defined]


def _temporary(folder: Path) -> tuple[int, str]:
    import tempfile

    return tempfile.mkstemp(dir=folder, prefix="upload-", suffix=".part")


async def receive(
    chunks: AsyncIterator[bytes], content_type: str | None, incoming: Path, limit: int
) -> Received:
    """Stream a multipart body into ``incoming/``; raises :class:`UploadError` (the partial
    file removed) when it is not one upload within ``limit`` bytes."""
    received = Received()
    parts = _Parts(incoming, limit, received)
    callbacks = {
        name: getattr(parts, name)
        for name in (
            "on_part_begin",
            "on_header_field",
            "on_header_value",
            "on_header_end",
            "on_headers_finished",
            "on_part_data",
            "on_part_end",
        )
    }
    parser = MultipartParser(boundary_of(content_type), callbacks)  # type: ignore[arg-type]
    try:
        async for chunk in chunks:
            parser.write(chunk)
        parser.finalize()
        if received.path is None or parts.stream is not None:
            raise UploadError("no_file")
        if received.size == 0:
            raise UploadError("empty")
    except UploadError:
        parts.close()
        received.discard()
        raise
    except Exception as error:  # a malformed body: the parser's own errors
        parts.close()
        received.discard()
        raise UploadError("not_multipart") from error
    received.sha256 = parts.hash.hexdigest()
    return received


def record(data: Path, received: Received, iso3: str, cycle: str) -> int:
    """Move a received file to ``uploads/<id>/`` and record it as pending; its id."""
    assert received.path is not None
    name = stored_name(received.name)
    with db.transaction(data) as connection:
        cursor = connection.execute(
            "INSERT INTO uploads (iso3, cycle, name, stored, sha256, size, received) "
            "VALUES (?, ?, ?, '', ?, ?, ?)",
            (iso3, cycle, received.name, received.sha256, received.size, db.now()),
        )
        upload_id = int(cursor.lastrowid or 0)
        folder = data / "uploads" / str(upload_id)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / name
        received.path.replace(target)
        connection.execute(
            "UPDATE uploads SET stored = ? WHERE id = ?",
            (target.relative_to(data).as_posix(), upload_id),
        )
    return upload_id
