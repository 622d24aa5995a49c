"""The assembled book, before any engine sees it: what goes where, in what order.

Text stays Markdown here because each engine resolves images, links and footnotes its own
way (a PDF references files under `content/`, an EPUB its own copies).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator.index import Record, Story
from generator.models import Award, Book, Source


@dataclass(frozen=True, slots=True)
class Markdown:
    text: str
    source: Path  # the file it came from: relative images resolve against its folder
    footnote_prefix: str  # keeps footnote ids unique when many texts share one document


@dataclass(frozen=True, slots=True)
class Profile:
    """The facts box of one record."""

    record: Record
    awards: tuple[Award, ...]  # oldest first, as a timeline reads
    field_names: tuple[str, ...]
    movement_names: tuple[str, ...]
    member_of: tuple[str, ...]  # names of the collectives a person belongs to
    # The record's sources, less those a story of the same entry already prints as its own.
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryItem:
    story: Story
    anchor: str
    body: Markdown
    # A story about several entries is printed once; later entries point back to it.
    printed_at: str | None = None
    # Whom it is about, when more than one: printed under its title, so that the name
    # index, which sends each of them to this page, finds their name there.
    subjects: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Entry:
    anchor: str
    title: str
    running_title: str  # short enough for a running header
    kind: Literal["record", "story"]  # a selected record, or a story listed by the book
    profiles: tuple[Profile, ...]
    stories: tuple[StoryItem, ...]


@dataclass(frozen=True, slots=True)
class Part:
    anchor: str
    title: str
    intro: Markdown | None
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class IndexRef:
    anchor: str
    label: str  # the entry's title: link text where there are no page numbers


@dataclass(frozen=True, slots=True)
class IndexItem:
    term: str
    note: str | None
    refs: tuple[IndexRef, ...]


@dataclass(frozen=True, slots=True)
class IndexGroup:
    heading: str
    items: tuple[IndexItem, ...] = ()
    former: tuple[str, ...] = ()  # places: the provinces merged into this one in 2025
    see: str | None = None  # places: an old province name pointing at its current one


@dataclass(frozen=True, slots=True)
class BookDocument:
    id: str
    book: Book
    foreword: Markdown | None
    parts: tuple[Part, ...]
    people_index: tuple[IndexGroup, ...]
    place_index: tuple[IndexGroup, ...]

    def entries(self) -> list[Entry]:
        return [entry for part in self.parts for entry in part.entries]

    def story_anchors(self) -> dict[str, str]:
        """Story id → anchor of the one place the story is printed in full."""
        return {
            item.story.id: item.anchor
            for entry in self.entries()
            for item in entry.stories
            if item.printed_at is None
        }
