"""Every user-facing message of every gettext domain exists in each of the domain's languages.

The languages come from the one registry (``i18n.DOMAIN_LANGS``: focal-point languages for what
focal points read, report languages for the rest); the messages from the one extraction table
that ``make catalogs`` uses (``catalogs.SOURCES``). A message missing or untranslated in any
language, a translation with other placeholders, or a catalogue that would not compile fails.
"""

from __future__ import annotations

import pytest

from systematise import catalogs
from systematise.i18n import DOMAIN_LANGS, fill, placeholders, translations
from systematise.schema.lang import FOCAL_LANGS, REPORT_LANGS

CASES = [(domain, lang) for domain in catalogs.SOURCES for lang in DOMAIN_LANGS[domain]]


def test_the_extraction_table_covers_every_domain() -> None:
    assert set(catalogs.SOURCES) == set(DOMAIN_LANGS)
    for domain in ("check", "template"):
        assert DOMAIN_LANGS[domain] == FOCAL_LANGS
    for domain in ("report", "export", "cli", "cycle"):
        assert DOMAIN_LANGS[domain] == REPORT_LANGS


@pytest.mark.parametrize(("domain", "lang"), CASES, ids=[f"{d}-{lang}" for d, lang in CASES])
def test_every_message_is_translated_with_its_placeholders(domain: str, lang: str) -> None:
    assert catalogs.untranslated(domain, lang) == []
    assert catalogs.compile_errors(domain, lang) == []
    for message in catalogs.read_catalogue(domain, lang):
        if not message.id or not message.string:
            continue
        ids = [
            str(part) for part in (message.id if isinstance(message.id, tuple) else [message.id])
        ]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(placeholders(part) for part in ids))
        for text in strings:
            assert placeholders(str(text)) <= wanted, (message.id, text)


@pytest.mark.parametrize(("domain", "lang"), CASES, ids=[f"{d}-{lang}" for d, lang in CASES])
def test_every_catalogue_message_is_found_in_the_code(domain: str, lang: str) -> None:
    """A message in a catalogue that the extraction does not find is either gone from the code
    or called in a way the extraction cannot see (say ``ngettext_for(lang)(...)``): its
    translation would be lost at the next ``make catalogs``."""
    extracted = {message.id for message in catalogs.extract(domain) if message.id}
    kept = {message.id for message in catalogs.read_catalogue(domain, lang) if message.id}
    assert sorted(map(str, kept - extracted)) == []


def test_fill_never_raises() -> None:
    assert fill("{a} and {b}", a=1) == "1 and …"
    assert fill("a brace { alone") == "a brace { alone"
    assert fill("{0}") == "{0}"


def test_a_domain_does_not_exist_in_a_language_it_lacks() -> None:
    with pytest.raises(ValueError):
        translations("report", "pt")
