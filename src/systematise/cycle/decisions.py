"""The editor's decision on each State's submission, kept in the project as reviewable text.

``decisions.yaml`` (``[paths] decisions``) maps a State to its decision::

    ARG:
      decision: approved          # or rejected
      note: Revisado con la DNM el 20/10.
      file: ARG-2025.xlsx         # the file decided on, and its short SHA-256: a later
      sha256: 3f1c0a9b2d4e5f60    # version of the file shows the decision as outdated
      date: 2025-10-21

Like ODK Central's review states and KoboToolbox's validation status, a decision is the
editor's word on a submission, apart from what the checks found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from systematise import atomic, yamlfile

_HEADER = (
    "# Editors' decisions on each Member State's submission of this cycle, written by\n"
    "# `systematise status --approve/--reject`. Review like any other file.\n"
)


class Decision(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    decision: Literal["approved", "rejected"]
    note: str = Field(default="", max_length=2000)
    file: str
    sha256: str
    date: dt.date


class DecisionsError(Exception):
    """The decisions file cannot be used: names the file and what is wrong."""


def load_decisions(path: Path) -> dict[str, Decision]:
    if not path.is_file():
        return {}
    try:
        data = yamlfile.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise DecisionsError(f"{path}: expected a mapping of States to decisions")
        return {str(key): Decision.model_validate(value) for key, value in data.items()}
    except (yaml.YAMLError, ValidationError, UnicodeDecodeError) as error:
        raise DecisionsError(f"{path}: {error}") from error


def save_decisions(path: Path, decisions: Mapping[str, Decision]) -> None:
    data = {
        key: decisions[key].model_dump(mode="json", exclude_defaults=False)
        for key in sorted(decisions)
    }
    text = _HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    atomic.write_text(path, text)
