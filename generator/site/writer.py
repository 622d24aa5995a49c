"""Writing the framed pages (see `frames`): bodies rendered, minified and set in their frame,
spread over the cores (see `parallel`), with the search index beside them in a process of
its own, so that its memory is returned when it is written."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator.site import frames as f
from generator.site.assemble import Site
from generator.site.minify import minify
from generator.site.pages import Page
from generator.site.parallel import FORK_MIN_PAGES, run_forked, slices


def page_kind(url: str) -> str:
    """`ca-nhan/an/` → `ca-nhan/<id>`, `dia-phuong/ha-noi/trang/2/` → `…/<id>/trang/<n>`."""
    segments = url.strip("/").split("/") if url else ["(trang chủ)"]
    named = [segments[0]]
    for position, segment in enumerate(segments[1:], start=1):
        if segment == "trang":
            named.append("trang")
        elif segments[position - 1] == "trang":
            named.append("<n>")
        else:
            named.append("<id>")
    return "/".join(named)


@dataclass(slots=True)
class Written:
    """Pages and bytes written, by page kind."""

    kinds: dict[str, list[int]] = field(default_factory=dict)  # kind → [pages, bytes]

    def add(self, kind: str, size: int) -> None:
        counts = self.kinds.setdefault(kind, [0, 0])
        counts[0] += 1
        counts[1] += size

    def merge(self, other: Written) -> None:
        for kind, (pages, size) in other.kinds.items():
            counts = self.kinds.setdefault(kind, [0, 0])
            counts[0] += pages
            counts[1] += size

    @property
    def pages(self) -> int:
        return sum(pages for pages, _ in self.kinds.values())

    @property
    def bytes(self) -> int:
        return sum(size for _, size in self.kinds.values())


def frame_values(site: Site, page: Page) -> dict[str, str]:
    meta = site.meta(page)
    return {
        f.TITLE: meta.title,
        f.DESCRIPTION: meta.description,
        f.IMAGE: meta.image,
        f.URL: site.absolute(page.url),
        f.BODY: minify(site.render(page)),
        f.HEAD: meta.head,
    }


def write_framed(
    site: Site, frames: dict[f.FrameKey, f.Frame], pages: Sequence[Page], site_dir: Path
) -> Written:
    written = Written()
    for page in pages:
        key = f.frame_key(page.url, page.og_type)
        if key is None:
            raise ValueError(f"{page.url}: not a framed page")
        data = frames[key].fill(frame_values(site, page)).encode("utf-8")
        folder = site_dir / page.url
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_bytes(data)
        written.add(page_kind(page.url), len(data))
    return written


def write_all(
    site: Site,
    frames: dict[f.FrameKey, f.Frame],
    pages: Sequence[Page],
    site_dir: Path,
    *,
    jobs: int,
    alongside: Callable[[], object],
) -> Written:
    """The pages over `jobs` workers; `alongside` in a child of its own, at the same time
    when there are cores to spare, after the pages on one core (in this process for a
    small site)."""
    total = Written()
    if jobs <= 1:
        total.merge(write_framed(site, frames, pages, site_dir))
        if len(pages) < FORK_MIN_PAGES:
            alongside()
        else:
            run_forked([alongside], in_parent=None)
        return total
    tasks: list[Callable[[], object]] = [alongside]
    tasks += [partial(write_framed, site, frames, part, site_dir) for part in slices(pages, jobs)]
    for result in run_forked(tasks, in_parent=1)[1:]:
        if isinstance(result, Written):
            total.merge(result)
    return total
