"""What the search index holds about each published record and story, read from the Index.

One document per person, collective and story, in the order the search page lists them when
nothing is typed: people and collectives in Vietnamese name order, then stories newest first.
Drafts are not in the Index, so they never become documents.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

from generator.index import KIND_URL, Index, Record, Story
from generator.markdown import plain_text
from generator.models import AwardLevel, Person
from generator.places import Province
from generator.site.urls import thumbnail
from generator.vietnamese import format_date, sort_key

# Facets, in the order the search page shows them; the ids are also its URL parameters.
KIND = "loai"
PROVINCE = "tinh"
FIELD = "linh-vuc"
MOVEMENT = "phong-trao"
AWARD_LEVEL = "cap"
YEAR = "nam"
FACET_LABELS: dict[str, str] = {
    KIND: "Loại",
    PROVINCE: "Tỉnh, thành phố",
    FIELD: "Lĩnh vực",
    MOVEMENT: "Phong trào",
    AWARD_LEVEL: "Cấp khen thưởng",
    YEAR: "Năm",
}

# Where a word occurs, best first: ranking weighs a name or title above the key facts, and
# those above the body of a story or the list of achievements.
TITLE, FACTS, BODY = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Document:
    kind: str  # "ca-nhan" | "tap-the" | "bai-viet", as in URLs
    url: str  # relative to the site root
    title: str
    place: str  # as the source named it, with "nay thuộc …"; "" for stories
    date: str  # stories: "12 tháng 6 năm 2023"; "" for records
    image: str | None  # the published card thumbnail of its photo, relative to the site root
    texts: tuple[str, str, str]  # by rank: TITLE, FACTS, BODY; one fact or paragraph a line
    excerpt: str  # what a result shows around the words found
    facets: dict[str, tuple[str, ...]]  # facet id → value ids (kind excepted)


def _lines(values: Iterable[str | None]) -> str:
    return "\n".join(value for value in values if value)


def _joined(texts: Iterable[str], separator: str) -> str:
    """The lines of `texts`, each with its spaces collapsed, the empty ones left out.
    Mapped in C, without a Python step per line: a fifth faster at 10,000 records."""
    lines = map(" ".join, map(str.split, "\n".join(texts).splitlines()))
    return separator.join(filter(None, lines))


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def record_document(index: Index, record: Record) -> Document:
    model = record.model
    place = record.place
    fields = [index.fields[f].name for f in model.fields]
    movements = [index.movements[m].name for m in model.movements]
    if isinstance(model, Person):
        roles = [model.position, model.organization]
        body_extra = [model.ethnicity]
    else:
        roles = [model.type, model.parent]
        body_extra = []
    facts = _lines(
        [
            model.summary,
            *roles,
            place.display(),
            # "xã Phú Lạc, tỉnh Bình Thuận" is found as "Lâm Đồng" too, where it is today.
            None if place.province.full_name in place.display() else place.province.full_name,
            *fields,
            *movements,
            *(award.title for award in model.awards),
            *(practice.name for practice in model.models),
            *model.tags,
        ]
    )
    body = _lines(
        [
            *model.achievements,
            *(practice.description for practice in model.models),
            *(award.issuer for award in model.awards),
            *body_extra,
        ]
    )
    levels = sorted({a.level for a in model.awards}, key=lambda level: -level.rank)
    return Document(
        kind=KIND_URL[record.kind],
        url=record.url,
        title=model.name,
        place=place.display(),
        date="",
        image=thumbnail(model.photo.file) if model.photo else None,
        texts=(model.name, facts, body),
        excerpt=_joined([facts, body], " · "),  # separate facts, not one run-on sentence
        facets={
            PROVINCE: (place.province.slug,),
            FIELD: tuple(model.fields),
            MOVEMENT: tuple(model.movements),
            AWARD_LEVEL: tuple(level.value for level in levels),
            YEAR: tuple(str(y) for y in sorted({a.year for a in model.awards}, reverse=True)),
        },
    )


def story_document(index: Index, story: Story) -> Document:
    """A story is found by its subjects' names and filed under their provinces, fields and
    movements, so that browsing a province or a field lists its stories too."""
    model = story.model
    subjects = index.subjects_of(story)
    facts = _lines([model.lead, *(s.name for s in subjects), model.author, *model.tags])
    body = plain_text(story.body)
    return Document(
        kind=KIND_URL["story"],
        url=story.url,
        title=model.title,
        place="",
        date=format_date(model.date),
        image=thumbnail(model.image.file) if model.image else None,
        texts=(model.title, facts, body),
        excerpt=_joined([model.lead, body], " "),
        facets={
            PROVINCE: _unique(s.place.province.slug for s in subjects),
            FIELD: _unique(f for s in subjects for f in s.model.fields),
            MOVEMENT: _unique(m for s in subjects for m in s.model.movements),
            AWARD_LEVEL: (),
            YEAR: (str(model.date.year),),
        },
    )


def iter_documents(index: Index) -> Iterator[Document]:
    """Every published record and story, in browsing order, one at a time."""
    yield from (record_document(index, r) for r in index.people)
    yield from (record_document(index, r) for r in index.collectives)
    yield from (story_document(index, s) for s in index.stories)


def documents(index: Index) -> list[Document]:
    return list(iter_documents(index))


def facet_values(
    index: Index, in_use: Collection[tuple[str, str]]
) -> dict[str, list[tuple[str, str]]]:
    """(value id, label) of every (facet, value) in use, in display order."""
    used: dict[str, set[str]] = {facet: set() for facet in FACET_LABELS if facet != KIND}
    for facet, value in in_use:
        used[facet].add(value)
    provinces: list[Province] = sorted(index.provinces.values(), key=lambda p: sort_key(p.name))
    return {
        PROVINCE: [(p.slug, p.name) for p in provinces if p.slug in used[PROVINCE]],
        FIELD: [(f, e.name) for f, e in index.fields.items() if f in used[FIELD]],
        MOVEMENT: [(m, e.name) for m, e in index.movements.items() if m in used[MOVEMENT]],
        AWARD_LEVEL: [(lv.value, lv.label) for lv in AwardLevel if lv.value in used[AWARD_LEVEL]],
        YEAR: [(y, y) for y in sorted(used[YEAR], reverse=True)],
    }
