"""Search at national scale: index build time and size, then the first query in Chromium.

1. Generate N synthetic records (benchmarks/corpus.py) unless --content is given.
2. Load and validate them (generator.pipeline.run) and write the search index with
   generator.search.write_search_index — the same function the site build calls.
3. Build the bundled sample site for the search page and its assets, and put the large
   index in its place (building 100,000 HTML pages is the site build's benchmark, not this).
4. Serve it locally, gzip for text like any production server (the index files are
   gzip already), and for each scenario open a fresh browser (empty cache), type the query
   (or tick a facet) and record:
   - bytes: the transfer size of every response the search needs (page scripts and style,
     index.json, dictionary shards, postings, facet lists, result fragments), from
     Resource Timing; the page's own HTML and theme assets are listed apart;
   - latency: from the last keystroke (or click) to the results painted.

Run: .venv/bin/python -m benchmarks.search_bench --n 100000 --work /tmp/search-bench
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import shutil
import socket
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import Browser, Page, sync_playwright

from benchmarks.corpus import generate
from generator.mkdocs_adapter import build_site
from generator.pipeline import run
from generator.search import INDEX_FOLDER, write_search_index
from generator.site.images import ImageShop

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
TEXT_TYPES = {".html", ".js", ".css", ".json", ".svg", ".xml", ".webmanifest", ".txt"}
SEARCH_PARTS = ("/tim-kiem/chi-muc/", "/assets/javascripts/tim-kiem/", "tim-kiem.css")


@dataclass(frozen=True)
class Scenario:
    name: str
    query: str = ""  # typed key by key
    params: dict[str, str] = field(default_factory=dict)  # in the address when the page opens
    tick: tuple[str, ...] = ()  # facet groups/values to open and tick: "tinh=ha-noi"


SCENARIOS = [
    Scenario("họ tên, không dấu", query="nguyen van an"),
    Scenario("họ tên, có dấu", query="Nguyễn Văn An"),
    Scenario("mô hình, không dấu", query="tu sach phap luat"),
    Scenario("địa danh có đ", query="dak lak"),
    Scenario("từ rất phổ biến", query="ho chi minh"),
    Scenario("bộ lọc, không gõ", tick=("tinh=ha-noi", "loai=ca-nhan")),
    Scenario("gõ, có bộ lọc sẵn", query="tran thi lan", params={"tinh": "ha-noi"}),
]


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files over keep-alive connections, text compressed on the fly, as GitHub Pages
    or nginx would serve them."""

    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        # As nginx's tcp_nodelay: without it each response on a kept-alive connection
        # waits ~40 ms for the client's delayed ACK before its body leaves.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in TEXT_TYPES and path.is_file()):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a closed browser is no news
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(_GzipHandler, directory=str(directory))
    httpd = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def build_index(content: Path, site: Path) -> dict[str, float]:
    started = time.perf_counter()
    outcome = run(content)
    loaded = time.perf_counter()
    if outcome.index is None:
        raise SystemExit(f"{len(outcome.report.errors)} content errors")
    written = write_search_index(outcome.index, site)
    done = time.perf_counter()
    files, size = folder_size(site / INDEX_FOLDER)
    return {
        "documents": written.documents,
        "load_s": loaded - started,
        "index_s": done - loaded,
        "files": files,
        "bytes": size,
        "words": written.words,
        "pairs": written.pairs,
    }


def shell_site(work: Path, content: Path) -> Path:
    """The sample site (search page, theme assets) with the corpus' photos published beside
    it as the site build publishes them (web copy and card thumbnail)."""
    site = work / "site"
    outcome = build_site(
        config_file=REPO / "mkdocs.yml", content=REPO / "content", out=site, site_url=None
    )
    if outcome.index is None:
        raise SystemExit("the sample content does not build")
    shop = ImageShop(content, work / "image-cache")
    shop.prepare(p.relative_to(content).as_posix() for p in (content / "images").glob("*"))
    for published, source in shop.files():
        (site / published).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, site / published)
    return site


_WATCH = """q => {
  window.__bench = { key: 0, done: 0 };
  const status = document.querySelector("[data-gs-status]");
  document.addEventListener("keydown", () => { window.__bench.key = performance.now(); }, true);
  document.addEventListener("click", () => { window.__bench.key = performance.now(); }, true);
  new MutationObserver(() => {
    if (status.textContent.includes(q)) {
      requestAnimationFrame(() => { window.__bench.done = performance.now(); });
    }
  }).observe(status, { childList: true, characterData: true, subtree: true });
}"""


def _resources(page: Page) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = page.evaluate(
        """() => performance.getEntriesByType("resource").concat(
             performance.getEntriesByType("navigation")
           ).map(e => ({ url: e.name, size: e.transferSize, body: e.encodedBodySize }))"""
    )
    return entries


def measure(browser: Browser, base: str, scenario: Scenario, delay_ms: int) -> dict[str, object]:
    # The site's policy forbids eval, which Playwright's polled predicates need; bypassing
    # it in the benchmark changes no request and no byte the page fetches.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    query = f"?{urlencode(scenario.params)}" if scenario.params else ""
    page.goto(f"{base}tim-kiem/{query}")
    page.wait_for_selector(".gs-facet")
    if scenario.params:
        page.wait_for_function("document.querySelector('[data-gs-status]').textContent")
    expected = f"“{scenario.query}”" if scenario.query else "kết quả"
    page.evaluate(_WATCH, expected)
    if scenario.query:
        page.locator("#gs-find-q").press_sequentially(scenario.query, delay=delay_ms)
    latencies = []
    for tick in scenario.tick:  # each tick's results before the next tick
        group, value = tick.split("=")
        box = page.locator(f"input[name='{group}'][value='{value}']")
        if not box.is_visible():
            page.locator(f"[data-group='{group}'] .gs-facet__title").click()
        page.evaluate("document.querySelector('[data-gs-status]').textContent = ''")
        box.check()
        page.wait_for_function("window.__bench.done > window.__bench.key")
        latencies.append(page.evaluate("window.__bench.done - window.__bench.key"))
    if scenario.query:
        page.wait_for_function("window.__bench.done > window.__bench.key")
        latencies.append(page.evaluate("window.__bench.done - window.__bench.key"))
    page.wait_for_load_state("networkidle")
    latency = max(latencies)  # the slowest step: a tick that downloads a facet's lists
    status = page.locator("[data-gs-status]").inner_text()
    entries = _resources(page)
    context.close()
    search = [e for e in entries if any(part in str(e["url"]) for part in SEARCH_PARTS)]
    images = [e for e in entries if "/images/" in str(e["url"])]
    rest = [e for e in entries if e not in search and e not in images]
    index = [e for e in search if "/chi-muc/" in str(e["url"])]

    def total(items: list[dict[str, object]]) -> int:
        return sum(int(str(e["size"])) for e in items)

    return {
        "scenario": scenario.name,
        "query": scenario.query or "; ".join(scenario.tick),
        "status": status,
        "latency_ms": latency,
        "search_bytes": total(search),
        "search_requests": len(search),
        "index_bytes": total(index),
        "fragment_requests": sum("/r/" in str(e["url"]) for e in index),
        "page_bytes": total(rest),
        "image_bytes": total(images),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="records to generate")
    parser.add_argument("--content", type=Path, help="an existing content folder to use")
    parser.add_argument("--work", type=Path, default=Path("/tmp/search-bench"))
    parser.add_argument("--delay", type=int, default=60, help="ms between keystrokes")
    parser.add_argument("--runs", type=int, default=3, help="runs per scenario (median)")
    args = parser.parse_args()

    args.work.mkdir(parents=True, exist_ok=True)
    content = args.content or args.work / "content"
    if args.content is None:
        print(f"generating {args.n} records into {content} …", flush=True)
        generate(content, args.n)
    print("building the sample site for the search page …", flush=True)
    site = shell_site(args.work, content)
    print(f"loading {content} and writing the search index …", flush=True)
    build = build_index(content, site)
    print(json.dumps(build, indent=2), flush=True)

    rows = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for scenario in SCENARIOS:
            runs = [measure(browser, base, scenario, args.delay) for _ in range(args.runs)]
            row = dict(runs[-1])
            row["latency_ms"] = statistics.median(float(str(r["latency_ms"])) for r in runs)
            row["latency_max_ms"] = max(float(str(r["latency_ms"])) for r in runs)
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
        browser.close()

    print(
        "\n| Tình huống | Truy vấn | Kết quả | Tải về cho tìm kiếm (KB, số yêu cầu) "
        "| trong đó chỉ mục | Trang + giao diện (KB) | Thời gian (ms, trung vị / chậm nhất) |"
    )
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['scenario']} | `{r['query']}` | {r['status']} "
            f"| {int(str(r['search_bytes'])) / 1024:.0f} ({r['search_requests']}) "
            f"| {int(str(r['index_bytes'])) / 1024:.0f} "
            f"| {int(str(r['page_bytes'])) / 1024:.0f} "
            f"| {float(str(r['latency_ms'])):.0f} / {float(str(r['latency_max_ms'])):.0f} |"
        )


if __name__ == "__main__":
    main()
