"""Checks across files: ids, references, places, files, story bodies and books.

The checks themselves are the rule modules of `generator.rules`; this runs them in order
over one read-only context and hands back what they found.
"""

from __future__ import annotations

from functools import cache

from generator.load import Content
from generator.places import PlaceResolver
from generator.rules import RULES, Context, Validation

__all__ = ["Validation", "shared_resolver", "validate"]


@cache
def shared_resolver() -> PlaceResolver:
    """One resolver per process: its cache of resolved places outlives each rebuild."""
    return PlaceResolver()


def validate(content: Content, resolver: PlaceResolver | None = None) -> Validation:
    context = Context.of(content, resolver or shared_resolver())
    validation = Validation()
    for rule in RULES:
        rule(context, validation)
    return validation
