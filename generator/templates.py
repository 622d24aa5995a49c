"""The Jinja environment both writers render with: escaped, strict, and one vocabulary."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Expr
from markupsafe import escape

from generator.text import capitalize_first, shorten
from generator.vocabulary import FACT_LABELS, award_level_phrase


def escape_output(value: object) -> str:
    """What `markupsafe.escape` writes for `{{ value }}`, as a plain string.

    Jinja wraps every value a template prints in `Markup` (two Python-level calls, and an
    object), only to join the pieces into one string at once: a sixth of the time of a page
    body. Plain text, nearly every value, is escaped here with the same five replacements
    (tests/test_escape.py compares the two); anything else (Markup, numbers, dates) goes
    through markupsafe itself."""
    if value.__class__ is not str:
        return str(escape(value))
    text: str = value
    return (
        text.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


class _CodeGenerator(CodeGenerator):
    """Compiles the printing of a value in an autoescaped template to `escape_output`
    (the other cases, and macros, blocks and `set` blocks, which wrap what they collect
    in Markup themselves, stay as Jinja writes them)."""

    def _output_child_pre(self, node: Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile and finalize.src is None:
            self.write("environment.escape_output(")
        else:
            super()._output_child_pre(node, frame, finalize)


class _Environment(Environment):
    code_generator_class = _CodeGenerator
    escape_output = staticmethod(escape_output)


def environment(template_dir: Path) -> Environment:
    """Templates under `template_dir`; every value is escaped and a missing one is an error."""
    env = _Environment(
        loader=FileSystemLoader(template_dir),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Every compiled template kept in a plain dict (a theme has a dozen): Jinja's default
        # LRU cache takes a lock on each get_template, `extends` and `import`, three a page.
        cache_size=-1,
    )
    env.filters["capitalize_first"] = capitalize_first
    env.filters["shorten"] = shorten
    # `labels.position` on an object: on a dict, Jinja's attribute lookup raises and catches
    # an AttributeError before it tries the key, for every label on every profile.
    labels = SimpleNamespace(**FACT_LABELS)
    env.globals.update(labels=labels, award_level_phrase=award_level_phrase)
    return env
