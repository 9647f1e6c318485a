"""What a normaliser returns when a value cannot be used: a problem code and its parameters."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Issue:
    """A problem code of :data:`systematise.schema.problems.CATALOGUE`, with its parameters.

    Parameters never carry the value typed (it may be personal data); a parameter named
    ``name_es`` / ``name_en`` fills ``{name}`` in the message of that language.
    """

    code: str
    params: dict[str, str | int] = field(default_factory=dict)
