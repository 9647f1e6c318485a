"""The console view of ``check``: a Rich table per workbook with problems, and a total line."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from systematise.feedback.texts import feedback_lang, gettext_for, severity_label
from systematise.schema.lang import Lang
from systematise.schema.stages import CheckedWorkbook


def workbook_table(workbook: CheckedWorkbook, lang: Lang) -> Table:
    """The problems of one workbook as a table, in ``lang``."""
    _ = gettext_for(lang)
    title = _("{file}: {errors} errors, {warnings} warnings").format(
        file=workbook.file, errors=workbook.errors, warnings=workbook.warnings
    )
    table = Table(title=Text(title), title_justify="left", show_lines=False, expand=False)
    table.add_column(_("Sheet"), no_wrap=True)
    table.add_column(_("Cell"), no_wrap=True)
    table.add_column(_("Field"))
    table.add_column(_("Severity"), no_wrap=True)
    table.add_column(_("Message"), ratio=1)
    for item in workbook.problems:
        style = "red" if item.severity == "error" else "yellow"
        table.add_row(
            Text(item.sheet or ""),
            Text(item.cell or ""),
            Text(item.label(lang)),
            Text(severity_label(item.severity, lang), style=style),
            Text(item.message(lang)),
        )
    return table


def print_results(
    console: Console,
    workbooks: Sequence[CheckedWorkbook],
    *,
    lang: Lang | None = None,
    total_lang: Lang = "es",
) -> None:
    """A table per workbook with problems, a line per clean one, and the total line."""
    for workbook in workbooks:
        chosen = feedback_lang(workbook, lang)
        _ = gettext_for(chosen)
        if workbook.problems:
            console.print(workbook_table(workbook, chosen))
        else:
            console.print(Text(_("{file}: no problems found").format(file=workbook.file), "green"))
    _ = gettext_for(lang or total_lang)
    errors = sum(workbook.errors for workbook in workbooks)
    warnings = sum(workbook.warnings for workbook in workbooks)
    line = _("Checked {files} files: {errors} errors, {warnings} warnings").format(
        files=len(workbooks), errors=errors, warnings=warnings
    )
    console.print(Text(line, style="bold red" if errors else "bold"))
