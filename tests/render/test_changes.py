"""What changed since the last cycle, in the report: the section and each fiche's first cycle."""

from __future__ import annotations

import pytest

from systematise.consolidate.models import Change, Compared, Comparison
from systematise.render.html import Downloads, render_report_html
from systematise.schema.lang import REPORT_LANGS
from tests.render.conftest import make_reports
from tests.render.fixture import fixture_dataset, fixture_settings


def _two_cycles() -> dict[str, str]:
    dataset = fixture_dataset()
    first, second, *rest = dataset.entries
    entries = (
        first.model_copy(update={"cycle": "2025", "first_reported": "2023"}),
        second.model_copy(update={"cycle": "2025", "first_reported": "2025"}),
        *(entry.model_copy(update={"cycle": "2025", "first_reported": "2024"}) for entry in rest),
    )
    items = (
        Compared(id=second.id, country=second.country, title="x", change=Change.NEW),
        Compared(
            id=first.id,
            country=first.country,
            title=first.initiative.title,
            change=Change.UPDATED,
            completed_since=True,
        ),
        *(
            Compared(id=e.id, country=e.country, title=e.initiative.title, change=Change.UNCHANGED)
            for e in rest
        ),
        Compared(
            id="MEX-99",
            country="MEX",
            title="Plan retirado, contacto: ana.perez@example.org",
            change=Change.DROPPED,
        ),
    )
    dataset = dataset.model_copy(
        update={"entries": entries, "comparison": Comparison(previous="2024", items=items)}
    )
    reports = make_reports(fixture_settings(), dataset=dataset)
    downloads = Downloads(pdf=True, docx=True, data=True)
    return {lang: render_report_html(reports[lang], "screen", downloads) for lang in REPORT_LANGS}


@pytest.mark.slow
def test_the_report_says_what_changed_and_since_when() -> None:
    html = _two_cycles()
    english, spanish = html["en"], html["es"]
    assert "What changed since the 2024 cycle" in english
    assert "Qué cambió desde el ciclo 2024" in spanish
    for label in ("New", "Continuing, updated", "Continuing, unchanged", "No longer reported"):
        assert label in english
    assert "completed since" in english and "finalizada desde entonces" in spanish
    assert "Reported since the 2023 cycle" in english
    assert "Informada desde el ciclo 2023" in spanish
    assert "Reported since the 2025 cycle" not in english  # this cycle's: nothing to say
    assert "MEX-99" in english and 'href="#initiative-mex-99"' not in english
    assert "ana.perez@example.org" not in english + spanish  # titles are masked like the rest


@pytest.mark.slow
def test_a_first_cycle_has_no_comparison() -> None:
    reports = make_reports(fixture_settings())
    downloads = Downloads(pdf=True, docx=True, data=True)
    html = render_report_html(reports["en"], "screen", downloads)
    assert 'id="changes"' not in html and "Reported since" not in html
