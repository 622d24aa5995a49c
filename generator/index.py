"""One in-memory index of published content: lookups, relations, resolved places, listings.

Both writers (site and book) read only this. Drafts never enter it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from generator.kinds import PAGE_KINDS
from generator.load import Content, Loaded
from generator.models import AwardLevel, Book, Collective, Person, StoryMeta, TaxonomyEntry
from generator.places import Province, ResolvedPlace, current_provinces
from generator.site import urls
from generator.validate import Validation
from generator.vietnamese import name_sort_key, sort_key

Kind = Literal["person", "collective"]
# Read from the kinds table, by the kind's name, for the writers that look them up that way.
KIND_LABELS: dict[str, str] = {k.name: k.label for k in PAGE_KINDS}
KIND_URL: dict[str, str] = {k.name: k.url_segment for k in PAGE_KINDS if k.url_segment}

SortKey = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    kind: Kind
    model: Person | Collective
    place: ResolvedPlace
    path: Path

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def url(self) -> str:
        return urls.page(self.kind, self.id)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def top_award_level(self) -> AwardLevel | None:
        levels = [award.level for award in self.model.awards]
        return max(levels, key=lambda level: level.rank) if levels else None

    @property
    def sort_key(self) -> SortKey:
        if self.kind == "person":
            return name_sort_key(self.name)
        return (sort_key(self.name), sort_key(""))


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    model: StoryMeta
    body: str
    body_line: int
    path: Path

    @property
    def title(self) -> str:
        return self.model.title

    @property
    def url(self) -> str:
        return urls.page("story", self.id)

    @property
    def sort_key(self) -> SortKey:
        # Newest first; the title breaks ties so the order never depends on file order.
        return (-self.model.date.toordinal(), sort_key(self.title))


@dataclass(slots=True)
class Index:
    root: Path
    records: dict[str, Record] = field(default_factory=dict)
    people: list[Record] = field(default_factory=list)
    collectives: list[Record] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    story_by_id: dict[str, Story] = field(default_factory=dict)
    fields: dict[str, TaxonomyEntry] = field(default_factory=dict)
    movements: dict[str, TaxonomyEntry] = field(default_factory=dict)
    stories_by_subject: dict[str, list[Story]] = field(default_factory=dict)
    members_of: dict[str, list[Record]] = field(default_factory=dict)
    by_province: dict[str, list[Record]] = field(default_factory=dict)
    by_field: dict[str, list[Record]] = field(default_factory=dict)
    by_movement: dict[str, list[Record]] = field(default_factory=dict)
    by_award_level: dict[AwardLevel, list[Record]] = field(default_factory=dict)
    provinces: dict[str, Province] = field(default_factory=dict)
    books: dict[str, Book] = field(default_factory=dict)
    text_files: dict[Path, str] = field(default_factory=dict)

    def all_records(self) -> list[Record]:
        """People and collectives together, in Vietnamese name order."""
        return sorted(self.records.values(), key=lambda r: r.sort_key)

    def subjects_of(self, story: Story) -> list[Record]:
        return [self.records[s] for s in story.model.subjects if s in self.records]


def build_index(content: Content, validation: Validation) -> Index:
    """Assumes validation passed: every reference resolves and every place is resolved."""
    index = Index(root=content.root)
    index.fields = {entry.id: entry for entry in content.fields}
    index.movements = {entry.id: entry for entry in content.movements}
    index.provinces = {p.slug: p for p in current_provinces()}
    index.text_files = dict(content.text_files)
    index.books = {book.id: book.model for book in content.books}
    index.people = _published_records(content.people, "person", validation)
    index.collectives = _published_records(content.collectives, "collective", validation)
    index.records = {r.id: r for r in (*index.people, *index.collectives)}
    index.stories = sorted(
        (
            Story(s.id, s.model, s.body, s.body_line, s.path)
            for s in content.stories
            if s.model.published
        ),
        key=lambda s: s.sort_key,
    )
    index.story_by_id = {s.id: s for s in index.stories}
    _relate_stories(index)
    _relate_records(index)
    return index


def _published_records(
    loaded: Sequence[Loaded[Person]] | Sequence[Loaded[Collective]],
    kind: Kind,
    validation: Validation,
) -> list[Record]:
    records = [
        Record(item.id, kind, item.model, validation.places[item.id], item.path)
        for item in loaded
        if item.model.published
    ]
    return sorted(records, key=lambda r: r.sort_key)


def _relate_stories(index: Index) -> None:
    by_subject: defaultdict[str, list[Story]] = defaultdict(list)
    for story in index.stories:
        for subject in story.model.subjects:
            if subject in index.records:
                by_subject[subject].append(story)
    index.stories_by_subject = dict(by_subject)


def _relate_records(index: Index) -> None:
    members: defaultdict[str, list[Record]] = defaultdict(list)
    by_province: defaultdict[str, list[Record]] = defaultdict(list)
    by_field: defaultdict[str, list[Record]] = defaultdict(list)
    by_movement: defaultdict[str, list[Record]] = defaultdict(list)
    by_level: defaultdict[AwardLevel, list[Record]] = defaultdict(list)
    for record in index.all_records():
        by_province[record.place.province.slug].append(record)
        for field_id in record.model.fields:
            by_field[field_id].append(record)
        for movement_id in record.model.movements:
            by_movement[movement_id].append(record)
        for level in {award.level for award in record.model.awards}:
            by_level[level].append(record)
        if isinstance(record.model, Person):
            for collective_id in record.model.member_of:
                if collective_id in index.records:
                    members[collective_id].append(record)
    index.members_of = dict(members)
    index.by_province = dict(by_province)
    index.by_field = dict(by_field)
    index.by_movement = dict(by_movement)
    index.by_award_level = dict(by_level)
