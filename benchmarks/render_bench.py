"""CPU of rendering every page body and its meta in one process, as a worker does.

    python -m benchmarks.render_bench CONTENT [--runs 3]

Builds the Site as the MkDocs adapter does, then times `writer.frame_values` (meta,
body render, minify) over every page with `time.process_time()`, best of `--runs`; the
Site itself (loading, planning) is not counted. The machine is shared: compare runs made
back to back, and only the best of several.
"""

from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path

from generator.pipeline import run
from generator.site.assemble import Site
from generator.site.writer import frame_values

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    index = run(args.content).index
    if index is None:
        raise SystemExit(f"{args.content}: nội dung có lỗi, chạy `guongsang check` trước")
    site = Site(index, theme_dir=REPO / "theme", site_url="https://x.vn/", site_description="d")
    pages = list(site.pages())
    gc.freeze()  # as in the forked workers: the site is built before the pages
    times = []
    for _ in range(args.runs):
        start = time.process_time()
        for page in pages:
            frame_values(site, page)
        times.append(time.process_time() - start)
    runs = ", ".join(f"{t:.2f}" for t in times)
    print(f"{len(pages)} pages: best {min(times):.2f} s CPU (runs: {runs})")


if __name__ == "__main__":
    main()
