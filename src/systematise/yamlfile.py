"""YAML read through libyaml's C parser when PyYAML was built with it (its wheels are).

The same safe subset as ``yaml.safe_load`` (plain data: no tags that build objects), several
times faster than the pure-Python parser, which matters where a build reads the vocabularies
and a translation file per initiative.
"""

from __future__ import annotations

from typing import IO, Any

import yaml

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(source: str | bytes | IO[str]) -> Any:
    """The data of one YAML document, like ``yaml.safe_load``."""
    return yaml.load(source, Loader=_LOADER)
