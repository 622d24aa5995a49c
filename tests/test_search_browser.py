"""The search page in headless Debian Chromium: the query table, facets, the address,
the keyboard, the live region. One browser page serves every test; each test must end
without a console error, a failed request or a request to any other host."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from generator.search.documents import FIELD, KIND
from generator.search.files import shard_name
from generator.search.layout import LAYOUT
from generator.search.text import forms
from generator.site import urls
from tests.search_support import build_search_sample
from tests.site_support import BuiltSite, serve

ARTIFACTS = Path(__file__).parent / "artifacts"
SEARCH = "tim-kiem/"
THANH = "ca-nhan/hoang-thi-nhu-thanh/"
TUYEN = "ca-nhan/nguyen-trung-tuyen/"
NHUNG = "ca-nhan/le-nhung-thu/"
THUY = "ca-nhan/pham-thi-thuy/"
DAK_NONG = "tap-the/dang-bo-khoi-cac-co-quan-va-doanh-nghiep-dak-nong/"
HEALTH_STORY = "bai-viet/giu-suc-khoe-cho-ba-con-vung-cao/"

# (query, facet parameters, the first result's URL; None: nothing is found)
QUERIES: list[tuple[str, dict[str, str], str | None]] = [
    ("Như Thanh", {}, THANH),
    ("nhu thanh", {}, THANH),
    ("hoang thi nhu thanh", {}, THANH),
    ("Hoàng Thị Như Thanh", {}, THANH),
    (unicodedata.normalize("NFD", "Hoàng Thị Như Thanh"), {}, THANH),
    ("HOANG THI NHU THANH", {}, THANH),
    ("Tuyền", {}, TUYEN),
    ("tuyen", {}, TUYEN),
    ("tuye", {}, TUYEN),  # still typing: the words it begins
    ("nguyen trung tuyen", {}, TUYEN),
    ("Bắc Kạn", {}, NHUNG),
    ("bac kan", {}, NHUNG),
    ("dong ba", {}, THANH),
    ("Đông Ba", {}, THANH),
    ("ĐÔNG BA", {}, THANH),
    ("dak nong", {}, DAK_NONG),
    ("Đắk Nông", {}, DAK_NONG),
    ("thuỷ", {}, THUY),
    ("thủy", {}, THUY),
    ("hoà bình", {}, THUY),
    ("hòa bình", {}, THUY),
    ("khoẻ", {}, HEALTH_STORY),
    ("khỏe", {}, HEALTH_STORY),
    ("hòa", {}, THUY),  # spelled as typed, above the titles with "hóa"
    ("cong an cao bang", {}, "tap-the/cong-an-tinh-cao-bang/"),
    ("xa phu lac", {}, "tap-the/xa-phu-lac/"),
    ("hoan kiem", {}, "ca-nhan/vu-dang-dinh/"),
    ("zalo", {}, "bai-viet/cong-an-cao-bang-giai-dap-qua-zalo/"),
    ("ho so nhap", {}, None),  # a draft
    ("Tuyền", {"loai": "bai-viet"}, "bai-viet/cong-nghe-thong-tin-cho-hoc-tro-vung-cao-kim-hy/"),
    ("", {"loai": "tap-the", "tinh": "cao-bang"}, "tap-the/bo-chi-huy-quan-su-tinh-cao-bang/"),
    ("", {"loai": "bai-viet"}, "bai-viet/bai-thu-nghiem/"),
    ("", {"linh-vuc": "y-te", "loai": "ca-nhan"}, "ca-nhan/hoang-ngoc-linh/"),
    ("", {"nam": "2022"}, THUY),
    ("", {"cap": "trung-uong"}, NHUNG),
]


@dataclass
class Session:
    page: Page
    base: str
    problems: list[str] = field(default_factory=list)

    def goto(self, params: dict[str, str] | None = None) -> None:
        query = f"?{urlencode(params)}" if params else ""
        self.page.goto(self.base + SEARCH + query)
        self.page.wait_for_selector(".gs-facet")

    def wait_for_status(self, needle: str) -> str:
        self.page.wait_for_function(
            "n => document.querySelector('[data-gs-status]').textContent.includes(n)", arg=needle
        )
        return self.page.locator("[data-gs-status]").inner_text()

    def type_query(self, query: str) -> str:
        """Replace the query, as typing would, and wait for its results."""
        self.page.evaluate("document.querySelector('[data-gs-status]').textContent = ''")
        self.page.fill("#gs-find-q", query)
        return self.wait_for_status(f"“{query.strip()}”")

    def result_urls(self) -> list[str]:
        hrefs = self.page.eval_on_selector_all(".gs-find__result h2 a", "as => as.map(a => a.href)")
        return [href.removeprefix(self.base) for href in hrefs]


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_search_sample(tmp_path_factory.mktemp("search"))


@pytest.fixture(scope="module")
def session(browser: Browser, search_site: BuiltSite) -> Iterator[Session]:
    with serve(search_site.out) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.set_default_timeout(5000)
        session = Session(page, base)
        local = urlsplit(base).netloc
        page.on(
            "console",
            lambda m: session.problems.append(m.text) if m.type == "error" else None,
        )
        page.on("pageerror", lambda e: session.problems.append(str(e)))
        page.on(
            "request",
            lambda r: (
                None
                if urlsplit(r.url).netloc in {local, ""}
                else session.problems.append(f"outside: {r.url}")
            ),
        )
        page.on(
            "response",
            lambda r: session.problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None,
        )
        session.goto()
        yield session
        context.close()


@pytest.fixture
def search(session: Session) -> Iterator[Session]:
    """The shared page; after the test, no console error, failed or outside request."""
    yield session
    problems, session.problems[:] = list(session.problems), []
    assert problems == []


@pytest.mark.parametrize(("query", "params", "first"), QUERIES)
def test_query_finds_expected_first_result(
    search: Session, query: str, params: dict[str, str], first: str | None
):
    """Each query of the table (and its facets) puts the expected page first."""
    if params:
        search.goto({"q": query, **params} if query else params)
        status = search.wait_for_status("kết quả")
    else:
        if urlsplit(search.page.url).query.replace("q=", "").count("="):
            search.goto()
        status = search.type_query(query)
    urls = search.result_urls()
    if first is None:
        assert urls == [] and status.startswith("Không tìm thấy kết quả nào")
    else:
        assert urls and urls[0] == first, (status, urls[:3])


def test_a_directorys_search_link_lists_its_records(search: Session, search_site: BuiltSite):
    """The filtered search a long directory ends with (urls.filtered_search) finds exactly
    the records of that directory: a field's people and collectives, no stories."""
    field_page = search_site.page("linh-vuc/giao-duc/")
    listed = sorted(
        h.removeprefix("../../")
        for h in field_page.hrefs()
        if h.startswith(("../../ca-nhan/", "../../tap-the/")) and h.count("/") > 3
    )
    filters = [(FIELD, "giao-duc"), (KIND, "ca-nhan"), (KIND, "tap-the")]
    search.page.goto(search.base + urls.filtered_search(filters))
    search.wait_for_status("theo bộ lọc đã chọn")
    assert listed and sorted(search.result_urls()) == listed


def test_address_query_is_searched_on_load(search: Session):
    """Opening /tim-kiem/?q=tuyen fills the box and shows the results."""
    search.goto({"q": "tuyen"})
    search.wait_for_status("“tuyen”")
    assert search.page.input_value("#gs-find-q") == "tuyen"
    assert search.result_urls()[0] == TUYEN


def test_typing_keeps_the_address_in_step(search: Session):
    """Typed words and ticked facets end up in the address, ready to be linked."""
    search.goto()
    search.page.locator("#gs-find-q").press_sequentially("dak nong")
    search.wait_for_status("“dak nong”")
    search.page.get_by_role("checkbox", name="Tập thể").check()
    search.page.wait_for_url("**loai=tap-the**")
    assert parse_qs(urlsplit(search.page.url).query) == {"q": ["dak nong"], "loai": ["tap-the"]}


def test_facet_filters_the_results_and_counts_them(search: Session):
    """Ticking a kind narrows the results to it; kind counts follow the query."""
    search.goto({"q": "bac kan"})
    search.wait_for_status("“bac kan”")
    counts = search.page.eval_on_selector_all(
        "[data-group=loai] .gs-facet__count", "spans => spans.map(s => s.textContent)"
    )
    assert counts == ["2", "0", "4"]
    search.page.get_by_role("checkbox", name="Bài viết").check()
    search.wait_for_status("theo bộ lọc đã chọn")
    assert all(url.startswith("bai-viet/") for url in search.result_urls())


def test_opening_a_facet_group_shows_its_counts(search: Session):
    """A closed group loads nothing; opened, it counts its values for the query."""
    search.goto({"q": "bac kan"})
    search.wait_for_status("“bac kan”")
    group = search.page.locator("[data-group=tinh]")
    assert group.locator("fieldset").is_hidden()
    group.get_by_role("button", name="Tỉnh, thành phố").click()
    thai_nguyen = group.locator("label", has_text="Thái Nguyên").locator(".gs-facet__count")
    thai_nguyen.filter(has_text="4").wait_for()


def test_status_is_announced_politely(search: Session):
    """The count is in a polite live region, in Vietnamese."""
    search.goto({"q": "hoan kiem"})
    status = search.page.locator("[data-gs-status]")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    assert search.wait_for_status("“hoan kiem”") == "Tìm thấy 1 kết quả cho “hoan kiem”."


def test_keyboard_alone_reaches_box_and_results(search: Session):
    """Tab reaches the search box, typing searches, Tab reaches the first result, Enter opens it."""
    search.goto()
    page = search.page
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "gs-find-q":
            break
    assert page.evaluate("document.activeElement.id") == "gs-find-q"
    page.keyboard.type("tuyen")
    search.wait_for_status("“tuyen”")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.gs-find__result') !== null"):
            break
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith(TUYEN)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{TUYEN}")


def test_excerpt_highlights_words_found_by_folding(search: Session):
    """`dong ba` highlights `Đông` and `Ba` in the result text."""
    search.goto({"q": "dong ba"})
    search.wait_for_status("“dong ba”")
    marks = search.page.locator(".gs-find__result").first.locator(".gs-card__text mark")
    assert {"Đông", "Ba"} <= set(marks.all_inner_texts())


def test_result_shows_kind_place_and_photo(search: Session):
    """A result names its kind and place (with "nay thuộc") and shows the photo's thumbnail."""
    search.goto({"q": "bac kan", "loai": "ca-nhan"})
    search.wait_for_status("“bac kan”")
    result = search.page.locator(".gs-find__result").first
    assert result.locator(".gs-card__kicker").inner_text().startswith("Cá nhân · ")
    assert "nay thuộc" in result.locator(".gs-card__kicker").inner_text()
    photo = result.locator("img")
    photo.scroll_into_view_if_needed()
    search.page.wait_for_function("img => img.complete", arg=photo.element_handle())
    assert photo.evaluate("img => img.naturalWidth") > 0
    assert photo.get_attribute("src").endswith("/images/anh-thu-480.png")


def test_markup_in_content_stays_text(search: Session):
    """A name holding `<script>` is shown as text, never run or parsed."""
    search.goto({"q": "nhung"})
    search.wait_for_status("“nhung”")
    title = search.page.locator(".gs-find__result h2").first
    assert "<script>" in title.inner_text()
    assert search.page.locator(".gs-find__results script").count() == 0


def test_more_button_shows_the_next_results(search: Session):
    """Twelve collectives: ten first, then two more, focus on the first new one."""
    search.goto({"loai": "tap-the"})
    search.wait_for_status("Tìm thấy 12 kết quả")
    assert len(search.result_urls()) == 10
    search.page.get_by_role("button", name="Xem thêm kết quả").click()
    search.page.wait_for_function(
        "() => document.querySelectorAll('.gs-find__result').length === 12"
    )
    assert search.page.get_by_role("button", name="Xem thêm kết quả").is_hidden()
    focused = search.page.evaluate("document.activeElement.getAttribute('href')")
    assert focused.endswith(search.result_urls()[10])


def test_empty_page_invites_a_query(search: Session):
    """With nothing typed or ticked, the page explains what to do and shows site counts."""
    search.goto()
    assert search.page.locator("[data-gs-hint]").is_visible()
    counts = search.page.eval_on_selector_all(
        "[data-group=loai] .gs-facet__count", "spans => spans.map(s => s.textContent)"
    )
    assert counts == ["8", "12", "11"]


def test_browser_and_python_fold_words_alike(search: Session):
    """vietnamese.js gives every word the key and spelling generator/search/text.py gives."""
    samples = ["Đắk", "ĐẮK", "HOÀ", "Thuỷ", "thủy", "khoẻ", "quý", "Quỳnh", "Nguyễn", "hoạ"]
    samples.append(unicodedata.normalize("NFD", "Thuỷ"))
    got = search.page.evaluate(
        """async (words) => {
            const { forms } = await import("../assets/javascripts/tim-kiem/vietnamese.js");
            return words.map((w) => { const f = forms(w); return [f.key, f.spelling]; });
        }""",
        samples,
    )
    assert got == [list(forms(unicodedata.normalize("NFC", w))) for w in samples]


def test_browser_and_python_name_shards_alike(search: Session):
    """engine.js looks for a key's shard where files.py wrote it."""
    keys = ["nguyen", "a", "2023", "ß"]
    got = search.page.evaluate(
        """async ([keys, prefix]) => {
            const { shardName } = await import("../assets/javascripts/tim-kiem/engine.js");
            return keys.map((key) => shardName(key, prefix));
        }""",
        [keys, LAYOUT.shard_prefix],
    )
    assert got == [shard_name(k) for k in keys]


@pytest.mark.parametrize(("width", "height"), [(360, 800), (1280, 800)])
def test_screenshot_fits_the_screen(browser: Browser, search_site: BuiltSite, width, height):
    """Results and facets fit a phone and a desktop; screenshots go to tests/artifacts/."""
    with serve(search_site.out) as base:
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(f"{base}{SEARCH}?q=bac+kan&tinh=thai-nguyen")
        page.wait_for_function(
            "() => document.querySelector('[data-gs-status]').textContent.includes('“bac kan”')"
        )
        page.wait_for_function(
            "() => document.querySelector('[data-group=tinh] .gs-facet__count').textContent"
        )
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"search-{width}x{height}.png"), full_page=True)
        context.close()
    assert overflow <= 0
