"""Page bodies: Jinja2 templates from `theme/guongsang/`, autoescaped, fed from the Index.

Each page is rendered on demand from its plan; nothing here keeps rendered HTML around.
Story bodies go through the project's own Markdown renderer (no raw HTML, safe links), never
through Python-Markdown.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from jinja2 import Environment
from markupsafe import Markup

from generator.index import Index, Record, Story
from generator.kinds import STORY, by_folder
from generator.links import ContentLink, LinkProblem, content_link, source_path
from generator.markdown import Renderer
from generator.site import urls
from generator.site.families import Shown, Sources, family_of
from generator.site.images import Variant, WebImage
from generator.site.map import ATTRIBUTION, choropleth_svg
from generator.site.opendata import CSV_LIST_SEPARATOR, ZIP_ABOVE_ROWS, datasets, zipped
from generator.site.pages import ListingPage, Page, SitePlan
from generator.site.stats import Statistics, bar_chart_svg, collect
from generator.templates import environment as base_environment
from generator.vietnamese import format_date, format_number
from generator.vocabulary import award_order

FEATURED = 3
LATEST = 6
_EXTERNAL = ("http://", "https://", "mailto:", "tel:")


def environment(template_dir: Path) -> Environment:
    env = base_environment(template_dir)
    # The templates do not change during a build (the preview makes a new environment for
    # every rebuild): without this, Jinja stats each file on every get_template and import,
    # a third of the time spent rendering page bodies.
    env.auto_reload = False
    env.filters["date_vi"] = format_date
    env.filters["number"] = format_number
    env.globals["urls"] = urls
    return env


def pager(number: int, pages: int) -> list[int | None]:
    """The page numbers a listing's pager shows on page `number`: the first, the last and
    two either side, with None for a gap. Picked here, not by looping over every page in
    the template: the people directory of a national site has hundreds of pages."""
    near = range(max(1, number - 3), min(pages, number + 3) + 1)
    shown: list[int | None] = []
    for n in sorted({1, pages, *near}):
        if n in (1, pages) or abs(n - number) <= 2:
            shown.append(n)
        else:  # three away: the gap before the first or after the last
            shown.append(None)
    return shown


class SiteRenderer:
    def __init__(
        self,
        index: Index,
        plan: SitePlan,
        template_dir: Path,
        pictures: dict[str, WebImage] | None = None,
        *,
        site_url: str = "",
        data_licence: tuple[str, str] = ("", ""),
    ) -> None:
        self.index = index
        self.site_url = site_url
        self.data_licence = data_licence  # (text, address) from mkdocs.yml `extra`
        self.plan = plan
        # None: image paths stay as written under content/ (page bodies compared in tests).
        self.pictures = pictures
        self.env = environment(template_dir)
        self.env.globals["picture"] = self.picture
        # The shared pieces of page bodies, as `macros.record_card(…)`: made once here, as
        # `{% from "_macros.html" import … %}` in a template would remake them on every page
        # (Jinja compares the two templates' globals each time: a tenth of a profile's time).
        self.env.globals["macros"] = self.env.get_template("_macros.html").module
        self.markdown = Renderer()
        self._root = index.root.resolve()
        self.sources = Sources(index, plan)

    def picture(self, rel: str, which: str = "large") -> Variant:
        """The web copy of a content image (`large` for pages, `thumb` for cards)."""
        if self.pictures is None:  # asked for: pages that name the content's own files
            return Variant(rel, 0, 0)
        prepared = self.pictures.get(rel)
        if prepared is None:
            # Planning and rendering disagree about which images a page shows: a bug, which
            # must not publish a page whose image points at an unprepared original.
            raise LookupError(f"ảnh `{rel}` chưa được chuẩn bị cho trang web")
        return prepared.thumb if which == "thumb" else prepared.large

    @cached_property
    def statistics(self) -> Statistics:
        return collect(self.index)

    def render(self, page: Page, **chrome: object) -> str:
        """The page body alone; with `chrome` (see `render_with_chrome`) around it."""
        context: dict[str, Any] = {
            "page": page,
            "base": urls.relative_prefix(page.url),
            "chrome": bool(chrome),
            **chrome,
        }
        family = family_of(page)
        context.update(family.context(page, self))
        return self.env.get_template(family.template).render(context)

    def render_with_chrome(self, page: Page, report: str) -> str:
        """`render` between the breadcrumbs and, on profiles and stories, the sharing box and
        the correction link (`report`: prefilled, see assemble.report_link), all drawn by
        the layout every body template extends (_page.html)."""
        return self.render(page, report=report, shareable=isinstance(page.subject, Record | Story))

    def profile_context(self, shown: Mapping[str, Shown]) -> dict[str, Any]:
        record = shown["record"]
        assert isinstance(record, Record)
        index = self.index
        model = record.model
        return {
            **shown,
            "model": model,
            "fields": [(urls.field(f), index.fields[f].name) for f in model.fields],
            "movements": [(urls.movement(m), index.movements[m].name) for m in model.movements],
            "awards": sorted(model.awards, key=award_order),
        }

    def story_context(self, page: Page, shown: Mapping[str, Shown]) -> dict[str, Any]:
        story = shown["story"]
        assert isinstance(story, Story)
        base = urls.relative_prefix(page.url)
        body = self.markdown.render(
            story.body,
            image=lambda src: self._body_image(story, src, base),
            link=lambda href: self._body_link(story, href, base),
            image_size=lambda src: self._body_image_size(story, src),
        )
        return {
            **shown,
            "model": story.model,
            "body": Markup(body),  # safe: the project's renderer escapes raw HTML
        }

    def _content_path(self, story: Story, target: str) -> ContentLink | None:
        """`../images/a.jpg` written in a story → `images/a.jpg`, or None if not in content."""
        try:
            return content_link(target, source_path(self.index.root, story.path))
        except LinkProblem:
            return None

    def _body_image(self, story: Story, src: str, base: str) -> str | None:
        link = self._content_path(story, src)
        return base + self.picture(link.path).path if link is not None else None

    def _body_image_size(self, story: Story, src: str) -> tuple[int, int] | None:
        link = self._content_path(story, src)
        picture = self.picture(link.path) if link is not None else None
        return (picture.width, picture.height) if picture and picture.width else None

    def _body_link(self, story: Story, href: str, base: str) -> str | None:
        if href.startswith(_EXTERNAL) or href.startswith("#"):
            return href
        link = self._content_path(story, href)
        if link is None:
            return None
        url = self._page_for(PurePosixPath(link.path))
        if url is None:
            return None  # a file that is not published: drop the link, keep its text
        return base + url + (f"#{quote(link.fragment)}" if link.fragment else "")

    def _page_for(self, rel: PurePosixPath) -> str | None:
        kind, item_id = by_folder(rel.parent.as_posix()), rel.stem
        if kind is None or rel.suffix != kind.suffix:
            return None
        if kind is STORY:
            story = self.index.story_by_id.get(item_id)
            return story.url if story is not None else None
        record = self.index.records.get(item_id)
        return record.url if record is not None and record.kind == kind.name else None

    def listing_context(self, listing_page: ListingPage) -> dict[str, Any]:
        listing = listing_page.listing
        letters = (
            [(urls.letter(slug), label) for slug, (label, _) in self.plan.letters.items()]
            if listing.base in {urls.PEOPLE, *(urls.letter(s) for s in self.plan.letters)}
            else []
        )
        return {
            "listing": listing,
            "listing_page": listing_page,
            "items": listing_page.items,
            "page_url": lambda number: urls.paged(listing.base, number),
            "pager": pager(listing_page.number, listing.pages),
            "letters": letters,
            "story_list": listing.base.startswith(urls.STORIES),
        }

    def home_context(self) -> dict[str, Any]:
        index = self.index
        featured = [s for s in index.stories if s.model.featured][:FEATURED]
        shown = {s.id for s in featured}
        latest = [s for s in index.stories if s.id not in shown][:LATEST]
        return {
            "featured": featured,
            "latest": latest,
            "counts": {
                "people": len(index.people),
                "collectives": len(index.collectives),
                "stories": len(index.stories),
                "provinces": len(index.by_province),
            },
        }

    def stats_context(self) -> dict[str, Any]:
        statistics = self.statistics
        return {
            "charts": [(chart, Markup(bar_chart_svg(chart))) for chart in statistics.charts],
            "map_credit": ATTRIBUTION,
            "map": Markup(choropleth_svg(statistics.map_areas, urls.relative_prefix(urls.STATS))),
        }

    def opendata_context(self) -> dict[str, Any]:
        sets = datasets(self.site_url)
        return {
            "datasets": [(d, len(d.rows(self.index))) for d in sets],
            "zipped": zipped,
            "zip_above": ZIP_ABOVE_ROWS,
            "licence": self.data_licence[0],
            "licence_url": self.data_licence[1],
            "separator": CSV_LIST_SEPARATOR,
        }
