"""Joining the laid-out parts into one PDF/UA-1 file, one part in memory at a time.

A PDF library joins documents by holding all of them as objects in memory (qpdf needed about
0.6 MB a page here, more than the layout it saves). This module writes the joined file as it
reads the parts instead: each part is opened with pikepdf, every object reachable from its pages
and its structure tree is written out under a new object number, and the part is closed before
the next is opened. What spans the parts is written at the end from small records:

- the page tree, holding every page;
- the tagged structure: one ``Document`` element whose children are the parts' top elements,
  and one parent tree (the map from marked content and annotations back to the structure) whose
  keys are each part's keys moved past the ones already used; pages' ``StructParents`` and
  annotations' ``StructParent`` are moved alike as they are written;
- the named destinations of every anchor, at the page that holds it, so that a link in one part
  reaches an anchor in another (see :mod:`systematise.render.pdf.layout`);
- the bookmarks, nested by level across the parts as WeasyPrint nests them;
- the catalog (language, XMP metadata with the PDF/UA identification, viewer preferences) and
  the document information, taken from the first part.

Objects other than streams are packed into compressed object streams with a cross-reference
stream (PDF 1.5 and later). The file identifier is a digest of the content, so the same parts
give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import BinaryIO

import pikepdf
from pikepdf import Name, Pdf

from systematise.render.pdf.layout import Bookmark, LaidOutPart, Place

#: Objects packed into one object stream.
OBJECTS_PER_STREAM = 200
HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"

# Object numbers fixed in advance, so that parts can point at them before they are written.
_PAGES, _STRUCT_ROOT, _DOCUMENT = 1, 2, 3
#: Entries of the first part's catalog that the joined file writes itself.
_OWN_CATALOG_KEYS = {"/Type", "/Pages", "/StructTreeRoot", "/Outlines", "/Names"}


@dataclass
class _Outline:
    bookmark: Bookmark
    #: The index of its part's first page in the joined document.
    offset: int
    children: list[_Outline] = field(default_factory=list)


class _Writer:
    """Numbers objects, writes them (streams directly, others packed), and the final xref."""

    def __init__(self, target: BinaryIO) -> None:
        self.target = target
        self.digest = hashlib.md5(usedforsecurity=False)
        self.position = 0
        self.next_number = _DOCUMENT + 1
        #: number → (0, offset) for an object written as such, (n, index) for one packed in n.
        self.xref: dict[int, tuple[int, int]] = {}
        self.pending: list[tuple[int, bytes]] = []
        self._emit(HEADER)

    def number(self) -> int:
        self.next_number += 1
        return self.next_number - 1

    def _emit(self, data: bytes) -> None:
        self.target.write(data)
        self.digest.update(data)
        self.position += len(data)

    def put(self, number: int, body: bytes) -> None:
        """An object that is not a stream: packed with the others."""
        self.pending.append((number, body))
        if len(self.pending) >= OBJECTS_PER_STREAM:
            self.flush()

    def put_stream(self, number: int, dictionary: bytes, data: bytes) -> None:
        """A stream; ``dictionary`` without its /Length."""
        self.xref[number] = (0, self.position)
        self._emit(b"%d 0 obj\n<<%b/Length %d>>\nstream\n" % (number, dictionary, len(data)))
        self._emit(data)
        self._emit(b"\nendstream\nendobj\n")

    def flush(self) -> None:
        if not self.pending:
            return
        number = self.number()
        offsets, bodies, at = [], [], 0
        for index, (member, body) in enumerate(self.pending):
            self.xref[member] = (number, index)
            offsets.append(b"%d %d" % (member, at))
            bodies.append(body)
            at += len(body) + 1
        head = b" ".join(offsets) + b"\n"
        data = zlib.compress(head + b"\n".join(bodies) + b"\n", 9)
        self.put_stream(
            number,
            b"/Type/ObjStm/N %d/First %d/Filter/FlateDecode" % (len(self.pending), len(head)),
            data,
        )
        self.pending = []

    def finish(self, root: int, info: int | None) -> None:
        self.flush()
        number = self.number()
        identifier = self.digest.hexdigest().encode("ascii")
        self.xref[number] = (0, self.position)
        size = number + 1
        rows = [b"\x00\x00\x00\x00\x00\xff"]
        for member in range(1, size):
            kind, value = self.xref.get(member, (-1, 0))
            if kind == 0:
                rows.append(b"\x01" + value.to_bytes(4, "big") + b"\x00")
            elif kind > 0:
                rows.append(b"\x02" + kind.to_bytes(4, "big") + bytes((value,)))
            else:
                rows.append(b"\x00\x00\x00\x00\x00\x00")
        data = zlib.compress(b"".join(rows), 9)
        trailer = b"/Type/XRef/Size %d/W[1 4 1]/Root %d 0 R/ID[<%b><%b>]/Filter/FlateDecode" % (
            size,
            root,
            identifier,
            identifier,
        )
        if info is not None:
            trailer += b"/Info %d 0 R" % info
        start = self.position
        self.put_stream(number, trailer, data)
        self._emit(b"startxref\n%d\n%%%%EOF\n" % start)


class _PartCopier:
    """Writes one part's objects under new numbers, moving its parent-tree keys by ``base``."""

    def __init__(self, writer: _Writer, source: Pdf, base: int) -> None:
        self.writer = writer
        self.base = base
        root = source.Root
        structure = root.StructTreeRoot
        self.numbers: dict[tuple[int, int], int] = {
            root.Pages.objgen: _PAGES,
            structure.objgen: _STRUCT_ROOT,
            structure.K[0].objgen: _DOCUMENT,
        }
        self.queue: list[pikepdf.Object] = []

    def reference(self, obj: pikepdf.Object) -> bytes:
        objgen = obj.objgen
        number = self.numbers.get(objgen)
        if number is None:
            number = self.numbers[objgen] = self.writer.number()
            self.queue.append(obj)
        return b"%d 0 R" % number

    def drain(self) -> None:
        while self.queue:
            obj = self.queue.pop()
            number = self.numbers[obj.objgen]
            if isinstance(obj, pikepdf.Stream):
                dictionary = b"".join(
                    Name(key).unparse() + b" " + self.value(value)
                    for key, value in obj.stream_dict.items()
                    if key != "/Length"
                )
                self.writer.put_stream(number, dictionary, obj.read_raw_bytes())
            else:
                self.writer.put(number, self.direct(obj))

    def value(self, item: object) -> bytes:
        """``item`` inside another object: a reference if it is indirect."""
        if isinstance(item, pikepdf.Object) and item.is_indirect:
            return self.reference(item)
        return self.direct(item)

    def direct(self, item: object) -> bytes:
        if item is None:
            return b"null"
        if isinstance(item, bool):
            return b"true" if item else b"false"
        if isinstance(item, int):
            return b"%d" % item
        if isinstance(item, Decimal):
            return format(item, "f").encode("ascii")
        assert isinstance(item, pikepdf.Object)
        if isinstance(item, pikepdf.Array):
            return b"[" + b" ".join(self.value(element) for element in item) + b"]"
        if isinstance(item, pikepdf.Dictionary):
            return b"<<" + b"".join(self._entry(key, value) for key, value in item.items()) + b">>"
        return bytes(item.unparse())

    def _entry(self, key: str, value: object) -> bytes:
        if key in ("/StructParents", "/StructParent") and isinstance(value, int):
            value += self.base
        return Name(key).unparse() + b" " + self.value(value)


@dataclass
class _Joined:
    pages: list[int] = field(default_factory=list)
    kids: list[bytes] = field(default_factory=list)
    parent_tree: list[tuple[int, bytes]] = field(default_factory=list)
    next_key: int = 0
    catalog: list[bytes] = field(default_factory=list)
    info: int | None = None


def join_parts(parts: Sequence[LaidOutPart], target: BinaryIO) -> None:
    """Write the parts, in order, as one PDF into ``target``."""
    writer = _Writer(target)
    joined = _Joined()
    for number, part in enumerate(parts):
        with Pdf.open(io.BytesIO(part.pdf)) as source:
            _copy_part(writer, source, joined, first=number == 0)
    offsets = list(_offsets(parts))
    outline = _write_outline(writer, parts, offsets, joined.pages)
    destinations = _write_destinations(writer, parts, offsets, joined.pages)
    writer.put(
        _PAGES,
        b"<</Type/Pages/Count %d/Kids[%b]>>"
        % (len(joined.pages), b" ".join(b"%d 0 R" % page for page in joined.pages)),
    )
    writer.put(
        _DOCUMENT,
        b"<</Type/StructElem/S/Document/P %d 0 R/K[%b]>>" % (_STRUCT_ROOT, b" ".join(joined.kids)),
    )
    parent_tree = writer.number()
    writer.put(
        parent_tree,
        b"<</Nums[%b]>>" % b" ".join(b"%d %b" % entry for entry in joined.parent_tree),
    )
    writer.put(
        _STRUCT_ROOT,
        b"<</Type/StructTreeRoot/K[%d 0 R]/ParentTree %d 0 R/ParentTreeNextKey %d>>"
        % (_DOCUMENT, parent_tree, joined.next_key),
    )
    catalog = writer.number()
    entries = b"".join(joined.catalog)
    if outline is not None:
        entries += b"/Outlines %d 0 R" % outline
    writer.put(
        catalog,
        b"<</Type/Catalog/Pages %d 0 R/StructTreeRoot %d 0 R/Names<</Dests %d 0 R>>%b>>"
        % (_PAGES, _STRUCT_ROOT, destinations, entries),
    )
    writer.finish(catalog, joined.info)


def _copy_part(writer: _Writer, source: Pdf, joined: _Joined, *, first: bool) -> None:
    copier = _PartCopier(writer, source, joined.next_key)
    for page in source.pages:
        joined.pages.append(int(copier.reference(page.obj).split()[0]))
    structure = source.Root.StructTreeRoot
    joined.kids.extend(copier.reference(kid) for kid in structure.K[0].K)
    nums = structure.ParentTree.Nums
    keys = []
    for index in range(0, len(nums), 2):
        key = int(nums[index])
        keys.append(key)
        joined.parent_tree.append((key + joined.next_key, copier.value(nums[index + 1])))
    if first:
        for name, value in source.Root.items():
            if name not in _OWN_CATALOG_KEYS:
                joined.catalog.append(Name(name).unparse() + b" " + copier.value(value))
        if Name.Info in source.trailer:
            joined.info = int(copier.reference(source.trailer.Info).split()[0])
    copier.drain()
    joined.next_key += max(keys, default=-1) + 1


def _offsets(parts: Sequence[LaidOutPart]) -> Iterator[int]:
    offset = 0
    for part in parts:
        yield offset
        offset += part.pages


def _destination(pages: list[int], place: Place, offset: int) -> bytes:
    return b"[%d 0 R/XYZ %s %s 0]" % (pages[offset + place.page], _real(place.x), _real(place.y))


def _real(number: float) -> bytes:
    return (f"{number:.3f}".rstrip("0").rstrip(".") or "0").encode("ascii")


def _write_destinations(
    writer: _Writer, parts: Sequence[LaidOutPart], offsets: list[int], pages: list[int]
) -> int:
    """One name tree (a single leaf) of every anchor, each at the page that holds it."""
    names: dict[str, bytes] = {}
    for part, offset in zip(parts, offsets, strict=True):
        for name, place in part.anchors.items():
            names.setdefault(name, _destination(pages, place, offset))
    number = writer.number()
    body = b" ".join(
        bytes(pikepdf.String(name).unparse()) + b" " + names[name]
        for name in sorted(names, key=lambda name: name.encode("utf-8"))
    )
    writer.put(number, b"<</Names[%b]>>" % body)
    return number


def _write_outline(
    writer: _Writer, parts: Sequence[LaidOutPart], offsets: list[int], pages: list[int]
) -> int | None:
    """The bookmarks of every part, nested by level (an item goes under the last lower one)."""
    root: list[_Outline] = []
    stack: list[tuple[int, list[_Outline]]] = [(0, root)]
    for part, offset in zip(parts, offsets, strict=True):
        for bookmark in part.bookmarks:
            while len(stack) > 1 and stack[-1][0] >= bookmark.level:
                stack.pop()
            item = _Outline(bookmark, offset)
            stack[-1][1].append(item)
            stack.append((bookmark.level, item.children))
    if not root:
        return None
    number = writer.number()
    first, last, count = _write_items(writer, root, number, pages)
    writer.put(
        number, b"<</Type/Outlines/First %d 0 R/Last %d 0 R/Count %d>>" % (first, last, count)
    )
    return number


def _write_items(
    writer: _Writer, items: list[_Outline], parent: int, pages: list[int]
) -> tuple[int, int, int]:
    """Write ``items`` as siblings; their first and last numbers and their visible count."""
    numbers = [writer.number() for _ in items]
    visible = len(items)
    for index, (item, number) in enumerate(zip(items, numbers, strict=True)):
        entries = b"/Title %b/Parent %d 0 R/Dest %b" % (
            bytes(pikepdf.String(item.bookmark.label).unparse()),
            parent,
            _destination(pages, item.bookmark.place, item.offset),
        )
        if index > 0:
            entries += b"/Prev %d 0 R" % numbers[index - 1]
        if index + 1 < len(items):
            entries += b"/Next %d 0 R" % numbers[index + 1]
        if item.children:
            first, last, count = _write_items(writer, item.children, number, pages)
            entries += b"/First %d 0 R/Last %d 0 R/Count %d" % (
                first,
                last,
                -count if item.bookmark.closed else count,
            )
            if not item.bookmark.closed:
                visible += count
        writer.put(number, b"<<%b>>" % entries)
    return numbers[0], numbers[-1], visible
