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
    # People and collectives by id (the first of a clash), partial ones included: a story
    # about a record whose file has an error is not about an unknown id.
    records: Mapping[str, AnyRecord]
    stories: Mapping[str, LoadedStory]
    collective_ids: frozenset[str]
    field_ids: frozenset[str]
    movement_ids: frozenset[str]

    @classmethod
    def of(cls, content: Content, resolver: PlaceResolver) -> Context:
        records: dict[str, AnyRecord] = {}
        for record in (*content.people, *content.collectives, *content.partial_records):
            records.setdefault(record.id, record)
        return cls(
            content=content,
            root=content.root.resolve(),
            resolver=resolver,
            records=MappingProxyType(records),
            stories=MappingProxyType({story.id: story for story in content.stories}),
            collective_ids=frozenset(
                r.id for r in records.values() if isinstance(r.model, Collective)
            ),
            field_ids=frozenset(entry.id for entry in content.fields),
            movement_ids=frozenset(entry.id for entry in content.movements),
        )

    def all_records(self) -> list[AnyRecord]:
        """The records that loaded whole."""
        return [*self.content.people, *self.content.collectives]

    def checkable_records(self) -> list[AnyRecord]:
        """Whole and partial records: what parsed of a failed file is checked too."""
        return [*self.all_records(), *self.content.partial_records]

    def checkable_stories(self) -> list[LoadedStory]:
        return [*self.content.stories, *self.content.partial_stories]


def suggest(value: str, choices: Iterable[str]) -> str:
    """ "; có phải ý bạn là `a`, `b`?" for the closest choices, or nothing."""
    close = difflib.get_close_matches(value, list(choices), n=3, cutoff=0.6)
    return f"; có phải ý bạn là {', '.join(f'`{c}`' for c in close)}?" if close else ""


def repeated(value: str) -> str:
    """The message for an id written twice in one list (writers index by these lists)."""
    return f"mã `{value}` đã có ở trên trong danh sách này; hãy xóa dòng lặp lại"
