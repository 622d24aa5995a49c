"""Which pages a live-preview rebuild must write again after an edit.

Each planned page shows a known, ordered list of content ids, which its page family
(generator.site.families) declares for the renderer and for this module alike. Unchanged
files come back from the loader's cache as the very same model objects, so an edit is found
by identity. A page is written again when it shows an edited id, when its list of ids
changed (a new record shifts a listing's pages), or when it summarises the whole site
(home, statistics, overviews).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.index import Index
from generator.load import ParseCache
from generator.models import TaxonomyEntry
from generator.site.families import Dependencies, Sources, family_of
from generator.site.pages import Page, SitePlan


def dependencies(page: Page, sources: Sources) -> Dependencies:
    return family_of(page).ids(page, sources)


def theme_stamp(theme_dir: Path) -> tuple[tuple[str, int], ...]:
    return tuple(
        sorted((str(p), p.stat().st_mtime_ns) for p in theme_dir.rglob("*") if p.is_file())
    )


@dataclass(slots=True)
class _Snapshot:
    models: dict[str, object]
    dependencies: dict[str, Dependencies]
    taxonomies: tuple[tuple[TaxonomyEntry, ...], tuple[TaxonomyEntry, ...]]
    theme: tuple[tuple[str, int], ...]


@dataclass(slots=True)
class Rebuild:
    """What one rebuild writes: `pages` (src_uris; None means every page) and what to delete."""

    pages: set[str] | None
    removed_urls: list[str] = field(default_factory=list)

    def wants(self, src_uri: str) -> bool:
        return self.pages is None or src_uri in self.pages


class RebuildTracker:
    """Remembers the last build of one site, across the preview server's rebuilds.

    It owns the loader's parse cache for that site: edits are found by the identity of the
    models the cache hands back, so every load it compares must go through `cache`.
    """

    def __init__(self) -> None:
        self._last: _Snapshot | None = None
        self.cache = ParseCache()

    def next_build(self, index: Index, plan: SitePlan, theme_dir: Path) -> Rebuild:
        sources = Sources(index, plan)
        models: dict[str, object] = {r.id: r.model for r in index.records.values()}
        models.update({s.id: s.model for s in index.stories})
        current = _Snapshot(
            models=models,
            dependencies={uri: dependencies(p, sources) for uri, p in plan.pages.items()},
            taxonomies=(tuple(index.fields.values()), tuple(index.movements.values())),
            theme=theme_stamp(theme_dir),
        )
        last, self._last = self._last, current
        if last is None or last.theme != current.theme or last.taxonomies != current.taxonomies:
            return Rebuild(pages=None)
        changed = {i for i, m in current.models.items() if last.models.get(i) is not m}
        changed |= last.models.keys() - current.models.keys()
        pages = {
            uri
            for uri, deps in current.dependencies.items()
            if deps is None
            or deps != last.dependencies.get(uri, ())
            or not changed.isdisjoint(deps)
        }
        removed = [
            uri.removesuffix("index.md")
            for uri in last.dependencies
            if uri not in current.dependencies
        ]
        return Rebuild(pages=pages, removed_urls=removed)
