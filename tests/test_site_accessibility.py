"""WCAG 2.2 AA on every page kind, on a phone and a desktop screen, checked by axe-core in
Debian Chromium; and every section reached from a profile through the phone menu."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page

from tests.site_support import REPO, BuiltSite, serve

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).parent / "artifacts"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDTHS = (360, 1280)
PAGE_KINDS = {
    "home": "",
    "person": "ca-nhan/le-nhung-thu/",
    "collective": "tap-the/hoi-lhpn-tinh-cao-bang/",
    "story": "bai-viet/bai-thu-nghiem/",
    "story-list": "bai-viet/",
    "province": "dia-phuong/lam-dong/",
    "overview": "dia-phuong/",
    "letter": "a-z/n/",
    "awards": "khen-thuong/",
    "stats": "thong-ke/",
    "search": "tim-kiem/?q=thanh",
    "about": "gioi-thieu/",
    "open-data": "du-lieu/",
    "not-found": "404.html",
}
SECTIONS = {
    "Trang chủ": "",
    "Cá nhân": "ca-nhan/",
    "Tập thể": "tap-the/",
    "Bài viết": "bai-viet/",
    "Địa phương": "dia-phuong/",
    "Lĩnh vực": "linh-vuc/",
    "Phong trào": "phong-trao/",
    "Khen thưởng": "khen-thuong/",
    "Thống kê": "thong-ke/",
    "Giới thiệu": "gioi-thieu/",
}


@pytest.fixture(scope="module")
def server(built_site: BuiltSite) -> Iterator[str]:
    with serve(built_site.out) as base:
        yield base


def _violations(page: Page) -> list[dict[str, object]]:
    # Evaluated by the browser itself, not as an inline <script>: the CSP blocks those.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        {
            "id": v["id"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_kind_has_no_axe_violations(browser: Browser, server: str, kind: str, width: int):
    """axe-core finds nothing against WCAG 2.0–2.2 A/AA and best practice."""
    assert AXE.is_file(), "axe-core is missing; run .ci/setup"
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(server + PAGE_KINDS[kind], wait_until="networkidle")
        violations = _violations(page)
    finally:
        context.close()
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("width", (320, 360))
def test_every_section_opens_from_a_profile_through_the_menu(
    browser: Browser, server: str, width: int
):
    """On a phone each section is two taps away: open the menu, tap the section."""
    context = browser.new_context(viewport={"width": width, "height": 740}, has_touch=True)
    page = context.new_page()
    reached = {}
    try:
        for label in SECTIONS:
            page.goto(server + "ca-nhan/le-nhung-thu/")
            # A <summary>: exposed as a disclosure button ("Chuyên mục"), not role=button.
            menu = page.locator("summary.gs-menu__button", has_text="Chuyên mục")
            assert menu.is_visible()
            menu.tap()
            if label == "Trang chủ":
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"menu-open-{width}.png"))
            nav = page.get_by_role("navigation", name="Chuyên mục", exact=True)
            with page.expect_navigation():
                nav.get_by_role("link", name=label, exact=True).tap()
            reached[label] = page.url.removeprefix(server)
    finally:
        context.close()
    assert reached == SECTIONS


def test_wide_screens_show_the_sections_as_a_bar(browser: Browser, server: str):
    """At 1280 px every section link is visible without opening anything; no menu button."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(server + "ca-nhan/le-nhung-thu/")
        nav = page.get_by_role("navigation", name="Chuyên mục", exact=True)
        shown = [
            label
            for label in SECTIONS
            if nav.get_by_role("link", name=label, exact=True).is_visible()
        ]
        button = page.locator("summary.gs-menu__button").is_visible()
        tops = {
            round(nav.get_by_role("link", name=label, exact=True).bounding_box()["y"])
            for label in SECTIONS
        }
    finally:
        context.close()
    assert shown == list(SECTIONS)
    assert button is False
    assert len(tops) == 1  # one row


def test_menu_works_from_the_keyboard(browser: Browser, server: str):
    """Enter opens the menu, the first section is next in tab order, Escape closes it."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(server + "bai-viet/bai-thu-nghiem/")
        page.focus(".gs-menu__button")
        page.keyboard.press("Enter")
        expanded = page.evaluate("document.querySelector('.gs-menu').open")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        page.keyboard.press("Escape")
        closed = page.evaluate("!document.querySelector('.gs-menu').open")
        back = page.evaluate("document.activeElement.classList.contains('gs-menu__button')")
    finally:
        context.close()
    assert expanded is True
    assert focused == "Trang chủ"
    assert closed and back  # Escape closes the menu and returns to its button


def test_header_search_is_usable_at_320_px(browser: Browser, server: str):
    """At 320 px the header search box is wide enough to read and has 16-px text."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        page.goto(server + "ca-nhan/le-nhung-thu/")
        box = page.locator("#gs-q")
        width = box.bounding_box()["width"] if box.bounding_box() else 0
        size = page.evaluate(
            "parseFloat(getComputedStyle(document.getElementById('gs-q')).fontSize)"
        )
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    finally:
        context.close()
    assert width >= 150
    assert size >= 16
    assert overflow <= 0


@pytest.mark.parametrize("kind", ["home", "person", "stats", "search", "open-data"])
def test_enlarged_text_does_not_scroll_sideways(browser: Browser, server: str, kind: str):
    """With text 1.6 times larger (WCAG 1.4.4/1.4.10) a 360-px page still fits its width."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    try:
        page.goto(server + PAGE_KINDS[kind], wait_until="networkidle")
        page.evaluate("document.documentElement.style.fontSize = '200%'")  # Material: 125%
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    finally:
        context.close()
    assert overflow <= 0


@pytest.mark.parametrize("url", ["ca-nhan/le-nhung-thu/", "bai-viet/bai-thu-nghiem/"])
def test_the_script_adds_sharing_links_for_the_page(browser: Browser, server: str, url: str):
    """Zalo and Facebook links carry the page's canonical address; copy link is offered."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    try:
        page.goto(server + url, wait_until="load")
        box = page.locator("[data-gs-share]")
        box.get_by_role("link", name="Zalo").wait_for()
        links = {
            name: box.get_by_role("link", name=name).get_attribute("href")
            for name in ("Zalo", "Facebook")
        }
        canonical = page.locator("link[rel=canonical]").get_attribute("href")
        heading = box.get_by_role("heading", name="Chia sẻ").is_visible()
        copy = box.get_by_role("button", name="Sao chép liên kết").count()
        ARTIFACTS.mkdir(exist_ok=True)
        box.screenshot(path=str(ARTIFACTS / f"share-{url.split('/')[0]}.png"))
    finally:
        context.close()
    assert canonical and canonical.endswith(url)
    assert links["Zalo"] == "https://sp.zalo.me/share?url=" + quote(canonical, safe="")
    assert links["Facebook"] == "https://www.facebook.com/sharer/sharer.php?u=" + quote(
        canonical, safe=""
    )
    assert heading and copy == 1  # 127.0.0.1 is a secure origin: the Clipboard API is there
