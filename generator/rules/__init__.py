"""Validation rules: each module checks one concern over one read-only `Context`.

A rule is a function `check(context, findings)`; it reads the loaded content through the
context and adds what it finds to `findings` (diagnostics, and the places it resolved).
`RULES` is the order they run in; the report is sorted by file and line before it is shown,
so the order only matters for rules that read what an earlier one found.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.rules import bodies, books, characters, ids, images, places, references
from generator.rules.context import Context, Validation

__all__ = ["RULES", "Context", "Rule", "Validation"]

Rule = Callable[[Context, Validation], None]

RULES: tuple[Rule, ...] = (
    ids.check_file_ids,
    ids.check_taxonomy_ids,
    references.check_records,
    places.check,
    images.check_record_photos,
    references.check_story_subjects,
    images.check_story_images,
    bodies.check_stories,
    characters.check_text_values,
    books.check,
    images.check_image_files,
)
