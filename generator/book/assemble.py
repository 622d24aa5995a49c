"""Book definition + index → `BookDocument`: which records and stories, in what order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from generator.book.document import (
    BookDocument,
    Entry,
    IndexGroup,
    IndexItem,
    IndexRef,
    Markdown,
    Part,
    Profile,
    StoryItem,
)
from generator.book.errors import BookError
from generator.index import Index, Record, SortKey, Story
from generator.models import BookPart, Person, Selection, Source
from generator.text import shorten
from generator.vietnamese import fold, name_sort_key, sort_key, standard_tone_style
from generator.vocabulary import award_order, name_letter

RUNNING_TITLE_LIMIT = 60


def assemble(index: Index, book_id: str) -> BookDocument:
    book = index.books[book_id]
    texts = _Texts(index)
    assembler = _Assembler(index, texts)
    parts = tuple(assembler.part(number, part) for number, part in enumerate(book.parts, 1))
    foreword = None
    if book.foreword is not None:
        foreword = texts.markdown(book.foreword, "loi-gioi-thieu")
    return BookDocument(
        id=book_id,
        book=book,
        foreword=foreword,
        parts=parts,
        people_index=assembler.people_index(),
        place_index=assembler.place_index(),
    )


class _Texts:
    """The Markdown files a book names, found the way validation found them."""

    def __init__(self, index: Index) -> None:
        self.root = index.root
        self.by_path = {path.resolve(): text for path, text in index.text_files.items()}

    def markdown(self, rel: str, prefix: str) -> Markdown:
        path = self.root / rel
        text = self.by_path.get(path.resolve())
        if text is None:
            raise BookError(f"không đọc được tệp `{rel}` mà sách dùng")
        return Markdown(text, path, prefix)


def matches(index: Index, record: Record, select: Selection) -> bool:
    """Whether `select` picks `record`: every given condition holds, any value within one."""
    model = record.model
    if select.kind is not None and record.kind != select.kind:
        return False
    if select.provinces and fold(record.place.province.name) not in {
        fold(name) for name in select.provinces
    }:
        return False
    if select.fields and not set(select.fields) & set(model.fields):
        return False
    if select.movements and not set(select.movements) & set(model.movements):
        return False
    if select.years:
        first, last = select.years[0], select.years[-1]
        years = {award.year for award in model.awards}
        years |= {story.model.date.year for story in index.stories_by_subject.get(record.id, [])}
        if not any(first <= year <= last for year in years):
            return False
    if select.min_award_level is not None:
        top = record.top_award_level
        if top is None or top.rank < select.min_award_level.rank:
            return False
    return True


def _order_key(index: Index, order: str) -> Callable[[Record], SortKey]:
    if order == "date":
        # Newest story first, as the site lists them; records without stories go last.
        def by_date(record: Record) -> SortKey:
            stories = index.stories_by_subject.get(record.id, [])
            newest = max((s.model.date.toordinal() for s in stories), default=None)
            return (newest is None, -(newest or 0), record.sort_key, record.id)

        return by_date
    if order == "province":
        return lambda record: (
            sort_key(record.place.province.name),
            record.sort_key,
            record.id,
        )
    return lambda record: (record.sort_key, record.id)


def _chronological(stories: Iterable[Story]) -> list[Story]:
    return sorted(stories, key=lambda s: (s.model.date.toordinal(), sort_key(s.title), s.id))


def running_title(title: str, limit: int = RUNNING_TITLE_LIMIT) -> str:
    """A title cut at a word boundary so a running header stays on one line."""
    return shorten(title, limit)


@dataclass(slots=True)
class _Refs:
    """Index references per record, once per entry, in book order."""

    by_record: dict[str, list[IndexRef]] = field(default_factory=dict)
    seen: set[tuple[str, str]] = field(default_factory=set)

    def add(self, record_id: str, entry: Entry, anchor: str) -> None:
        if (record_id, entry.anchor) in self.seen:
            return
        self.seen.add((record_id, entry.anchor))
        self.by_record.setdefault(record_id, []).append(IndexRef(anchor, entry.title))


class _Assembler:
    def __init__(self, index: Index, texts: _Texts) -> None:
        self.index = index
        self.texts = texts
        self.printed: dict[str, str] = {}  # story id → anchor of its one full printing
        self.people = _Refs()
        self.places = _Refs()

    def part(self, number: int, part: BookPart) -> Part:
        anchor = f"phan-{number}"
        intro = None
        if part.intro is not None:
            intro = self.texts.markdown(part.intro, f"{anchor}-gioi-thieu")
        if part.select is not None:
            select = part.select
            records = [r for r in self.index.all_records() if matches(self.index, r, select)]
            records.sort(key=_order_key(self.index, part.order))
            entries = tuple(self.record_entry(f"{anchor}-{r.id}", r) for r in records)
        else:
            stories = [self.index.story_by_id[s] for s in part.stories]
            entries = tuple(self.story_entry(f"{anchor}-{s.id}", s) for s in stories)
        return Part(anchor, part.title, intro, entries)

    def record_entry(self, anchor: str, record: Record) -> Entry:
        stories = _chronological(self.index.stories_by_subject.get(record.id, []))
        items = tuple(self.story_item(story) for story in stories)
        entry = Entry(
            anchor=anchor,
            title=record.name,
            running_title=running_title(record.name),
            kind="record",
            profiles=(self.profile(record, _printed_sources(items)),),
            stories=items,
        )
        self.places.add(record.id, entry, anchor)
        if record.kind == "person":
            self.people.add(record.id, entry, anchor)
        for item in entry.stories:
            if item.printed_at is None:
                for subject in self.index.subjects_of(item.story):
                    if subject.kind == "person":
                        self.people.add(subject.id, entry, item.anchor)
        return entry

    def story_entry(self, anchor: str, story: Story) -> Entry:
        subjects = self.index.subjects_of(story)
        items = (self.story_item(story),)
        printed = _printed_sources(items)
        entry = Entry(
            anchor=anchor,
            title=story.title,
            running_title=running_title(story.title),
            kind="story",
            profiles=tuple(self.profile(record, printed) for record in subjects),
            stories=items,
        )
        for record in subjects:
            self.places.add(record.id, entry, anchor)
            if record.kind == "person":
                self.people.add(record.id, entry, anchor)
        return entry

    def story_item(self, story: Story) -> StoryItem:
        anchor = f"bai-{story.id}"
        subjects = self.index.subjects_of(story)
        printed_at = self.printed.get(story.id)
        if printed_at is None:
            self.printed[story.id] = anchor
        return StoryItem(
            story=story,
            anchor=anchor,
            # The house tone-mark style (`hòa`, `thủy`), which every YAML string already has.
            body=Markdown(standard_tone_style(story.body), story.path, story.id),
            printed_at=printed_at,
            subjects=tuple(r.name for r in subjects) if len(subjects) > 1 else (),
        )

    def profile(self, record: Record, printed: frozenset[SourceKey] = frozenset()) -> Profile:
        model = record.model
        member_of: tuple[str, ...] = ()
        if isinstance(model, Person):
            member_of = tuple(
                self.index.records[c].name for c in model.member_of if c in self.index.records
            )
        return Profile(
            record=record,
            awards=tuple(sorted(model.awards, key=award_order)),
            field_names=tuple(
                self.index.fields[f].name for f in model.fields if f in self.index.fields
            ),
            movement_names=tuple(
                self.index.movements[m].name for m in model.movements if m in self.index.movements
            ),
            member_of=member_of,
            sources=tuple(s for s in model.sources if source_key(s) not in printed),
        )

    def people_index(self) -> tuple[IndexGroup, ...]:
        records = sorted(
            (self.index.records[rid] for rid in self.people.by_record),
            key=lambda r: (name_sort_key(r.name), r.id),
        )
        names = [fold(r.name) for r in records]
        groups: dict[str, list[IndexItem]] = {}
        for record in records:
            # Two people of the same name are told apart by where they are.
            note = record.place.province.name if names.count(fold(record.name)) > 1 else None
            item = IndexItem(record.name, note, tuple(self.people.by_record[record.id]))
            groups.setdefault(name_letter(record.name)[1], []).append(item)
        return tuple(IndexGroup(letter, tuple(items)) for letter, items in groups.items())

    def place_index(self) -> tuple[IndexGroup, ...]:
        by_province: dict[str, list[Record]] = {}
        see: dict[str, str] = {}
        for rid in self.places.by_record:
            record = self.index.records[rid]
            province = record.place.province
            by_province.setdefault(province.slug, []).append(record)
            old = record.place.old_province
            if old and fold(old) != fold(province.name):
                see.setdefault(old, province.name)
        groups: list[IndexGroup] = []
        for records in by_province.values():
            province = records[0].place.province
            items = tuple(
                IndexItem(r.name, _place_note(r), tuple(self.places.by_record[r.id]))
                for r in sorted(records, key=lambda r: (r.sort_key, r.id))
            )
            former = tuple(f for f in province.former if fold(f) != fold(province.name))
            groups.append(IndexGroup(province.name, items, former=former))
        groups.extend(IndexGroup(old, see=current) for old, current in see.items())
        return tuple(sorted(groups, key=lambda g: (sort_key(g.heading), g.see is not None)))


SourceKey = tuple[str, str | None, str | None, str | None]


def source_key(source: Source) -> SourceKey:
    """What a printed source line shows: two sources alike in it print the same line."""
    return (
        source.publisher,
        source.title,
        source.author,
        source.date.isoformat() if source.date else None,
    )


def _printed_sources(items: Iterable[StoryItem]) -> frozenset[SourceKey]:
    return frozenset(
        source_key(item.story.model.source)
        for item in items
        if item.printed_at is None and item.story.model.source is not None
    )


def _place_note(record: Record) -> str | None:
    """The place as the source named it, unless that is just the province's own name."""
    place = record.place
    if fold(place.as_named) == fold(place.province.full_name):
        return None
    return place.as_named
