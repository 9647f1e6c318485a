"""The PDF laid out in parts and joined: one document to its reader.

The fixture cycle is rendered with one fiche per part, so that every chapter is cut and every
kind of joint (chapter to chapter, within a chapter, front matter to body, annex to annex) occurs.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, NameTree

from systematise.render.pdf import write_report_pdf
from systematise.render.pdf.parts import plan_parts
from systematise.schema.lang import Lang
from systematise.wording.document import Report

poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


@pytest.fixture(scope="module")
def cut(reports: dict[Lang, Report], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Spanish report with one fiche per part."""
    buffer = io.BytesIO()
    pages = write_report_pdf(reports["es"], buffer, {}, fiches_per_part=1)
    path = tmp_path_factory.mktemp("cut") / "report.pdf"
    path.write_bytes(buffer.getvalue())
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) == pages
    return path


def _pages_text(path: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


@pytest.mark.slow
def test_the_parts_hold_every_fiche_once_in_order(reports: dict[Lang, Report]) -> None:
    report = reports["es"]
    parts = plan_parts(report, fiches_per_part=1)
    assert parts[0].front and not any(part.front for part in parts[1:])
    fiches = [fiche.id for part in parts for fiche in part.fiches]
    expected = [fiche.id for chapter in report.chapters for fiche in chapter.fiches]
    assert fiches == expected
    assert sum(part.chapters_heading for part in parts) == 1
    assert sum(part.annexes_heading for part in parts) == 1
    assert [key for part in parts for key in part.annexes] == list(report.annexes.keys)
    for part in parts:
        if part.chapter is not None:
            assert len(part.fiches) <= 1
            assert part.continued == (part.fiches[0] is not part.chapter.fiches[0])


@pytest.mark.slow
def test_a_chapter_longer_than_a_part_continues_with_its_running_heads(
    reports: dict[Lang, Report],
) -> None:
    report = reports["es"]
    continued = [part for part in plan_parts(report, fiches_per_part=1) if part.continued]
    assert continued, "the fixture has chapters of more than one initiative"
    for part in continued:
        assert part.chapter is not None
        assert part.running_state == part.chapter.title
        assert part.running_chapter == report.chapters_title


@poppler
@pytest.mark.slow
def test_page_numbers_run_on_across_the_parts(cut: Path) -> None:
    pages = _pages_text(cut)
    numbered = [
        (index + 1, lines[-1].strip())
        for index, text in enumerate(pages)
        if (lines := [line for line in text.splitlines() if line.strip()])
    ]
    body = [(page, last) for page, last in numbered if last.isdigit()]
    assert len(body) >= len(pages) - 4  # cover, legal page and TOC carry no number
    assert all(int(last) == page for page, last in body)


@poppler
@pytest.mark.slow
def test_toc_numbers_are_the_pages_of_their_headings(
    cut: Path, reports: dict[Lang, Report]
) -> None:
    pages = _pages_text(cut)
    toc = next(text for text in pages if "Índice" in text)
    entries = re.findall(r"^\s*(\S.*?)\s?(?:\. )+\.?\s*(\d+)\s*$", toc, flags=re.MULTILINE)
    titles = {item.title for item in reports["es"].toc} | {
        child.title for item in reports["es"].toc for child in item.children
    }
    checked = 0
    for title, number in entries:
        title = title.rstrip(". ")
        if title in titles:
            assert title in pages[int(number) - 1], (title, number)
            checked += 1
    assert checked == len(titles)


@pytest.mark.slow
def test_every_link_reaches_the_page_of_its_anchor(cut: Path) -> None:
    with pikepdf.open(cut) as pdf:
        destinations = NameTree(pdf.Root.Names.Dests)
        index = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
        links = 0
        for page in pdf.pages:
            for annotation in page.obj.get(Name.Annots, Array()):
                if Name.Dest not in annotation:
                    continue
                links += 1
                name = str(annotation.Dest)
                assert name in destinations, name
                target = destinations[name][0]
                assert target.objgen in index
        assert links > 20
        # An initiative's anchor is the page that shows it (the fiches lie in other parts
        # than the annexes and the TOC that link to them).
        initiative = next(name for name in destinations if name.startswith("initiative-"))
        page = pdf.pages[index[destinations[initiative][0].objgen]]
        assert initiative.removeprefix("initiative-").upper().encode() in _page_text(page)


def _page_text(page: pikepdf.Page) -> bytes:
    writer = pikepdf.Pdf.new()
    writer.pages.append(page)
    out = io.BytesIO()
    writer.save(out)
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=out.getvalue(), check=True, capture_output=True
    ).stdout
    return text


@pytest.mark.slow
def test_the_structure_tree_is_one_tree_over_the_joined_pages(cut: Path) -> None:
    with pikepdf.open(cut) as pdf:
        pages = {page.obj.objgen for page in pdf.pages}
        root = pdf.Root.StructTreeRoot
        (document,) = root.K
        assert Name.Document == document.S
        count = 0
        stack: list[pikepdf.Object] = [document]
        while stack:
            element = stack.pop()
            count += 1
            if Name.Pg in element:
                assert element.Pg.objgen in pages
            kids = element.get(Name.K)
            for kid in kids if isinstance(kids, Array) else [kids] if kids is not None else []:
                if isinstance(kid, Dictionary) and Name.S in kid:
                    assert kid.P.objgen == element.objgen
                    stack.append(kid)
                elif isinstance(kid, Dictionary) and Name.Pg in kid:
                    assert kid.Pg.objgen in pages
        assert count > 500
        nums = root.ParentTree.Nums
        keys = [int(nums[i]) for i in range(0, len(nums), 2)]
        assert len(keys) == len(set(keys))
        assert int(root.ParentTreeNextKey) == max(keys) + 1
        used = [int(page.obj.StructParents) for page in pdf.pages]
        for page in pdf.pages:
            for annotation in page.obj.get(Name.Annots, Array()):
                used.append(int(annotation.StructParent))
        assert sorted(used) == sorted(keys)
        assert pdf.Root.MarkInfo.Marked
        assert str(pdf.Root.Lang) == "es"


@pytest.mark.slow
def test_the_bookmarks_nest_across_the_parts(cut: Path, reports: dict[Lang, Report]) -> None:
    report = reports["es"]
    with pikepdf.open(cut) as pdf, pdf.open_outline() as outline:
        top = {item.title: item for item in outline.root}
        chapters = top[report.chapters_title].children
        assert [item.title for item in chapters] == [chapter.title for chapter in report.chapters]
        for item, chapter in zip(chapters, report.chapters, strict=True):
            assert [child.title for child in item.children] == [
                fiche.title for fiche in chapter.fiches
            ]
        annexes = [item.title for item in top[report.annexes.heading].children]
        assert annexes == [item.title for item in report.annexes.items]
