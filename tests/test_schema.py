"""The guide's examples and the schema agree with the models `check` validates with."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.models import Photo
from generator.schema import KnownIds, schema_for
from generator.strict_yaml import parse_yaml

REPO = Path(__file__).resolve().parent.parent


def test_guide_photo_example_is_block_style_and_valid() -> None:
    """CONTRIBUTING's photo example is written key by key and is a valid photo."""
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^( *)```yaml\n(.*?)^\1```", guide, flags=re.M | re.S)
    photo = next(re.sub(rf"^{i}", "", b, flags=re.M) for i, b in blocks if "photo:" in b)
    doc = parse_yaml(photo)
    assert doc.problems == [] and doc.warnings == []
    Photo.model_validate(doc.data["photo"])
    assert "{" not in photo


def test_every_property_has_a_vietnamese_title_and_message() -> None:
    """No English title from the model's field names survives in any schema."""
    for name in ("person", "collective", "story", "book", "taxonomy"):
        text = json.dumps(schema_for(name), ensure_ascii=False)
        schema = json.loads(text)
        for definition in [schema, *schema.get("definitions", {}).values()]:
            for key, prop in definition.get("properties", {}).items():
                assert prop["title"] != key.replace("_", " ").title(), (name, key)
                assert "errorMessage" in prop or "$ref" in prop or "enum" in prop, (name, key)
        assert '"default": null' not in text


def test_ids_enum_is_strict_for_taxonomies_and_open_for_records() -> None:
    """Fields must be known; a subject may be a record newer than the schema."""
    ids = KnownIds(fields={"giao-duc": "Giáo dục"}, people={"nguyen-van-an": "Nguyễn Văn An"})
    person = schema_for("person", ids)
    assert person["properties"]["fields"]["items"]["enum"] == ["giao-duc"]
    story = schema_for("story", ids)
    alternatives = story["properties"]["subjects"]["items"]["anyOf"]
    assert alternatives[0]["enumDescriptions"] == ["Nguyễn Văn An"]
    assert alternatives[1] == {"pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}


def test_every_key_has_a_vietnamese_label() -> None:
    """A key added to a model without a label in generator/labels.py fails here first."""
    from generator.labels import key_label
    from generator.schema import SCHEMAS, _models

    missing = [
        f"{model.__name__}.{key}"
        for target, _title, _glob in SCHEMAS.values()
        for model in _models(target)
        for key, info in model.model_fields.items()
        if not info.title and key_label(model.__name__, key) == key
    ]
    assert missing == []
