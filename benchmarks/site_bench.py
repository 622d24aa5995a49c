"""Site build at scale, side by side in one run with Hugo and a plain `mkdocs build`.

For each N: a synthetic corpus (benchmarks/corpus.py: N records, N/5 stories, seed 1), then,
alternately and `--repeat` times each, every build in its own process:

- ours: `guongsang build --jobs J` (J = the cores, or `--jobs`), and `--jobs 1` beside it;
- hugo: Debian's `hugo` on as many Markdown pages as our build wrote, story-like bodies,
  with a template of the same chrome (head meta, header, search form, sections bar, footer);
- mkdocs: `mkdocs build` with Material, as many plain Markdown pages, kept out of the nav.

The table gives, per build, the best wall time (the least disturbed by other work on the
machine), the CPU time (user + system, children included) of that run, and the highest peak
RSS over all runs (`ru_maxrss` of the process or of its largest child: forked workers share
the parent's memory, so this is the largest process, not their sum). For our build it also
gives the output: pages, bytes and files, in all and per page kind.

Run: .venv/bin/python -m benchmarks.site_bench --sizes 1000 10000 --repeat 3
     .venv/bin/python -m benchmarks.site_bench --sizes 100000 --repeat 1 --only ours hugo mkdocs \
         --work /tmp/scale-w100k   # keeps the corpus, the projects and the sites
     .venv/bin/python -m benchmarks.site_bench --startup     # the 16-record sample site
"""

from __future__ import annotations

import argparse
import collections
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
from generator.site.writer import page_kind

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BUILDS = ("ours", "ours-1", "hugo", "mkdocs")


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float
    peak_mib: float


def measure(command: list[str], cwd: Path) -> Run:
    """Wall time, CPU time and peak resident memory of one child process (and its own)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    errors = process.stderr.read().decode() if process.stderr else ""
    if status != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{errors}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


@dataclass(frozen=True)
class Output:
    pages: int
    bytes: int
    files: int
    kinds: dict[str, tuple[int, int]]  # page kind (or "tệp khác: <folder>") → files, bytes


def survey(site: Path) -> Output:
    kinds: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    pages = total = files = 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        size = path.stat().st_size
        files += 1
        total += size
        if path.name == "index.html":
            pages += 1
            kind = page_kind(rel.removesuffix("index.html"))
        else:
            kind = "other: " + "/".join(rel.split("/")[:3][:-1] or ["(root)"])
        kinds[kind][0] += 1
        kinds[kind][1] += size
    return Output(pages, total, files, {k: (v[0], v[1]) for k, v in kinds.items()})


def _story_body(rng: random.Random) -> str:
    words = {"name": "Nguyễn Văn An", "place": "xã Phú Lạc", "model": "Tủ sách pháp luật"}
    return "\n\n".join(
        " ".join(rng.choice(SENTENCES).format(**words) for _ in range(4)) for _ in range(4)
    )


def write_mkdocs_project(folder: Path, pages: int) -> None:
    """`pages` plain Markdown pages of story-like length, Material theme, out of the nav."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    rng = random.Random(1)
    (docs / "index.md").write_text("# Trang chủ\n\nTrang mốc đo hiệu năng.\n", encoding="utf-8")
    for i in range(pages - 1):
        (docs / f"trang-{i}.md").write_text(f"# Trang {i}\n\n{_story_body(rng)}\n", "utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: Mốc đo\n"
        "theme:\n  name: material\n  language: vi\n  font: false\n"
        "nav:\n  - index.md\n"
        "not_in_nav: |\n  /trang-*.md\n"
        "plugins: []\n",
        encoding="utf-8",
    )


def mkdocs_command(folder: Path, out: Path) -> list[str]:
    return [str(BIN / "mkdocs"), "build", "-q", "-f", str(folder / "mkdocs.yml"), "-d", str(out)]


_SECTIONS = ("ca-nhan", "tap-the", "bai-viet", "dia-phuong", "linh-vuc", "phong-trao")
HUGO_PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="description" content="{{ .Summary | plainify }}">
<link rel="canonical" href="{{ .Permalink }}"><meta property="og:url" content="{{ .Permalink }}">
<meta property="og:title" content="{{ .Title }}"><meta property="og:type" content="article">
<meta property="og:description" content="{{ .Summary | plainify }}">
<title>{{ .Title }} – {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "assets/main.css" | relURL }}"></head><body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<form action="{{ "tim-kiem/" | relURL }}"><input type="search" name="q"><button>Tìm</button>
</form></header><nav><ul>{{ range $.Site.Params.sections }}
<li><a href="{{ . | relURL }}/">{{ . }}</a></li>{{ end }}</ul></nav>
<main><article><h1>{{ .Title }}</h1>{{ .Content }}</article></main>
<footer><p>{{ .Site.Title }}</p><p><a href="{{ "gioi-thieu/" | relURL }}">Giới thiệu</a>
<a href="{{ "feed.xml" | relURL }}">Nguồn tin</a></p></footer>
<script src="{{ "assets/bundle.js" | relURL }}"></script></body></html>
"""


def write_hugo_project(folder: Path, pages: int) -> None:
    """`pages` Markdown pages for Hugo (index included), the same bodies as the MkDocs ones."""
    content = folder / "content" / "trang"
    content.mkdir(parents=True)
    rng = random.Random(1)
    (folder / "content" / "_index.md").write_text("---\ntitle: Trang chủ\n---\n", "utf-8")
    for i in range(pages - 1):
        text = f"---\ntitle: Trang {i}\n---\n\n{_story_body(rng)}\n"
        (content / f"trang-{i}.md").write_text(text, encoding="utf-8")
    layouts = folder / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (layouts / name).write_text(HUGO_PAGE, encoding="utf-8")
    sections = "".join(f"  - {s}\n" for s in _SECTIONS)
    (folder / "config.yaml").write_text(
        "baseURL: http://127.0.0.1:8000/\ntitle: Mốc đo\nlanguageCode: vi\n"
        "disableKinds: [taxonomy, term, RSS, sitemap, robotsTXT, 404]\n"
        f"params:\n  sections:\n{sections}",
        encoding="utf-8",
    )
    # Hugo writes the section page `trang/` besides the pages: one more, as in the count.


def hugo_command(folder: Path, out: Path) -> list[str]:
    return ["hugo", "--quiet", "--source", str(folder), "--destination", str(out)]


def _ours(content: Path, site: Path, jobs: int | None) -> list[str]:
    command = [str(BIN / "guongsang"), "build", "--content", str(content), "--out", str(site)]
    return command + (["--jobs", str(jobs)] if jobs else [])


@dataclass
class Result:
    records: int
    runs: dict[str, list[Run]]
    output: Output | None = None

    def best(self, build: str) -> Run:
        return min(self.runs[build], key=lambda run: run.seconds)

    def peak(self, build: str) -> float:
        return max(run.peak_mib for run in self.runs[build])


def bench(records: int, work: Path, builds: list[str], repeat: int, jobs: int | None) -> Result:
    content = work / f"content-{records}"
    if not content.is_dir():
        generate(content, records, seed=1)
    # Every run writes a folder of its own, removed after the report: deleting a 100k site
    # between runs took minutes on this machine's disk.
    outputs = work / f"out-{records}"
    shutil.rmtree(outputs, ignore_errors=True)
    result = Result(records, {build: [] for build in builds})
    # As an installed package is: an editable install run with PYTHONDONTWRITEBYTECODE would
    # compile every module of the generator again in each build.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "generator")], check=True)
    for turn in range(repeat):
        for build in builds:
            out = outputs / f"{build}-{turn}"
            if build in {"ours", "ours-1"}:
                command = _ours(content, out, 1 if build == "ours-1" else jobs)
                result.runs[build].append(measure(command, REPO))
                if result.output is None:
                    result.output = survey(out)
                continue
            folder = work / f"{build}-{records}"
            pages = result.output.pages if result.output else records
            _project(build, folder, pages)
            command = (hugo_command if build == "hugo" else mkdocs_command)(folder, out)
            result.runs[build].append(measure(command, folder))
        print(f"N={records}: round {turn + 1} of {repeat} done", file=sys.stderr, flush=True)
    return result


def _project(build: str, folder: Path, pages: int) -> None:
    """The Hugo or MkDocs project of `pages` pages, kept by `--work` and reused at that size."""
    marker = folder / ".bench-pages"
    if marker.is_file() and marker.read_text() == str(pages):
        return
    shutil.rmtree(folder, ignore_errors=True)
    (write_hugo_project if build == "hugo" else write_mkdocs_project)(folder, pages)
    marker.write_text(str(pages))


def report(result: Result, jobs: int) -> None:
    output = result.output
    print(f"\n## N = {result.records:,} records")
    if output:
        print(
            f"\nours: {output.pages:,} pages, {output.bytes / 1e6:,.0f} MB in {output.files:,} "
            f"files ({output.bytes / output.pages / 1e3:.1f} KB per page, all files counted)"
        )
    print("\n| build | best wall | CPU of that run | peak RSS | runs (wall, s) |")
    print("|---|---:|---:|---:|---|")
    for build, runs in result.runs.items():
        best = result.best(build)
        label = {"ours": f"ours, --jobs {jobs}", "ours-1": "ours, --jobs 1"}.get(build, build)
        walls = ", ".join(f"{run.seconds:.1f}" for run in runs)
        print(
            f"| {label} | {best.seconds:.1f} s | {best.cpu:.1f} s | {result.peak(build):,.0f} MiB"
            f" | {walls} |"
        )
    for other in ("hugo", "mkdocs"):
        if "ours" in result.runs and other in result.runs:
            ratio = result.best("ours").seconds / result.best(other).seconds
            print(f"\nours / {other}: {ratio:.2f}×", end="")
    print()
    if output:
        print("\n| page kind (or other files) | files | bytes | per file |")
        print("|---|---:|---:|---:|")
        for kind, (files, size) in sorted(output.kinds.items(), key=lambda kv: -kv[1][1]):
            print(f"| `{kind}` | {files:,} | {size / 1e6:,.1f} MB | {size / files / 1e3:.1f} KB |")


def startup(repeat: int) -> None:
    """The bundled 16-record sample site: what a build costs before any page."""
    with tempfile.TemporaryDirectory(prefix="gs-startup-") as tmp:
        runs = [
            measure(_ours(REPO / "content", Path(tmp) / "site", None), REPO) for _ in range(repeat)
        ]
    best = min(runs, key=lambda run: run.seconds)
    print(f"sample site: best {best.seconds:.2f} s wall, {best.cpu:.2f} s CPU, ", end="")
    print(f"{best.peak_mib:.0f} MiB peak")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="+", choices=BUILDS, default=list(BUILDS))
    parser.add_argument("--jobs", type=int, default=None, help="our workers (default: cores)")
    parser.add_argument(
        "--work", type=Path, help="keep corpora, projects and sites here (default: a temp folder)"
    )
    parser.add_argument("--startup", action="store_true", help="time the sample site only")
    args = parser.parse_args()
    if args.startup:
        startup(args.repeat)
        return
    jobs = args.jobs or len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory(prefix="gs-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            report(bench(size, work, args.only, args.repeat, args.jobs), jobs)
            sys.stdout.flush()
            shutil.rmtree(work / f"out-{size}", ignore_errors=True)


if __name__ == "__main__":
    main()
