"""JSON Schema (draft-07) for the YAML files, generated from the models, for autocompletion."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from generator.kinds import BOOK, COLLECTIVE, PERSON, STORY, TAXONOMY, ContentKind

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
# Beside the VS Code settings that map them, so the repository keeps its fixed top-level layout.
SCHEMA_DIR = ".vscode/schemas"


def _target(kind: ContentKind) -> Any:
    return list.__class_getitem__(kind.model) if kind.listed else kind.model


SCHEMAS: dict[str, tuple[Any, str, str]] = {
    kind.name: (_target(kind), kind.schema_title, kind.glob)
    for kind in (PERSON, COLLECTIVE, BOOK, TAXONOMY, STORY)
}


def _draft07(schema: dict[str, Any]) -> dict[str, Any]:
    text = json.dumps(schema).replace('"#/$defs/', '"#/definitions/')
    converted: dict[str, Any] = json.loads(text)
    if "$defs" in converted:
        converted["definitions"] = converted.pop("$defs")
    return converted


def schema_for(name: str) -> dict[str, Any]:
    target, title, _glob = SCHEMAS[name]
    if isinstance(target, type) and issubclass(target, BaseModel):
        raw = target.model_json_schema(mode="validation")
    else:
        raw = TypeAdapter(target).json_schema(mode="validation")
    schema = _draft07(raw)
    return {
        "$schema": DRAFT_07,
        "title": title,
        **{k: v for k, v in schema.items() if k != "title"},
    }


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in SCHEMAS:
        path = out / f"{name}.schema.json"
        path.write_text(
            json.dumps(schema_for(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        written.append(path)
    return written


def vscode_yaml_schemas(schema_dir: str = SCHEMA_DIR) -> dict[str, str]:
    """The `yaml.schemas` mapping for .vscode/settings.json (VS Code skips front matter)."""
    return {
        f"./{schema_dir}/{name}.schema.json": glob
        for name, (_t, _title, glob) in SCHEMAS.items()
        if glob.endswith(".yml")
    }
