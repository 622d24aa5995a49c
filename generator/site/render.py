"""Page bodies: Jinja2 templates from `theme/guongsang/`, autoescaped, fed from the Index.

Each page is rendered on demand from its plan; nothing here keeps rendered HTML around.
Story bodies go through the project's own Markdown renderer (no raw HTML, safe links), never
through Python-Markdown.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from jinja2 import Environment
from markupsafe import Markup

from generator.index import Index, Record, Story
from generator.markdown import Renderer
from generator.models import Person
from generator.site import urls
from generator.site.images import Variant, WebImage
from generator.site.pages import (
    ListingPage,
    Overview,
    Page,
    SitePlan,
)
from generator.site.stats import Statistics, bar_chart_svg, collect, map_svg
from generator.templates import environment as base_environment
from generator.vietnamese import format_date, format_number
from generator.vocabulary import award_order

FEATURED = 3
LATEST = 6
_EXTERNAL = ("http://", "https://", "mailto:", "tel:")
_LINKABLE = {"people": ("person", ".yml"), "collectives": ("collective", ".yml")}


def environment(template_dir: Path) -> Environment:
    env = base_environment(template_dir)
    env.filters["date_vi"] = format_date
    env.filters["number"] = format_number
    env.globals["urls"] = urls
    return env


class SiteRenderer:
    def __init__(
        self,
        index: Index,
        plan: SitePlan,
        template_dir: Path,
        pictures: dict[str, WebImage] | None = None,
    ) -> None:
        self.index = index
        self.plan = plan
        self.pictures = pictures or {}
        self.env = environment(template_dir)
        self.env.globals["picture"] = self.picture
        self.markdown = Renderer()
        self._root = index.root.resolve()

    def picture(self, rel: str, which: str = "large") -> Variant:
        """The web copy of a content image (`large` for pages, `thumb` for cards)."""
        prepared = self.pictures.get(rel)
        if prepared is None:  # a page rendered without prepared images (unit tests)
            return Variant(rel, 0, 0)
        return prepared.thumb if which == "thumb" else prepared.large

    @cached_property
    def statistics(self) -> Statistics:
        return collect(self.index)

    def render(self, page: Page) -> str:
        base = urls.relative_prefix(page.url)
        context: dict[str, Any] = {"page": page, "base": base}
        subject = page.subject
        if isinstance(subject, Record):
            context.update(self._profile(subject))
        elif isinstance(subject, Story):
            context.update(self._story(subject, base))
        elif isinstance(subject, ListingPage):
            context.update(self._listing(subject))
        elif isinstance(subject, Overview):
            context["overview"] = subject
        elif page.template == "home.html":
            context.update(self._home())
        elif page.template == "stats.html":
            context.update(self._stats())
        return self.env.get_template(page.template).render(context)

    def _profile(self, record: Record) -> dict[str, Any]:
        index = self.index
        model = record.model
        groups = (
            [index.records[c] for c in model.member_of if c in index.records]
            if isinstance(model, Person)
            else []
        )
        return {
            "record": record,
            "model": model,
            "fields": [(urls.field(f), index.fields[f].name) for f in model.fields],
            "movements": [(urls.movement(m), index.movements[m].name) for m in model.movements],
            "awards": sorted(model.awards, key=award_order),
            "stories": index.stories_by_subject.get(record.id, []),
            "members": index.members_of.get(record.id, []),
            "groups": groups,
        }

    def _story(self, story: Story, base: str) -> dict[str, Any]:
        position = self.plan.story_position[story.id]
        stories = self.index.stories
        body = self.markdown.render(
            story.body,
            image=lambda src: self._body_image(story, src, base),
            link=lambda href: self._body_link(story, href, base),
            image_size=lambda src: self._body_image_size(story, src),
        )
        return {
            "story": story,
            "model": story.model,
            "body": Markup(body),  # safe: the project's renderer escapes raw HTML
            "subjects": self.index.subjects_of(story),
            "newer": stories[position - 1] if position > 0 else None,
            "older": stories[position + 1] if position + 1 < len(stories) else None,
        }

    def _content_path(self, story: Story, target: str) -> str | None:
        """`../images/a.jpg` written in a story → `images/a.jpg`, or None if outside content."""
        path = unquote(urlsplit(target).path)
        resolved = (story.path.parent / path).resolve()
        try:
            return resolved.relative_to(self._root).as_posix()
        except ValueError:
            return None

    def _body_image(self, story: Story, src: str, base: str) -> str | None:
        rel = self._content_path(story, src)
        return base + self.picture(rel).path if rel is not None else None

    def _body_image_size(self, story: Story, src: str) -> tuple[int, int] | None:
        rel = self._content_path(story, src)
        picture = self.picture(rel) if rel is not None else None
        return (picture.width, picture.height) if picture and picture.width else None

    def _body_link(self, story: Story, href: str, base: str) -> str | None:
        if href.startswith(_EXTERNAL) or href.startswith("#"):
            return href
        rel = self._content_path(story, href)
        if rel is None:
            return None
        fragment = urlsplit(href).fragment
        url = self._page_for(PurePosixPath(rel))
        if url is None:
            return None  # a file that is not published: drop the link, keep its text
        return base + url + (f"#{fragment}" if fragment else "")

    def _page_for(self, rel: PurePosixPath) -> str | None:
        folder, record_id = rel.parent.as_posix(), rel.stem
        if folder in _LINKABLE and rel.suffix == _LINKABLE[folder][1]:
            record = self.index.records.get(record_id)
            if record is not None and record.kind == _LINKABLE[folder][0]:
                return record.url
        if folder == "stories" and rel.suffix == ".md" and record_id in self.index.story_by_id:
            return urls.page("story", record_id)
        return None

    def _listing(self, listing_page: ListingPage) -> dict[str, Any]:
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
            "letters": letters,
            "story_list": listing.base.startswith(urls.STORIES),
        }

    def _home(self) -> dict[str, Any]:
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

    def _stats(self) -> dict[str, Any]:
        statistics = self.statistics
        return {
            "charts": [(chart, Markup(bar_chart_svg(chart))) for chart in statistics.charts],
            "map": Markup(map_svg(statistics.map_points)),
            "points": sorted((p for p in statistics.map_points if p.value), key=lambda p: -p.value),
        }
