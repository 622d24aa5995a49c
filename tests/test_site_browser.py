"""The built site in headless Debian Chromium, on a phone and a desktop screen.

Each page must load without a console error, without a request to any host but the local
server, and without sideways scrolling; a screenshot of each is saved in tests/artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from tests.site_support import BuiltSite, serve

ARTIFACTS = Path(__file__).parent / "artifacts"
VIEWPORTS = {"phone": (360, 800), "desktop": (1280, 800)}
PAGES = {
    "home": "",
    "profile": "ca-nhan/le-nhung-thu/",
    "story": "bai-viet/bai-thu-nghiem/",
    "listing": "dia-phuong/lam-dong/",
    "stats": "thong-ke/",
}


@pytest.fixture(scope="module")
def server(built_site: BuiltSite) -> Iterator[str]:
    with serve(built_site.out) as base:
        yield base


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_page_loads_cleanly_and_fits_the_screen(
    browser: Browser, server: str, name: str, viewport: str
):
    """No console error, no outside request, no failed request, no sideways scroll."""
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    failed: list[str] = []
    local = urlsplit(server).netloc
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "request",
        lambda r: None if urlsplit(r.url).netloc in {local, ""} else outside.append(r.url),
    )
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    try:
        page.goto(server + PAGES[name], wait_until="load")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}x{height}.png"), full_page=True)
        heading = page.locator("h1").first.inner_text()
    finally:
        context.close()
    assert errors == []
    assert outside == []
    assert failed == []
    assert overflow <= 0
    assert heading.strip()


# A token joined by `-`, `/` or `–`, as generator/typography.py finds them.
_TOKENS_CUT = """() => {
  const token = /(?<![\\p{L}\\p{N}_\\/.])[\\p{L}\\p{N}_.]+(?:[-\\/–][\\p{L}\\p{N}_.]+)+/gu;
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  const cut = [];
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(token)) {
      if (match[0].length > 30) continue;
      seen += 1;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (tops.size > 1) cut.push(match[0]);
    }
  }
  return { seen, cut };
}"""
_NUMBERED = (
    "bai-viet/nhung-guong-dien-hinh-tai-hoi-nghi-ket-luan-01/",
    "bai-viet/dak-nong-5-nam-hoc-va-lam-theo-bac-khoi-co-quan/",
)


@pytest.mark.parametrize("url", _NUMBERED)
def test_document_numbers_are_never_cut_at_a_line_end(browser: Browser, server: str, url: str):
    """At every phone width from 320 to 480 px, no "01-KL/TW" or "2016–2020" spans two lines."""
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    try:
        page.goto(server + url, wait_until="load")
        found: dict[int, dict[str, object]] = {}
        for width in range(320, 481, 4):
            page.set_viewport_size({"width": width, "height": 800})
            found[width] = page.evaluate(_TOKENS_CUT)
        page.set_viewport_size({"width": 360, "height": 800})
        name = url.strip("/").rsplit("/", 1)[-1]
        page.screenshot(path=str(ARTIFACTS / f"nobr-{name}-360.png"), full_page=True)
    finally:
        context.close()
    assert all(int(str(result["seen"])) >= 3 for result in found.values()), found[320]
    assert {width: result["cut"] for width, result in found.items() if result["cut"]} == {}
