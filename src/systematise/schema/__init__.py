"""The data contract as code: the models passed between stages and the data they rest on.

The names below are loaded on first use, so importing a light submodule (``schema.lang``, which
the command line needs to choose its language) does not build the Pydantic models.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from systematise.schema.models import (
        SCHEMA_VERSION,
        Initiative,
        Submission,
        SubmissionHeader,
    )
    from systematise.schema.partial_date import PartialDate

_HOMES = {
    "SCHEMA_VERSION": "systematise.schema.models",
    "Initiative": "systematise.schema.models",
    "Submission": "systematise.schema.models",
    "SubmissionHeader": "systematise.schema.models",
    "PartialDate": "systematise.schema.partial_date",
}

__all__ = [
    "SCHEMA_VERSION",
    "Initiative",
    "PartialDate",
    "Submission",
    "SubmissionHeader",
]


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(home), name)
