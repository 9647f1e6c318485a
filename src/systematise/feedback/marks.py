"""The checker's own marks in an annotated copy: how they are recorded, found and removed.

Focal points fix the annotated copy and send it back. Before annotating it again, the checker
removes every mark it left, and nothing else, so fixed cells come back as they were:

- **fills**: every cell it fills is listed in a hidden defined name
  ``_systematise_mark_<fill>_<n>``, where ``<fill>`` encodes (base32) the fill the cell had
  before, as the template or the focal point left it. Office suites move the cells a name refers
  to when rows or columns are inserted or deleted, so the list follows the data. A listed cell
  gets its earlier fill back only while its fill is still exactly the checker's colour: a fill
  the focal point changed since is theirs. A cell in the checker's colour that no name lists is
  the checker's when it also carries the checker's comment (the cell was copied with its marks);
  it is then cleared.
- **comments**: the checker's are authored ``systematise`` and start with the line
  :data:`HEADER` (LibreOffice drops a comment's author when it saves an ``.xlsx``; the text
  stays). On a cell that already had someone else's comment, that comment keeps its author and
  text and the checker's messages follow a line :data:`DELIMITER`; only that part is removed.
  (Copies made before this module merged the earlier comment into one authored ``systematise``
  and had no heading: there the paragraphs that are messages are removed, the others kept.)
- **the problem sheet**: named by the defined name ``_systematise_problems`` (which follows a
  renamed sheet), and recognised by its title and column headings in either language, as in
  copies made before the defined names existed. For those older copies, the cells listed on the
  problem sheet are also taken as marked.

Everything read here comes from an untrusted workbook: names are parsed defensively, and only
cells that exist are visited (never a range's full rectangle); a problem sheet is read in its
headings and in its list's first two columns, down to the last row such a list can have.
"""

from __future__ import annotations

import base64
import binascii
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from systematise.feedback.texts import gettext_for
from systematise.schema.lang import FOCAL_LANGS
from systematise.xlsx import quoted_sheet

ERROR_COLOUR = "FFC7CE"
WARNING_COLOUR = "FFEB9C"
AUTHOR = "systematise"
#: The first line of the checker's comments, as office suites head a note with its author's
#: name. It marks the comment as the checker's even where the author was lost (LibreOffice
#: does not keep a comment's author when it saves an .xlsx).
HEADER = f"{AUTHOR}:"
#: The line between someone else's comment and the checker's messages in one cell's comment.
DELIMITER = f"——— {AUTHOR} ———"

MARK_PREFIX = "_systematise_mark_"
PROBLEMS_NAME = "_systematise_problems"
#: A defined name's formula is kept well under Excel's limit of 8,192 characters.
_MAX_FORMULA = 2000
#: Areas read from a returned workbook's names at most (a hostile file may list millions).
_MAX_AREAS = 50_000
#: (column, rows) spans indexed at most: an area over many columns counts once per column.
_MAX_SPANS = 200_000
_OUR_COLOURS = frozenset({ERROR_COLOUR, WARNING_COLOUR})
#: First row of the problem sheet's list, and its column headings' row.
SUMMARY_HEADINGS_ROW = 4
SUMMARY_FIRST_ROW = 5
#: Problems the problem sheet lists at most; a last row then says how many more the report
#: lists. The sheet thus ends by row 5,000, the reader's default ``max_rows``: a returned copy
#: stays readable, and reading a problem sheet back never goes further down than that.
MAX_LISTED_PROBLEMS = 4_995

#: Excel's last row and column: a reference beyond them is not one of ours.
_LAST_ROW, _LAST_COLUMN = 1_048_576, 16_384
_HEX = re.compile(r"^[0-9A-F]{8}$")


# --- fills as text ------------------------------------------------------------------------


def _colour_code(colour: Any) -> str:
    if colour is None:
        return "-"
    tint = f"~{float(colour.tint):.6g}" if colour.tint else ""
    if colour.type == "theme":
        return f"T{int(colour.theme)}{tint}"
    if colour.type == "indexed":
        return f"I{int(colour.indexed)}{tint}"
    if colour.type == "auto":
        return f"A{tint}"
    rgb = str(colour.rgb).upper()
    return f"R{rgb}{tint}" if _HEX.match(rgb) else "-"


def fill_code(fill: Any) -> str:
    """``fill`` as a short text (a gradient or unknown fill as no fill)."""
    # A cell's fill is a proxy of the PatternFill: tell it by its XML tag, not its class.
    if getattr(fill, "tagname", None) != "patternFill" or not fill.patternType:
        return "N"
    return f"P{fill.patternType}/{_colour_code(fill.fgColor)}/{_colour_code(fill.bgColor)}"


def _colour(code: str) -> Any:
    from openpyxl.styles.colors import Color

    body, _, tint_text = code.partition("~")
    tint = float(tint_text) if tint_text else 0.0
    if not -1.0 <= tint <= 1.0:
        raise ValueError(code)
    if body.startswith("T"):
        return Color(theme=int(body[1:]), tint=tint)
    if body.startswith("I"):
        return Color(indexed=int(body[1:]), tint=tint)
    if body == "A":
        return Color(auto=True, tint=tint)
    if body.startswith("R") and _HEX.match(body[1:]):
        return Color(rgb=body[1:], tint=tint)
    raise ValueError(code)


def fill_from_code(code: str) -> Any:
    """The fill :func:`fill_code` describes; no fill for anything it cannot read."""
    from openpyxl.styles import PatternFill
    from openpyxl.styles.fills import fills

    try:
        if code.startswith("P"):
            pattern, foreground, background = code[1:].split("/")
            kind = next((known for known in fills if known == pattern), None)
            if kind is None:
                raise ValueError(code)
            fill = PatternFill(patternType=kind)
            if foreground != "-":
                fill.fgColor = _colour(foreground)
            if background != "-":
                fill.bgColor = _colour(background)
            return fill
    except (ValueError, TypeError):
        pass
    return PatternFill()


def _encode(code: str) -> str:
    return base64.b32encode(code.encode("ascii")).decode("ascii").rstrip("=")


def _decode(text: str) -> str:
    padded = text.upper() + "=" * (-len(text) % 8)
    try:
        return base64.b32decode(padded).decode("ascii")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return "N"


def is_ours(fill: Any) -> bool:
    """``fill`` is exactly one the checker sets (solid, error or warning colour)."""
    colour = getattr(fill, "fgColor", None)
    rgb = getattr(colour, "rgb", None)
    return (
        getattr(fill, "patternType", None) == "solid"
        and getattr(colour, "type", None) == "rgb"
        and isinstance(rgb, str)
        and rgb[-6:].upper() in _OUR_COLOURS
    )


# --- recording ----------------------------------------------------------------------------


def _areas(sheet: str, coordinates: Iterable[str]) -> list[str]:
    """The cells as areas: consecutive rows of one column become one range."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    by_column: dict[str, list[int]] = defaultdict(list)
    for coordinate in coordinates:
        letter, row = coordinate_from_string(coordinate)
        by_column[letter].append(row)
    areas: list[str] = []
    for letter in sorted(by_column, key=column_index_from_string):
        rows = sorted(set(by_column[letter]))
        start = previous = rows[0]
        for following in [*rows[1:], None]:
            if following is not None and following == previous + 1:
                previous = following
                continue
            cell = f"${letter}${start}"
            end = f":${letter}${previous}" if previous != start else ""
            areas.append(f"{quoted_sheet(sheet)}!{cell}{end}")
            if following is not None:
                start = previous = following
    return areas


def record_marks(
    workbook: Any, marked: Mapping[tuple[str, str], str], summary_title: str | None
) -> None:
    """Name the cells filled, by their earlier fill (:func:`fill_code`), and the problem sheet."""
    from openpyxl.workbook.defined_name import DefinedName

    by_fill: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for (sheet, coordinate), code in marked.items():
        by_fill[code][sheet].append(coordinate)
    for code, sheets in sorted(by_fill.items()):
        areas = [area for sheet in sorted(sheets) for area in _areas(sheet, sheets[sheet])]
        chunks: list[list[str]] = [[]]
        for area in areas:
            if chunks[-1] and len(",".join([*chunks[-1], area])) > _MAX_FORMULA:
                chunks.append([])
            chunks[-1].append(area)
        for number, chunk in enumerate(chunks, start=1):
            name = f"{MARK_PREFIX}{_encode(code)}_{number}"
            workbook.defined_names[name] = DefinedName(name, attr_text=",".join(chunk), hidden=True)
    if summary_title is not None:
        workbook.defined_names[PROBLEMS_NAME] = DefinedName(
            PROBLEMS_NAME, attr_text=f"{quoted_sheet(summary_title)}!$A$1", hidden=True
        )


def marked_comment(existing: Any, messages: str) -> Any:
    """The comment for a marked cell: the messages, after someone else's comment if any."""
    from openpyxl.comments import Comment

    if existing is not None and not _authored_by_us(existing):
        earlier = _without_ours(str(existing.text or ""))
        if earlier:
            return Comment(f"{earlier}\n\n{DELIMITER}\n{messages}", existing.author or "")
    return Comment(f"{HEADER}\n{messages}", AUTHOR)


# --- finding and removing -----------------------------------------------------------------


@dataclass(frozen=True)
class _Area:
    sheet: str
    min_col: int
    min_row: int
    max_col: int
    max_row: int
    fill: str


class _Lookup:
    """Which recorded area holds a cell, found by bisection: a returned copy may list many."""

    def __init__(self, areas: Iterable[_Area]) -> None:
        by_column: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        spans = 0
        for area in areas:
            for column in range(area.min_col, area.max_col + 1):
                if spans >= _MAX_SPANS:
                    break
                by_column[column].append((area.min_row, area.max_row, area.fill))
                spans += 1
        # Per column: the spans' first rows in order, and for each prefix the span reaching
        # furthest down (a cell is in some span of the prefix iff that one reaches it).
        self._columns: dict[int, tuple[list[int], list[tuple[int, str]]]] = {}
        for column, found in by_column.items():
            found.sort()
            reach: list[tuple[int, str]] = []
            furthest = (0, "N")
            for _start, end, fill in found:
                if end > furthest[0]:
                    furthest = (end, fill)
                reach.append(furthest)
            self._columns[column] = ([start for start, _end, _fill in found], reach)

    def fill_at(self, row: int, column: int) -> str | None:
        """The earlier fill recorded for the cell, or None when no area holds it."""
        found = self._columns.get(column)
        if found is None:
            return None
        starts, reach = found
        index = bisect_right(starts, row) - 1
        if index < 0 or reach[index][0] < row:
            return None
        return reach[index][1]


def _split_areas(formula: str) -> list[str]:
    """A union formula split on the commas outside quoted sheet names."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in formula:
        if char == "'":
            quoted = not quoted
        if char == "," and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def _parse_area(text: str, fill: str) -> _Area | None:
    from openpyxl.utils.cell import range_to_tuple
    from openpyxl.utils.exceptions import CellCoordinatesException

    try:
        sheet, (first_col, first_row, last_col, last_row) = range_to_tuple(text.lstrip("="))
    except (ValueError, TypeError, CellCoordinatesException):
        return None
    if not (first_col and first_row and last_col and last_row):
        return None  # e.g. #REF! once the cells were deleted
    if max(first_row, last_row) > _LAST_ROW or max(first_col, last_col) > _LAST_COLUMN:
        return None
    sheet = sheet.replace("''", "'")  # openpyxl leaves a quoted name's quotes doubled
    return _Area(
        sheet,
        min(first_col, last_col),
        min(first_row, last_row),
        max(first_col, last_col),
        max(first_row, last_row),
        fill,
    )


def _our_names(workbook: Any) -> list[str]:
    return [
        name
        for name in list(workbook.defined_names)
        if name.casefold().startswith(MARK_PREFIX) or name.casefold() == PROBLEMS_NAME
    ]


def _recorded_areas(workbook: Any) -> dict[str, list[_Area]]:
    areas: dict[str, list[_Area]] = defaultdict(list)
    count = 0
    for name in _our_names(workbook):
        if not name.casefold().startswith(MARK_PREFIX):
            continue
        encoded = name[len(MARK_PREFIX) :].rpartition("_")[0]
        fill = _decode(encoded)
        for text in _split_areas(str(workbook.defined_names[name].attr_text or "")):
            count += 1
            if count > _MAX_AREAS:
                return areas
            area = _parse_area(text, fill)
            if area is not None:
                areas[area.sheet].append(area)
    return areas


def _named_problem_sheet(workbook: Any) -> str | None:
    for name in _our_names(workbook):
        if name.casefold() == PROBLEMS_NAME:
            area = _parse_area(str(workbook.defined_names[name].attr_text or ""), "N")
            return area.sheet if area is not None else None
    return None


def _summary_shape() -> tuple[set[str], set[tuple[str, ...]]]:
    """The problem sheet's titles and column headings, in every language."""
    titles: set[str] = set()
    headings: set[tuple[str, ...]] = set()
    for lang in FOCAL_LANGS:
        _ = gettext_for(lang)
        titles.add(_("Problems").casefold())
        headings.add(
            tuple(
                text.casefold()
                for text in (_("Sheet"), _("Cell"), _("Field"), _("Severity"), _("Message"))
            )
        )
    return titles, headings


def _is_summary_sheet(sheet: Any) -> bool:
    titles, headings = _summary_shape()
    base = re.sub(r" \d+$", "", str(sheet.title)).casefold()
    if base not in titles:
        return False
    if sheet.max_row < SUMMARY_HEADINGS_ROW:
        return False
    (row,) = sheet.iter_rows(
        min_row=SUMMARY_HEADINGS_ROW,
        max_row=SUMMARY_HEADINGS_ROW,
        min_col=1,
        max_col=5,
        values_only=True,
    )
    found = tuple(str(value or "").strip().casefold() for value in row)
    # Four headings of five in place: a wording changed since an older copy was made.
    return any(sum(a == b for a, b in zip(found, known, strict=True)) >= 4 for known in headings)


def _problem_sheets(workbook: Any) -> list[str]:
    found = [title for title in workbook.sheetnames if _is_summary_sheet(workbook[title])]
    named = _named_problem_sheet(workbook)
    if named is not None and named in workbook.sheetnames and named not in found:
        found.append(named)
    return found


def _listed_cells(sheet: Any) -> set[tuple[str, str]]:
    """(sheet, cell) of each problem a problem sheet lists.

    Columns A and B only, down to the last row a problem sheet can have
    (:data:`MAX_LISTED_PROBLEMS`), never as far as a hostile sheet's last cell.
    """
    listed: set[tuple[str, str]] = set()
    last = min(sheet.max_row, SUMMARY_FIRST_ROW + MAX_LISTED_PROBLEMS)
    for where, value in sheet.iter_rows(
        min_row=SUMMARY_FIRST_ROW, max_row=last, min_col=1, max_col=2, values_only=True
    ):
        coordinate = str(value or "").strip().upper()
        if where and _is_cell(coordinate):
            listed.add((str(where), coordinate.replace("$", "")))
    return listed


def _is_cell(text: str) -> bool:
    """``text`` is one cell's reference, such as ``C7`` or ``$C$7``."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
    from openpyxl.utils.exceptions import CellCoordinatesException

    try:
        letters, row = coordinate_from_string(text)
        column = column_index_from_string(letters)
    except (ValueError, CellCoordinatesException):
        return False
    return 1 <= row <= _LAST_ROW and 1 <= column <= _LAST_COLUMN


def _authored_by_us(comment: Any) -> bool:
    return str(comment.author or "").strip().casefold() == AUTHOR


def _message_prefixes() -> tuple[str, ...]:
    prefixes: set[str] = set()
    for lang in FOCAL_LANGS:
        _ = gettext_for(lang)
        prefixes.update(f"{_('Error')}: ", f"{_('Warning')}: ")
    return tuple(sorted(prefixes))


def _without_ours(text: str) -> str:
    """Someone else's text of a comment, without the checker's messages."""
    text = text.replace("\r\n", "\n")
    position = text.find(DELIMITER)
    if position >= 0:
        return text[:position].rstrip()
    return text.rstrip()


def _earlier_text(text: str) -> str:
    """The paragraphs before the checker's messages in a comment it authored (older copies)."""
    paragraphs = text.replace("\r\n", "\n").split("\n\n")
    prefixes = _message_prefixes()
    first = len(paragraphs)
    while first > 0 and paragraphs[first - 1].startswith(prefixes):
        first -= 1
    return "\n\n".join(paragraphs[:first]).strip()


def _clean_comment(cell: Any, listed: bool) -> bool:
    """Remove the checker's part of ``cell``'s comment; whether there was one.

    ``listed``: the cell is on the problem sheet of a copy made before the marks were named.
    """
    from openpyxl.comments import Comment

    comment = cell.comment
    if comment is None:
        return False
    text = str(comment.text or "").replace("\r\n", "\n")
    author = "" if _authored_by_us(comment) else str(comment.author or "")
    if DELIMITER in text:
        earlier = _without_ours(text)
    elif text.lstrip().startswith(HEADER):
        earlier = ""
    elif _authored_by_us(comment) or listed:
        # Older copies: the messages without a heading, after someone else's earlier comment.
        earlier = _earlier_text(text)
        if earlier == text.strip() and not _authored_by_us(comment):
            return False
    else:
        return False
    cell.comment = Comment(earlier, author) if earlier else None
    return True


def remove_marks(workbook: Any, places: Mapping[str, Iterable[tuple[int, int]]]) -> None:
    """Remove what an earlier annotation left in ``workbook``: fills, comments, problem sheet.

    ``places``: the (row, column) of the cells each sheet holds (:func:`systematise.xlsx.
    cell_places`), the only cells visited for fills and comments.
    """
    from openpyxl.styles import PatternFill

    recorded = _recorded_areas(workbook)
    problem_sheets = _problem_sheets(workbook)
    listed: set[tuple[str, str]] = set()
    if not _our_names(workbook):  # a copy made before the names: its problem sheet's list
        for title in problem_sheets:
            listed |= _listed_cells(workbook[title])
    for sheet in workbook.worksheets:
        if sheet.title in problem_sheets:
            continue
        lookup = _Lookup(recorded.get(sheet.title, []))
        for row, column in places.get(sheet.title, ()):
            cell = sheet.cell(row=row, column=column)
            had_ours = _clean_comment(cell, (sheet.title, cell.coordinate) in listed)
            if not is_ours(cell.fill):
                continue
            earlier = lookup.fill_at(row, column)
            if earlier is not None:
                cell.fill = fill_from_code(earlier)
            elif had_ours or (sheet.title, cell.coordinate) in listed:
                cell.fill = PatternFill()
    for title in problem_sheets:
        workbook.remove(workbook[title])
    for name in _our_names(workbook):
        del workbook.defined_names[name]
