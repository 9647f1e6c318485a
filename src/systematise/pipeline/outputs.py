"""The outputs a build makes, and the inputs each one depends on.

An output is one unit of work of the render stage: a language's HTML page, PDF or DOCX, the
landing page, or the open data. Its inputs are named groups hashed by :mod:`.cache`: ``code``
(this package, the shipped reference data and the versions of the libraries that render),
``config`` (the settings as used), ``submissions`` (the files checked), ``translations``,
``templates`` (the report's Jinja2 templates) and ``content:<lang>`` (the editorial text).
A change to a group rebuilds every output that lists it, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from systematise.schema.lang import REPORT_LANGS, Lang

Kind = Literal["html", "index", "pdf", "docx", "open data"]

#: What every output is made from.
COMMON = ("code", "config", "submissions", "translations")


@dataclass(frozen=True)
class Output:
    name: str
    kind: Kind
    lang: Lang | None
    inputs: tuple[str, ...]
    #: Rendered after every other output, because it describes them (the landing page shows
    #: the files' sizes and the PDFs' covers). Its inputs include every other output's, so it
    #: is rendered again whenever one of them is.
    last: bool = False

    @property
    def needs_reports(self) -> tuple[Lang, ...]:
        """The languages whose worded report this output is rendered from."""
        if self.kind == "open data":
            return ()
        return REPORT_LANGS if self.lang is None else (self.lang,)


def content(lang: Lang) -> str:
    return f"content:{lang}"


def _per_lang(kind: Kind, *extra: str) -> list[Output]:
    return [
        Output(f"{kind} {lang}", kind, lang, (*COMMON, *extra, content(lang)))
        for lang in REPORT_LANGS
    ]


#: Every output, in the order a serial build makes them (HTML first: quick to look at; the
#: landing page last: it describes the others).
OUTPUTS: tuple[Output, ...] = (
    *_per_lang("html", "templates"),
    *_per_lang("pdf", "templates"),
    Output("open data", "open data", None, COMMON),
    *_per_lang("docx"),
    Output(
        "index",
        "index",
        None,
        (*COMMON, "templates", *(content(lg) for lg in REPORT_LANGS)),
        last=True,
    ),
)

#: Relative cost, for a parallel build to start the long poles first.
COST: dict[Kind, int] = {"pdf": 100, "docx": 10, "html": 3, "index": 1, "open data": 1}


def longest_first(outputs: list[Output]) -> list[Output]:
    return sorted(outputs, key=lambda output: -COST[output.kind])
