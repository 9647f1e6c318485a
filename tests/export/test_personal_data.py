"""No personal data reaches any byte of a build's output, wherever it was planted.

The canaries (:mod:`tests.export.canaries`) are planted in real submitted workbooks of the
shared hostile cycle (:mod:`tests.hostile.cycle`), which the real pipeline builds once per test
run; every file under its output folder is searched: PDF streams decompressed and the text of
every page extracted, DOCX and xlsx members unzipped, the rest as they are, in UTF-8 and
UTF-16, and so is everything the build logged. A consented contact, planted the same way, must
be found: it proves the search sees what is published.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from systematise.config import Settings
from systematise.export.public import SCANNED_FIELDS, public_dataset
from systematise.schema.fieldmeta import field_specs
from systematise.schema.models import Initiative
from tests.export.canaries import CANARIES, CONSENTED, CONSENTED_STATE, PLANTED_STATE
from tests.export.sample import sample_dataset
from tests.hostile.cycle import hostile_build


def _pdf_texts(path: Path) -> list[bytes]:
    """The file, every object (streams decompressed), the pages' text, metadata and outline."""
    from pypdf import PdfReader
    from pypdf.generic import IndirectObject, StreamObject

    reader = PdfReader(path)
    found = [path.read_bytes()]
    numbers = {(n, g) for g, ids in reader.xref.items() for n in ids}
    numbers |= {(n, 0) for n in reader.xref_objStm}
    for number, generation in sorted(numbers):
        item = reader.get_object(IndirectObject(number, generation, reader))
        if isinstance(item, StreamObject):
            found.append(item.get_data())
        found.append(repr(item).encode("utf-8", "replace"))
    found.append(" ".join(page.extract_text() or "" for page in reader.pages).encode("utf-8"))
    found.append(repr(reader.metadata).encode("utf-8", "replace"))
    found.append(repr(reader.outline).encode("utf-8", "replace"))
    return found


def _blobs(output: Path) -> dict[str, list[bytes]]:
    """Every file under ``output`` as the byte strings a reader could get out of it."""
    blobs: dict[str, list[bytes]] = {}
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        name = path.relative_to(output).as_posix()
        if path.suffix == ".pdf":
            blobs[name] = _pdf_texts(path)
        elif path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(path) as archive:
                blobs[name] = [archive.read(member) for member in archive.namelist()]
        else:
            blobs[name] = [path.read_bytes()]
    return blobs


def _needles(canary: str) -> list[bytes]:
    squeezed = re.sub(r"\s+", "", canary)
    forms = {canary, squeezed}
    return [form.encode(encoding) for form in forms for encoding in ("utf-8", "utf-16-be")]


def _where(canary: str, blobs: dict[str, list[bytes]]) -> list[str]:
    needles = _needles(canary)
    places = []
    for name, parts in blobs.items():
        for part in parts:
            squeezed = re.sub(rb"\s+", b"", part)
            if any(needle in part or needle in squeezed for needle in needles):
                places.append(name)
                break
    return places


Built = tuple[Path, str, dict[str, list[bytes]]]


@pytest.fixture(scope="module")
def built() -> Built:
    cycle = hostile_build()
    assert cycle.result.ok and cycle.result.dataset is not None
    countries = [entry.country for entry in cycle.result.dataset.entries]
    assert countries.count(PLANTED_STATE) == 2 and countries.count(CONSENTED_STATE) == 1
    return cycle.output, cycle.log, _blobs(cycle.output)


@pytest.mark.slow
def test_every_output_format_was_written(built: Built) -> None:
    output, _log, _blobs_found = built
    names = {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}
    for lang in ("es", "en"):
        for kind in ("html", "pdf", "docx"):
            assert f"{lang}/report.{kind}" in names
    assert {"data/initiatives.csv", "data/initiatives.xlsx", "build-report.json"} <= names


@pytest.mark.slow
@pytest.mark.parametrize("place", sorted(CANARIES))
def test_no_personal_data_in_any_output(built: Built, place: str) -> None:
    _output, log, blobs = built
    assert _where(CANARIES[place], blobs) == [], place
    assert CANARIES[place] not in log


@pytest.mark.slow
@pytest.mark.parametrize("place", sorted(CONSENTED))
def test_consented_contact_is_published_and_found(built: Built, place: str) -> None:
    _output, _log, blobs = built
    found = set(_where(CONSENTED[place], blobs))
    for name in ("es/report.html", "es/report.pdf", "es/report.docx", "data/initiatives.csv"):
        assert name in found, (place, name)


#: Personal data the detector finds in any text, one per kind of field, none of it an e-mail.
_PLANTED = ("cédula V-24.681.357", "tel. 0414-2468135", "CPF 529.982.247-25")


def test_the_build_masks_every_field_the_check_scans() -> None:
    """Every published text field, short ones included, is masked in the public view."""
    dataset = sample_dataset(("MEX",))
    entry = dataset.entries[0]
    updates: dict[str, object] = {}
    for spec in field_specs(Initiative):
        if spec.key in SCANNED_FIELDS:
            text = f"{spec.key}: " + ", ".join(_PLANTED)
            updates[spec.key] = (text, "OIM") if spec.kind == "text_list" else text
    planted = entry.model_copy(
        update={
            "initiative": entry.initiative.model_copy(update=updates),
            "submitting_institution": "Cancillería, " + _PLANTED[1],
        }
    )
    header = dataset.submissions[0].model_copy(
        update={"submitting_institution": "Cancillería, " + _PLANTED[1]}
    )
    public = public_dataset(
        dataset.model_copy(update={"entries": (planted,), "submissions": (header,)}), Settings()
    )
    blob = public.model_dump_json()
    for piece in ("24.681.357", "2468135", "529.982.247-25"):
        assert piece not in blob
    masked = public.entries[0].initiative
    assert masked.title == "title: cédula […], tel. […], CPF […]"
    assert masked.partners == ("partners: cédula […], tel. […], CPF […]", "OIM")
    assert set(updates) == set(SCANNED_FIELDS)
    assert {"title", "acronym", "lead_institution", "partners"} <= set(SCANNED_FIELDS)


def test_near_misses_are_published_as_written() -> None:
    dataset = sample_dataset(("MEX",))
    entry = dataset.entries[0]
    title = "Ley 25.871 y Decreto Supremo N° 007-2017-IN: USD 1.250.000 (2019-2023), ODS 17.18"
    changed = entry.model_copy(
        update={"initiative": entry.initiative.model_copy(update={"title": title})}
    )
    public = public_dataset(dataset.model_copy(update={"entries": (changed,)}), Settings())
    assert public.entries[0].initiative.title == title
