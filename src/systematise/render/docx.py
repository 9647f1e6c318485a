"""The report as DOCX: pandoc (sandboxed) turns a document the pipeline builds into Word.

Nothing submitted is ever parsed as Markdown. The document is HTML written here from the same
:class:`~systematise.wording.document.Report` the HTML and PDF use (its fiches carry free text
already escaped, paragraph by paragraph); pandoc reads it into its AST, which is then cleaned in
Python (:func:`pandocfilters.walk`) before pandoc writes the DOCX:

- raw blocks and inlines of any format are dropped (no ``{=openxml}`` can get through);
- a link is kept only for ``http``/``https`` and the document's own anchors, else unwrapped;
- an image is kept only as an inline PNG (``data:image/png``), else replaced by its alt text.

Styles come from ``assets/docx/reference.docx`` (``scripts/make_reference_docx.py``): headings,
captions, tables and the report's own styles named with ``custom-style`` (``Fiche Label``,
``Fiche Kicker``, ``Fiche Summary``, ``Fiche Fact``, ``Language Note``, ``Legal Title``,
``Legal Text``, ``Figure Note``, ``Chapter Fact``), so editors restyle the whole report in Word.

Decisions: the legal page comes before the table of contents, which
:mod:`~systematise.render.docx_package` writes where :func:`_contents` leaves its place (with
the running header, page numbers, codes' non-breaking hyphens, full-width tables and the
embedded font); the note telling editors how to update it is in the build report
(:func:`editor_notes`), never in the document. Tables and figures keep the captions the report
gives them ("Figura 1.", "Figura 1: cifras"): pandoc's own numbering (which would add
"Cuadro"/"Table" and SEQ fields) is not used. Core properties: title, author, subject, keywords,
description, language, and the publication date as created/modified.
"""

from __future__ import annotations

import base64
import json
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pandocfilters import Header, Span, stringify, walk

from systematise import atomic
from systematise.config import Settings
from systematise.consolidate.models import Dataset
from systematise.export.strings import _, both
from systematise.i18n import fill, translations
from systematise.render.docx_package import CONTENTS_ANCHOR, Finish, TocEntry, finish_package
from systematise.resources import package_file
from systematise.schema.lang import Lang
from systematise.wording.document import Chapter, Report
from systematise.wording.fiches import Fiche

REFERENCE_DOCX = package_file("render", "assets", "docx", "reference.docx")
TOC_DEPTH = 2
#: How much of the report pandoc reads at a time (see :func:`document_asts`).
HTML_BATCH_CHARS = 250_000
#: pandoc's run-time options for writing the DOCX: the compacting collector keeps its memory
#: near what it really holds (0.7 GB instead of 0.9 GB for 2,500 fiches, for a few seconds more).
PANDOC_RTS = ("+RTS", "-c", "-RTS")

Gettext = Callable[[str], str]


def docx_path(out_dir: Path, lang: Lang) -> Path:
    return out_dir / lang / "report.docx"


def write_docx(
    dataset: Dataset, reports: Mapping[Lang, Report], settings: Settings, out_dir: Path
) -> list[Path]:
    """Each language's ``<out_dir>/<lang>/report.docx``, written atomically.

    ``dataset`` is the public view the reports were made from (accepted for symmetry with the
    other stages; everything shown comes from ``reports``).
    """
    del dataset
    written: list[Path] = []
    for lang, report in reports.items():
        target = docx_path(out_dir, lang)
        atomic.write_bytes(target, docx_bytes(report, settings))
        written.append(target)
    return written


# --- the document as HTML ------------------------------------------------------------------


def _attributes(style: str | None, lang: str | None) -> Markup:
    parts = []
    if style:
        parts.append(Markup(' data-custom-style="{}"').format(style))
    if lang:
        parts.append(Markup(' lang="{}"').format(lang))
    return Markup("").join(parts)


def _div(body: Markup | str, style: str | None = None, lang: str | None = None) -> Markup:
    inner = body if isinstance(body, Markup) else Markup("<p>{}</p>").format(body)
    return Markup("<div{}>{}</div>").format(_attributes(style, lang), inner)


def _para(text: Markup | str, style: str | None = None, lang: str | None = None) -> Markup:
    return _div(Markup("<p>{}</p>").format(text), style, lang)


def _span(text: Markup | str, style: str | None = None, lang: str | None = None) -> Markup:
    return Markup("<span{}>{}</span>").format(_attributes(style, lang), text)


def _heading(level: int, text: Markup | str, anchor: str | None = None) -> Markup:
    identifier = Markup(' id="{}"').format(anchor) if anchor else Markup("")
    return Markup("<h{0}{1}>{2}</h{0}>").format(level, identifier, text)


def _labelled(label: str, value: Markup | str, style: str = "Fiche Fact") -> Markup:
    """``Label: value``; a label that is a question or ends in a colon gets no second colon."""
    shown = label if label.endswith(("?", ":")) else label + ":"
    return _para(Markup("{} {}").format(_span(shown, "Fiche Label"), value), style)


def _table(
    caption: str,
    head: Iterable[str],
    rows: Iterable[Iterable[Markup | str]],
    widths: Iterable[int],
) -> Markup:
    """A table as wide as the text, its columns ``widths`` per cent of it."""
    columns = Markup("").join(Markup('<col style="width: {}%">').format(width) for width in widths)
    header = Markup("").join(Markup("<th>{}</th>").format(cell) for cell in head)
    body = Markup("").join(
        Markup("<tr>{}</tr>").format(
            Markup("").join(Markup("<td>{}</td>").format(cell) for cell in row)
        )
        for row in rows
    )
    return Markup(
        "<table><caption>{}</caption><colgroup>{}</colgroup><thead><tr>{}</tr></thead>"
        "<tbody>{}</tbody></table>"
    ).format(caption, columns, header, body)


def _legal(report: Report, _r: Gettext) -> Markup:
    licence = fill(
        _r(
            "This work is available under the licence {licence}. You may copy, redistribute and "
            "adapt it for any purpose, provided that you credit the source."
        ),
        licence=report.licence_title,
    )
    link = Markup('<a href="{0}">{0}</a>').format(report.licence_url)
    citation = (
        f"{_r('Suggested citation:')} {report.author} ({report.year}). {report.title}. "
        f"{report.document_reference}. {report.place}."
    )
    parts = [
        _para(report.title, "Legal Title"),
        _labelled(_r("Document reference"), report.document_reference, "Legal Text"),
        _labelled(_r("Place and date"), f"{report.place}, {report.date}", "Legal Text"),
        _labelled(_r("Published by"), report.author, "Legal Text"),
        _para(
            f"© {_r('Latin American and Caribbean Economic System (SELA)')}, {report.year}.",
            "Legal Text",
        ),
        _para(Markup("{} {}").format(licence, link), "Legal Text"),
        _para(citation, "Legal Text"),
        _para(
            _r(
                "The information on each initiative was provided by the Member States through "
                "their national focal points and is published as received, after checking its "
                "completeness and consistency. The designations employed and the presentation "
                "of material in this publication do not imply the expression of any opinion on "
                "the part of SELA or IOM concerning the legal status of any country, territory "
                "or area, or of its authorities."
            ),
            "Legal Text",
        ),
        *([_para(report.disclaimer, "Legal Text")] if report.disclaimer else []),
        _para(
            _r(
                "Personal data of the focal points are not published. Contact details of an "
                "initiative appear only where the submitting State authorised it."
            ),
            "Legal Text",
        ),
    ]
    if report.notice:
        parts.append(_para(report.notice, "Legal Text"))
    return Markup("").join(parts)


#: For the build report, never inside the document.
DOCX_NOTE = _(
    "DOCX: the table of contents lists its entries; their page numbers are filled in by Word, "
    "which offers to update the document's fields when it opens the file (accept), or by "
    "LibreOffice with Tools > Update > Update All. Update it again after any change."
)


def editor_notes(outputs: Iterable[str]) -> list[dict[str, str]]:
    """What the build report tells editors about the DOCX outputs among ``outputs``."""
    if not any(output.endswith(".docx") for output in outputs):
        return []
    message_es, message_en = both(DOCX_NOTE)
    return [{"code": "docx-contents", "message_es": message_es, "message_en": message_en}]


def _contents(_r: Gettext) -> Markup:
    """Where the table of contents goes (:mod:`~systematise.render.docx_package` fills it)."""
    return Markup('<div id="{}">{}</div>').format(
        CONTENTS_ANCHOR, _para(_r("Contents"), "TOC Heading")
    )


def _png_uri(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def _overview(report: Report, _r: Gettext) -> Markup:
    parts = [_heading(2, _r("Regional overview"), "overview"), _para(report.overview_intro)]
    for number, chart in enumerate(report.charts, start=1):
        parts.append(
            Markup(
                '<figure id="{}"><img src="{}" alt="{}"><figcaption>{} {}</figcaption></figure>'
            ).format(
                chart.anchor,
                _png_uri(chart.images.png),
                chart.alt,
                fill(_r("Figure {number}."), number=number),
                chart.title,
            )
        )
        source = fill(
            _r("Source: submissions of the Member States, {cycle} cycle."), cycle=report.cycle
        )
        parts.append(_para(f"{chart.caption} {source}", "Figure Note"))
        parts.append(
            _table(
                fill(_r("Data for figure {number}: {title}"), number=number, title=chart.title),
                (chart.column_label, _r("Initiatives"), _r("Share of initiatives")),
                ((row.label, row.count, row.share) for row in chart.rows),
                (60, 20, 20),
            )
        )
    return Markup("").join(parts)


def _fiche(fiche: Fiche, _r: Gettext) -> Markup:
    kicker = " · ".join(part for part in (fiche.id, fiche.country, fiche.acronym) if part)
    parts = [
        _para(kicker, "Fiche Kicker"),
        _heading(4, _span(fiche.title, lang=fiche.title_lang), fiche.anchor),
    ]
    if fiche.original_title:
        original = _span(fiche.original_title, lang=fiche.original_title_lang)
        line = Markup("{} {}").format(_r("Original title:"), original)
        if fiche.translation_note:
            line = Markup("{} · {}").format(_span(fiche.translation_note, "Fiche Label"), line)
        parts.append(_para(line, "Language Note"))
    elif fiche.translation_note:
        parts.append(_para(_span(fiche.translation_note, "Fiche Label"), "Language Note"))
    if fiche.note:
        parts.append(_para(fiche.note, "Language Note"))
    parts.append(_div(fiche.summary.body, "Fiche Summary", fiche.summary.lang))
    if fiche.tags:
        parts.append(_para(_span(" · ".join(fiche.tags), "Fiche Label"), "Fiche Fact"))
    for fact in fiche.facts:
        value = _span(fact.value, lang=fact.lang) if fact.lang else fact.value
        parts.append(_labelled(fact.label, value))
    for block in fiche.texts:
        parts.append(_heading(5, block.label))
        parts.append(_div(block.body, None, block.lang))
    return Markup("").join(parts)


def _chapter_heading(chapter: Chapter) -> Markup:
    parts = [_heading(3, chapter.title, chapter.anchor)]
    parts.extend(_labelled(label, value, "Chapter Fact") for label, value in chapter.facts)
    return Markup("").join(parts)


def _annexes(report: Report, _r: Gettext) -> Markup:
    annexes = report.annexes
    items = annexes.items
    parts = [_heading(2, _r("Annexes"), "annexes")]

    # Annex 1: 23 objective columns do not fit a portrait page; the same facts, by objective.
    parts.append(_heading(3, items[0].title, items[0].anchor))
    ids_by_objective: list[list[str]] = [[] for _objective in annexes.objectives]
    for group in annexes.matrix:
        for row in group.rows:
            for index, mark in enumerate(row.marks):
                if mark:
                    ids_by_objective[index].append(row.id)
    parts.append(
        _table(
            items[0].title,
            (_r("GCM objective"), _r("Initiatives"), _r("Total initiatives")),
            (
                (f"{number}. {title}", ", ".join(ids) or "—", total)
                for (number, title), ids, total in zip(
                    annexes.objectives, ids_by_objective, annexes.objective_totals, strict=True
                )
            ),
            (45, 40, 15),
        )
    )

    parts.append(_heading(3, items[1].title, items[1].anchor))
    for theme in annexes.theme_index:
        parts.append(_heading(4, theme.title))
        entries = Markup("").join(
            Markup("<li>{} {} ({})</li>").format(
                _span(entry.id, "Fiche Label"),
                _span(entry.title, lang=entry.title_lang),
                entry.country,
            )
            for entry in theme.entries
        )
        parts.append(Markup("<ul>{}</ul>").format(entries))

    parts.append(_heading(3, items[2].title, items[2].anchor))
    for institutions in annexes.institutions:
        parts.append(_heading(4, institutions.country))
        parts.append(_labelled(_r("Submitting institution"), "; ".join(institutions.submitting)))
        parts.append(_labelled(_r("Lead institutions"), "; ".join(institutions.leading)))

    parts.append(_heading(3, items[3].title, items[3].anchor))
    for acronym, expansion in annexes.acronyms:
        parts.append(_para(Markup("{} {}").format(_span(acronym, "Fiche Label"), expansion)))

    parts.append(_heading(3, items[4].title, items[4].anchor))
    parts.append(
        _para(
            _r(
                "The template had two sheets: one on the submission and its focal point, and "
                "one with a row per initiative. Fields marked as personal data were used only "
                "to contact the focal points."
            )
        )
    )
    for caption, rows in (
        (_r("Sheet 1: the submission"), annexes.header_fields),
        (_r("Sheet 2: the initiatives"), annexes.initiative_fields),
    ):
        parts.append(
            _table(
                caption,
                (_r("Field"), _r("What was asked"), _r("Required")),
                (
                    (
                        row.label
                        + (f" ({_r('personal data, not published')})" if row.personal else ""),
                        row.help,
                        _r("Yes") if row.required else _r("No"),
                    )
                    for row in rows
                ),
                (30, 55, 15),
            )
        )
    return Markup("").join(parts)


def _body(report: Report) -> list[Markup]:
    """The report's body as pieces of pandoc-friendly HTML, each a whole block (fiche, heading)."""
    _r: Gettext = translations("report", report.lang).gettext
    body = [_legal(report, _r), _contents(_r)]
    for section in report.sections:
        body.append(_heading(2, section.title, f"section-{section.key}"))
        body.append(section.body)
    body.append(_overview(report, _r))
    body.append(_heading(2, report.chapters_title, "initiatives"))
    body.append(_para(report.chapters_intro))
    for chapter in report.chapters:
        body.append(_chapter_heading(chapter))
        body.extend(_fiche(fiche, _r) for fiche in chapter.fiches)
    for section in report.closing_sections:
        body.append(_heading(2, section.title, f"section-{section.key}"))
        body.append(section.body)
    body.append(_annexes(report, _r))
    return body


def _html_document(report: Report, body: list[Markup]) -> str:
    return str(
        Markup(
            '<!DOCTYPE html>\n<html lang="{}"><head><meta charset="utf-8"><title>{}</title>'
            "</head><body>{}</body></html>\n"
        ).format(report.lang, report.title, Markup("").join(body))
    )


def report_html(report: Report) -> str:
    """The whole report as pandoc-friendly HTML (parts are ``h2``; pandoc shifts them to 1)."""
    return _html_document(report, _body(report))


def _batches(pieces: list[Markup], size: int) -> list[list[Markup]]:
    """``pieces`` in order, grouped into batches of about ``size`` characters."""
    batches: list[list[Markup]] = [[]]
    length = 0
    for piece in pieces:
        if batches[-1] and length + len(piece) > size:
            batches.append([])
            length = 0
        batches[-1].append(piece)
        length += len(piece)
    return batches


# --- pandoc's AST, cleaned -----------------------------------------------------------------

_SAFE_LINK = re.compile(r"^(https?://[^\s]+|#[\w.:-]+)$", re.IGNORECASE)
_PNG_URI = "data:image/png;base64,"


class _Cleaner:
    """Cleans pandoc's AST (see the module's docstring) with :func:`pandocfilters.walk`, and
    notes the headings the table of contents lists, giving one without an identifier its own
    (the contents link to each heading by its bookmark)."""

    def __init__(self, toc_depth: int, entries: list[TocEntry]) -> None:
        self.toc_depth = toc_depth
        self.entries = entries

    def blocks(self, blocks: list[Any]) -> list[Any]:
        cleaned: list[Any] = walk(blocks, self._action, "docx", {})
        return cleaned

    def _action(self, kind: str, value: Any, _format: str, _meta: Any) -> Any:
        """``None`` keeps a node (its children are walked), a list replaces it by its items."""
        if kind in ("RawBlock", "RawInline"):
            return []
        if kind == "Link":
            _attr, content, (target, _title) = value
            return None if _SAFE_LINK.match(target) else Span(["", [], []], content)
        if kind == "Image":
            _attr, alt, (source, _title) = value
            return None if source.startswith(_PNG_URI) else alt
        if kind == "Header" and value[0] <= self.toc_depth:
            level, (identifier, classes, attributes), content = value
            identifier = identifier or f"toc-{len(self.entries) + 1}"
            self.entries.append(TocEntry(level, identifier, stringify(content)))
            return Header(level, [identifier, classes, attributes], content)
        return None


def _inlines(text: str) -> dict[str, Any]:
    """A metadata value holding ``text`` literally (never parsed as markup)."""
    words: list[Any] = []
    for index, word in enumerate(text.split()):
        if index:
            words.append({"t": "Space"})
        words.append({"t": "Str", "c": word})
    return {"t": "MetaInlines", "c": words}


def _metadata(report: Report, settings: Settings) -> dict[str, Any]:
    keywords = [k.strip() for k in settings.report.keywords.get(report.lang).split(";")]
    return {
        "title": _inlines(report.title),
        "subtitle": _inlines(report.subtitle),
        "author": {"t": "MetaList", "c": [_inlines(name) for name in report.organisations]},
        "date": _inlines(f"{report.place} · {report.date}"),
        "subject": _inlines(report.subtitle),
        "description": _inlines(f"{report.document_reference} · {report.cycle}"),
        "keywords": {"t": "MetaList", "c": [_inlines(k) for k in keywords if k]},
        "lang": {"t": "MetaString", "c": _bcp47(report.locale)},
    }


def _bcp47(locale: str) -> str:
    return locale.replace("_", "-")


def document_asts(
    report: Report, settings: Settings, entries: list[TocEntry] | None = None
) -> Iterator[str]:
    """The report in pandoc's AST (JSON), cleaned: one document per batch, in order.

    pandoc's HTML reader needs about 250 times the size of what it reads (970 MB for the
    3.5 MB of 500 fiches), so the body is read in batches of :data:`HTML_BATCH_CHARS`; only one
    batch is ever parsed in memory here. Each batch stays its own JSON document (the first one
    carries the metadata) because pandoc's JSON reader, given the whole report in one document,
    holds all of it as JSON before making its AST (1.2 GB for 2,500 fiches; 0.9 GB in batches).
    Headings get no identifier of pandoc's making (``-auto_identifiers``): those that are
    linked to carry their own, and made-up ones would repeat from one batch to the next.
    The headings the table of contents lists are added to ``entries``.
    """
    import pypandoc

    cleaner = _Cleaner(TOC_DEPTH, [] if entries is None else entries)
    for index, batch in enumerate(_batches(_body(report), HTML_BATCH_CHARS)):
        native = pypandoc.convert_text(
            _html_document(report, batch),
            "json",
            format="html-auto_identifiers",
            sandbox=True,
            extra_args=["--shift-heading-level-by=-1"],
        )
        ast = json.loads(native)
        yield json.dumps(
            {
                "pandoc-api-version": ast["pandoc-api-version"],
                "meta": _metadata(report, settings) if index == 0 else {},
                "blocks": cleaner.blocks(ast["blocks"]),
            }
        )


def docx_bytes(report: Report, settings: Settings) -> bytes:
    """The DOCX of ``report``: pandoc reads the batches as one document and writes it."""
    import pypandoc

    with tempfile.TemporaryDirectory(prefix="systematise-docx-") as folder:
        sources: list[str] = []
        entries: list[TocEntry] = []
        for index, ast in enumerate(document_asts(report, settings, entries)):
            source = Path(folder) / f"{index:05d}.json"
            source.write_text(ast, encoding="utf-8")
            sources.append(str(source))
        target = Path(folder) / "report.docx"
        pypandoc.convert_file(
            sources,
            "docx",
            format="json",
            outputfile=str(target),
            sandbox=True,
            sort_files=False,
            extra_args=[
                f"--reference-doc={REFERENCE_DOCX}",
                *PANDOC_RTS,
            ],
        )
        data = target.read_bytes()
    finish = Finish(
        title=report.title,
        contents_title=translations("report", report.lang).gettext("Contents"),
        entries=entries,
        toc_depth=TOC_DEPTH,
    )
    return finish_package(data, settings, finish)
