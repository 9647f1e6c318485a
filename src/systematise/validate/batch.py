"""The batch as an editor has it: one submission per State, and what else is in the folder.

Two rules look at the files together rather than one at a time; ``check`` and ``build`` apply
both the same way.

**One file per State.** Two or more readable workbooks whose submission form names the same
State are an error on each of them, naming all of them (:func:`find_duplicates`). The build
publishes one of them and leaves the others out, listed in its report. The one published is the
one an editor would take for the latest version (:func:`published_order`):

1. the latest submission date (the form's ``submission_date``);
2. on the same date, the one saved last, as the spreadsheet program recorded it inside the file
   (not the date of the copy on disk, which changes when a file is downloaded or copied);
3. then the last by name in natural order (``v2`` after ``v1``, ``(10)`` after ``(9)``).

Everything it uses is part of the files' names and bytes, which the build's cache hashes, so a
rebuild makes the same choice.

**Nothing skipped in silence.** The files of a folder that are not picked up as workbooks (a
PDF, a Word document, an image, an archive, a subfolder...) are listed, each with a warning
(:func:`other_files`). Hidden files, office lock files (``~$x.xlsx``, ``.~lock.x.ods#``) and
the system's own files (``Thumbs.db``, ``desktop.ini``) are skipped, and the build report lists
them too.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from systematise.i18n import N_
from systematise.read.archive import RECEIVED, sniff_format
from systematise.read.listing import folder_entries
from systematise.schema.lang import FOCAL_LANGS
from systematise.schema.problems import Problem, in_every_lang, problem
from systematise.schema.reference import member_states
from systematise.schema.stages import CheckedWorkbook
from systematise.schema.vocabulary import vocabulary

#: Where a workbook records when it was last saved, and the largest such entry read.
_SAVED_ENTRIES: dict[str, re.Pattern[bytes]] = {
    "docProps/core.xml": re.compile(rb"<(?:[\w.-]+:)?modified\b[^>]*>\s*([^<]{1,64}?)\s*<"),
    "meta.xml": re.compile(rb"<(?:[\w.-]+:)?date\b[^>]*>\s*([^<]{1,64}?)\s*<"),
}
_MAX_ENTRY_BYTES = 256 * 1024
#: A file's suffix → the kind of document it names (see read.archive.RECEIVED).
_KINDS = {
    ".pdf": "pdf",
    ".doc": "word",
    ".docx": "word",
    ".docm": "word",
    ".rtf": "word",
    ".odt": "writer",
    ".ppt": "presentation",
    ".pptx": "presentation",
    ".odp": "presentation",
    ".txt": "text",
    ".md": "text",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".gif": "image",
    ".bmp": "image",
    ".tif": "image",
    ".tiff": "image",
    ".webp": "image",
    ".heic": "image",
    ".zip": "archive",
    ".rar": "archive",
    ".7z": "archive",
    ".gz": "archive",
    ".tar": "archive",
    ".htm": "html",
    ".html": "html",
    ".tsv": "csv",
}
_MAX_SUFFIX = 12
#: Files larger than this are not opened to see whether they are a misnamed workbook.
_MAX_SNIFFED_BYTES = 64 * 1024 * 1024


# --- one file per State -------------------------------------------------------------------


@dataclass(frozen=True)
class Duplicate:
    """Several files for one State: which one is published, which are left out."""

    country: str
    published: int  # position in the batch
    left_out: tuple[int, ...]


def saved_at(path: Path) -> dt.datetime | None:
    """When the workbook at ``path`` was last saved, as recorded inside it (UTC), if it says.

    Reads one small entry of the archive (``docProps/core.xml`` of an ``.xlsx``, ``meta.xml``
    of an ``.ods``), bounded in size, with a pattern rather than an XML parser; anything odd
    gives None.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            for name, pattern in _SAVED_ENTRIES.items():
                try:
                    info = archive.getinfo(name)
                except KeyError:
                    continue
                if info.file_size > _MAX_ENTRY_BYTES or info.flag_bits & 0x1:
                    return None
                with archive.open(info) as stream:
                    found = pattern.search(stream.read(_MAX_ENTRY_BYTES))
                if found is None:
                    return None
                moment = dt.datetime.fromisoformat(found.group(1).decode("ascii"))
                if moment.tzinfo is None:
                    moment = moment.replace(tzinfo=dt.UTC)
                return moment.astimezone(dt.UTC)
    except (OSError, zipfile.BadZipFile, ValueError, EOFError, RuntimeError, UnicodeError):
        return None
    return None


def _natural(name: str) -> tuple[tuple[int, int | str], ...]:
    """A name's sort key with its numbers compared as numbers (``v2`` before ``v10``)."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.split(r"(\d+)", name.casefold())
        if part
    )


def published_order(
    workbook: CheckedWorkbook, saved: dt.datetime | None, name: str
) -> tuple[dt.date, dt.datetime, tuple[tuple[int, int | str], ...]]:
    """The key by which, among files of one State, the greatest is published."""
    assert workbook.header is not None
    earliest = dt.datetime.min.replace(tzinfo=dt.UTC)
    return (workbook.header.submission_date, saved or earliest, _natural(Path(name).stem))


def find_duplicates(files: Sequence[Path], workbooks: Sequence[CheckedWorkbook]) -> list[Duplicate]:
    """States with more than one readable workbook in the batch (``files[i]`` gave
    ``workbooks[i]``), in order of their first file."""
    by_country: dict[str, list[int]] = defaultdict(list)
    for index, workbook in enumerate(workbooks):
        if workbook.header is not None:
            by_country[workbook.header.country].append(index)
    found: list[Duplicate] = []
    for country, positions in by_country.items():
        if len(positions) < 2:
            continue
        published = max(
            positions,
            key=lambda i: published_order(workbooks[i], saved_at(files[i]), files[i].name),
        )
        left_out = tuple(i for i in positions if i != published)
        found.append(Duplicate(country, published, left_out))
    return found


def with_duplicates(
    workbooks: Sequence[CheckedWorkbook], duplicates: Sequence[Duplicate]
) -> list[CheckedWorkbook]:
    """Each workbook, with an error on every file of a State that sent more than one."""
    marked = list(workbooks)
    for duplicate in duplicates:
        positions = sorted((duplicate.published, *duplicate.left_out))
        names = ", ".join(workbooks[i].file for i in positions)
        state = member_states().get(duplicate.country)
        # The State named in every focal-point language (Haïti in French, Brasil in Portuguese).
        country = {
            f"country_{lang}": (
                vocabulary("country").label(duplicate.country, lang) if state else duplicate.country
            )
            for lang in FOCAL_LANGS
        }
        for index in positions:
            workbook = marked[index]
            found = problem(
                "duplicate_submission",
                file=workbook.file,
                per_lang=country,
                files=names,
                published=workbooks[duplicate.published].file,
            )
            marked[index] = workbook.model_copy(update={"problems": (found, *workbook.problems)})
    return marked


# --- what else is in the folder -----------------------------------------------------------


@dataclass(frozen=True)
class OtherFiles:
    """What a folder holds besides the workbooks checked."""

    not_read: tuple[Path, ...] = ()  # listed with a warning each
    skipped: tuple[Path, ...] = ()  # hidden, lock and system files: listed in the build report

    def problems(self) -> list[Problem]:
        return [_not_read_problem(path) for path in self.not_read]


def other_files(paths: Sequence[Path]) -> OtherFiles:
    """The entries of the folders in ``paths`` that ``find_workbooks`` does not pick up
    (:func:`systematise.read.listing.folder_entries`)."""
    return OtherFiles(*folder_entries(paths))


def _workbook_format(path: Path) -> str | None:
    """The workbook format of a file not named as one (``xlsx``...), judged by its bytes."""
    try:
        if not path.is_file() or path.stat().st_size > _MAX_SNIFFED_BYTES:
            return None
    except OSError:
        return None
    found = sniff_format(path)
    return None if found is None else str(found)


def _not_read_problem(path: Path) -> Problem:
    if path.is_dir():
        return problem("folder_not_read", file=path.name)
    found = _workbook_format(path)
    if found is not None:
        return problem("workbook_misnamed", file=path.name, suffix=f".{found}")
    suffix = path.suffix.lower()
    kind = _KINDS.get(suffix)
    if kind is not None:
        kind_of = in_every_lang("kind", RECEIVED[kind])
    elif suffix and len(suffix) <= _MAX_SUFFIX and suffix[1:].isalnum():
        kind_of = in_every_lang("kind", N_("a {suffix} file"), suffix=suffix)
    else:
        kind_of = in_every_lang("kind", N_("a file of an unknown type"))
    return problem("file_not_read", file=path.name, per_lang=kind_of)
