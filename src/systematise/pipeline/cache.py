"""Outputs keyed by a hash of their inputs, and the manifest that records them.

:func:`hash_inputs` hashes each input group named in :mod:`.outputs` (file names and bytes, the
settings as used, the code version). An output's key is the hash of its groups' hashes. After a
build, ``build-manifest.json`` in the output folder records each output's key and the size and
SHA-256 of every file it wrote. An output is fresh when its key is unchanged and its files are
still there with the same bytes; only stale outputs are rendered again. Nothing here imports
openpyxl, WeasyPrint, pandoc or matplotlib, so a build with nothing changed is over in a moment.

The manifest holds hashes and output names only (no path of this machine, no personal value),
and the same inputs give the same manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from systematise.config import Settings
from systematise.pipeline.outputs import Output
from systematise.pipeline.stamp import saw_file, saw_folder
from systematise.resources import package_file, schemas_dir, templates_dir
from systematise.schema.lang import REPORT_LANGS

MANIFEST = "build-manifest.json"
FORMAT = 1

#: Libraries whose version changes what the build writes.
RENDERING_LIBRARIES = (
    "weasyprint",
    "pydyf",
    "tinycss2",
    "cssselect2",
    "fonttools",
    "pypandoc-binary",
    "matplotlib",
    "openpyxl",
    "jinja2",
    "markupsafe",
    "babel",
    "pydantic",
    "pyyaml",
)


@dataclass(frozen=True)
class FileRecord:
    bytes: int
    sha256: str


#: An output's files, by path relative to the output folder.
Files = dict[str, FileRecord]


def file_record(path: Path) -> FileRecord:
    with path.open("rb") as stream:
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
    return FileRecord(path.stat().st_size, digest)


def _sha256(path: Path) -> str:
    saw_file(path)
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _digest(parts: Iterable[bytes]) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(len(part).to_bytes(8, "big"))
        hasher.update(part)
    return hasher.hexdigest()


def _tree_files(folder: Path) -> list[Path]:
    """The files under ``folder``, in path order: not hidden, not in a hidden folder or
    ``__pycache__`` (neither is entered), no ``.pyc``; symbolic links to folders not followed."""
    found: list[Path] = []

    def visit(directory: str) -> None:
        saw_folder(directory)
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.name.startswith(".") or entry.name == "__pycache__":
                    continue
                if entry.is_dir(follow_symlinks=False):
                    visit(entry.path)
                elif entry.is_file() and not entry.name.endswith(".pyc"):
                    found.append(Path(entry.path))

    if folder.is_dir():
        visit(str(folder))
    else:
        saw_folder(folder)  # absent: its appearance is a change
    return sorted(found)


def _tree_parts(folder: Path, label: str) -> Iterable[bytes]:
    yield label.encode()
    for path in _tree_files(folder):
        yield path.relative_to(folder).as_posix().encode()
        yield _sha256(path).encode()


def tree_hash(*folders: tuple[Path, str]) -> str:
    """The hash of the names and bytes of every file under each (folder, label)."""
    return _digest(part for folder, label in folders for part in _tree_parts(folder, label))


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def library_versions() -> list[str]:
    """``name==version`` of each of :data:`RENDERING_LIBRARIES` (``name absent`` if missing).

    Read from the names of the installed ``<name>-<version>.dist-info`` folders, the first on
    the import path as Python finds it (a listing of each folder, no metadata file parsed);
    :mod:`importlib.metadata` for a library installed otherwise.
    """
    wanted = {_normal(name) for name in RENDERING_LIBRARIES}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = [path.name for path in Path(entry or ".").iterdir()]
        except OSError:
            continue
        for folder in names:
            if not folder.endswith(".dist-info"):
                continue
            project, _, version = folder.removesuffix(".dist-info").partition("-")
            key = _normal(project)
            if key in wanted and version and key not in found:
                found[key] = version
    versions = []
    for name in RENDERING_LIBRARIES:
        known = found.get(_normal(name))
        if known is None:
            try:
                known = metadata.version(name)
            except metadata.PackageNotFoundError:
                versions.append(f"{name} absent")
                continue
        versions.append(f"{name}=={known}")
    return versions


@cache
def code_hash() -> str:
    """This package's files, its reference data and the rendering libraries' versions."""
    extra = [sys.version.encode(), ";".join(library_versions()).encode()]
    return _digest(
        [tree_hash((package_file(), "package"), (schemas_dir(), "schemas")).encode(), *extra]
    )


def watch_code() -> None:
    """Tell a stamp (:mod:`.stamp`) about the code :func:`code_hash` stands for (kept for the
    process, so not hashed again): the package's and the schemas' files, and the folders of the
    import path, where installing another version of a library shows."""
    for folder in (package_file(), schemas_dir()):
        for path in _tree_files(folder):
            saw_file(path)
    for entry in sys.path:
        saw_folder(entry or ".")


def config_hash(settings: Settings, strict: bool) -> str:
    """The settings as they shape the outputs: the publication date as resolved, no paths.

    Folder paths are left out (what is in the folders is hashed instead), so the same project in
    another place gives the same keys; so are the logos' paths, for their bytes.
    """
    data = settings.model_dump(mode="json", exclude={"paths"})
    data["report"]["publication_date"] = settings.report.date().isoformat()
    data["report"]["logos"] = {
        lang: [_logo_hash(logo) for logo in settings.report.logos.get(lang)]
        for lang in REPORT_LANGS
    }
    data["strict"] = strict
    return _digest([json.dumps(data, sort_keys=True, ensure_ascii=False).encode()])


def _logo_hash(logo: Path) -> str:
    saw_file(logo)
    return _sha256(logo) if logo.is_file() else "absent"


def submissions_hash(files: Sequence[Path]) -> str:
    return _digest(part for path in files for part in (path.name.encode(), _sha256(path).encode()))


def hash_inputs(
    files: Sequence[Path], settings: Settings, strict: bool, others: Sequence[Path] = ()
) -> dict[str, str]:
    """Each input group's hash (see :mod:`systematise.pipeline.outputs`).

    ``others``: the folders' other entries (not workbooks, lock files...). No output depends on
    them, but the build report lists them, so a new one makes the build check again.
    """
    groups = {
        "code": code_hash(),
        "config": config_hash(settings, strict),
        "submissions": submissions_hash(files),
        "other files": _digest(path.name.encode() for path in others),
        "templates": tree_hash((templates_dir(), "templates")),
    }
    for lang in REPORT_LANGS:  # the store reads translations/<lang>/ only (translations.store)
        groups[f"translations:{lang}"] = tree_hash((settings.paths.translations / lang, lang))
    content = settings.paths.content
    shared = [path for path in _tree_files(content) if path.parent == content]
    for path in shared:
        saw_file(path)
    for lang in REPORT_LANGS:
        groups[f"content:{lang}"] = _digest(
            [
                tree_hash((content / lang, lang)).encode(),
                *(part for path in shared for part in (path.name.encode(), path.read_bytes())),
            ]
        )
    return groups


def output_key(output: Output, groups: Mapping[str, str]) -> str:
    return _digest(f"{name}={groups[name]}".encode() for name in output.inputs)


def inputs_key(groups: Mapping[str, str]) -> str:
    """One hash of every input group: what the build report was made from."""
    return _digest(f"{name}={value}".encode() for name, value in sorted(groups.items()))


# --- the manifest --------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    key: str
    files: Files


def read_manifest(output_dir: Path) -> dict[str, Entry]:
    """The outputs recorded by the last good build (empty when missing or unreadable)."""
    try:
        data: Any = json.loads((output_dir / MANIFEST).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return {}
        return {
            name: Entry(
                str(entry["key"]),
                {
                    path: FileRecord(int(record["bytes"]), str(record["sha256"]))
                    for path, record in entry["files"].items()
                },
            )
            for name, entry in data["outputs"].items()
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def manifest_text(entries: Mapping[str, Entry]) -> str:
    data = {
        "format": FORMAT,
        "outputs": {
            name: {
                "key": entry.key,
                "files": {
                    path: {"bytes": record.bytes, "sha256": record.sha256}
                    for path, record in sorted(entry.files.items())
                },
            }
            for name, entry in sorted(entries.items())
        },
    }
    return json.dumps(data, indent=2) + "\n"


def is_fresh(entry: Entry | None, key: str, output_dir: Path) -> bool:
    """``entry`` has ``key`` and its files are in ``output_dir`` with the recorded bytes."""
    if entry is None or entry.key != key or not entry.files:
        return False
    for relative, record in entry.files.items():
        path = output_dir / relative
        try:
            if path.stat().st_size != record.bytes or file_record(path) != record:
                return False
        except OSError:
            return False
    return True
