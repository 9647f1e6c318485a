"""What the fiches show: public fields only, the reader's language, official GCM titles."""

from __future__ import annotations

import re

from systematise.render.document import Report
from systematise.schema.lang import Lang


def _fiche(reports: dict[Lang, Report], lang: Lang, entry_id: str):  # type: ignore[no-untyped-def]
    for chapter in reports[lang].chapters:
        for fiche in chapter.fiches:
            if fiche.id == entry_id:
                return fiche
    raise AssertionError(entry_id)


def test_contact_data_only_with_consent(screen_html: dict[Lang, str]) -> None:
    for html in screen_html.values():
        assert "Hidden Contact" not in html and "hidden.contact@" not in html  # no consent
        assert "Jane Public" in html and "jane.public@example.gov.tt" in html  # consent
        assert "Focal Point Person" not in html and "focal.point@" not in html
        assert "+1 555 0100" not in html


def test_submitted_text_is_escaped_everywhere(screen_html: dict[Lang, str]) -> None:
    for html in screen_html.values():
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert" in html
        assert "{{ 7*7 }}" in html and "49" not in re.sub(r"data:[^\"')]+", "", html)
        assert 'href="javascript:' not in html


def test_translated_title_and_summary_in_the_reader_language(reports: dict[Lang, Report]) -> None:
    fiche = _fiche(reports, "en", "MEX-01")
    assert fiche.title == "Monthly Bulletin of Migration Statistics"
    assert fiche.title_lang is None
    assert fiche.original_title == "Boletín Mensual de Estadísticas Migratorias"
    assert fiche.summary.lang is None
    # the description has no translation: original, marked and noted
    assert [block.lang for block in fiche.texts] == ["es", "es"]
    assert fiche.note == "(original text in Spanish)"


def test_untranslated_portuguese_is_marked(reports: dict[Lang, Report]) -> None:
    fiche = _fiche(reports, "es", "BRA-02")
    assert fiche.title_lang == "pt"
    assert fiche.note == "(texto original en portugués)"
    assert _fiche(reports, "es", "MEX-01").note is None


def test_lang_attribute_on_original_text(screen_html: dict[Lang, str]) -> None:
    assert '<h4 id="initiative-bra-02-title" class="fiche-title" lang="pt">' in screen_html["en"]
    assert '<div class="free-text" lang="es">' in screen_html["en"]


def test_values_are_labelled_in_the_reader_language(reports: dict[Lang, Report]) -> None:
    facts = {f.key: str(f.value) for f in _fiche(reports, "es", "MEX-02").facts}
    assert facts["status"] == "Finalizada"
    assert facts["start_date"] == "15 de febrero de 2022"
    assert facts["end_date"] == "noviembre de 2023"
    assert facts["budget_amount"] == "MXN\u00a01,250,000.5"
    assert facts["gcm_objectives"].startswith(
        "1. Recopilar y utilizar datos exactos y desglosados para formular políticas"
    )
    english = {f.key: str(f.value) for f in _fiche(reports, "en", "MEX-02").facts}
    assert english["status"] == "Completed"
    assert english["end_date"] == "November 2023"
    assert english["gcm_objectives"].startswith("1. Collect and utilize accurate")


def test_chapters_follow_the_reader_alphabet(reports: dict[Lang, Report]) -> None:
    assert [c.title for c in reports["es"].chapters] == ["Brasil", "México", "Trinidad y Tobago"]
    assert [c.title for c in reports["en"].chapters] == ["Brazil", "Mexico", "Trinidad and Tobago"]


def test_website_is_the_only_link_from_submitted_data(screen_html: dict[Lang, str]) -> None:
    links = re.findall(r'<a href="(https?://[^"]+)"', screen_html["es"])
    assert "https://www.politicamigratoria.example.gob.mx/boletin" in links


def test_charts_have_alt_text_and_tables(screen_html: dict[Lang, str]) -> None:
    html = screen_html["en"]
    assert html.count('<img src="data:image/svg+xml;base64,') == 7
    assert 'alt="Bar chart: Initiatives by Member State. In order: Brazil (2), Mexico (2)' in html
    assert html.count('<table class="data-table">') == 7
    assert '<th scope="col">Member State</th>' in html


def test_chapters_by_thematic_area() -> None:
    from systematise.config import ReportSettings
    from tests.render.conftest import make_reports
    from tests.render.fixture import fixture_settings

    base = fixture_settings()
    report = base.report.model_dump()
    report["group_by"] = "thematic_area"
    settings = base.model_copy(update={"report": ReportSettings.model_validate(report)})
    english = make_reports(settings)["en"]
    titles = [chapter.title for chapter in english.chapters]
    assert titles == sorted(titles)
    data = next(c for c in english.chapters if c.title == "Migration data and statistics")
    assert [fiche.id for fiche in data.fiches] == ["BRA-02", "MEX-01"]
    assert english.chapters_title == "Initiatives by thematic area"
