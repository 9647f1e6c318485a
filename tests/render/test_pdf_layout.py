"""The PDF read as a proof, from the printed pages: fiches that never break badly, a measure made
for reading, no page left mostly empty, page numbers that lead to their page, the front matter.

Besides the fixture cycle, a *staggered* cycle is laid out: one State whose fiches grow by a
sentence each, every fact given, so that page breaks fall at every height of a fiche.
"""

from __future__ import annotations

import re
import shutil
import statistics
from pathlib import Path

import pytest

from systematise.schema.fieldmeta import field_specs
from systematise.schema.lang import Lang
from systematise.schema.models import Initiative
from systematise.wording.document import Report
from systematise.wording.fiches import tag_words
from tests.render.conftest import make_reports, write_pdfs
from tests.render.fixture import fixture_settings, staggered_dataset
from tests.support.pdf_pages import (
    Line,
    Page,
    destination_pages,
    filled_shares,
    links,
    opening_pages,
    overprinted,
    read_pages,
    stranded_labels,
)

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils missing",
)


@pytest.fixture(scope="module")
def staggered(tmp_path_factory: pytest.TempPathFactory) -> dict[Lang, Path]:
    reports = make_reports(fixture_settings(), dataset=staggered_dataset())
    return write_pdfs(reports, tmp_path_factory.mktemp("staggered"), "{lang}.pdf")


@pytest.fixture(scope="module")
def every_pdf(pdfs: dict[Lang, Path], staggered: dict[Lang, Path]) -> dict[str, Path]:
    return {
        **{f"fixture-{lang}": path for lang, path in pdfs.items()},
        **{f"staggered-{lang}": path for lang, path in staggered.items()},
    }


def _labels(lang: Lang, report: Report) -> list[str]:
    """Every label a fiche prints (its facts' and its texts' headings), and the captions of the
    charts' tables (figure number and title)."""
    from systematise.i18n import translations

    gettext = translations("report", lang).gettext
    figures = [gettext("Figure {number}.").format(number=n) for n in range(1, 10)]
    return [
        *(spec.label(lang) for spec in field_specs(Initiative)),
        *tag_words(gettext).values(),
        *figures,
        *(chart.title for chart in report.charts),
    ]


# --- 1. fiches that never break badly -------------------------------------------------------


@pytest.mark.slow
def test_no_label_is_left_at_the_foot_of_a_page(
    every_pdf: dict[str, Path], reports: dict[Lang, Report]
) -> None:
    for name, path in every_pdf.items():
        lang: Lang = "es" if name.endswith("es") else "en"
        assert stranded_labels(read_pages(path), _labels(lang, reports[lang])) == [], name


def test_the_checks_see_a_stranded_label() -> None:
    """The check itself: a page whose last row holds only two labels is reported."""
    from tests.support.pdf_pages import Line, Word

    page = Page(1, 595, 842, [[Line((Word("Some", 100, 100, 130, 110),))]])
    page.blocks.append([Line((Word("TYPE", 100, 700, 130, 710), Word("OF", 132, 700, 140, 710)))])
    page.blocks.append([Line((Word("INITIATIVE", 142, 700, 190, 710),))])
    page.blocks.append([Line((Word("STATUS", 300, 700, 340, 710),))])
    assert stranded_labels([page, page], ["Type of initiative", "Status"]) == [
        (1, "TYPE OF INITIATIVE STATUS")
    ]
    page.blocks.append([Line((Word("Completed", 300, 720, 340, 730),))])
    assert stranded_labels([page, page], ["Type of initiative", "Status"]) == []


@pytest.mark.slow
def test_no_text_is_printed_over_other_text(every_pdf: dict[str, Path]) -> None:
    for name, path in every_pdf.items():
        assert overprinted(read_pages(path)) == [], name


@pytest.mark.slow
def test_the_fact_box_breaks_only_between_rows(staggered: dict[Lang, Path]) -> None:
    """Where the facts go on over a page, the page ends with a whole row: every label on it has
    its value below it on the same page."""
    for lang, path in staggered.items():
        labels = {spec.label(lang).casefold() for spec in field_specs(Initiative)}
        broken = 0
        for page in read_pages(path):
            lines = page.body_lines()
            # Fact labels print in capitals (the template's annex lists the same words).
            label_lines = [
                line for line in lines if line.text.isupper() and line.text.casefold() in labels
            ]
            for label in label_lines:
                below = [
                    line
                    for line in lines
                    if line.top > label.bottom - 1
                    and line.words[0].x0 < label.words[-1].x1
                    and line.words[-1].x1 > label.words[0].x0
                ]
                assert below, (lang, page.number, label.text)
            broken += bool(label_lines)
        assert broken > 10  # the staggered cycle has facts on many pages


# --- 2. a profile: the measure, no half-empty pages ------------------------------------------


def _body_line_lengths(pages: list[Page], body_page: int) -> list[int]:
    """Characters of every full line of running text: the lines of a paragraph but its last,
    set in the body's size (that of the editorial text on ``body_page``: not the notes, facts
    or tables)."""

    def height(line: Line) -> float:
        return round(line.bottom - line.top, 1)

    body = statistics.mode(height(line) for line in pages[body_page - 1].body_lines())
    return [
        len(line.text)
        for page in pages
        for block in page.blocks
        for line in block[:-1]
        if abs(height(line) - body) < 0.3
    ]


@pytest.mark.slow
def test_lines_of_running_text_hold_65_to_85_characters(every_pdf: dict[str, Path]) -> None:
    for name, path in every_pdf.items():
        body_page = destination_pages(path)["section-presentation"]
        lengths = sorted(_body_line_lengths(read_pages(path), body_page))
        assert len(lengths) >= 15, name
        assert 65 <= statistics.median(lengths) <= 85, (name, statistics.median(lengths))
        assert lengths[int(len(lengths) * 0.9)] <= 85, name


@pytest.mark.slow
def test_no_page_is_left_mostly_empty_except_where_a_chapter_ends(
    every_pdf: dict[str, Path],
) -> None:
    for name, path in every_pdf.items():
        shares = filled_shares(path)
        openings = opening_pages(path)
        first_body = min(openings)
        for number, share in enumerate(shares, start=1):
            if number < first_body or number == len(shares) or number + 1 in openings:
                continue  # front matter, the end, or a chapter ends here
            assert share >= 0.3, (name, number, round(share, 2))


# --- 5. print navigation --------------------------------------------------------------------


@pytest.mark.slow
def test_the_matrix_and_the_index_give_the_page_of_each_initiative(
    pdfs: dict[Lang, Path], reports: dict[Lang, Report]
) -> None:
    for lang, path in pdfs.items():
        pages = read_pages(path)
        destinations = destination_pages(path)
        numbered = [
            link
            for link in links(path, pages)
            if link.target.startswith("initiative-")
            and re.fullmatch(r"[. ]*\d+", link.text)
            and link.text.strip(". ")
        ]
        for link in numbered:
            assert int(link.text.split()[-1]) == destinations[link.target], (lang, link)
        fiches = sum(len(chapter.fiches) for chapter in reports[lang].chapters)
        entries = sum(len(group.entries) for group in reports[lang].annexes.theme_index)
        assert len(numbered) == fiches + entries  # one per matrix row and per index entry
        matrix_page = destinations["annex-gcm"]
        assert all(link.page >= matrix_page for link in numbered)


@pytest.mark.slow
def test_the_list_of_figures_gives_the_page_of_each_figure(
    pdfs: dict[Lang, Path], reports: dict[Lang, Report]
) -> None:
    heading = {"es": "Índice de gráficos", "en": "List of figures"}
    for lang, path in pdfs.items():
        pages = read_pages(path)
        destinations = destination_pages(path)
        front = next(page for page in pages if heading[lang] in page.text())
        assert front.number < destinations["section-presentation"]
        figure_links = [
            link
            for link in links(path, pages)
            if link.page == front.number and link.target.startswith("figure-")
        ]
        assert [link.target for link in figure_links] == [c.anchor for c in reports[lang].charts]
        for link, chart in zip(figure_links, reports[lang].charts, strict=True):
            assert chart.title in link.text
            assert int(link.text.split()[-1]) == destinations[chart.anchor], link


@pytest.mark.slow
def test_in_print_the_charts_data_are_in_an_annex(
    pdfs: dict[Lang, Path], reports: dict[Lang, Report], screen_html: dict[Lang, str]
) -> None:
    for lang, path in pdfs.items():
        report = reports[lang]
        share = {"es": "Porcentaje de iniciativas", "en": "Share of initiatives"}[lang]
        pages = read_pages(path)
        destinations = destination_pages(path)
        annex = destinations["annex-figures"]
        with_tables = [page.number for page in pages if share in page.text()]
        assert with_tables and min(with_tables) >= annex, lang
        annex_text = "\n".join(page.text() for page in pages[annex - 1 :])
        for chart in report.charts:
            assert chart.title in annex_text
            assert chart.rows[0].label in annex_text
        # On screen the table stays after its chart, in a details element.
        html = screen_html[lang]
        assert html.count('<details class="figure-data">') == len(report.charts)
        assert 'id="annex-figures"' not in html and "#annex-figures" not in html


# --- 6. front matter ------------------------------------------------------------------------


@pytest.mark.slow
def test_the_running_head_carries_the_document_reference(
    pdfs: dict[Lang, Path], reports: dict[Lang, Report]
) -> None:
    for lang, path in pdfs.items():
        reference = reports[lang].document_reference
        pages = read_pages(path)
        first_body = destination_pages(path)["section-presentation"]
        for page in pages[first_body - 1 :]:
            head = " ".join(line.text for line in page.lines if line.bottom < page.height * 0.1)
            assert reference in head, (lang, page.number, head)


def _top_of(cover: Page, text: str) -> float:
    """Where the line beginning with ``text`` (its first three words) starts, as a share of the
    page's height."""
    start = " ".join(text.split()[:3])
    for line in cover.lines:
        if line.text == start or line.text.startswith(start + " "):
            return line.top / cover.height
    raise AssertionError(text)


@pytest.mark.slow
def test_the_cover_holds_the_whole_page(
    pdfs: dict[Lang, Path], reports: dict[Lang, Report]
) -> None:
    """Title block in the upper half, the organisations below it, place and date near the foot."""
    for lang, path in pdfs.items():
        report = reports[lang]
        cover = read_pages(path)[0]
        assert _top_of(cover, report.title) < 0.5, lang
        mark = report.marks[0]
        assert 0.5 < _top_of(cover, mark.acronym or mark.name) < 0.8, lang
        assert _top_of(cover, report.place) > 0.8, lang
