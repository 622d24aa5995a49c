"""The site's URL scheme (DESIGN §4): the only place that builds a URL.

URLs are directory URLs relative to the site root, with a trailing slash ("ca-nhan/an/");
the home page is "". Pagination lives under `trang/<n>/` so that it can never collide with
a record id, which has no slash. The index, the diff, the renderer and the theme (through
the globals `generator.mkdocs_adapter` gives MkDocs' templates) all ask here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath
from urllib.parse import quote, urlencode

from generator.kinds import COLLECTIVE, PERSON, STORY, ContentKind, by_name
from generator.models import AwardLevel

PAGE_SIZE = 50
# Directories (by place, field, movement, award level, letter) print a line per record
# instead of a card, about a third of the bytes, so a page holds twice as many.
DIRECTORY_PAGE_SIZE = 100
# A field, movement or award level of a national site lists tens of thousands of records:
# nobody pages through them by name. Its directory stops after this many pages and sends
# the reader to the search page, filtered to it, where province and year narrow it further.
MAX_DIRECTORY_PAGES = 20
HOME = ""


def _base(kind: ContentKind) -> str:
    if kind.url_segment is None:
        raise ValueError(f"{kind.name} files have no pages")
    return f"{kind.url_segment}/"


PEOPLE = _base(PERSON)
COLLECTIVES = _base(COLLECTIVE)
STORIES = _base(STORY)
PROVINCES = "dia-phuong/"
FIELDS = "linh-vuc/"
MOVEMENTS = "phong-trao/"
AWARDS = "khen-thuong/"
LETTERS = "a-z/"
STATS = "thong-ke/"
SEARCH = "tim-kiem/"
OPEN_DATA = "du-lieu/"
FEED = "feed.xml"


def province(slug: str) -> str:
    return f"{PROVINCES}{slug}/"


def field(field_id: str) -> str:
    return f"{FIELDS}{field_id}/"


def movement(movement_id: str) -> str:
    return f"{MOVEMENTS}{movement_id}/"


def award_level(level: AwardLevel) -> str:
    return f"{AWARDS}{level.value}/"


def letter(slug: str) -> str:
    return f"{LETTERS}{slug}/"


def search(query: str) -> str:
    """The search page with `query` filled in (tags lead there)."""
    return f"{SEARCH}?q={quote(query)}"


def filtered_search(filters: Iterable[tuple[str, str]]) -> str:
    """The search page with its filters (facet id, value) ticked and no words."""
    return f"{SEARCH}?{urlencode(list(filters))}"


def paged(base: str, number: int) -> str:
    """Page `number` (1-based) of a listing whose first page is `base`."""
    return base if number == 1 else f"{base}trang/{number}/"


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def src_uri(url: str) -> str:
    """The virtual Markdown file MkDocs turns into `url` with directory URLs."""
    return "index.md" if url == HOME else f"{url}index.md"


def relative_prefix(page_url: str) -> str:
    """From a page at `page_url` back to the site root: "" or "../../"."""
    return "../" * page_url.count("/")


THUMB_WIDTH = 480  # card thumbnails (generator.site.images): the width names the file


def thumbnail(image: str) -> str:
    """The card thumbnail of a content image: `images/a/b.jpg` → `images/a/b-480.jpg`."""
    path = PurePosixPath(image)
    return str(path.with_name(f"{path.stem}-{THUMB_WIDTH}{path.suffix}"))


def page(kind: str, item_id: str) -> str:
    """The page of one person, collective or story: `ca-nhan/an/`."""
    return f"{_base(by_name(kind))}{item_id}/"


def absolute(site_url: str, url: str) -> str:
    """`url` on the site published at `site_url` (with or without its final slash); with no
    site URL (a local build), `url` stays relative."""
    if not site_url:
        return url
    return f"{site_url.rstrip('/')}/{url}"


ABOUT = "gioi-thieu/"  # a hand-written page (theme/pages/gioi-thieu.md)
SOCIAL_IMAGE = "assets/images/guongsang-og.jpg"  # shared when a page has no photo of its own

# The sections bar of every page, in order.
SECTIONS: tuple[tuple[str, str], ...] = (
    (HOME, "Trang chủ"),
    (PEOPLE, PERSON.label),
    (COLLECTIVES, COLLECTIVE.label),
    (STORIES, STORY.label),
    (PROVINCES, "Địa phương"),
    (FIELDS, "Lĩnh vực"),
    (MOVEMENTS, "Phong trào"),
    (AWARDS, "Khen thưởng"),
    (STATS, "Thống kê"),
    (ABOUT, "Giới thiệu"),
)
