"""What every rule reads (the loaded content, its ids, the place resolver) and what it writes."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from generator.diagnostics import Report
from generator.load import Content, Loaded, LoadedStory
from generator.models import Collective, Person
from generator.places import PlaceResolver, ResolvedPlace

AnyRecord = Loaded[Person] | Loaded[Collective]


@dataclass(slots=True)
class Validation:
    """What validation found: the diagnostics, and every record's resolved place."""

    report: Report = field(default_factory=Report)
    places: dict[str, ResolvedPlace] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Context:
    """The loaded content and the lookups every rule shares; no rule changes it."""

    content: Content
    root: Path  # the content folder, resolved
    resolver: PlaceResolver
    records: Mapping[str, AnyRecord]  # people and collectives by id (the first of a clash)
    stories: Mapping[str, LoadedStory]
    collective_ids: frozenset[str]
    field_ids: frozenset[str]
    movement_ids: frozenset[str]

    @classmethod
    def of(cls, content: Content, resolver: PlaceResolver) -> Context:
        records: dict[str, AnyRecord] = {}
        for person in content.people:
            records.setdefault(person.id, person)
        for collective in content.collectives:
            records.setdefault(collective.id, collective)
        return cls(
            content=content,
            root=content.root.resolve(),
            resolver=resolver,
            records=MappingProxyType(records),
            stories=MappingProxyType({story.id: story for story in content.stories}),
            collective_ids=frozenset(c.id for c in content.collectives),
            field_ids=frozenset(entry.id for entry in content.fields),
            movement_ids=frozenset(entry.id for entry in content.movements),
        )

    def all_records(self) -> list[AnyRecord]:
        return [*self.content.people, *self.content.collectives]


def suggest(value: str, choices: Iterable[str]) -> str:
    """ "; có phải ý bạn là `a`, `b`?" for the closest choices, or nothing."""
    close = difflib.get_close_matches(value, list(choices), n=3, cutoff=0.6)
    return f"; có phải ý bạn là {', '.join(f'`{c}`' for c in close)}?" if close else ""


def clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
