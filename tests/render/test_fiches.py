"""What the fiches show: public fields only, the reader's language, official GCM titles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from systematise.schema.lang import REPORT_LANGS, Lang
from systematise.wording.document import Report


def _fiche(reports: dict[Lang, Report], lang: Lang, entry_id: str):  # type: ignore[no-untyped-def]
    for chapter in reports[lang].chapters:
        for fiche in chapter.fiches:
            if fiche.id == entry_id:
                return fiche
    raise AssertionError(entry_id)


@pytest.mark.slow
def test_contact_data_only_with_consent(screen_html: dict[Lang, str]) -> None:
    for html in screen_html.values():
        assert "Hidden Contact" not in html and "hidden.contact@" not in html  # no consent
        assert "Jane Public" in html and "jane.public@example.gov.tt" in html  # consent
        assert "Focal Point Person" not in html and "focal.point@" not in html
        assert "+1 555 0100" not in html


@pytest.mark.slow
def test_submitted_text_is_escaped_everywhere(screen_html: dict[Lang, str]) -> None:
    for html in screen_html.values():
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert" in html
        assert "{{ 7*7 }}" in html and "49" not in re.sub(r"data:[^\"')]+", "", html)
        assert 'href="javascript:' not in html


@pytest.mark.slow
def test_translated_title_and_summary_in_the_reader_language(reports: dict[Lang, Report]) -> None:
    fiche = _fiche(reports, "en", "MEX-01")
    assert fiche.title == "Monthly Bulletin of Migration Statistics"
    assert fiche.title_lang is None
    assert fiche.original_title == "Boletín Mensual de Estadísticas Migratorias"
    assert fiche.summary.lang is None
    # the description has no translation: original, marked and noted
    assert [block.lang for block in fiche.texts] == ["es", "es"]
    assert fiche.note == "(original text in Spanish)"


@pytest.mark.slow
def test_untranslated_portuguese_is_marked(reports: dict[Lang, Report]) -> None:
    fiche = _fiche(reports, "es", "BRA-02")
    assert fiche.title_lang == "pt"
    assert fiche.note == "(texto original en portugués)"
    assert _fiche(reports, "es", "MEX-01").note is None


@pytest.mark.slow
def test_lang_attribute_on_original_text(screen_html: dict[Lang, str]) -> None:
    assert '<h4 id="initiative-bra-02-title" class="fiche-title" lang="pt">' in screen_html["en"]
    assert '<div class="free-text" lang="es">' in screen_html["en"]


@pytest.mark.slow
def test_values_are_labelled_in_the_reader_language(reports: dict[Lang, Report]) -> None:
    facts = {f.key: str(f.value) for f in _fiche(reports, "es", "MEX-02").facts}
    assert facts["status"] == "Finalizada"
    assert facts["start_date"] == "15 de febrero de 2022"
    assert facts["end_date"] == "noviembre de 2023"
    assert facts["budget_amount"] == "MXN\u00a01\u202f250\u202f000.50"
    assert facts["gcm_objectives"].startswith(
        "1. Recopilar y utilizar datos exactos y desglosados para formular políticas"
    )
    english = {f.key: str(f.value) for f in _fiche(reports, "en", "MEX-02").facts}
    assert english["status"] == "Completed"
    assert english["end_date"] == "November 2023"
    assert english["start_date"] == "15 February 2022"
    assert english["budget_amount"] == "MXN\u00a01,250,000.50"
    assert english["gcm_objectives"].startswith("1. Collect and utilize accurate")


@pytest.mark.slow
def test_chapters_follow_the_reader_alphabet(reports: dict[Lang, Report]) -> None:
    assert [c.title for c in reports["es"].chapters] == ["Brasil", "México", "Trinidad y Tobago"]
    assert [c.title for c in reports["en"].chapters] == ["Brazil", "Mexico", "Trinidad and Tobago"]


@pytest.mark.slow
def test_website_is_the_only_link_from_submitted_data(screen_html: dict[Lang, str]) -> None:
    links = re.findall(r'<a href="(https?://[^"]+)"', screen_html["es"])
    assert "https://www.politicamigratoria.example.gob.mx/boletin" in links


@pytest.mark.slow
def test_charts_have_alt_text_and_tables(screen_html: dict[Lang, str]) -> None:
    html = screen_html["en"]
    assert html.count('<img src="data:image/svg+xml;base64,') == 7
    assert 'alt="Bar chart: Initiatives by Member State. In order: Brazil (2), Mexico (2)' in html
    assert html.count('<table class="data-table">') == 7
    assert '<th scope="col">Member State</th>' in html


@pytest.mark.usefixtures("no_charts")
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


# --- the fiche as a profile ------------------------------------------------------------------


@pytest.mark.slow
def test_every_fiche_shows_the_same_facts_in_the_same_places(
    reports: dict[Lang, Report], screen_html: dict[Lang, str]
) -> None:
    from systematise.wording.fiches import CONTACT_ROW, PROFILE

    profile = tuple(key for row in PROFILE for key in row)
    wide = {row[0] for row in PROFILE if len(row) == 1}
    for lang, report in reports.items():
        for chapter in report.chapters:
            for fiche in chapter.fiches:
                keys = tuple(fact.key for fact in fiche.facts if fact.key not in CONTACT_ROW)
                assert keys == profile, (lang, fiche.id)
                assert {fact.key for fact in fiche.facts if fact.wide} - set(CONTACT_ROW) == wide
    # A fact the submission left empty keeps its place, as a dash ("not stated" to a reader
    # of the HTML who cannot see it).
    facts = {fact.key: fact for fact in _fiche(reports, "en", "TTO-02").facts}
    assert facts["partners"].empty and str(facts["partners"].value) == "\u2014"
    assert not facts["status"].empty
    assert (
        '<div class="fact fact-partners fact-wide fact-empty"><dt>Partners</dt><dd>'
        '<span aria-hidden="true">\u2014</span><span class="visually-hidden">Not stated</span>'
        in screen_html["en"]
    )


def test_every_field_of_the_contract_has_its_place_on_the_fiche() -> None:
    """A field new in the contract would still be shown (after the profile), but it should be
    given its place: this lists the fields the fiche does not place on purpose."""
    from systematise.schema.fieldmeta import field_specs
    from systematise.schema.models import Initiative
    from systematise.wording import fiches

    placed = {key for row in fiches.PROFILE for key in row} | set(fiches.CONTACT_ROW)
    placed |= set(fiches.TAG_FIELDS) | fiches._LEFT_OUT | fiches._HEADING_FIELDS
    placed |= fiches._FOLDED_FIELDS
    unplaced = [
        spec.key
        for spec in field_specs(Initiative)
        if spec.key not in placed and spec.kind != "free_text"
    ]
    assert unplaced == []


@pytest.mark.slow
def test_yes_no_questions_are_short_tags_shown_when_yes(
    reports: dict[Lang, Report], screen_html: dict[Lang, str]
) -> None:
    # MEX-01 exchanges data and does not use foresight.
    assert _fiche(reports, "en", "MEX-01").tags == ("Exchanges data",)
    assert _fiche(reports, "es", "MEX-01").tags == ("Intercambia datos",)
    assert _fiche(reports, "en", "MEX-02").tags == ()
    for lang in REPORT_LANGS:
        keys = {fact.key for fact in _fiche(reports, lang, "MEX-01").facts}
        assert not keys & {"data_exchange", "uses_foresight"}
    fiche_html = screen_html["en"].split('id="initiative-mex-01"')[1].split("</article>")[0]
    assert '<ul class="fiche-tags"><li>Exchanges data</li></ul>' in fiche_html
    assert "Does it exchange data?" not in fiche_html and "foresight" not in fiche_html


@pytest.mark.slow
def test_the_states_own_reference_stays_out_of_the_fiche(
    reports: dict[Lang, Report], screen_html: dict[Lang, str], pdfs: dict[Lang, Path]
) -> None:
    from systematise.export.public import public_dataset
    from tests.render.fixture import fixture_dataset, fixture_settings

    for lang in REPORT_LANGS:
        assert "ref" not in {f.key for f in _fiche(reports, lang, "MEX-01").facts}
        assert "DGM-2024-07" not in screen_html[lang]
        assert "DGM-2024-07" not in _pdf_text(pdfs[lang])
    # ... and it stays in the data published as such.
    public = public_dataset(fixture_dataset(), fixture_settings())
    assert public.entries[0].initiative.ref == "DGM-2024-07"


@pytest.mark.slow
def test_acronyms_keep_their_case_on_the_printed_fiche(pdfs: dict[Lang, Path]) -> None:
    import pikepdf

    for lang, path in pdfs.items():
        with pikepdf.open(path) as pdf:
            names = pikepdf.NameTree(pdf.Root.Names.Dests)
            index = {page.obj.objgen: n for n, page in enumerate(pdf.pages, start=1)}
            page = index[names["initiative-bra-02"][0].objgen]
        text = _pdf_text(path, page)
        assert "OBMigra" in text and "OBMIGRA" not in text, lang


def _pdf_text(path: Path, page: int | None = None) -> str:
    import subprocess

    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", *pages, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
