"""The site's URL scheme (DESIGN §4): one place that knows where every page lives.

URLs are directory URLs relative to the site root, with a trailing slash ("ca-nhan/an/");
the home page is "". Pagination lives under `trang/<n>/` so that it can never collide with
a record id, which has no slash.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import quote

from generator.models import AwardLevel

PAGE_SIZE = 50
HOME = ""
PEOPLE = "ca-nhan/"
COLLECTIVES = "tap-the/"
STORIES = "bai-viet/"
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


def paged(base: str, number: int) -> str:
    """Page `number` (1-based) of a listing whose first page is `base`."""
    return base if number == 1 else f"{base}trang/{number}/"


def page_count(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


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
