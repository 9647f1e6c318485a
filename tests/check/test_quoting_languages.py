"""What a message quotes back is masked in every language it is given in, not only es/en."""

from __future__ import annotations

from systematise.normalise.issue import Issue
from systematise.schema.fieldmeta import field_specs
from systematise.schema.lang import FOCAL_LANGS
from systematise.schema.models import Initiative
from systematise.validate.record import _safe


def test_a_reading_is_masked_in_every_language() -> None:
    website = next(spec for spec in field_specs(Initiative) if spec.key == "website")
    typed = "www.example.org/equipe?contato=ana.exemplo@example.org"
    issue = Issue(
        "understood_as",
        {"value": typed, **{f"understood_{lang}": f"https://{typed}" for lang in FOCAL_LANGS}},
    )
    shown = _safe(website, issue)
    assert shown is not None
    for key, value in shown.params.items():
        assert "ana.exemplo@example.org" not in str(value), key
