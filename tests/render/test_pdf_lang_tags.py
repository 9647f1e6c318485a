"""A text in another language than the report's is tagged with it in the PDF (lang → /Lang).

Texts submitted in Portuguese or French and shown in the original in the Spanish or English
report carry ``lang`` in the HTML; screen readers need it in the PDF's structure tree too.
"""

from __future__ import annotations

import io

import pikepdf

from systematise.render.pdf.layout import Renderer


def _languages(pdf: bytes) -> dict[str, set[str]]:
    """Each structure type of the document, with the languages its elements say they are in."""
    found: dict[str, set[str]] = {}
    with pikepdf.open(io.BytesIO(pdf)) as document:
        pending = [document.Root.StructTreeRoot]
        while pending:
            node = pending.pop()
            if isinstance(node, pikepdf.Dictionary):
                if "/S" in node:
                    kind = str(node.S)
                    found.setdefault(kind, set())
                    if "/Lang" in node:
                        found[kind].add(str(node.Lang))
                kids = node.get("/K")
                if isinstance(kids, pikepdf.Array):
                    pending.extend(kids)
                elif isinstance(kids, pikepdf.Dictionary):
                    pending.append(kids)
        assert str(document.Root.Lang) == "es"
    return found


def test_elements_in_another_language_are_tagged_with_it() -> None:
    html = (
        '<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>t</title></head>'
        "<body><h1>Iniciativas</h1>"
        '<p lang="fr">Accueil et orientation des personnes rapatriées.</p>'
        '<p>Resumen en español con una frase <span lang="pt">em português</span>.</p>'
        "</body></html>"
    )
    part = Renderer(cache={}).lay_out(html, 1)
    languages = _languages(part.pdf)
    assert languages["/P"] == {"fr"}  # the French paragraph; the Spanish one inherits "es"
    assert languages["/Span"] == {"pt"}
    assert languages["/H1"] == set()
