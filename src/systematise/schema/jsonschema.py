"""JSON Schema of the data contract, exported from the models into ``schemas/``.

The files are committed so that people and other tools can read the contract without Python;
``tests/schema/test_jsonschema.py`` fails when they drift from the models. Regenerate with
``make schemas`` (``python -m systematise.schema.jsonschema``).
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from systematise.resources import schemas_dir
from systematise.schema.models import SCHEMA_VERSION, Initiative, SubmissionHeader

EXPORTED: dict[str, type[BaseModel]] = {
    "submission.schema.json": SubmissionHeader,
    "initiative.schema.json": Initiative,
}


def render(model: type[BaseModel]) -> str:
    """The JSON Schema document of ``model``, as committed."""
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$comment"] = f"systematise data contract v{SCHEMA_VERSION}; generated from the models"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_all(folder: Path | None = None) -> list[Path]:
    folder = folder or schemas_dir()
    written = []
    for name, model in EXPORTED.items():
        path = folder / name
        path.write_text(render(model), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all():
        print(path.name)
