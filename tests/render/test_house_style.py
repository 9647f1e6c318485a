"""The house style: UN English and RAE Spanish in numbers, dates, quotes, spelling and figures.

Unit tests pin the rules (and their near misses); the rest read the fixture cycle's rendered
HTML and PDF (built once per session in conftest) and the project's own editorial chapters.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from systematise.i18n import catalogue_path
from systematise.resources import project_root
from systematise.schema.lang import REPORT_LANGS, Lang
from systematise.schema.vocabulary import vocabulary
from systematise.wording.document import Report
from systematise.wording.editorial import load_sections, render_section
from systematise.wording.house_style import (
    group_spanish,
    spanish_grouping_in_text,
    submitted_text,
)
from tests.support.builds import in_parallel

NNBSP = "\u202f"
#: A number grouped with commas ("400,000"), as the Spanish edition must never show.
COMMA_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d])")
#: "December 15, 2025": the American order, which neither edition uses.
MONTH_FIRST = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{1,2}, \d{4}"
)
#: -ise/-isation spellings; UN English writes -ize/-ization (but programme, labour).
_ISE = re.compile(r"\b[A-Za-z]+is(?:e|es|ed|ing|ation|ations)\b")
#: Words that end in -ise in every spelling.
_ALWAYS_ISE = re.compile(
    r"(?i)(?:advis|aris|chastis|compris|compromis|concis|despis|devis|disguis|enterpris|"
    r"exercis|expertis|franchis|improvis|otherwis|precis|premis|promis|rais|revis|ris|"
    r"supervis|surpris|televis|wis|nois|pois|prais)(?:e|es|ed|ing)$"
)


def _ise_words(text: str) -> list[str]:
    """-ise spellings in ``text`` (the command's own name, ``systematise``, aside)."""
    return [w for w in _ISE.findall(text) if not _ALWAYS_ISE.search(w) and w != "systematise"]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Más de 400,000 personas", f"Más de 400{NNBSP}000 personas"),
        ("USD 1,450,000 en 2024", f"USD 1{NNBSP}450{NNBSP}000 en 2024"),
        ("1,234.5 hectáreas", "1234.5 hectáreas"),
        ("12,345.5 hectáreas", f"12{NNBSP}345.5 hectáreas"),
        ("4,000 visas", "4000 visas"),
        ("de 10,000 a 20,000", f"de 10{NNBSP}000 a 20{NNBSP}000"),
        ("10,000–20,000 personas", f"10{NNBSP}000–20{NNBSP}000 personas"),
        ("(400,000).", f"(400{NNBSP}000)."),
        ("cerca de 225 000 residencias", f"cerca de 225{NNBSP}000 residencias"),
        ("225\u00a0000", f"225{NNBSP}000"),
        # Near misses, left as written.
        ("entre 2019 y 2021", "entre 2019 y 2021"),
        ("1,9 millones", "1,9 millones"),
        ("1,500 millones", "1,500 millones"),  # a decimal comma or a grouping: not sure
        ("12,75 %", "12,75 %"),
        (
            "Ley 25.326 de Protección de los Datos Personales",
            "Ley 25.326 de Protección de los Datos Personales",
        ),
        ("Ley 29733", "Ley 29733"),
        ("Decreto 1,234", "Decreto 1,234"),
        ("los años 2019,2020", "los años 2019,2020"),
        ("índice de 0,500", "índice de 0,500"),
        ("1,000,5", "1,000,5"),
        ("+58 212 555 1234", "+58 212 555 1234"),
        ("809 555 0100", "809 555 0100"),
        ("ODS 10.7 y 17.18", "ODS 10.7 y 17.18"),
        ("MEX-03", "MEX-03"),
    ],
)
def test_spanish_numbers_in_submitted_text(written: str, shown: str) -> None:
    assert spanish_grouping_in_text(written) == shown
    assert spanish_grouping_in_text(shown) == shown  # idempotent


@pytest.mark.parametrize(
    ("lang", "written", "shown"),
    [
        (
            "en",
            "Only with 'Yes' do contact details appear",
            "Only with “Yes” do contact details appear",
        ),
        ("en", "separated by ';', e.g. 10.7; 17.18.", "separated by “;”, e.g. 10.7; 17.18."),
        (
            "en",
            "IOM's DTM and neighbouring countries' policies",
            "IOM’s DTM and neighbouring countries’ policies",
        ),
        ("en", 'the "Patria Grande" programme', "the “Patria Grande” programme"),
        ("en", "the «Patria Grande» programme", "the “Patria Grande” programme"),
        ("en", "a 5' 6\" wall", "a 5' 6\" wall"),  # feet and inches: not quotes
        (
            "es",
            "supuestos 'salvoconductos' y \"permisos\"",
            "supuestos «salvoconductos» y «permisos»",
        ),
        ("es", "habla k'iche', mam, q'anjob'al", "habla k’iche’, mam, q’anjob’al"),
        ("es", "Solo con «Sí» los datos", "Solo con «Sí» los datos"),
        ("es", "Más de 16,000 personas", f"Más de 16{NNBSP}000 personas"),
        ("pt", 'o programa "Acolhida" e 16,500 pessoas', 'o programa "Acolhida" e 16,500 pessoas'),
    ],
)
def test_submitted_text_in_the_house_typography(lang: str, written: str, shown: str) -> None:
    assert submitted_text(written, lang) == shown
    assert submitted_text(shown, lang) == shown


def test_four_digits_are_not_grouped_in_spanish() -> None:
    assert [group_spanish(d) for d in ("7", "2025", "4000", "12500", "1234567")] == [
        "7",
        "2025",
        "4000",
        f"12{NNBSP}500",
        f"1{NNBSP}234{NNBSP}567",
    ]


_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)


class _Visible(HTMLParser):
    """The text of a page outside scripts, styles and passages marked in ``drop_lang``."""

    def __init__(self, drop_lang: str) -> None:
        super().__init__()
        self.drop_lang = drop_lang
        self.hidden: list[str] = []  # open elements whose text is left out
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        if self.hidden or tag in ("script", "style") or dict(attrs).get("lang") == self.drop_lang:
            self.hidden.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.hidden and tag not in _VOID:
            self.hidden.pop()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _text(html: str, drop_lang: Lang) -> str:
    """The visible text of ``html``, without passages marked in ``drop_lang``."""
    parser = _Visible(drop_lang)
    parser.feed(html)
    return re.sub(r"[ \t\r\n]+", " ", " ".join(parser.parts))  # str.split() would eat U+202F


def _pdf_text(path: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


@pytest.mark.slow
@pytest.mark.clients  # poppler
def test_spanish_edition_groups_digits_as_the_rae(
    screen_html: dict[Lang, str], pdfs: dict[Lang, Path]
) -> None:
    html = _text(screen_html["es"], drop_lang="en")
    # pdftotext writes every space as U+0020: the HTML shows which space it is.
    pdf = _pdf_text(pdfs["es"]).replace("\n", " ")
    for shown, space in ((html, NNBSP), (pdf, " ")):
        assert COMMA_GROUPED.findall(shown) == []
        assert f"12{space}500" in shown  # beneficiaries
        assert f"MXN{space.replace(NNBSP, chr(0xA0))}1{space}250{space}000.50" in shown
        assert f"400{space}000 descargas" in shown  # submitted text, grouping sure
        assert "1,9 millones" in shown  # a decimal comma, as written
        assert "15 de diciembre de 2025" in shown
    # A Spanish passage keeps the Spanish style in the English edition too.
    assert f"400{NNBSP}000 descargas" in screen_html["en"]


@pytest.mark.slow
@pytest.mark.clients  # poppler
def test_english_edition_writes_dates_day_first(
    screen_html: dict[Lang, str], pdfs: dict[Lang, Path]
) -> None:
    for shown in (_text(screen_html["en"], drop_lang="es"), _pdf_text(pdfs["en"])):
        assert "15 December 2025" in shown
        assert MONTH_FIRST.findall(shown) == []
        assert "12,500" in shown


@pytest.mark.slow
def test_figure_titles_say_what_they_show(reports: dict[Lang, Report]) -> None:
    starts = {"es": "Iniciativas por ", "en": "Initiatives by "}
    for lang in REPORT_LANGS:
        titles = [chart.title for chart in reports[lang].charts]
        assert len(titles) == len(set(titles)) >= 7
        assert all(title.startswith(starts[lang]) for title in titles), titles


@pytest.mark.slow
def test_figure_data_tables_are_named_by_their_figure(screen_html: dict[Lang, str]) -> None:
    captions = {
        "es": "Datos del gráfico 1: Iniciativas por Estado Miembro",
        "en": "Data for figure 1: Initiatives by Member State",
    }
    for lang in REPORT_LANGS:
        found = re.findall(r"<caption>([^<]*)</caption>", screen_html[lang])
        assert captions[lang] in found
        assert not [c for c in found if re.search(r":\s*(figures|cifras)\s*$", c)]


def test_typographic_quotes_in_editorial_markdown() -> None:
    text = '# Los «datos» de \'k\'iche\'\n\nEl "Plan" y ["x"](http://a.example/"q") `"c"`.\n'
    spanish = render_section("x", text, "x.md", {}, "es")
    assert spanish.title == "Los «datos» de ‘k’iche’"
    assert "El «Plan» y" in spanish.body
    assert 'href="http://a.example/%22q%22"' in spanish.body  # a link target is left alone
    assert "<code>&quot;c&quot;</code>" in spanish.body  # and so is code
    english = render_section("x", 'The "Plan" and States\' data.\n# T\n', "x.md", {}, "en")
    assert "The “Plan” and States’ data." in english.body


#: Calques and slips a copy-editor removed from the chapters, which must not come back.
CALQUES = {
    "en": (
        "the checking",
        "the consolidation",
        "the licence creative",
        "fiche",
        "orderly and comparable",
        "bring procedures closer",
    ),
    "es": ("fue proporcionada", "alfabetización de datos", "iniciativas informadas"),
}


def _content() -> Path:
    """The project's own editorial chapters (``content/``)."""
    root = project_root()
    assert root is not None, "the project's chapters are checked from a source checkout"
    return root / "content"


@pytest.mark.parametrize("lang", REPORT_LANGS)
def test_editorial_chapters_in_the_house_style(lang: Lang) -> None:
    files = sorted((_content() / lang).glob("*.md"))
    assert len(files) >= 3
    for path in files:
        text = path.read_text(encoding="utf-8")
        prose = re.sub(r"\{\{[^}]*\}\}|`[^`]*`|\]\([^)]*\)", "", text)
        assert not re.findall(r"[\"']", prose), f"straight quotes in {lang}/{path.name}"
        lowered = re.sub(r"\s+", " ", text.lower())
        assert not [c for c in CALQUES[lang] if c in lowered], path.name
        if lang == "en":
            assert _ise_words(prose) == [], path.name
            assert not re.findall(r"[¿¡«»]|\s—\w|\w—\s", text), (
                f"Spanish punctuation in {path.name}"
            )
        else:
            assert not re.findall(r"[“”]", text), path.name


def test_english_report_strings_use_oxford_spelling_and_curly_apostrophes() -> None:
    with catalogue_path("report", "en").open("rb") as stream:
        catalog = read_po(stream, locale="en", domain="report")
    shown = [str(m.string) for m in catalog if m.id and m.string]
    shown += [
        term.label("en")
        for key in ("thematic_area", "initiative_type", "status")
        for term in vocabulary(key).terms
    ]
    assert [w for text in shown for w in _ise_words(text)] == []
    assert [text for text in shown if re.search(r"\w'\w|s' ", text)] == []


def test_the_project_chapters_render_with_typographic_quotes() -> None:
    values = dict.fromkeys(("n_initiatives", "n_states", "n_institutions", "cycle"), "1")
    values |= {"count_theme.migration_data": "1", "count_theme.regularisation": "1"}
    for lang in REPORT_LANGS:
        for section in load_sections(_content(), lang, values):
            text = re.sub(r"<[^>]*>", "", section.body)
            assert not re.findall(r"[\"']|&quot;|&#39;|&#x27;", text), section.key


@pytest.mark.slow
def test_generated_texts_have_typographic_quotes(reports: dict[Lang, Report]) -> None:
    """The template's fields in annex 5 and the report's own wording (title, legal page)."""
    for lang in REPORT_LANGS:
        report = reports[lang]
        rows = (*report.annexes.header_fields, *report.annexes.initiative_fields)
        shown = [text for row in rows for text in (row.label, row.help)]
        shown += [report.title, report.subtitle, report.licence_title, report.chapters_intro]
        assert [text for text in shown if re.search(r"[\"']", text)] == [], lang
    english = " ".join(row.help for row in reports["en"].annexes.header_fields)
    assert "“Yes”" in english


@pytest.fixture(scope="module")
def sample_html(tmp_path_factory: pytest.TempPathFactory) -> dict[Lang, str]:
    """The sample cycle's HTML reports, made as ``build`` makes them (a copy of the registry:
    checking writes to it)."""
    from systematise.cli.translations import load_dataset
    from systematise.config import load_settings
    from systematise.export.public import public_dataset
    from systematise.i18n import translations
    from systematise.render.html import Downloads, render_report_html
    from systematise.translations import load_translations
    from systematise.wording.document import arrange_entries, build_document
    from systematise.wording.editorial import figures
    from systematise.wording.formatting import Formatter
    from systematise.wording.statistics import compute_overview

    settings = load_settings(_content().parent / "systematise.toml")
    registry = tmp_path_factory.mktemp("registry")
    if settings.paths.registry.is_dir():
        shutil.copytree(settings.paths.registry, registry, dirs_exist_ok=True)
    settings = settings.model_copy(
        update={"paths": settings.paths.model_copy(update={"registry": registry})}
    )
    public = public_dataset(load_dataset([], settings), settings)
    store = load_translations(public, settings)
    overview = compute_overview(public)

    def page(lang: Lang) -> str:
        formatter = Formatter(settings.report.locale.get(lang))
        values = figures(overview, settings.report.cycle, formatter)
        sections = load_sections(settings.paths.content, lang, values)
        arranged = arrange_entries(public, lang, settings.report.group_by)
        gettext = translations("report", lang).gettext
        report = build_document(
            public, arranged, overview, sections, store, settings.report, lang, gettext
        )
        return render_report_html(report, "screen", Downloads(pdf=True, docx=True, data=True))

    # Both languages side by side (each in a forked child): their charts take seconds.
    return in_parallel({lang: functools.partial(page, lang) for lang in REPORT_LANGS})


@pytest.mark.slow
def test_the_sample_edition_in_the_house_style(sample_html: dict[Lang, str]) -> None:
    """The sample cycle (real chapters, submissions and translations): no comma-grouped number
    in Spanish, no month-first date in English, no Spanish quotes in English."""
    spanish = _text(sample_html["es"], drop_lang="en")
    assert COMMA_GROUPED.findall(spanish) == []
    assert f"400{NNBSP}000" in spanish and "15 de diciembre de 2025" in spanish
    english = _text(sample_html["en"], drop_lang="es")
    assert MONTH_FIRST.findall(english) == [] and "15 December 2025" in english
    assert re.findall(r"[«»]", english) == []
