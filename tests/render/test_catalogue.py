"""Every report string is in the Spanish and English catalogues, translated and compilable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from systematise.i18n import catalogue_path
from systematise.render.catalogue import DOMAIN, extract_messages
from systematise.schema.lang import REPORT_LANGS, Lang


@pytest.fixture(scope="module")
def msgids() -> set[str]:
    ids = {str(message.id) for message in extract_messages() if message.id}
    assert len(ids) > 80  # the extractor found the templates and the Python modules
    assert "Regional overview" in ids and "Figure {number}." in ids
    return ids


@pytest.mark.parametrize("lang", REPORT_LANGS)
def test_every_message_is_translated(lang: Lang, msgids: set[str]) -> None:
    with catalogue_path(DOMAIN, lang).open("rb") as stream:
        catalog = read_po(stream, locale=lang, domain=DOMAIN)
    translated = {str(m.id) for m in catalog if m.id and m.string and not m.fuzzy}
    missing = sorted(msgids - translated)
    assert not missing, (
        f"untranslated in {lang}/report.po: {missing}; run "
        "python -m systematise.render.catalogue, then translate"
    )


@pytest.mark.parametrize("lang", REPORT_LANGS)
def test_pybabel_compiles_the_catalogue(lang: Lang, tmp_path: Path) -> None:
    pybabel = Path(sys.executable).with_name("pybabel")
    result = subprocess.run(
        [
            str(pybabel),
            "compile",
            "-i",
            str(catalogue_path(DOMAIN, lang)),
            "-o",
            str(tmp_path / "report.mo"),
            "-l",
            lang,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr.lower()
