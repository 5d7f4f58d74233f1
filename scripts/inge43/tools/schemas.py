"""JSON Schemas for the data files, generated from the model (never written by hand)."""

from __future__ import annotations

import json
from pathlib import Path

from ..read.model import FILE_MODELS, schema_name


def build_schemas() -> dict[str, str]:
    """File name -> JSON text, for every data file pattern."""
    out = {}
    for pattern, model in FILE_MODELS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"Ingé 43 — data/{pattern}"
        out[schema_name(pattern)] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in build_schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(folder: Path) -> list[str]:
    """Names of schema files that differ from what the model generates now."""
    return [
        name
        for name, text in build_schemas().items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]
