"""The console view of ``check``: a Rich table per workbook with problems, and a total line.

Each workbook's table is in the language of its feedback files; the total line in ``--lang``,
else the language all the feedback shares, else the caller's (the command line's own). Counts
use the catalogue's plural forms. Every text is a Rich ``Text``: nothing from a workbook is
read as console markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from systematise.feedback.texts import (
    colon,
    counts_text,
    feedback_lang,
    gettext_for,
    ngettext_for,
    severity_label,
    workbook_counts,
)
from systematise.schema.lang import FocalLang
from systematise.schema.problems import Severity
from systematise.schema.stages import CheckedWorkbook

_STYLES = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def workbook_table(workbook: CheckedWorkbook, lang: FocalLang) -> Table:
    """The problems of one workbook as a table, in ``lang``."""
    _ = gettext_for(lang)
    title = f"{workbook.file}{colon(lang)}{workbook_counts(workbook, lang)}"
    table = Table(title=Text(title), title_justify="left", show_lines=False, expand=False)
    table.add_column(_("Sheet"), no_wrap=True)
    table.add_column(_("Cell"), no_wrap=True)
    table.add_column(_("Field"))
    table.add_column(_("Severity"), no_wrap=True)
    table.add_column(_("Message"), ratio=1)
    for item in workbook.problems:
        table.add_row(
            Text(item.sheet or ""),
            Text(item.cell or ""),
            Text(item.label(lang)),
            Text(severity_label(item.severity, lang), style=_STYLES[item.severity]),
            Text(item.message(lang)),
        )
    return table


def total_line(workbooks: Sequence[CheckedWorkbook], lang: FocalLang) -> str:
    """ "Checked 3 files: 2 errors, 1 warning" in ``lang``."""
    ngettext = ngettext_for(lang)
    counts = counts_text(
        sum(workbook.errors for workbook in workbooks),
        sum(workbook.warnings for workbook in workbooks),
        sum(workbook.notes for workbook in workbooks),
        lang,
    )
    files = len(workbooks)
    line = ngettext("Checked {count} file: {counts}", "Checked {count} files: {counts}", files)
    return line.format(count=files, counts=counts)


def print_results(
    console: Console,
    workbooks: Sequence[CheckedWorkbook],
    *,
    lang: FocalLang | None = None,
    total_lang: FocalLang = "es",
) -> None:
    """A table per workbook with problems, a line per clean one, and the total line."""
    chosen_langs = {feedback_lang(workbook, lang) for workbook in workbooks}
    for workbook in workbooks:
        chosen = feedback_lang(workbook, lang)
        _ = gettext_for(chosen)
        if workbook.problems:
            console.print(workbook_table(workbook, chosen))
        else:
            console.print(Text(_("{file}: no problems found").format(file=workbook.file), "green"))
    summary_lang = lang or (chosen_langs.pop() if len(chosen_langs) == 1 else total_lang)
    errors = sum(workbook.errors for workbook in workbooks)
    console.print(Text(total_line(workbooks, summary_lang), style="bold red" if errors else "bold"))
