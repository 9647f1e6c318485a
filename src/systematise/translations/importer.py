"""``translations import``: a translators' workbook, filled in, read as untrusted input.

A workbook that comes back from a translator is a file from outside, like a submission: it takes
the same path (:func:`systematise.read.untrusted.read_untrusted`): the XML defences asserted,
the archive checks with the settings' limits, and parsing in a sandboxed child with their memory
and time limits. The child (:func:`read_cells`) returns plain text, each cell cut to a bound;
what the rows mean is checked here, against the current data. A file that cannot be used raises
:class:`TranslationWorkbookError` carrying a catalogued problem (Spanish and English) that names
the file and the reason; nothing is written then. Otherwise the current translations are stored
all at once (:func:`~systematise.translations.store.write_translations`), and each row refused is
reported without quoting its text.

``max_rows`` of ``[limits]`` bounds a submission's sheet; a translators' workbook holds one row
per text of the whole cycle, so its bound is the larger of that setting and the number of texts
the current data could ask for (:func:`workbook_limits`).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from systematise.config import LimitSettings, Settings
from systematise.consolidate.models import Dataset, Entry
from systematise.export.strings import _, gettext
from systematise.normalise.issue import Issue
from systematise.read.archive import rejected
from systematise.read.untrusted import read_untrusted
from systematise.schema.lang import REPORT_LANGS, Lang
from systematise.schema.problems import CATALOGUE, Problem, problem
from systematise.translations.fields import TRANSLATABLE_FIELDS, normalise_text
from systematise.translations.store import (
    StoredTranslation,
    StoreError,
    public_source_hash,
    public_text,
    write_translations,
)
from systematise.translations.workbook import (
    COLUMNS,
    FIRST_ROW,
    FORMAT_VERSION,
    KEY_ROW,
    KIND,
    META_SHEET,
)
from systematise.validate.workbook import issue_problem

#: The longest translation accepted, against runaway pastes (twice the longest field).
MAX_TRANSLATION_CHARS = 12000
#: How much of an identifying cell (id, field, hash, meta value) is read: enough for any real
#: value; what a message may quote from the workbook is never longer.
MAX_KEY_CHARS = 64
_META_ROWS = 50

#: Problem codes of the archive checks and the sandbox, as the translators' workbook says them.
_FILE_CODES = {
    "file_unreadable": "translation_workbook_unreadable",
    "file_encrypted": "translation_workbook_encrypted",
    "file_rejected": "translation_workbook_rejected",
    "wrong_format": "translation_workbook_wrong_format",
}


class TranslationWorkbookError(ValueError):
    """The import cannot go ahead and wrote nothing: the file is not a usable translators'
    workbook, or a store file it would change cannot be read. ``problem`` says why (es, en)."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(self.message("en"))

    def message(self, lang: Lang) -> str:
        """The file's name and the reason, in ``lang``."""
        return f"{self.problem.file}: {self.problem.message(lang)}"


@dataclass(frozen=True)
class RowProblem:
    """A row whose translation was not imported (never quotes the text)."""

    row: int
    entry_id: str
    field: str
    code: str  # formula | unknown_initiative | unknown_field | stale | too_long

    def message(self, lang: Lang) -> str:
        return gettext(ROW_MESSAGES[self.code], lang).format(
            row=self.row, id=self.entry_id, field=self.field, limit=MAX_TRANSLATION_CHARS
        )


ROW_MESSAGES: dict[str, str] = {
    "formula": _("Row {row} ({id}, {field}): the translation is a formula; type the text itself."),
    "unknown_initiative": _("Row {row}: initiative {id} is not in the current data."),
    "unknown_field": _("Row {row} ({id}): '{field}' is not a field that is translated."),
    "stale": _(
        "Row {row} ({id}, {field}): the source text has changed since the workbook "
        "was made; the translation is out of date and was not imported."
    ),
    "too_long": _("Row {row} ({id}, {field}): the translation is longer than {limit} characters."),
}


@dataclass(frozen=True)
class ImportResult:
    lang: Lang
    imported: tuple[StoredTranslation, ...]
    problems: tuple[RowProblem, ...]
    empty: int  # rows left without a translation
    files: tuple[Path, ...]

    @property
    def stale(self) -> tuple[RowProblem, ...]:
        return tuple(p for p in self.problems if p.code == "stale")


# --- in the sandbox --------------------------------------------------------------------------


@dataclass(frozen=True)
class TranslationRow:
    """One row of the texts sheet, as text: identifying cells cut to :data:`MAX_KEY_CHARS`
    (unprintable characters replaced), the translation to one character over the limit."""

    number: int
    entry_id: str
    field: str
    source_hash: str
    translation: str
    is_formula: bool


@dataclass(frozen=True)
class TranslationCells:
    """What the sandboxed child sends back: the target language and the rows."""

    lang: Lang
    rows: tuple[TranslationRow, ...]


def _text(cell: Any, limit: int) -> str:
    """A cell's value as text, at most ``limit`` characters (a formula gives its own text)."""
    value = None if cell is None else cell.value
    if value is None:
        return ""
    return (value if isinstance(value, str) else str(value))[:limit]


def _key(cell: Any) -> str:
    """An identifying cell's text, fit to be quoted in a message."""
    text = _text(cell, MAX_KEY_CHARS).strip()
    return "".join(char if char.isprintable() else "?" for char in text)


# The sheets were found within the limits (``read_cells``), so each function below visits a
# bounded area: openpyxl makes an empty cell for each place it is asked about.


def _meta(sheet: Any) -> dict[str, str]:
    area = sheet.iter_rows(min_row=2, max_row=min(_META_ROWS, sheet.max_row), max_col=2)
    return {_key(key): _key(value) for key, value in area if key.value is not None}


def _column_keys(sheet: Any) -> dict[str, int]:
    keys: dict[str, int] = {}
    for (cell,) in sheet.iter_cols(min_row=KEY_ROW, max_row=KEY_ROW, max_col=sheet.max_column):
        if isinstance(cell.value, str) and cell.data_type != "f":
            keys.setdefault(cell.value, cell.column)
    return keys


def _rows(sheet: Any, keys: dict[str, int]) -> Iterator[TranslationRow]:
    """Every row below the headings; one with neither ID nor field is ignored by the caller."""
    for number in range(FIRST_ROW, sheet.max_row + 1):
        translation = sheet.cell(number, keys["translation"])
        yield TranslationRow(
            number=number,
            entry_id=_key(sheet.cell(number, keys["id"])),
            field=_key(sheet.cell(number, keys["field"])),
            source_hash=_key(sheet.cell(number, keys["source_sha256"])),
            translation=_text(translation, MAX_TRANSLATION_CHARS + 1),
            is_formula=translation.data_type == "f",
        )


def read_cells(path: Path, limits: LimitSettings) -> TranslationCells | Issue:
    """Runs in the sandbox: the target language and the text rows of the workbook at ``path``,
    or the issue that makes it unusable. Only cells that exist are visited."""
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(
            path, read_only=False, data_only=False, keep_vba=False, keep_links=False
        )
    sheets = workbook.worksheets
    for sheet in sheets:
        # Computed from the cells the file holds, not from the size it declares.
        if sheet.max_row > limits.max_rows or sheet.max_column > limits.max_columns:
            return rejected("dimension")
    meta_sheet = next((sheet for sheet in sheets if sheet.title == META_SHEET), None)
    meta = _meta(meta_sheet) if meta_sheet is not None else {}
    if meta.get("kind") != KIND:
        return Issue("translation_workbook_foreign")
    if meta.get("format_version") != FORMAT_VERSION:
        found = meta.get("format_version") or "?"
        return Issue("translation_workbook_version", {"found": found, "current": FORMAT_VERSION})
    lang = meta.get("lang")
    if lang not in REPORT_LANGS:
        return Issue("translation_workbook_lang")
    wanted = {key for key, _width in COLUMNS}
    for sheet in sheets:
        keys = _column_keys(sheet)
        if wanted <= keys.keys():
            return TranslationCells("es" if lang == "es" else "en", tuple(_rows(sheet, keys)))
    return Issue("translation_workbook_columns")


# --- in the parent ---------------------------------------------------------------------------


def workbook_limits(limits: LimitSettings, dataset: Dataset) -> LimitSettings:
    """The settings' limits, with room for one row per text ``dataset`` could ask for."""
    rows = FIRST_ROW - 1 + len(dataset.entries) * len(TRANSLATABLE_FIELDS)
    return limits.model_copy(update={"max_rows": max(limits.max_rows, rows)})


def _file_problem(file: str, issue: Issue) -> Problem:
    code = _FILE_CODES.get(issue.code, issue.code)
    if not code.startswith("translation_") or code not in CATALOGUE:
        return problem("translation_workbook_unreadable", file=file)
    return issue_problem(Issue(code, issue.params), file=file)


def read_workbook_cells(path: Path, dataset: Dataset, settings: Settings) -> TranslationCells:
    """The workbook's rows, read as untrusted input; raises :class:`TranslationWorkbookError`.

    Also raises :class:`~systematise.read.defences.XmlDefencesError` when openpyxl would parse
    XML without its defences.
    """
    if not path.is_file():
        raise TranslationWorkbookError(problem("translation_workbook_missing", file=path.name))
    limits = workbook_limits(settings.limits, dataset)
    outcome = read_untrusted(path, limits, read_cells)
    if isinstance(outcome, Issue):
        raise TranslationWorkbookError(_file_problem(path.name, outcome))
    return outcome


def _clean(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return normalise_text(ILLEGAL_CHARACTERS_RE.sub("", value))


def _row_problem(row: TranslationRow, entries: dict[str, Entry]) -> str | None:
    if row.is_formula:
        return "formula"
    if row.entry_id not in entries:
        return "unknown_initiative"
    if row.field not in TRANSLATABLE_FIELDS:
        return "unknown_field"
    source = getattr(entries[row.entry_id].initiative, row.field)
    if not isinstance(source, str) or public_source_hash(source) != row.source_hash:
        return "stale"
    if len(row.translation) > MAX_TRANSLATION_CHARS:
        return "too_long"
    return None


def read_import_workbook(path: Path, dataset: Dataset, settings: Settings) -> ImportResult:
    """Validate the workbook against the current data; nothing is written."""
    cells = read_workbook_cells(path, dataset, settings)
    entries = {entry.id: entry for entry in dataset.entries}
    imported: list[StoredTranslation] = []
    problems: list[RowProblem] = []
    empty = 0
    for row in cells.rows:
        if not row.entry_id and not row.field:
            continue
        if not row.translation.strip():
            empty += 1
            continue
        code = _row_problem(row, entries)
        if code:
            problems.append(RowProblem(row.number, row.entry_id, row.field, code))
            continue
        entry = entries[row.entry_id]
        imported.append(
            StoredTranslation(
                entry_id=row.entry_id,
                field=row.field,
                lang=cells.lang,
                source_lang=entry.text_lang,
                source_hash=row.source_hash,
                # The source as the workbook showed it, taken from the data, not from the file.
                source=public_text(getattr(entry.initiative, row.field)),
                text=_clean(row.translation),
            )
        )
    return ImportResult(cells.lang, tuple(imported), tuple(problems), empty, ())


def import_workbook(path: Path, dataset: Dataset, settings: Settings) -> ImportResult:
    """Validate the workbook and store its current translations; report the rest.

    Raises :class:`TranslationWorkbookError` (nothing written) when the file cannot be used or
    a file of the store it would change cannot be read.
    """
    result = read_import_workbook(path, dataset, settings)
    try:
        files = write_translations(settings.paths.translations, result.imported)
    except StoreError as error:
        raise TranslationWorkbookError(
            problem(
                "translation_store_unreadable",
                file=path.name,
                store_file=error.file,
                reason=error.reason,
            )
        ) from None
    return ImportResult(result.lang, result.imported, result.problems, result.empty, files)
