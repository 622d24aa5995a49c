"""`guongsang new` templates: every optional key can be switched on without a surprise."""

from __future__ import annotations

import re

import pytest

from generator.fields import PartialDate
from generator.scaffold import render_template
from generator.strict_yaml import parse_yaml


def _switch_everything_on(text: str) -> str:
    """What an editor does to use every optional key: drop the `# ` before each key line."""
    return re.sub(r"^(\s*)# (\s*(?:- )?[a-z_]+:)", r"\1\2", text, flags=re.M)


@pytest.mark.parametrize("kind", ["person", "collective", "story"])
def test_every_key_switched_on_reads_without_warnings(kind: str) -> None:
    """With every optional key uncommented the template is still one clean YAML mapping."""
    text = render_template(kind, "Tên thử", PartialDate(2024, 1, 18))
    if kind == "story":
        text = text.split("---\n")[1]
    doc = parse_yaml(_switch_everything_on(text))
    assert doc.problems == [] and doc.warnings == []
    assert isinstance(doc.data, dict) and "tags" in doc.data
    if kind != "story":
        assert doc.data["awards"][0]["level"] == "tinh"
        assert set(doc.data["place"]) == {"province", "district", "commune", "detail"}
