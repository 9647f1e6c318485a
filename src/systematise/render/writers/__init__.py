"""The format writers: one module per output of :data:`systematise.pipeline.outputs.OUTPUTS`.

Each module has one ``render`` function with the same signature (:class:`Render`)::

    render(ctx: RenderContext, public: PublicDataset, dest: Path) -> OutputResult

It writes the output's files under ``dest`` (a staging folder laid out like the output folder)
from the worded reports in ``ctx`` (:func:`systematise.wording.word_report`) and the public
view of the dataset, and returns the paths it wrote. The build imports a writer only when its
output is rendered, and publishes the files once ``render`` returns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from systematise.config import Settings
from systematise.schema.lang import Lang

if TYPE_CHECKING:
    from systematise.export.public import PublicDataset
    from systematise.pipeline.outputs import Output
    from systematise.render.html import Downloads
    from systematise.wording.document import Report

#: Inside the output folder: what is kept between builds to make the next one quicker (the
#: HTML's subset fonts, the PDF's laid-out parts). Never published; safe to delete.
CACHE_FOLDER = ".cache"


@dataclass(frozen=True)
class RenderContext:
    """What a writer needs besides the dataset: the output, settings and worded reports."""

    output: Output
    settings: Settings
    #: The worded report of each language the output needs (``output.needs_reports``).
    reports: Mapping[Lang, Report]
    #: The output folder: the files published so far (the landing page describes them).
    published: Path

    @property
    def lang(self) -> Lang:
        """The output's language (per-language outputs only)."""
        if self.output.lang is None:
            raise ValueError(f"{self.output.name} has no language")
        return self.output.lang

    @property
    def report(self) -> Report:
        """The worded report of the output's language."""
        return self.reports[self.lang]

    @property
    def cache(self) -> Path:
        """A folder of this output's own, kept between builds (see :data:`CACHE_FOLDER`)."""
        return self.published / CACHE_FOLDER / self.output.name.replace(" ", "-")


@dataclass(frozen=True)
class OutputResult:
    """The files a writer wrote (under its ``dest``), and figures worth reporting."""

    files: tuple[Path, ...]
    #: e.g. ``{"pages": 84, "parts laid out": 3, "parts reused": 9}`` for a PDF.
    figures: dict[str, int] = field(default_factory=dict)


class Render(Protocol):
    def __call__(self, ctx: RenderContext, public: PublicDataset, dest: Path) -> OutputResult:
        """Write the output's files under ``dest``."""
        ...


def downloads() -> Downloads:
    """What the report's pages offer to download: everything the build publishes."""
    from systematise.render.html import Downloads

    return Downloads(pdf=True, docx=True, data=True)
