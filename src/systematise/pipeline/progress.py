"""Progress events of a build: the build reports them, the command line shows them.

The build prints nothing. It calls a :class:`Progress` with a stage's start (and how many items
it has, e.g. workbooks or outputs), each item done, and the stage's end. The default,
:class:`Silent`, ignores them.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def start(self, stage: str, total: int | None = None) -> None:
        """``stage`` begins; ``total`` items (workbooks, outputs) when it has items."""

    def advance(self, stage: str, item: str, seconds: float | None = None) -> None:
        """One item of ``stage`` is done (``seconds`` it took, when known)."""

    def finish(self, stage: str, seconds: float) -> None:
        """``stage`` is over after ``seconds``."""


class Silent:
    """A :class:`Progress` that shows nothing."""

    def start(self, stage: str, total: int | None = None) -> None:
        del stage, total

    def advance(self, stage: str, item: str, seconds: float | None = None) -> None:
        del stage, item, seconds

    def finish(self, stage: str, seconds: float) -> None:
        del stage, seconds
