"""``make catalogs``: extract every user-facing message and update each domain's catalogues.

One table, :data:`SOURCES`, says where each gettext domain's messages are written (Python
modules, Jinja2 templates, the command line's help) and with which marker; ``babel.cfg`` gives
the same extraction methods to a plain ``pybabel extract``. For every domain and every language
it exists in (:data:`systematise.i18n.DOMAIN_LANGS`) the catalogue is updated: new messages
arrive as themselves in English (the msgids are English) and untranslated elsewhere, obsolete
ones are dropped. The test suite fails while any message is missing or untranslated in any
language. Catalogues are compiled in memory when used (:func:`systematise.i18n.translations`);
``--check`` compiles each with ``pybabel compile`` semantics and reports errors.

Run with ``make catalogs`` (``python -m systematise.catalogs``).
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from systematise.i18n import DOMAIN_LANGS, catalogue_path
from systematise.resources import templates_dir

_PACKAGE = Path(__file__).resolve().parent
#: gettext's usual markers: ``_``, ``N_`` (deferred), ``ngettext``.
_KEYWORDS: dict[str, tuple[int, ...] | None] = {"_": None, "N_": None, "ngettext": (1, 2)}
_JINJA = "jinja2.ext:babel_extract"
_JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n"}
#: Domains whose catalogues keep each message's places (relative to its source's folder).
_PLACED = frozenset({"report"})


@dataclass(frozen=True)
class Source:
    """Files of one folder holding a domain's messages, and the marker that finds them."""

    folder: Path
    patterns: tuple[str, ...]
    method: str = "python"
    keywords: tuple[str, ...] = ("_", "N_", "ngettext")
    exclude: tuple[str, ...] = ()


SOURCES: dict[str, tuple[Source, ...]] = {
    "check": (
        Source(_PACKAGE / "schema", ("problems.py",)),
        # Phrases that fill a problem's parameters, in every language (in_every_lang).
        Source(_PACKAGE / "read", ("*.py",)),
        Source(_PACKAGE / "validate", ("*.py", "personal_data/*.py")),
        Source(_PACKAGE / "feedback", ("*.py",)),
        Source(_PACKAGE / "cli", ("check.py",)),
        Source(templates_dir() / "feedback", ("*.j2",), _JINJA),
    ),
    "template": (Source(_PACKAGE / "template", ("*.py",)),),
    "report": (
        Source(templates_dir() / "report", ("*.j2",), _JINJA),
        # docx.py words its own strings in the ``export`` domain and reuses report msgids via _r.
        Source(_PACKAGE / "render", ("*.py", "pdf/*.py"), exclude=("docx.py",)),
        Source(_PACKAGE / "wording", ("*.py",)),
        Source(_PACKAGE, ("build.py", "cli/build.py")),
    ),
    "export": (
        Source(_PACKAGE / "export", ("*.py",), keywords=("_", "both")),
        Source(_PACKAGE / "translations", ("*.py",), keywords=("_", "both")),
        Source(_PACKAGE / "render", ("docx.py",), keywords=("_",)),
    ),
    "cli": (Source(_PACKAGE / "cli", ("*.py",), keywords=("cli_text",)),),
    "cycle": (
        Source(_PACKAGE / "cycle", ("*.py",)),
        Source(_PACKAGE / "cli", ("cycle.py",)),
        Source(templates_dir() / "status", ("*.j2",), _JINJA),
    ),
    "portal": (
        Source(_PACKAGE / "portal", ("*.py",)),
        Source(templates_dir() / "portal", ("*.j2",), _JINJA),
    ),
}


def _files(source: Source) -> list[Path]:
    found = {path for pattern in source.patterns for path in source.folder.glob(pattern)}
    return sorted(path for path in found if path.name not in source.exclude)


def extract(domain: str) -> Catalog:
    """Every message of ``domain``, with the places it appears."""
    from babel.messages.extract import extract_from_file

    catalog = Catalog(domain=domain, project="systematise", charset="utf-8")
    for source in SOURCES[domain]:
        keywords = {name: _KEYWORDS.get(name) for name in source.keywords}
        if "both" in keywords:
            keywords["both"] = None
        for path in _files(source):
            options = _JINJA_OPTIONS if source.method == _JINJA else {}
            for lineno, message, comments, context in extract_from_file(
                source.method, path, keywords=keywords, options=options
            ):
                base = source.folder if domain in _PLACED else source.folder.parent
                where = path.relative_to(base).as_posix()
                catalog.add(
                    message, None, [(where, lineno)], auto_comments=comments, context=context
                )
    return catalog


def read_catalogue(domain: str, lang: str) -> Catalog:
    path = catalogue_path(domain, lang)  # type: ignore[arg-type]
    if not path.is_file():
        return Catalog(locale=lang, domain=domain, project="systematise", charset="utf-8")
    with path.open("rb") as stream:
        return read_po(stream, locale=lang, domain=domain)


def update(domain: str) -> None:
    """Merge ``domain``'s extracted messages into its catalogue in every language."""
    template = extract(domain)
    for lang in DOMAIN_LANGS[domain]:
        catalog = read_catalogue(domain, lang)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        for message in catalog:
            if lang == "en" and message.id and not message.string:
                message.string = message.id
        catalog.revision_date = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
        catalog.creation_date = catalog.revision_date
        path = catalogue_path(domain, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as stream:
            write_po(
                stream,
                catalog,
                width=100,
                sort_output=True,
                omit_header=False,
                no_location=domain not in _PLACED,
            )


def untranslated(domain: str, lang: str) -> list[str]:
    """Messages of ``domain`` with no translation in ``lang`` (empty when complete)."""
    catalog = read_catalogue(domain, lang)
    missing: list[str] = []
    for message in extract(domain):
        if not message.id:
            continue
        found = catalog.get(message.id)
        strings = found.string if found is not None else None
        forms = strings if isinstance(strings, tuple) else (strings,)
        if found is None or found.fuzzy or not all(forms):
            missing.append(str(message.id))
    return missing


def compile_errors(domain: str, lang: str) -> list[str]:
    """What ``pybabel compile`` would report for one catalogue."""
    catalog = read_catalogue(domain, lang)
    errors = [f"{message.id!r}: {error}" for message, found in catalog.check() for error in found]
    write_mo(io.BytesIO(), catalog)
    return errors


def main() -> int:
    status = 0
    for domain in SOURCES:
        update(domain)
        for lang in DOMAIN_LANGS[domain]:
            problems = [f"untranslated: {m!r}" for m in untranslated(domain, lang)]
            problems += compile_errors(domain, lang)
            for line in problems:
                print(f"{lang}/{domain}.po: {line}", file=sys.stderr)
            status = status or (1 if problems else 0)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
