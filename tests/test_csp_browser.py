"""The Content-Security-Policy in headless Chromium: every page kind works under it.

A page fails on any `securitypolicyviolation` event (recorded by a script the browser runs
before the page's own), any console error, or a request to another host. The search page
is also used: a query must show results, so the index fetches and the module run. And the
live preview: MkDocs' live-reload script and the error banner run under the same policy.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from generator.site import csp
from tests.site_support import REPO, BuiltSite, serve

ARTIFACTS = Path(__file__).parent / "artifacts"
PAGES = {
    "home": "",
    "person": "ca-nhan/le-nhung-thu/",
    "collective": "tap-the/chi-hoi-phu-nu-thon-cong-to/",
    "story": "bai-viet/bai-thu-nghiem/",
    "province": "dia-phuong/lam-dong/",
    "field": "linh-vuc/",
    "movement": "phong-trao/",
    "award": "khen-thuong/trung-uong/",
    "a-z": "a-z/",
    "stats": "thong-ke/",
    "about": "gioi-thieu/",
    "search": "tim-kiem/?q=nhu+thanh",
    "not-found": "404.html",  # what a host serves for a missing page
}
_FIRST = ("<script", "<link", "<style")
_RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture(scope="module")
def server(built_site: BuiltSite) -> Iterator[str]:
    with serve(built_site.out) as base:
        yield base


class Watched:
    """A browser page with its CSP violations, console errors and outside requests."""

    def __init__(self, page: Page, base: str) -> None:
        self.page = page
        self.errors: list[str] = []
        self.outside: list[str] = []
        local = urlsplit(base).netloc
        page.add_init_script(_RECORD_VIOLATIONS)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on(
            "request",
            lambda r: None if urlsplit(r.url).netloc in {local, ""} else self.outside.append(r.url),
        )

    def violations(self) -> list[str]:
        found: list[str] = self.page.evaluate("window.__csp")
        return found


def test_every_page_sets_the_policy_first_in_its_head(built_site: BuiltSite):
    """Every site page has one CSP meta tag, before any script, stylesheet or style, with
    neither 'unsafe-inline' nor 'unsafe-eval' (the editors' /quan-tri/ has its own)."""
    for path in built_site.html_files():
        if path.relative_to(built_site.out).parts[0] == "quan-tri":
            continue
        source = path.read_text(encoding="utf-8")
        assert source.count(csp.MARKER_ATTRIBUTE) == 1, path
        at = source.index(csp.MARKER_ATTRIBUTE)
        assert all(source.find(tag) in (-1, *range(at, len(source))) for tag in _FIRST), path
        found = re.search(f'content="([^"]*)" {csp.MARKER_ATTRIBUTE}', source)
        assert found is not None, path
        assert "unsafe-inline" not in found[1] and "unsafe-eval" not in found[1], path


def test_headers_file_carries_the_header_policy(built_site: BuiltSite):
    """`_headers` (Netlify, Cloudflare Pages) sends frame-ancestors and companions everywhere."""
    text = (built_site.out / csp.HEADERS_FILE).read_text(encoding="utf-8")
    assert text.startswith("/*\n")
    assert f"  Content-Security-Policy: {csp.HEADER_POLICY}\n" in text
    assert "frame-ancestors 'none'" in csp.HEADER_POLICY
    assert "  X-Content-Type-Options: nosniff\n" in text


@pytest.mark.parametrize("name", PAGES)
def test_page_kind_works_under_the_policy(browser: Browser, server: str, name: str):
    """No CSP violation, no console error, no outside request; the page's script ran."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    watched = Watched(context.new_page(), server)
    try:
        watched.page.goto(server + PAGES[name], wait_until="load")
        if name == "search":
            watched.page.wait_for_selector("[data-gs-results] li", timeout=15_000)
        # The site's script marks the page once it has run.
        assert watched.page.evaluate("document.documentElement.classList.contains('gs-js')")
        watched.page.wait_for_timeout(300)  # late violations (lazy styles, fetches)
        violations = watched.violations()
        ARTIFACTS.mkdir(exist_ok=True)
        watched.page.screenshot(path=str(ARTIFACTS / f"csp-{name}.png"))
    finally:
        context.close()
    assert violations == []
    assert watched.errors == []
    assert watched.outside == []


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_live_preview_reloads_and_shows_errors_under_the_policy(browser: Browser, mini: Path):
    """In `guongsang serve`, a bad save reloads the open page with the error banner and the
    good save reloads it without: live reload and banner run under the policy."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "generator", "serve", "--content", str(mini)),
            *("--dev-addr", f"127.0.0.1:{port}", "--config-file", str(REPO / "mkdocs.yml")),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    context = browser.new_context()
    watched = Watched(context.new_page(), base)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                watched.page.goto(base + "bai-viet/nguoi-thay-vung-cao/", wait_until="load")
                break
            except Exception:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.5)
        watched.page.wait_for_timeout(1000)  # the live-reload poll is open
        person = mini / "people" / "nguyen-trung-tuyen.yml"
        good = person.read_text(encoding="utf-8")
        person.write_text(good + "khoa_la: 1\n", encoding="utf-8")
        watched.page.wait_for_selector("#gs-loi-xem-truoc", timeout=30_000)
        watched.page.wait_for_timeout(500)
        ARTIFACTS.mkdir(exist_ok=True)
        watched.page.screenshot(path=str(ARTIFACTS / "serve-error-banner.png"))
        banner = watched.page.locator("#gs-loi-xem-truoc")
        assert banner.evaluate("e => getComputedStyle(e).position") == "sticky"  # styled
        assert "khoa_la" in banner.inner_text()
        violations = watched.violations()
        person.write_text(good, encoding="utf-8")
        watched.page.wait_for_selector("#gs-loi-xem-truoc", state="detached", timeout=30_000)
        watched.page.wait_for_selector("h1", timeout=10_000)
        violations += watched.violations()
    finally:
        context.close()
        server.terminate()
        server.wait(timeout=10)
    assert violations == []
    assert watched.errors == []
