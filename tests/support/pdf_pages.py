"""A PDF's pages as a reader sees them: words where they are printed, how full each page is.

Read with poppler (``pdftotext -bbox-layout``, ``pdftoppm``) and pikepdf, so that the checks
look at the PDF itself, not at the HTML it was made from. Coordinates are in PDF points from
the page's top-left corner.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import pikepdf
from pikepdf import Array, Name, NameTree

#: The body of a page lies below its running head and above its page number (shares of the
#: page's height, with room for both margins: 24 mm and 22 mm of 297 mm on portrait pages).
BODY_TOP = 0.075
BODY_BOTTOM = 0.93


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def overlap(self, other: Word) -> float:
        """The share of the smaller word's box that the two boxes have in common."""
        width = min(self.x1, other.x1) - max(self.x0, other.x0)
        height = min(self.y1, other.y1) - max(self.y0, other.y0)
        if width <= 0 or height <= 0:
            return 0.0
        smaller = min(
            (self.x1 - self.x0) * (self.y1 - self.y0), (other.x1 - other.x0) * (other.y1 - other.y0)
        )
        return width * height / smaller if smaller > 0 else 0.0


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def top(self) -> float:
        return min(word.y0 for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.y1 for word in self.words)


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    #: Blocks of lines, as poppler groups them (a paragraph, a fact, a heading).
    blocks: list[list[Line]] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [line for block in self.blocks for line in block]

    @property
    def words(self) -> list[Word]:
        return [word for line in self.lines for word in line.words]

    def body_lines(self) -> list[Line]:
        """The lines between the running head and the page number, top to bottom."""
        top, bottom = BODY_TOP * self.height, BODY_BOTTOM * self.height
        return sorted(
            (line for line in self.lines if line.top >= top and line.bottom <= bottom),
            key=lambda line: line.top,
        )

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def read_pages(path: Path) -> list[Page]:
    """Every page of ``path`` with its words, lines and blocks."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    root = ElementTree.fromstring(re.sub(r'\sxmlns="[^"]+"', "", xml, count=1))
    pages = []
    for number, element in enumerate(root.iter("page"), start=1):
        page = Page(number, float(element.get("width", 0)), float(element.get("height", 0)))
        for block in element.iter("block"):
            lines = []
            for line in block.iter("line"):
                words = tuple(
                    Word(
                        word.text or "",
                        float(word.get("xMin", 0)),
                        float(word.get("yMin", 0)),
                        float(word.get("xMax", 0)),
                        float(word.get("yMax", 0)),
                    )
                    for word in line.iter("word")
                )
                if words:
                    lines.append(Line(words))
            if lines:
                page.blocks.append(lines)
        pages.append(page)
    return pages


def _only_labels(text: str, labels: Iterable[str]) -> bool:
    """``text`` is made of labels and nothing else (case and spacing aside)."""
    rest = " ".join(text.split()).casefold()
    for label in sorted({" ".join(label.split()).casefold() for label in labels}, key=len)[::-1]:
        rest = rest.replace(label, " ")
    return not rest.strip(" ·:")


def stranded_labels(pages: Sequence[Page], labels: Iterable[str]) -> list[tuple[int, str]]:
    """Labels printed as the last line of a page, their value left to the next page.

    The last line of a page's body (every line at its height: facts stand side by side) is
    stranded when it holds only labels.
    """
    labels = list(labels)
    found = []
    for page in pages[:-1]:
        lines = page.body_lines()
        if not lines:
            continue
        last = max(line.bottom for line in lines)
        row = [line for line in lines if line.bottom > last - 3]
        text = " ".join(line.text for line in sorted(row, key=lambda line: line.words[0].x0))
        if _only_labels(text, labels):
            found.append((page.number, text))
    return found


def overprinted(pages: Sequence[Page], share: float = 0.3) -> list[tuple[int, str, str]]:
    """Pairs of words printed over each other (their boxes share more than ``share``)."""
    found = []
    for page in pages:
        words = sorted(page.words, key=lambda word: word.y0)
        for index, word in enumerate(words):
            for other in words[index + 1 :]:
                if other.y0 >= word.y1:
                    break
                if word.overlap(other) > share:
                    found.append((page.number, word.text, other.text))
    return found


def filled_shares(path: Path, resolution: int = 24) -> list[float]:
    """How far down each page's body its content reaches (0: empty, 1: to the bottom margin).

    Read from the rendered page (charts are drawn, not written): the lowest row of the body
    that is not white.
    """
    pgm = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(resolution), str(path)], check=True, capture_output=True
    ).stdout
    shares = []
    at = 0
    while at < len(pgm):
        header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", pgm[at:])
        assert header is not None, "pdftoppm did not write a grey map"
        width, height = int(header.group(1)), int(header.group(2))
        start = at + header.end()
        pixels = pgm[start : start + width * height]
        at = start + width * height
        top, bottom = int(BODY_TOP * height), int(BODY_BOTTOM * height)
        lowest = top
        for row in range(top, bottom):
            line = pixels[row * width : (row + 1) * width]
            if min(line) < 235:
                lowest = row
        shares.append((lowest - top) / (bottom - top))
    return shares


def opening_pages(path: Path) -> set[int]:
    """The pages (1-based) where a section, a chapter or an annex begins: bookmarks of the two
    top levels."""
    found: set[int] = set()
    with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
        index = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        for item in outline.root:
            for level in (item, *item.children):
                destination = level.destination
                if isinstance(destination, Array) and len(destination):
                    found.add(index[destination[0].objgen])
    return found


def destination_pages(path: Path) -> dict[str, int]:
    """The page (1-based) of every named destination (every anchor of the report)."""
    with pikepdf.open(path) as pdf:
        index = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        names = NameTree(pdf.Root.Names.Dests)
        return {str(name): index[names[name][0].objgen] for name in names}


@dataclass(frozen=True)
class Link:
    page: int
    target: str
    #: The words printed inside the link's rectangle.
    text: str


def links(path: Path, pages: Sequence[Page]) -> list[Link]:
    """Every internal link, with the text it covers.

    WeasyPrint writes one annotation per box of a link (the link, each inline child, a
    ``::before`` leader): boxes of one target that touch on a line are joined into one link.
    """
    found = []
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            height = float(page.mediabox[3])
            boxes: dict[str, list[list[float]]] = {}
            for annotation in page.obj.get(Name.Annots, Array()):
                if Name.Dest not in annotation:
                    continue
                x0, y0, x1, y1 = (float(value) for value in annotation.Rect)
                box = [min(x0, x1), height - max(y0, y1), max(x0, x1), height - min(y0, y1)]
                boxes.setdefault(str(annotation.Dest), []).append(box)
            for target, rects in boxes.items():
                for x0, top, x1, bottom in _joined(rects):
                    inside = [
                        word
                        for word in pages[number - 1].words
                        if word.x0 >= x0 - 1
                        and word.x1 <= x1 + 1
                        and word.y0 >= top - 1
                        and word.y1 <= bottom + 1
                    ]
                    inside.sort(key=lambda word: (round(word.y0), word.x0))
                    text = " ".join(word.text for word in inside)
                    found.append(Link(number, target, text))
    return found


def _joined(rects: list[list[float]]) -> list[list[float]]:
    """Rectangles on one line that touch or overlap, joined (the others as they are)."""
    joined: list[list[float]] = []
    for rect in sorted(rects, key=lambda r: (r[1], r[0])):
        for other in joined:
            same_line = rect[1] < other[3] and other[1] < rect[3]
            if same_line and rect[0] <= other[2] + 2 and other[0] <= rect[2] + 2:
                other[:] = [
                    min(other[0], rect[0]),
                    min(other[1], rect[1]),
                    max(other[2], rect[2]),
                    max(other[3], rect[3]),
                ]
                break
        else:
            joined.append(list(rect))
    return joined
