"""How ``systematise build`` shows its progress: a Rich display or plain lines.

On a terminal, long stages (checking the workbooks, rendering the outputs) get a Rich progress
bar with one step per workbook or output. With ``--quiet``, or when the output is not a terminal
(a log file, a CI job), the same events become plain lines: one per stage and one per output.
Both write to standard error, so standard output keeps the summary alone.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from systematise.pipeline.progress import Progress

#: Stages worth a progress bar: they have items and take long.
BAR_STAGES = frozenset({"check", "outputs"})


class PlainProgress:
    """One line per stage (with its items' count) and one per output, with the seconds."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.items: dict[str, int] = {}

    def _line(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()

    def start(self, stage: str, total: int | None = None) -> None:
        self.items[stage] = 0

    def advance(self, stage: str, item: str, seconds: float | None = None) -> None:
        self.items[stage] = self.items.get(stage, 0) + 1
        if seconds is not None:
            self._line(f"{stage}: {item} {seconds:.1f} s")

    def finish(self, stage: str, seconds: float) -> None:
        count = self.items.get(stage, 0)
        done = f" ({count})" if count else ""
        self._line(f"{stage}{done}: {seconds:.1f} s")


class RichProgress:
    """A Rich progress display: a bar for the long stages, a line for each finished stage."""

    def __init__(self, console: Any) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.console = console
        self.display = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.tasks: dict[str, Any] = {}

    def __enter__(self) -> RichProgress:
        self.display.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.display.stop()

    def start(self, stage: str, total: int | None = None) -> None:
        self.tasks[stage] = self.display.add_task(stage, total=total if stage in BAR_STAGES else 1)

    def advance(self, stage: str, item: str, seconds: float | None = None) -> None:
        task = self.tasks.get(stage)
        if task is not None:
            self.display.update(task, advance=1, description=f"{stage}: {item}")
        if seconds is not None:
            self.display.console.print(f"  [green]✓[/green] {item}  {seconds:.1f} s")

    def finish(self, stage: str, seconds: float) -> None:
        task = self.tasks.pop(stage, None)
        if task is not None:
            self.display.remove_task(task)
        if seconds >= 0.05 or stage in BAR_STAGES:
            self.display.console.print(f"[bold]{stage}[/bold]  {seconds:.1f} s")


@contextmanager
def progress_display(*, quiet: bool, stream: IO[str] | None = None) -> Iterator[Progress]:
    """Rich bars on a terminal; plain lines with ``quiet`` or when not writing to a terminal."""
    stream = stream or sys.stderr
    if quiet or not stream.isatty():
        yield PlainProgress(stream)
        return
    from rich.console import Console

    with RichProgress(Console(file=stream)) as display:
        yield display
