"""The Jinja environment both writers render with: escaped, strict, and one vocabulary."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.text import capitalize_first, shorten
from generator.vocabulary import FACT_LABELS, award_level_phrase


def environment(template_dir: Path) -> Environment:
    """Templates under `template_dir`; every value is escaped and a missing one is an error."""
    env = Environment(
        loader=FileSystemLoader(template_dir),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["capitalize_first"] = capitalize_first
    env.filters["shorten"] = shorten
    env.globals.update(labels=FACT_LABELS, award_level_phrase=award_level_phrase)
    return env
