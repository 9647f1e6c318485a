"""Laid-out parts kept between builds: a changed report lays out again only what changed."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest

from systematise.render.pdf import write_report_pdf
from systematise.render.pdf.reuse import PartStore
from systematise.schema.lang import Lang
from systematise.wording.document import Report


def _pdf(report: Report, store: PartStore) -> bytes:
    buffer = io.BytesIO()
    write_report_pdf(report, buffer, {}, fiches_per_part=1, store=store)
    return buffer.getvalue()


def _with_last_fiche_retitled(report: Report) -> Report:
    """The report with the last fiche's title changed (the same length: same pages)."""
    chapter = report.chapters[-1]
    last = chapter.fiches[-1]
    fiche = dataclasses.replace(last, title=last.title[::-1])
    chapters = (
        *report.chapters[:-1],
        dataclasses.replace(chapter, fiches=(*chapter.fiches[:-1], fiche)),
    )
    return dataclasses.replace(report, chapters=chapters)


@pytest.mark.slow
def test_unchanged_parts_are_read_back_and_give_the_same_bytes(
    reports: dict[Lang, Report], tmp_path: Path
) -> None:
    report = reports["es"]
    first = PartStore(tmp_path / "parts")
    laid_out = _pdf(report, first)
    assert first.reused == 0 and first.laid_out > 3

    again = PartStore(tmp_path / "parts")
    assert _pdf(report, again) == laid_out
    assert again.laid_out == 0 and again.reused == first.laid_out

    changed = PartStore(tmp_path / "parts")
    _pdf(_with_last_fiche_retitled(report), changed)
    # The changed fiche's part, the annexes listing its title and the front matter (twice: its
    # contents are laid out before and after the page numbers are known) at most.
    assert 1 <= changed.laid_out < first.laid_out // 2
    assert changed.reused + changed.laid_out == first.laid_out
    changed.prune()
    kept = {path.stem for path in (tmp_path / "parts").iterdir()}
    assert kept == changed.used


def test_a_damaged_part_is_laid_out_again(tmp_path: Path) -> None:
    from systematise.render.pdf.layout import Bookmark, LaidOutPart, Place

    store = PartStore(tmp_path, salt="test")
    key = store.key("<html>", 3)
    assert key != store.key("<html>", 4) != PartStore(tmp_path, salt="other").key("<html>", 3)
    part = LaidOutPart(
        b"%PDF-1.7", 2, {"a": Place(1, 2.5, 3.25)}, [Bookmark(1, "T", Place(0, 1, 2), True)]
    )
    store.put(key, part)
    assert PartStore(tmp_path, salt="test").get(key) == part
    (tmp_path / f"{key}.pdf").write_bytes(b"%PDF-1.7 changed")
    assert PartStore(tmp_path, salt="test").get(key) is None
