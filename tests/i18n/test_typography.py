"""Portuguese and French texts for focal points follow their language's typography.

French puts a no-break space before ``; : ! ?`` and ``»`` and after ``«`` (an ordinary space
there lets a line break leave the mark alone at the start of a line); Brazilian Portuguese
quotes with “ ”, not with Spanish guillemets. Checked in every catalogue of those languages
and in the data contract's labels, help and examples.
"""

from __future__ import annotations

import re

import pytest
import yaml

from systematise import catalogs
from systematise.i18n import DOMAIN_LANGS
from systematise.resources import schemas_dir
from systematise.schema.fieldmeta import field_specs
from systematise.schema.models import Initiative, SubmissionHeader

#: An ordinary space where French wants a no-break one, or no space at all.
_FRENCH_SPACE = re.compile(r" [;:!?»]|« |[^\s\u00a0\u202f][;!?»]|«[^\s\u00a0\u202f]")


def _french_slips(text: str) -> list[str]:
    return [match.group(0) for match in _FRENCH_SPACE.finditer(text)]


def _catalogue_strings(domain: str, lang: str) -> list[str]:
    strings: list[str] = []
    for message in catalogs.read_catalogue(domain, lang):
        if not message.id:
            continue
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        strings.extend(str(text) for text in texts if text)
    return strings


def _field_texts(lang: str) -> list[str]:
    return [
        texts[lang]
        for model in (SubmissionHeader, Initiative)
        for spec in field_specs(model)
        for texts in (spec.labels, spec.helps, spec.examples)
    ]


FRENCH = [domain for domain, langs in DOMAIN_LANGS.items() if "fr" in langs]
PORTUGUESE = [domain for domain, langs in DOMAIN_LANGS.items() if "pt" in langs]


@pytest.mark.parametrize("domain", FRENCH)
def test_french_messages_space_their_punctuation(domain: str) -> None:
    slips = {text: _french_slips(text) for text in _catalogue_strings(domain, "fr")}
    assert {text: found for text, found in slips.items() if found} == {}


@pytest.mark.parametrize("domain", PORTUGUESE)
def test_portuguese_messages_quote_as_brazil_does(domain: str) -> None:
    assert [text for text in _catalogue_strings(domain, "pt") if re.search("[«»]", text)] == []


def test_field_texts_follow_the_same_typography() -> None:
    # Examples of values typed in a cell (such as "10.7; 10.7.2") are what people type.
    french = [text for text in _field_texts("fr") if _french_slips(text)]
    assert [text for text in french if not re.fullmatch(r"[\d.; ]+", text)] == []
    assert [text for text in _field_texts("pt") if re.search("[«»]", text)] == []


def test_every_portuguese_and_french_name_is_one_whole_string() -> None:
    """A comma inside an unquoted YAML flow mapping would cut a name in two."""
    names = yaml.safe_load((schemas_dir() / "reference" / "names_pt_fr.yaml").read_text("utf-8"))
    for group, entries in names.items():
        for key, texts in entries.items():
            assert set(texts) == {"pt", "fr"}, (group, key, texts)
            assert all(isinstance(text, str) and text.strip() for text in texts.values())
