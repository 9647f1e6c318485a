"""The outputs a build makes: one table naming each, what it depends on and what renders it.

An output is one unit of work of the render stage: a language's HTML page, PDF or DOCX, the
landing page, or the open data. Each is rendered by the ``render`` function of the module named
in :data:`OUTPUTS` (imported only when that output is rendered), with one signature::

    render(ctx: RenderContext, public: PublicDataset, dest: Path) -> OutputResult

(:mod:`systematise.render.writers`). Its inputs are named groups hashed by :mod:`.cache`:
``code`` (this package, the shipped reference data and the versions of the libraries that
render), ``config`` (the settings as used), ``submissions`` (the files checked),
``translations:<lang>`` (the reviewed translations into that language), ``templates`` (the
report's Jinja2 templates) and ``content:<lang>`` (the editorial text). A change to a group
rebuilds every output that lists it, and nothing else: an English translation or chapter
renders the English outputs (and the landing page, which shows both) again, never the Spanish
ones.

``systematise build --only html,pdf --lang es`` chooses outputs by :data:`SELECTORS` and
language (:func:`select`).
"""

from __future__ import annotations

import importlib
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

from systematise.schema.lang import REPORT_LANGS, Lang

if TYPE_CHECKING:
    from systematise.render.writers import Render

Kind = Literal["html", "index", "pdf", "docx", "open data"]
#: What ``--only`` names: an output kind as an editor calls it.
#: The report of the last build, written in the output folder beside the outputs.
BUILD_REPORT = "build-report.json"

Selector = Literal["html", "pdf", "docx", "landing", "data"]
SELECTORS: tuple[Selector, ...] = ("html", "pdf", "docx", "landing", "data")
_SELECTOR: dict[Kind, Selector] = {
    "html": "html",
    "pdf": "pdf",
    "docx": "docx",
    "index": "landing",
    "open data": "data",
}

#: What every output is made from.
COMMON = ("code", "config", "submissions")


@dataclass(frozen=True)
class Output:
    name: str
    kind: Kind
    lang: Lang | None
    inputs: tuple[str, ...]
    #: The module whose ``render`` function makes this output.
    module: str
    #: Rendered after every other output, because it describes them (the landing page shows
    #: the files' sizes and the PDFs' covers). Its inputs include every other output's, so it
    #: is rendered again whenever one of them is.
    last: bool = False

    @property
    def selector(self) -> Selector:
        return _SELECTOR[self.kind]

    @property
    def needs_reports(self) -> tuple[Lang, ...]:
        """The languages whose worded report this output is rendered from."""
        if self.kind == "open data":
            return ()
        return REPORT_LANGS if self.lang is None else (self.lang,)

    def renderer(self) -> Render:
        """The output's ``render`` function (its module is imported now, not before)."""
        return cast("Render", importlib.import_module(self.module).render)


def content(lang: Lang) -> str:
    return f"content:{lang}"


def translations(lang: Lang) -> str:
    return f"translations:{lang}"


def _per_lang(kind: Kind, module: str, *extra: str) -> list[Output]:
    return [
        Output(
            f"{kind} {lang}",
            kind,
            lang,
            (*COMMON, translations(lang), *extra, content(lang)),
            f"systematise.render.writers.{module}",
        )
        for lang in REPORT_LANGS
    ]


#: Every output, in the order a serial build makes them (HTML first: quick to look at; the
#: landing page last: it describes the others).
OUTPUTS: tuple[Output, ...] = (
    *_per_lang("html", "html", "templates"),
    *_per_lang("pdf", "pdf", "templates"),
    Output("open data", "open data", None, COMMON, "systematise.render.writers.data"),
    *_per_lang("docx", "docx"),
    Output(
        "index",
        "index",
        None,
        (
            *COMMON,
            *(translations(lg) for lg in REPORT_LANGS),
            "templates",
            *(content(lg) for lg in REPORT_LANGS),
        ),
        "systematise.render.writers.landing",
        last=True,
    ),
)

#: Relative cost, for a parallel build to start the long poles first.
COST: dict[Kind, int] = {"pdf": 100, "docx": 10, "html": 3, "index": 1, "open data": 1}


def longest_first(outputs: list[Output]) -> list[Output]:
    return sorted(outputs, key=lambda output: -COST[output.kind])


def select(
    only: Collection[Selector] | None = None, langs: Collection[Lang] | None = None
) -> tuple[Output, ...]:
    """The outputs ``--only`` and ``--lang`` ask for, in :data:`OUTPUTS` order.

    ``only``: output kinds (default: all). ``langs``: the languages of the per-language outputs
    (default: both). The landing page and the open data have no language: they are chosen when
    ``only`` names them, or when neither ``only`` nor ``langs`` is given (``--lang es`` alone
    asks for the Spanish edition: its HTML, PDF and DOCX).
    """
    kinds = set(SELECTORS if only is None else only)
    chosen_langs = set(REPORT_LANGS if langs is None else langs)
    return tuple(
        output
        for output in OUTPUTS
        if output.selector in kinds
        and (
            output.lang in chosen_langs
            if output.lang is not None
            else only is not None or langs is None
        )
    )
