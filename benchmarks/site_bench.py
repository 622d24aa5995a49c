"""Site build at scale, beside the plain-MkDocs floor measured in the same run.

For each N: a synthetic corpus (benchmarks/corpus.py: N records, N/5 stories), then
`guongsang build` of it, then — as the floor — a plain `mkdocs build` with the same theme of
as many plain Markdown pages as our build wrote, kept out of the navigation. Each build runs
in its own process; wall time and that process's peak RSS are recorded.

Run: .venv/bin/python benchmarks/site_bench.py --sizes 1000 10000
     .venv/bin/python benchmarks/site_bench.py --sizes 100000 --no-floor   # long: see docs
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import SENTENCES, generate
from generator.search import INDEX_FOLDER

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


def measure(command: list[str], cwd: Path) -> Run:
    """Wall time and peak resident memory of one child process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        errors = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"failed: {' '.join(command)}\n{errors}")
    return Run(elapsed, usage.ru_maxrss / 1024)


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def write_floor_project(folder: Path, pages: int) -> Path:
    """`pages` plain Markdown pages of story-like length, Material theme, out of the nav."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    rng = random.Random(1)
    (docs / "index.md").write_text("# Trang chủ\n\nTrang mốc đo hiệu năng.\n", encoding="utf-8")
    for i in range(pages - 1):
        words = {"name": "Nguyễn Văn An", "place": "xã Phú Lạc", "model": "Tủ sách pháp luật"}
        body = "\n\n".join(
            " ".join(rng.choice(SENTENCES).format(**words) for _ in range(4)) for _ in range(4)
        )
        (docs / f"trang-{i}.md").write_text(f"# Trang {i}\n\n{body}\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Mốc đo\n"
        "theme:\n  name: material\n  language: vi\n  font: false\n"
        "nav:\n  - index.md\n"
        "not_in_nav: |\n  /trang-*.md\n"
        "plugins: []\n",
        encoding="utf-8",
    )
    return config


@dataclass(frozen=True)
class Result:
    records: int
    ours: Run
    pages: int
    output_mb: float
    search_mb: float
    floor: Run | None


def bench(records: int, work: Path, floor: bool) -> Result:
    content = work / f"content-{records}"
    generate(content, records, seed=1)
    site = work / f"site-{records}"
    ours = measure(
        [str(BIN / "guongsang"), "build", "--content", str(content), "--out", str(site)], REPO
    )
    pages = count_pages(site)
    search = site / INDEX_FOLDER
    search_mb = tree_bytes(search) / 1e6 if search.is_dir() else 0.0
    result_floor = None
    if floor:
        project = work / f"floor-{records}"
        config = write_floor_project(project, pages)
        result_floor = measure(
            [str(BIN / "mkdocs"), "build", "-q", "-f", str(config), "-d", str(project / "site")],
            project,
        )
        shutil.rmtree(project)
    output_mb = tree_bytes(site) / 1e6
    shutil.rmtree(site)
    shutil.rmtree(content)
    return Result(records, ours, pages, output_mb, search_mb, result_floor)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--no-floor", action="store_true", help="skip the plain MkDocs floor")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="gs-bench-") as tmp:
        for size in args.sizes:
            result = bench(size, Path(tmp), floor=not args.no_floor)
            rows.append(result)
            floor = result.floor
            ratio = f"{result.ours.seconds / floor.seconds:.2f}×" if floor else "—"
            print(
                f"N={size:>7}: {result.pages} pages, ours {result.ours.seconds:.1f} s "
                f"{result.ours.peak_mb:.0f} MB, output {result.output_mb:.0f} MB, "
                f"search index {result.search_mb:.1f} MB; floor "
                + (
                    f"{floor.seconds:.1f} s {floor.peak_mb:.0f} MB; ratio {ratio}" if floor else "—"
                ),
                flush=True,
            )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(
            f"time({last.records})/time({first.records}) = "
            f"{last.ours.seconds / first.ours.seconds:.1f}; output bytes per page "
            + ", ".join(f"{r.output_mb * 1e3 / r.pages:.1f} KB (N={r.records})" for r in rows)
        )


if __name__ == "__main__":
    main()
