"""The website as a whole, for whichever tool writes it out (the MkDocs adapter today).

It answers the few questions a static-site tool asks: which pages and images exist, what a
page's title and meta tags are, what its body is, and which extra files (feed, sitemap) go
beside them. Bodies are rendered one at a time, on request.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.index import Index
from generator.site import urls
from generator.site.feed import atom_feed, sitemaps
from generator.site.images import ImageShop
from generator.site.pages import Page, SitePlan, plan_site
from generator.site.render import SiteRenderer

SITE_NAME = "Gương sáng"
DEFAULT_IMAGE = urls.SOCIAL_IMAGE
TEMPLATE_FOLDER = "guongsang"


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the page head needs; every value is plain text, escaped by the template."""

    title: str
    description: str
    og_type: str
    image: str  # absolute when the site URL is known


def image_cache_dir(content_root: Path) -> Path:
    """Beside the content folder, so every build of the same content shares it."""
    return content_root.resolve().parent / ".cache" / "guongsang-images"


class Site:
    def __init__(
        self, index: Index, *, theme_dir: Path, site_url: str, site_description: str
    ) -> None:
        self.index = index
        self.theme_dir = theme_dir
        self.site_url = site_url if not site_url or site_url.endswith("/") else site_url + "/"
        self.description = site_description
        self.plan: SitePlan = plan_site(index, site_description)
        self.image_shop = ImageShop(index.root, image_cache_dir(index.root))
        pictures = self.image_shop.prepare(self.plan.images)
        self.renderer = SiteRenderer(index, self.plan, theme_dir / TEMPLATE_FOLDER, pictures)

    def pages(self) -> Iterable[Page]:
        return self.plan.pages.values()

    def page(self, src_uri: str) -> Page | None:
        return self.plan.pages.get(src_uri)

    def images(self) -> list[tuple[str, Path]]:
        """(published path, file) of the web copies of every image published content shows."""
        return self.image_shop.files()

    def absolute(self, path: str) -> str:
        return urls.absolute(self.site_url, path)

    def meta(self, page: Page) -> PageMeta:
        return PageMeta(
            title=page.title,
            description=page.description,
            og_type=page.og_type,
            image=self.absolute(page.image or DEFAULT_IMAGE),
        )

    def render(self, page: Page) -> str:
        return self.renderer.render(page)

    def extra_files(self, more_urls: Iterable[str] = ()) -> dict[str, bytes]:
        """Feed and sitemap(s), by path in the output."""
        files = sitemaps([*(p.url for p in self.pages()), *more_urls], site_url=self.site_url)
        files[urls.FEED] = atom_feed(
            self.index.stories,
            site_url=self.site_url,
            site_name=SITE_NAME,
            subtitle=self.description,
            feed_url=self.absolute(urls.FEED),
        )
        return files
