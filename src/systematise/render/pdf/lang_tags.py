"""Each tagged element of the PDF says its language when its HTML element does (``lang``).

WeasyPrint writes the document's language (``/Lang`` of the catalog) but not that of the
elements inside it, so a French or Portuguese text quoted in the Spanish report would be read
aloud with Spanish rules. :func:`install` wraps WeasyPrint's tag-tree builder so that the
structure element of a box whose HTML element carries ``lang`` gets ``/Lang`` too (PDF 1.7,
14.9.2). It relies on a private function of the pinned WeasyPrint; a test renders a paragraph
in another language and fails if the wrapper stops taking effect after an upgrade.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from weasyprint.pdf import tags

_ORIGINAL: Callable[..., Iterator[Any]] | None = getattr(tags, "_build_box_tree", None)
#: Boxes WeasyPrint does not turn into elements of their own (their children are yielded).
_PASSED_THROUGH = frozenset({"html", "body"})


def _element_lang(box: Any) -> str | None:
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", None) in _PASSED_THROUGH:
        return None
    lang = element.get("lang")
    return str(lang) if lang else None


def _with_lang(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
    assert _ORIGINAL is not None
    lang = _element_lang(getattr(box, "_box", box))
    for element in _ORIGINAL(box, parent, *args):
        if lang and isinstance(element, dict) and "Lang" not in element:
            element["Lang"] = tags.pydyf.String(lang)  # the PDF library WeasyPrint writes with
        yield element


def install() -> bool:
    """Wrap the tag-tree builder once; False when this WeasyPrint has no such function."""
    if _ORIGINAL is None:
        return False
    if tags._build_box_tree is not _with_lang:
        tags._build_box_tree = _with_lang
    return True
