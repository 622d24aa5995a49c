"""JSON Schema (draft-07) for the content files, for completion and checking as editors type.

Generated from the same pydantic models `guongsang check` validates with, so an editor's
hints never disagree with the checker; titles, descriptions and error messages are in
Vietnamese (generator/labels.py, the models' descriptions). With the content at hand the
schemas also list the ids an editor may refer to: fields, movements, collectives, subjects.

yaml-language-server (VS Code's YAML extension) reads `title`, `description` /
`markdownDescription`, `enumDescriptions` / `markdownEnumDescriptions`, `errorMessage` (in
place of its English message for a type, enum, required or unknown-key problem at that
node) and `patternErrorMessage`; other keys are ignored by it and harmless to other tools.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, TypeAdapter

from generator.kinds import BOOK, COLLECTIVE, PERSON, STORY, TAXONOMY, ContentKind
from generator.labels import MODEL_LABELS, key_label
from generator.models import AWARD_LEVEL_LABELS

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
# Beside the VS Code settings that map them; generated (they list the content's ids), so
# .ci/setup and `guongsang new` write them and Git ignores them.
SCHEMA_DIR = ".vscode/schemas"


def _target(kind: ContentKind) -> Any:
    return list.__class_getitem__(kind.model) if kind.listed else kind.model


SCHEMAS: dict[str, tuple[Any, str, str]] = {
    kind.name: (_target(kind), kind.schema_title, kind.glob)
    for kind in (PERSON, COLLECTIVE, BOOK, TAXONOMY, STORY)
}
CTRL_SPACE = "bấm Ctrl+Space để xem gợi ý"


@dataclass(frozen=True, slots=True)
class KnownIds:
    """Ids an editor may refer to, each with the name shown beside it in the editor."""

    fields: Mapping[str, str] = field(default_factory=dict)
    movements: Mapping[str, str] = field(default_factory=dict)
    collectives: Mapping[str, str] = field(default_factory=dict)
    people: Mapping[str, str] = field(default_factory=dict)

    @property
    def subjects(self) -> dict[str, str]:
        return {**self.people, **self.collectives}


def known_ids(content_root: Path) -> KnownIds:
    """The ids of a content tree, read with the checker's own loader."""
    from generator.load import load_content

    content, _report = load_content(content_root)
    return KnownIds(
        fields={entry.id: entry.name for entry in content.fields},
        movements={entry.id: entry.name for entry in content.movements},
        collectives={c.id: c.model.name for c in content.collectives},
        people={p.id: p.model.name for p in content.people},
    )


def _models(root: Any) -> Iterator[type[BaseModel]]:
    """Every model class reachable from `root`, which become the schema's definitions."""
    seen: set[type[BaseModel]] = set()
    stack = [root]
    while stack:
        current = stack.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            if current in seen:
                continue
            seen.add(current)
            yield current
            stack.extend(f.annotation for f in current.model_fields.values())
        else:
            stack.extend(get_args(current))


def _without_null(prop: dict[str, Any]) -> dict[str, Any]:
    """`X | None` is "may be left out" for an editor: offer X, never a `null` placeholder."""
    alternatives = prop.get("anyOf")
    if isinstance(alternatives, list):
        kept = [a for a in alternatives if a != {"type": "null"}]
        if len(kept) < len(alternatives):
            prop = {k: v for k, v in prop.items() if k != "anyOf"}
            if len(kept) == 1:
                prop.update(kept[0])
            else:
                prop["anyOf"] = kept
    if prop.get("default", 0) is None:
        prop.pop("default")
    return prop


def _value_rule(prop: Mapping[str, Any]) -> str:
    if "pattern" in prop and str(prop["pattern"]).startswith("^\\d{4}"):
        return (
            "ngày dạng NĂM-THÁNG-NGÀY, ví dụ `2024-01-18` (nguồn chỉ ghi tháng hay năm: "
            "`2024-01`, `2024`)"
        )
    kind = prop.get("type")
    if kind == "integer":
        return "số viết bằng chữ số, không có dấu chấm hay phẩy, ví dụ `2024`"
    if kind == "boolean":
        return "`true` (có) hoặc `false` (không)"
    if kind == "array":
        least = prop.get("minItems")
        more = f", ít nhất {least} mục" if least else ""
        return f"danh sách, mỗi mục một dòng bắt đầu bằng `- `{more}"
    if kind == "string":
        longest = prop.get("maxLength")
        return f"văn bản, tối đa {longest} ký tự" if longest else "văn bản"
    return "xem gợi ý"


def _describe_property(model: type[BaseModel], key: str, prop: dict[str, Any]) -> dict[str, Any]:
    prop = _without_null(prop)
    label = key_label(model.__name__, key)
    description = model.model_fields[key].description or label
    prop["title"] = label
    prop["description"] = description
    prop["markdownDescription"] = f"**{label}** (`{key}`): {description}"
    if "$ref" not in prop and "enum" not in prop:
        prop["errorMessage"] = f"{label} (`{key}`): {_value_rule(prop)}"
    if "pattern" in prop:
        prop["patternErrorMessage"] = prop["errorMessage"]
    return prop


def _describe_object(model: type[BaseModel], schema: dict[str, Any]) -> None:
    title, description = MODEL_LABELS.get(model.__name__, (model.__name__, ""))
    schema["title"] = title
    schema["description"] = description or title
    properties: dict[str, Any] = schema.get("properties", {})
    for key, prop in list(properties.items()):
        properties[key] = _describe_property(model, key, prop)
    required = ", ".join(f"`{key}`" for key in schema.get("required", []))
    needs = f"; khóa bắt buộc: {required}" if required else ""
    # One message for every problem of the object itself: wrong key, missing key, wrong shape.
    schema["errorMessage"] = (
        f"{title}: là một nhóm khóa, mỗi dòng `khóa: giá trị`{needs}; chỉ dùng các khóa "
        f"được gợi ý ({CTRL_SPACE})"
    )


def _enum(
    values: Mapping[str, str], what: str, where: str, *, strict: bool = True
) -> dict[str, Any]:
    ids = sorted(values)
    names = [values[i] for i in ids]
    listed: dict[str, Any] = {
        "enum": ids,
        "enumDescriptions": names,
        "markdownEnumDescriptions": [f"**{n}**" if n else "" for n in names],
        "errorMessage": f"không có {what} mã này trong {where}; {CTRL_SPACE}",
    }
    if strict or not ids:
        return {"type": "string", **listed}
    # Records come and go with every pull request: offer the known ones, accept any id, and
    # leave unknown ones to `guongsang check`, which knows the records of the same commit.
    return {
        "type": "string",
        "anyOf": [listed, {"pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}],
        "errorMessage": f"mã {what}: chữ thường không dấu, chữ số và dấu `-`; {CTRL_SPACE}",
    }


def _set_items(schema: dict[str, Any], path: tuple[str, ...], items: dict[str, Any]) -> None:
    node: Any = schema
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict) and "items" in node:
        node["items"] = items


def _add_ids(name: str, schema: dict[str, Any], ids: KnownIds) -> None:
    taxonomy = "content/taxonomies/"
    if name in {"person", "collective"}:
        props = ("properties",)
        _set_items(
            schema, (*props, "fields"), _enum(ids.fields, "lĩnh vực", f"{taxonomy}fields.yml")
        )
        _set_items(
            schema,
            (*props, "movements"),
            _enum(ids.movements, "phong trào", f"{taxonomy}movements.yml"),
        )
    if name == "person":
        _set_items(
            schema,
            ("properties", "member_of"),
            _enum(ids.collectives, "tập thể", "content/collectives/", strict=False),
        )
    if name == "story":
        _set_items(
            schema,
            ("properties", "subjects"),
            _enum(ids.subjects, "cá nhân hay tập thể", "content/", strict=False),
        )


def _award_levels(schema: dict[str, Any]) -> None:
    level = schema.get("definitions", {}).get("AwardLevel")
    if level is None:
        return
    labels = list(AWARD_LEVEL_LABELS.values())
    listed = ", ".join(f"`{lvl.value}` ({lbl})" for lvl, lbl in AWARD_LEVEL_LABELS.items())
    level.update(
        title="Cấp khen",
        description="Cấp khen thưởng, ghi bằng mã",
        enumDescriptions=labels,
        markdownEnumDescriptions=[f"**{label}**" for label in labels],
        errorMessage=f"cấp khen ghi bằng mã: {listed}",
    )


def _draft07(schema: dict[str, Any]) -> dict[str, Any]:
    text = json.dumps(schema).replace('"#/$defs/', '"#/definitions/')
    converted: dict[str, Any] = json.loads(text)
    if "$defs" in converted:
        converted["definitions"] = converted.pop("$defs")
    return converted


def schema_for(name: str, ids: KnownIds | None = None) -> dict[str, Any]:
    target, title, _glob = SCHEMAS[name]
    if isinstance(target, type) and issubclass(target, BaseModel):
        raw = target.model_json_schema(mode="validation")
    else:
        raw = TypeAdapter(target).json_schema(mode="validation")
    schema = _draft07(raw)
    definitions: dict[str, Any] = schema.get("definitions", {})
    for model in _models(target):
        node = definitions.get(model.__name__)
        if node is None and isinstance(target, type) and model is target:
            node = schema
        if node is not None:
            _describe_object(model, node)
    _award_levels(schema)
    if ids is not None:
        _add_ids(name, schema, ids)
    return {**schema, "$schema": DRAFT_07, "title": title}


def write_schemas(out: Path, ids: KnownIds | None = None) -> list[Path]:
    """Write every schema; each file is replaced whole, so an editor never reads half of one."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in SCHEMAS:
        path = out / f"{name}.schema.json"
        text = json.dumps(schema_for(name, ids), ensure_ascii=False, indent=2, sort_keys=True)
        staging = path.with_name(f".{path.name}.tmp")
        staging.write_text(text + "\n", encoding="utf-8")
        staging.replace(path)
        written.append(path)
    return written


def vscode_yaml_schemas(schema_dir: str = SCHEMA_DIR) -> dict[str, str]:
    """The `yaml.schemas` mapping for .vscode/settings.json.

    The story schema is mapped too: VS Code's YAML extension does not open Markdown files
    (redhat-developer/vscode-yaml#207), but other clients of the same server may.
    """
    return {
        f"./{schema_dir}/{name}.schema.json": glob for name, (_t, _title, glob) in SCHEMAS.items()
    }
