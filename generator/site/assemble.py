"""The website as a whole, for whichever tool writes it out (the MkDocs adapter today).

It answers the few questions a static-site tool asks: which pages and images exist, what a
page's title and meta tags are, what its body is, and which extra files (feed, sitemap) go
beside them. Bodies are rendered one at a time, on request.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from markupsafe import escape

from generator.images import cache_dir
from generator.index import Index, Story
from generator.site import urls
from generator.site.families import Sources, family_of
from generator.site.feed import atom_feed, sitemaps
from generator.site.images import ImageShop
from generator.site.jsonld import SiteFacts, page_data, script_text
from generator.site.machine import ICON_PNG, machine_files
from generator.site.pages import Page, SitePlan, plan_site
from generator.site.render import SiteRenderer
from generator.typography import protect_text

__all__ = [
    "DEFAULT_IMAGE",
    "SITE_NAME",
    "PageMeta",
    "Site",
    "report_link",
    "site_url_warning",
]

SITE_NAME = "Gương sáng"
DEFAULT_IMAGE = urls.SOCIAL_IMAGE
TEMPLATE_FOLDER = "guongsang"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "0.0.0.0", "::1"})


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the page head needs; every value is plain text, escaped by the template, except
    `head`: markup built here (article dates, JSON-LD), written as it is."""

    title: str
    description: str
    og_type: str
    image: str  # absolute when the site URL is known
    head: str = ""


REPORT_FORM = "bao-sai-sot.yml"  # .github/ISSUE_TEMPLATE/: holds the questions, not each page


def report_link(report_url: str, title: str, page_url: str) -> str:
    """`extra.report_url` prefilled with the page: GitHub's issue form (which asks the
    questions and titles the issue itself, so a page carries only its address: 190 bytes
    less on each of 120,000 pages), or a mailto."""
    if not report_url:
        return ""
    subject = f"Báo sai sót: {title}"
    if report_url.startswith("mailto:"):
        fields = {"subject": subject, "body": f"Trang: {page_url}\n\n"}
    elif urlsplit(report_url).hostname == "github.com":
        fields = {"template": REPORT_FORM, "trang": page_url}
    else:
        fields = {"title": subject, "body": f"Trang: {page_url}\n\n"}
    query = urlencode(fields, quote_via=quote, safe="/:")
    return f"{report_url}{'&' if '?' in report_url else '?'}{query}"


def site_url_warning(site_url: str) -> str | None:
    """A message when the public address is still the local preview's (or missing)."""
    host = urlsplit(site_url).hostname
    if host and host not in LOCAL_HOSTS:
        return None
    return (
        f"site_url là `{site_url or '(trống)'}`, địa chỉ của máy đang dựng: đường dẫn gốc "
        "(canonical), Open Graph, nguồn tin và sơ đồ trang sẽ trỏ về máy này. Hãy đặt địa chỉ "
        "thật trong mkdocs.yml, bằng biến GUONGSANG_SITE_URL hoặc `guongsang build --site-url`."
    )


class Site:
    def __init__(
        self,
        index: Index,
        *,
        theme_dir: Path,
        site_url: str,
        site_description: str,
        report_url: str = "",
        data_licence: tuple[str, str] = ("", ""),
    ) -> None:
        self.index = index
        self.report_url = report_url
        self.theme_dir = theme_dir
        self.site_url = site_url if not site_url or site_url.endswith("/") else site_url + "/"
        self.description = site_description
        self.plan: SitePlan = plan_site(index, site_description)
        self.image_shop = ImageShop(index.root, cache_dir(index.root, "images"))
        pictures = self.image_shop.prepare(self.plan.images)
        self.data_licence = data_licence
        self.renderer = SiteRenderer(
            index,
            self.plan,
            theme_dir / TEMPLATE_FOLDER,
            pictures,
            site_url=self.site_url,
            data_licence=data_licence,
        )

    def pages(self) -> Iterable[Page]:
        return self.plan.pages.values()

    def page(self, src_uri: str) -> Page | None:
        return self.plan.pages.get(src_uri)

    def images(self) -> list[tuple[str, Path]]:
        """(published path, file) of the web copies of every image published content shows."""
        return self.image_shop.files()

    def absolute(self, path: str) -> str:
        return urls.absolute(self.site_url, path)

    @cached_property  # every page's JSON-LD names it
    def facts(self) -> SiteFacts:
        return SiteFacts(
            self.site_url,
            SITE_NAME,
            self.description,
            self.absolute(ICON_PNG),
            licence=self.data_licence[1],
        )

    def meta(self, page: Page) -> PageMeta:
        image = self.absolute(page.image or DEFAULT_IMAGE)
        return PageMeta(
            title=SITE_NAME if page.url == urls.HOME else page.title,
            description=page.description,
            og_type=page.og_type,
            image=image,
            head=self.head(page, image),
        )

    def head(self, page: Page, image: str) -> str:
        """The page's own head markup: a story's article dates and the JSON-LD."""
        tags = []
        if isinstance(page.subject, Story):
            day = escape(page.subject.model.date.isoformat())
            tags.append(f'<meta property="article:published_time" content="{day}">')
            # Stories carry one date; no edit date exists in the content to say otherwise.
            tags.append(f'<meta property="article:modified_time" content="{day}">')
        data = page_data(page, self.index, self.facts, image)
        if data:
            # Data, not a script: `<`, `>` and `&` are escaped inside the JSON.
            tags.append(f'<script type="application/ld+json">{script_text(data)}</script>')
        return "".join(tags)

    def updated(self, page: Page) -> date | None:
        return family_of(page).updated(page, Sources(self.index, self.plan))

    def render(self, page: Page) -> str:
        """The body with its breadcrumbs above and, on profiles and stories, sharing and
        the "Báo sai sót" link below: everything that differs from page to page."""
        report = report_link(self.report_url, page.title, self.absolute(page.url))
        return protect_text(self.renderer.render_with_chrome(page, report))

    def extra_files(self, more_urls: Iterable[str] = ()) -> dict[str, bytes]:
        """Feed, sitemap(s), robots.txt and the web app manifest, by path in the output (the
        open data, too big to hold, is written by `opendata.write_open_data`)."""
        dated = [(p.url, self.updated(p)) for p in self.pages()]
        files = sitemaps([*dated, *((url, None) for url in more_urls)], site_url=self.site_url)
        files.update(machine_files(self.site_url, SITE_NAME, self.description, self.theme_dir))
        files[urls.FEED] = atom_feed(
            self.index.stories,
            site_url=self.site_url,
            site_name=SITE_NAME,
            subtitle=self.description,
            feed_url=self.absolute(urls.FEED),
        )
        return files
