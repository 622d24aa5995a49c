"""Writing the framed pages (see `frames`): bodies rendered, minified and set in their frame,
spread over the cores (see `parallel`) together with the files that need only the index
(search index, open data, sitemaps, feed)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator.parallel import FORK_MIN_PAGES, run_shared, runs
from generator.site import frames as f
from generator.site.assemble import Site
from generator.site.minify import minify
from generator.site.pages import Page


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
        write_page(site_dir / page.url, data)
        written.add(page_kind(page.url), len(data))
    return written


def write_page(folder: Path, data: bytes) -> None:
    """`folder/index.html`, in three system calls where `Path.write_bytes` makes six (it
    asks whether the file is a terminal and where it stands): at a national site's
    hundred thousand pages, on virtual disks, that is seconds."""
    folder.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC
    fd = os.open(folder / "index.html", flags, 0o666)  # as open() does: the umask decides
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


RUNS_PER_WORKER = 16  # enough for the workers to end together, few enough to cost nothing


def write_all(
    site: Site,
    frames: dict[f.FrameKey, f.Frame],
    pages: Sequence[Page],
    site_dir: Path,
    *,
    jobs: int,
    alongside: Sequence[Callable[[], object]],
) -> Written:
    """The pages and the `alongside` tasks (search index, open data) on `jobs` forked workers
    sharing one queue, the long tasks first (see `parallel.run_shared`); a small site on one
    core is written in this process."""
    total = Written()
    if jobs <= 1 and len(pages) < FORK_MIN_PAGES:
        total.merge(write_framed(site, frames, pages, site_dir))
        for task in alongside:
            task()
        return total
    tasks: list[Callable[[], object]] = [*alongside]
    tasks += [
        partial(write_framed, site, frames, run, site_dir)
        for run in runs(pages, jobs * RUNS_PER_WORKER)
    ]
    for result in run_shared(tasks, workers=max(1, jobs)):
        if isinstance(result, Written):
            total.merge(result)
    return total
