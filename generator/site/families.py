"""Page families: for each kind of page, its template, what it shows and the ids among that.

One object per family is the single answer to "what does this page display?". The renderer
asks it for the template context; the live preview asks it for the content ids the page
shows, to know which pages an edit makes stale. Both read the same `shows`, so a section
added to a page (say, a record's collectives) is in the preview's dependencies by
construction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from generator.index import Index, Record, Story
from generator.models import Person
from generator.site.pages import ListingPage, Overview, Page, SitePlan

if TYPE_CHECKING:
    from generator.site.render import SiteRenderer

Shown = Record | Story | Sequence[Record] | Sequence[Story] | None
Dependencies = tuple[str, ...] | None  # None: depends on the whole site


@dataclass(frozen=True, slots=True)
class Sources:
    """What a family reads from: the index and the plan of the whole site."""

    index: Index
    plan: SitePlan


class PageFamily:
    """Base: a page that summarises the whole site (home, overviews, statistics)."""

    template: ClassVar[str]

    def shows(self, page: Page, sources: Sources) -> Mapping[str, Shown] | None:
        """Content the page displays by template name, or None when it is site-wide."""
        return None

    def ids(self, page: Page, sources: Sources) -> Dependencies:
        """The ordered content ids the page shows (the preview compares these)."""
        shown = self.shows(page, sources)
        return None if shown is None else tuple(item.id for item in _flatten(shown))

    def context(self, page: Page, renderer: SiteRenderer) -> dict[str, Any]:
        """Template variables beyond `page` and `base`."""
        return dict(self.shows(page, renderer.sources) or {})

    def updated(self, page: Page, sources: Sources) -> date | None:
        """The newest content date the page shows (the sitemap's <lastmod>)."""
        shown = self.shows(page, sources)
        if shown is None:
            return newest_story(sources.index)
        dates = (content_date(item, sources.index) for item in _flatten(shown))
        return max((d for d in dates if d), default=None)


def _flatten(shown: Mapping[str, Shown]) -> list[Record | Story]:
    items: list[Record | Story] = []
    for value in shown.values():
        if isinstance(value, Record | Story):
            items.append(value)
        elif value is not None:
            items.extend(value)
    return items


def newest_story(index: Index) -> date | None:
    return index.stories[0].model.date if index.stories else None


def content_date(item: Record | Story, index: Index) -> date | None:
    """A story's date; for a record, the newest of its stories', sources' and awards' dates."""
    if isinstance(item, Story):
        return item.model.date
    model = item.model
    dates = [s.model.date for s in index.stories_by_subject.get(item.id, ())]
    dates += [s.date for s in model.sources if s.date]
    dates += [a.date for a in model.awards if a.date]
    return max(dates, default=None)


class ProfileFamily(PageFamily):
    template = "profile.html"

    def shows(self, page: Page, sources: Sources) -> Mapping[str, Shown]:
        record = page.subject
        assert isinstance(record, Record)
        index = sources.index
        model = record.model
        groups = (
            [index.records[c] for c in model.member_of if c in index.records]
            if isinstance(model, Person)
            else []
        )
        return {
            "record": record,
            "stories": index.stories_by_subject.get(record.id, []),
            "members": index.members_of.get(record.id, []),
            "groups": groups,
        }

    def context(self, page: Page, renderer: SiteRenderer) -> dict[str, Any]:
        return renderer.profile_context(self.shows(page, renderer.sources))


class StoryFamily(PageFamily):
    template = "story.html"

    def shows(self, page: Page, sources: Sources) -> Mapping[str, Shown]:
        story = page.subject
        assert isinstance(story, Story)
        position = sources.plan.story_position[story.id]
        stories = sources.index.stories
        return {
            "story": story,
            "subjects": sources.index.subjects_of(story),
            "newer": stories[position - 1] if position > 0 else None,
            "older": stories[position + 1] if position + 1 < len(stories) else None,
        }

    def context(self, page: Page, renderer: SiteRenderer) -> dict[str, Any]:
        return renderer.story_context(page, self.shows(page, renderer.sources))


class ListingFamily(PageFamily):
    template = "listing.html"

    def shows(self, page: Page, sources: Sources) -> Mapping[str, Shown]:
        listing_page = page.subject
        assert isinstance(listing_page, ListingPage)
        return {"items": listing_page.items}

    def context(self, page: Page, renderer: SiteRenderer) -> dict[str, Any]:
        listing_page = page.subject
        assert isinstance(listing_page, ListingPage)
        return renderer.listing_context(listing_page)


class OverviewFamily(PageFamily):
    template = "overview.html"

    def context(self, page: Page, renderer: SiteRenderer) -> dict[str, Any]:
        assert isinstance(page.subject, Overview)
        return {"overview": page.subject}


class HomeFamily(PageFamily):
    template = "home.html"

    def context(self, page: Page, renderer: SiteRenderer) -> dict[str, Any]:
        return renderer.home_context()


class StatsFamily(PageFamily):
    template = "stats.html"

    def context(self, page: Page, renderer: SiteRenderer) -> dict[str, Any]:
        return renderer.stats_context()


class OpenDataFamily(PageFamily):
    template = "opendata.html"

    def context(self, page: Page, renderer: SiteRenderer) -> dict[str, Any]:
        return renderer.opendata_context()


FAMILIES: dict[str, PageFamily] = {
    family.template: family
    for family in (
        ProfileFamily(),
        StoryFamily(),
        ListingFamily(),
        OverviewFamily(),
        HomeFamily(),
        StatsFamily(),
        OpenDataFamily(),
    )
}


def family_of(page: Page) -> PageFamily:
    return FAMILIES[page.template]
