"""Every page of the site, planned from the Index: URL, title, description, template.

Planning is one pass over the Index; rendering a page later only looks things up, so the
cost of a page never grows with the size of the site.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from generator.index import KIND_URL, Index, Record, Story
from generator.links import content_link, source_path
from generator.markdown import scan_body
from generator.models import AwardLevel
from generator.places import Province
from generator.search import documents as search
from generator.site import urls
from generator.text import capitalize_first, shorten
from generator.vietnamese import format_number, sort_key
from generator.vocabulary import award_level_phrase, award_level_title, name_letter


@dataclass(frozen=True, slots=True)
class Listing:
    """A sorted list of records or stories shown a page at a time from `base`: as cards
    (`urls.PAGE_SIZE` a page), or as a directory of one line per record (`directory`)."""

    base: str
    title: str
    intro: str
    items: Sequence[Record] | Sequence[Story]
    kicker: str = ""
    unit: str = "tập thể, cá nhân"  # what the items are, after a count
    directory: bool = False
    # A long directory stops after urls.MAX_DIRECTORY_PAGES pages; `more` is the search
    # page that lists all of it.
    more: str = ""

    @property
    def page_size(self) -> int:
        return urls.DIRECTORY_PAGE_SIZE if self.directory else urls.PAGE_SIZE

    @property
    def all_pages(self) -> int:
        return urls.page_count(len(self.items), self.page_size)

    @property
    def pages(self) -> int:
        return min(self.all_pages, urls.MAX_DIRECTORY_PAGES) if self.more else self.all_pages

    @property
    def shown(self) -> int:
        """How many items its pages show: all, unless it stops early."""
        return min(len(self.items), self.pages * self.page_size)


@dataclass(frozen=True, slots=True)
class ListingPage:
    listing: Listing
    number: int

    @property
    def items(self) -> Sequence[Record] | Sequence[Story]:
        size = self.listing.page_size
        start = (self.number - 1) * size
        return self.listing.items[start : start + size]


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of an overview page: a listing with its count."""

    url: str
    name: str
    count: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class Overview:
    intro: str
    entries: tuple[Entry, ...]


Subject = Record | Story | ListingPage | Overview | None
Crumb = tuple[str, str]  # (site-relative URL, label)
HOME_CRUMB: Crumb = (urls.HOME, "Trang chủ")


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    title: str
    description: str
    template: str
    subject: Subject = None
    og_type: str = "website"
    image: str | None = None  # content-relative image, published at the same path
    trail: tuple[Crumb, ...] = ()  # the breadcrumbs above this page, from the home page

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)


@dataclass(slots=True)
class SitePlan:
    pages: dict[str, Page] = field(default_factory=dict)  # by src_uri
    images: list[str] = field(default_factory=list)  # content-relative, each once
    story_position: dict[str, int] = field(default_factory=dict)
    letters: dict[str, tuple[str, list[Record]]] = field(default_factory=dict)

    def add(self, page: Page) -> None:
        self.pages[page.src_uri] = page


_SECTION: dict[str, Crumb] = {
    "person": (urls.PEOPLE, "Cá nhân"),
    "collective": (urls.COLLECTIVES, "Tập thể"),
    "story": (urls.STORIES, "Bài viết"),
}
_PROVINCES_CRUMB: Crumb = (urls.PROVINCES, "Theo địa phương")
_LETTERS_CRUMB: Crumb = (urls.LETTERS, "Tra cứu A–Z")


def province_title(province: Province) -> str:
    return capitalize_first(province.full_name)


def former_note(province: Province) -> str:
    """Which provinces before the 2025 reform make up this one (empty when just itself)."""
    if province.former == (province.name,):
        return ""
    return "Gồm địa bàn các tỉnh, thành phố trước đây: " + ", ".join(province.former) + "."


def _record_image(record: Record) -> str | None:
    return record.model.photo.file if record.model.photo else None


def _story_image(story: Story) -> str | None:
    return story.model.image.file if story.model.image else None


def body_images(index: Index, story: Story) -> Iterator[str]:
    """Content-relative paths of the images a story body shows (validation checked them)."""
    source = source_path(index.root, story.path)
    for item in scan_body(story.body):
        if item.kind == "image":
            yield content_link(item.value, source).path


def _listing_pages(
    plan: SitePlan, listing: Listing, description: str, trail: tuple[Crumb, ...]
) -> None:
    """The pages of a listing; none at all for an empty one, which nothing links to."""
    first = (listing.base, listing.title)
    for number in range(1, listing.pages + 1 if listing.items else 1):
        title = listing.title if number == 1 else f"{listing.title} – trang {number}"
        plan.add(
            Page(
                urls.paged(listing.base, number),
                title,
                description,
                "listing.html",
                ListingPage(listing, number),
                trail=trail if number == 1 else (*trail, first),
            )
        )


def _count_phrase(count: int, what: str) -> str:
    return f"{format_number(count)} {what}"


def _plan_records(plan: SitePlan, index: Index) -> None:
    for record in (*index.people, *index.collectives):
        image = _record_image(record)
        plan.add(
            Page(
                record.url,
                record.name,
                shorten(record.model.summary),
                "profile.html",
                record,
                og_type="profile" if record.kind == "person" else "website",
                image=image,
                trail=(HOME_CRUMB, _SECTION[record.kind]),
            )
        )
    _listing_pages(
        plan,
        Listing(
            urls.PEOPLE,
            "Cá nhân tiêu biểu",
            "Xếp theo tên, rồi đến họ và tên đệm.",
            index.people,
            unit="cá nhân",
            directory=True,
        ),
        f"{_count_phrase(len(index.people), 'cá nhân')} tiêu biểu trong học tập và làm theo "
        "tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        (HOME_CRUMB,),
    )
    _listing_pages(
        plan,
        Listing(
            urls.COLLECTIVES,
            "Tập thể tiêu biểu",
            "Xếp theo tên tập thể.",
            index.collectives,
            unit="tập thể",
            directory=True,
        ),
        f"{_count_phrase(len(index.collectives), 'tập thể')} tiêu biểu trong học tập và làm theo "
        "tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        (HOME_CRUMB,),
    )


def _plan_stories(plan: SitePlan, index: Index) -> None:
    for position, story in enumerate(index.stories):
        plan.story_position[story.id] = position
        plan.add(
            Page(
                story.url,
                story.title,
                shorten(story.model.lead),
                "story.html",
                story,
                og_type="article",
                image=_story_image(story),
                trail=(HOME_CRUMB, _SECTION["story"]),
            )
        )
    _listing_pages(
        plan,
        Listing(
            urls.STORIES, "Bài viết", "Bài mới nhất ở trên cùng.", index.stories, unit="bài viết"
        ),
        f"{_count_phrase(len(index.stories), 'bài viết')} về những tấm gương học tập và làm "
        "theo Bác.",
        (HOME_CRUMB,),
    )


def _plan_provinces(plan: SitePlan, index: Index) -> None:
    entries = []
    for province in sorted(index.provinces.values(), key=lambda p: sort_key(p.name)):
        records = index.by_province.get(province.slug, [])
        if not records:
            continue
        title = province_title(province)
        note = former_note(province)
        entries.append(Entry(urls.province(province.slug), title, len(records), note))
        listing = Listing(
            urls.province(province.slug), title, note, records, "Địa phương", directory=True
        )
        description = (
            f"{_count_phrase(len(records), 'tập thể, cá nhân')} tiêu biểu ở "
            f"{province.full_name}. {note}"
        )
        _listing_pages(plan, listing, description.strip(), (HOME_CRUMB, _PROVINCES_CRUMB))
    plan.add(
        Page(
            urls.PROVINCES,
            "Theo địa phương",
            "Tập thể, cá nhân tiêu biểu ở 34 tỉnh, thành phố sau sắp xếp đơn vị hành chính "
            "năm 2025.",
            "overview.html",
            Overview(
                "Theo 34 tỉnh, thành phố hiện nay. Hồ sơ ghi theo địa danh trước khi sắp xếp "
                "năm 2025 được xếp vào tỉnh, thành phố hiện nay. Chỉ ghi những nơi đã có hồ sơ.",
                tuple(entries),
            ),
            trail=(HOME_CRUMB,),
        )
    )


def _plan_taxonomy(
    plan: SitePlan,
    *,
    base: str,
    title: str,
    intro: str,
    kicker: str,
    entries: dict[str, tuple[str, str, list[Record], str]],
) -> None:
    """A listing per taxonomy entry (url → (title, description, records, the search page
    filtered to it)) and an overview."""
    lines = []
    trail = (HOME_CRUMB, (base, title))
    for url, (name, description, records, more) in entries.items():
        if not records:
            continue
        lines.append(Entry(url, name, len(records), description))
        listing = Listing(url, name, description, records, kicker, directory=True, more=more)
        summary = f"{_count_phrase(len(records), 'tập thể, cá nhân')} tiêu biểu: {name}."
        _listing_pages(plan, listing, shorten(f"{summary} {description}".strip()), trail)
    plan.add(
        Page(
            base,
            title,
            intro,
            "overview.html",
            Overview(intro, tuple(lines)),
            trail=(HOME_CRUMB,),
        )
    )


def _plan_taxonomies(plan: SitePlan, index: Index) -> None:
    taxonomies = (
        (
            search.FIELD,
            urls.FIELDS,
            "Theo lĩnh vực",
            "Tập thể, cá nhân tiêu biểu theo lĩnh vực công tác.",
            "Lĩnh vực",
            index.fields,
            index.by_field,
            urls.field,
        ),
        (
            search.MOVEMENT,
            urls.MOVEMENTS,
            "Theo phong trào",
            "Tập thể, cá nhân tiêu biểu theo phong trào thi đua, cuộc vận động.",
            "Phong trào, cuộc vận động",
            index.movements,
            index.by_movement,
            urls.movement,
        ),
    )
    for facet, base, title, intro, kicker, entries, listed, url in taxonomies:
        _plan_taxonomy(
            plan,
            base=base,
            title=title,
            intro=intro,
            kicker=kicker,
            entries={
                url(entry.id): (
                    entry.name,
                    entry.description or "",
                    listed.get(entry.id, []),
                    _search_records(facet, entry.id),
                )
                for entry in entries.values()
            },
        )
    _plan_taxonomy(
        plan,
        base=urls.AWARDS,
        title="Theo cấp khen thưởng",
        intro="Tập thể, cá nhân tiêu biểu theo cấp khen thưởng đã nhận.",
        kicker="Khen thưởng",
        entries={
            urls.award_level(level): (
                award_level_title(level),
                f"Tập thể, cá nhân có ít nhất một khen thưởng {award_level_phrase(level)}.",
                index.by_award_level.get(level, []),
                _search_records(search.AWARD_LEVEL, level.value),
            )
            for level in AwardLevel
        },
    )


def _search_records(facet: str, value: str) -> str:
    """The search page listing every record (not story) filed under `facet` = `value`."""
    kinds = [(search.KIND, KIND_URL[kind]) for kind in ("person", "collective")]
    return urls.filtered_search([(facet, value), *kinds])


def _plan_letters(plan: SitePlan, index: Index) -> None:
    for person in index.people:
        slug, label = name_letter(person.name)
        plan.letters.setdefault(slug, (label, []))[1].append(person)
    entries = []
    for slug, (label, people) in plan.letters.items():
        title = f"Cá nhân có tên bắt đầu bằng chữ {label}"
        entries.append(Entry(urls.letter(slug), label, len(people)))
        listing = Listing(
            urls.letter(slug),
            title,
            "Xếp theo tên, rồi đến họ và tên đệm.",
            people,
            "Tra cứu A–Z",
            unit="cá nhân",
            directory=True,
        )
        _listing_pages(
            plan,
            listing,
            f"{title}: {_count_phrase(len(people), 'cá nhân')}.",
            (HOME_CRUMB, _LETTERS_CRUMB),
        )
    plan.add(
        Page(
            urls.LETTERS,
            "Tra cứu cá nhân theo tên",
            "Danh mục A–Z các cá nhân tiêu biểu, xếp theo tên (chữ cuối của họ tên).",
            "overview.html",
            Overview(
                "Người Việt được gọi và tra cứu theo tên, nên danh mục xếp theo chữ cái đầu "
                "của tên (chữ cuối trong họ tên); Đ đứng sau D.",
                tuple(entries),
            ),
            trail=(HOME_CRUMB,),
        )
    )


def _plan_images(plan: SitePlan, index: Index) -> None:
    seen: dict[str, None] = {}
    for record in (*index.people, *index.collectives):
        if image := _record_image(record):
            seen[image] = None
    for story in index.stories:
        if image := _story_image(story):
            seen[image] = None
        for path in body_images(index, story):
            seen[path] = None
    plan.images = list(seen)


def plan_site(index: Index, site_description: str) -> SitePlan:
    plan = SitePlan()
    plan.add(Page(urls.HOME, "Trang chủ", site_description, "home.html"))
    _plan_stories(plan, index)
    _plan_records(plan, index)
    _plan_letters(plan, index)
    _plan_provinces(plan, index)
    _plan_taxonomies(plan, index)
    plan.add(
        Page(
            urls.STATS,
            "Thống kê",
            "Số tập thể, cá nhân tiêu biểu theo địa phương, lĩnh vực, phong trào, cấp khen "
            "thưởng và theo năm.",
            "stats.html",
            trail=(HOME_CRUMB,),
        )
    )
    plan.add(
        Page(
            urls.OPEN_DATA,
            "Dữ liệu mở",
            "Tải các hồ sơ tập thể, cá nhân tiêu biểu và bài viết đã đăng dưới dạng CSV và JSON, "
            "kèm mô tả từng cột.",
            "opendata.html",
            trail=(HOME_CRUMB,),
        )
    )
    _plan_images(plan, index)
    return plan
