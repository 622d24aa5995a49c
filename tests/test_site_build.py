"""The website built from the sample content (plus test records): what the HTML says."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree as ET

from tests.site_support import SITE_URL, BuiltSite

STORY = "bai-viet/bai-thu-nghiem/"
MARKUP_PERSON = "ca-nhan/le-nhung-thu/"


def test_build_reports_no_content_errors(built_site: BuiltSite):
    """The sample content with the test records builds."""
    assert built_site.outcome.index is not None
    assert not built_site.outcome.report.errors


def test_every_page_kind_is_written(built_site: BuiltSite):
    """Home, profiles, stories, listings, overviews, statistics, 404, feed and sitemap exist."""
    for url in (
        "",
        "ca-nhan/hoang-thi-nhu-thanh/",
        "tap-the/xa-phu-lac/",
        "bai-viet/chi-bo-tieu-thuong-dau-tien-o-thua-thien-hue/",
        "ca-nhan/",
        "tap-the/",
        "bai-viet/",
        "dia-phuong/",
        "dia-phuong/lam-dong/",
        "linh-vuc/xay-dung-dang/",
        "phong-trao/hoc-va-lam-theo-bac/",
        "khen-thuong/trung-uong/",
        "a-z/",
        "a-z/dd/",
        "thong-ke/",
        "tim-kiem/",
        "gioi-thieu/",
        "404.html",
        "feed.xml",
        "sitemap.xml",
    ):
        assert built_site.file(url).is_file(), url


def test_profile_fact_card_shows_place_as_named_and_now(built_site: BuiltSite):
    """A place named before the 2025 reform is shown as named, with what it belongs to now."""
    text = built_site.page("tap-the/xa-phu-lac/").text
    assert (
        "xã Phú Lạc, huyện Tuy Phong, tỉnh Bình Thuận (nay thuộc xã Liên Hương, tỉnh Lâm Đồng)"
        in text
    )


def test_profile_fact_card_lists_person_facts(built_site: BuiltSite):
    """Position, organisation, photo caption and credit, fields and movements are on the card."""
    page = built_site.page(MARKUP_PERSON)
    for fact in ("Giáo viên", "Trường thử nghiệm", "Ảnh thử nghiệm", "Ảnh: Người chụp thử"):
        assert fact in page.text
    hrefs = page.hrefs()
    assert "../../linh-vuc/giao-duc/" in hrefs
    assert "../../phong-trao/hoc-va-lam-theo-bac/" in hrefs
    assert any(src == "../../images/anh-thu.png" for src in page.urls())


def test_awards_are_a_timeline_oldest_first_with_levels(built_site: BuiltSite):
    """Awards read by year, each with its level linking to that level's listing."""
    page = built_site.page(MARKUP_PERSON)
    timeline = page.source.split("<ol class=gs-timeline>")[1].split("</ol>")[0]  # minified
    years = re.findall(r"gs-timeline__year>(\d{4})<", timeline)
    assert years == ["2019", "2021", "2023"]
    assert "href=../../khen-thuong/trung-uong/>Cấp Trung ương<" in timeline
    # The decision number is kept on one line (generator/typography.py).
    assert "quyết định số <span class=nobr>123-QĐ/TN</span>, ngày 12 tháng 6 năm 2023" in timeline


def test_profile_sources_link_out(built_site: BuiltSite):
    """Sources show publisher, title and date, and link to their URL."""
    page = built_site.page(MARKUP_PERSON)
    assert "https://example.com/bai-bao-thu" in page.hrefs()
    assert "Bài báo thử nghiệm, Báo thử nghiệm, 3 tháng 2 năm 2024" in page.text


def test_member_and_collective_link_both_ways(built_site: BuiltSite):
    """A person links to their collective, and the collective lists the person."""
    person = built_site.page("ca-nhan/nguyen-manh-tuong/")
    collective = built_site.page("tap-the/dang-uy-than-quang-ninh/")
    assert "../../tap-the/dang-uy-than-quang-ninh/" in person.hrefs()
    assert "../../ca-nhan/nguyen-manh-tuong/" in collective.hrefs()


def test_story_and_subject_link_both_ways(built_site: BuiltSite):
    """A story shows its subjects as cards, and each subject's profile lists the story."""
    story = built_site.page(STORY)
    assert "../../ca-nhan/le-nhung-thu/" in story.hrefs()
    assert "../../tap-the/hoi-lhpn-tinh-cao-bang/" in story.hrefs()
    profile = built_site.page("tap-the/hoi-lhpn-tinh-cao-bang/")
    assert f"../../{STORY}" in profile.hrefs()


def test_story_shows_vietnamese_date_lead_image_and_source(built_site: BuiltSite):
    """Date as "5 tháng 3 năm 2025", lead, lead image with credit, and the source."""
    page = built_site.page(STORY)
    assert "5 tháng 3 năm 2025 · Tác giả thử" in page.text
    assert "Sa-pô thử nghiệm có <i>thẻ</i> HTML." in page.text
    assert "Ảnh đầu bài thử Ảnh: Người chụp thử" in page.text
    assert "https://example.com/nguon-thu" in page.hrefs()


def test_story_body_has_table_footnote_and_mapped_links(built_site: BuiltSite):
    """The body keeps tables and footnotes; links to content files become page links."""
    page = built_site.page(STORY)
    body = page.source.split("<div class=gs-body>")[1].split("</div>")[0]  # minified HTML
    assert "<table>" in body and "<td>Việc thử nghiệm" in body
    assert "class=footnote-ref" in body and "Chú thích thử nghiệm." in body
    assert "href=../../ca-nhan/tran-van-dung/" in body
    assert "href=../../bai-viet/giu-van-hoa-dao-thanh-y-o-thon-cong-to/" in body
    assert "src=../../images/anh-thu.png" in body


def test_story_previous_and_next_follow_date_order(built_site: BuiltSite):
    """The newest story links only to an older one; the next links back to it."""
    newest = built_site.page(STORY)
    older = "bai-viet/giu-van-hoa-dao-thanh-y-o-thon-cong-to/"
    assert f"../../{older}" in newest.hrefs()
    assert "Bài mới hơn" not in newest.text
    assert f"../../{STORY}" in built_site.page(older).hrefs()


def test_old_province_listed_under_new_one(built_site: BuiltSite):
    """Records named under Bình Thuận and Đắk Nông appear under today's Lâm Đồng."""
    page = built_site.page("dia-phuong/lam-dong/")
    assert "../../tap-the/xa-phu-lac/" in page.hrefs()
    assert "../../tap-the/dang-bo-khoi-cac-co-quan-va-doanh-nghiep-dak-nong/" in page.hrefs()
    assert "Bình Thuận, Đắk Nông, Lâm Đồng" in page.text
    assert "dia-phuong/binh-thuan" not in page.source


def test_people_sorted_by_given_name_with_d_before_dd(built_site: BuiltSite):
    """People are ordered by given name then family name, and Dũng comes before Định."""
    hrefs = built_site.page("ca-nhan/").hrefs()
    order = [h.split("/")[2] for h in hrefs if h.startswith("../ca-nhan/") and h.count("/") == 3]
    assert order == [
        "tran-van-dung",  # Dũng
        "vu-dang-dinh",  # Định
        "hoang-ngoc-linh",  # Linh
        "le-nhung-thu",  # Nhung
        "hoang-thi-nhu-thanh",  # Thanh
        "nguyen-trung-tuyen",  # Tuyền
        "nguyen-manh-tuong",  # Tường
    ]


def test_listing_counts_name_what_they_count(built_site: BuiltSite):
    """Each listing says how many of what it holds."""
    assert "7 cá nhân" in built_site.page("ca-nhan/").text
    assert "12 tập thể" in built_site.page("tap-the/").text
    assert "10 bài viết" in built_site.page("bai-viet/").text
    assert "6 tập thể, cá nhân" in built_site.page("dia-phuong/lam-dong/").text


def test_a_to_z_index_files_dd_after_d(built_site: BuiltSite):
    """The A–Z index has a page for Đ after D, with the right people."""
    overview = built_site.page("a-z/").hrefs()
    assert overview.index("../a-z/d/") < overview.index("../a-z/dd/")
    assert "../../ca-nhan/vu-dang-dinh/" in built_site.page("a-z/dd/").hrefs()
    assert "../../ca-nhan/vu-dang-dinh/" not in built_site.page("a-z/d/").hrefs()


def test_listings_by_field_movement_and_award_level(built_site: BuiltSite):
    """Each taxonomy listing holds the records that name it."""
    assert "../../ca-nhan/le-nhung-thu/" in built_site.page("linh-vuc/giao-duc/").hrefs()
    movement = built_site.page("phong-trao/hoc-va-lam-theo-bac/").hrefs()
    assert "../../tap-the/dang-uy-than-quang-ninh/" in movement
    for level in ("trung-uong", "tinh", "huyen"):
        assert "../../ca-nhan/le-nhung-thu/" in built_site.page(f"khen-thuong/{level}/").hrefs()
    # No record has a commune-level award: that listing is empty, so it is not built (issue 15).
    assert not built_site.file("khen-thuong/xa/").exists()


def test_drafts_are_absent_everywhere(built_site: BuiltSite):
    """Draft records and stories have no page and are named nowhere in the output."""
    assert not (built_site.out / "ca-nhan" / "ho-so-nhap").exists()
    assert not (
        built_site.out / "bai-viet" / "hoan-kiem-chu-tich-ho-chi-minh-ten-nguoi-sang-mai"
    ).exists()
    for path in [
        *built_site.html_files(),
        built_site.out / "feed.xml",
        built_site.out / "sitemap.xml",
    ]:
        text = path.read_text(encoding="utf-8")
        assert "ho-so-nhap" not in text and "Hồ Sơ Nháp" not in text, path
        assert "hoan-kiem-chu-tich" not in text, path


def test_markup_in_names_is_escaped_everywhere(built_site: BuiltSite):
    """A name with <script> is text in the title, meta tags, headings and listing cards."""
    for url in (MARKUP_PERSON, "ca-nhan/", "a-z/n/", STORY, "tap-the/hoi-lhpn-tinh-cao-bang/"):
        source = built_site.page(url).source
        assert "<script>alert" not in source, url
        assert "<b>thẻ HTML</b>" not in source and "<em>nghiêng</em>" not in source, url
    page = built_site.page(MARKUP_PERSON)
    assert page.title == "Lê <script>alert('gs')</script> Nhung – Gương sáng"
    assert page.meta("og:title") == "Lê <script>alert('gs')</script> Nhung"
    assert "&lt;script&gt;alert(&#39;gs&#39;)&lt;/script&gt;" in page.source


def test_every_page_has_title_description_and_social_meta(built_site: BuiltSite):
    """Every HTML page has a Vietnamese title, description and Open Graph tags."""
    for path in built_site.html_files():
        page = built_site.page(str(path.relative_to(built_site.out)))
        assert page.title.strip(), path
        for key in ("description", "og:title", "og:description", "og:image"):
            assert page.meta(key), (path, key)
        assert page.meta("og:locale") == "vi_VN", path
        assert page.meta(
            "og:image",
        ).startswith(SITE_URL), path
        assert ("html", {"lang": "vi"}) in page.tags, path


def test_open_graph_uses_summary_lead_and_image(built_site: BuiltSite):
    """Profiles describe themselves by summary, stories by lead and their own image."""
    story = built_site.page(STORY)
    assert story.meta("og:description") == "Sa-pô thử nghiệm có <i>thẻ</i> HTML."
    assert story.meta("og:image") == f"{SITE_URL}images/anh-thu.png"
    assert story.meta("og:type") == "article"
    profile = built_site.page("ca-nhan/nguyen-trung-tuyen/")
    assert profile.meta("og:image") == f"{SITE_URL}assets/images/guongsang-og.jpg"


def test_internal_links_and_sources_resolve(built_site: BuiltSite):
    """Every relative href and src on every page points at a file in the output."""
    for path in built_site.html_files():
        page_url = "/" + str(path.relative_to(built_site.out))
        for url in built_site.page(str(path.relative_to(built_site.out))).urls():
            if urlsplit(url).scheme or url.startswith("#"):
                continue
            target = urlsplit(urljoin(page_url, url)).path
            resolved = built_site.out / target.lstrip("/")
            if target.endswith("/"):
                resolved /= "index.html"
            assert resolved.is_file(), (path, url)


def test_no_third_party_requests_or_script_urls(built_site: BuiltSite):
    """Pages load nothing from elsewhere, and carry no javascript: URLs or inline handlers."""
    for path in built_site.html_files():
        page = built_site.page(str(path.relative_to(built_site.out)))
        for tag, attrs in page.tags:
            if tag in {"script", "img", "link", "iframe", "source"}:
                loaded = attrs.get("src") or (attrs.get("href") if tag == "link" else "")
                assert not urlsplit(loaded or "").netloc or loaded.startswith(SITE_URL), (
                    path,
                    loaded,
                )
            assert not any(name.startswith("on") for name in attrs), (path, tag)
            assert not any("javascript:" in value.lower() for value in attrs.values()), path
        assert "fonts.googleapis.com" not in page.source, path


def test_nothing_from_content_but_shown_images_is_copied(built_site: BuiltSite):
    """Only images that published content shows reach the output; no YAML or Markdown."""
    assert sorted(p.name for p in (built_site.out / "images").iterdir()) == [
        "anh-thu-480.png",
        "anh-thu.png",
    ]
    for pattern in ("*.yml", "*.md", "*.yaml"):
        assert not list(built_site.out.rglob(pattern)), pattern


def test_records_stay_out_of_the_navigation(built_site: BuiltSite):
    """No page carries a navigation tree listing records (it made builds quadratic)."""
    home = built_site.page("").source
    assert "md-nav__link" not in home
    assert "ca-nhan/hoang-ngoc-linh/" not in built_site.page("tap-the/xa-phu-lac/").source


def test_python_markdown_never_sees_content(built_site: BuiltSite):
    """Only the hand-written pages and empty placeholders go through Python-Markdown."""
    assert built_site.markdown_sources
    content_texts = [
        "Hoàng Thị Như Thanh",
        "Chú thích thử nghiệm",
        "Sa-pô thử nghiệm",
        "Việc thử nghiệm",
    ]
    for source in built_site.markdown_sources:
        for text in content_texts:
            assert text not in source


def test_feed_lists_latest_stories_with_absolute_links(built_site: BuiltSite):
    """The Atom feed parses, names the site and links each story absolutely, newest first."""
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(built_site.out / "feed.xml").getroot()
    links = [e.attrib["href"] for e in feed.findall("a:entry/a:link", ns)]
    assert links[0] == f"{SITE_URL}{STORY}"
    assert feed.findtext("a:entry/a:title", namespaces=ns) == "Bài thử <em>nghiêng</em> & “ngoặc”"
    assert len(links) == 10


def test_sitemap_lists_every_page_once(built_site: BuiltSite):
    """The sitemap has an absolute URL for each page, including hand-written ones."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(built_site.out / "sitemap.xml").getroot()
    locations = [e.text for e in root.findall("s:url/s:loc", ns)]
    assert len(locations) == len(set(locations))
    assert f"{SITE_URL}{STORY}" in locations
    assert f"{SITE_URL}gioi-thieu/" in locations
    # all but 404.html (html_files() already leaves out the editor's /quan-tri/, noindex)
    assert len(locations) == len(built_site.html_files()) - 1


def test_404_page_is_vietnamese(built_site: BuiltSite):
    """The error page says what happened in Vietnamese and offers ways back."""
    page = built_site.page("404.html")
    assert page.title == "Không tìm thấy trang – Gương sáng"
    assert "Trang bạn tìm không có" in page.text
    assert "/a-z/" in page.hrefs()


def test_statistics_are_accessible_inline_svg(built_site: BuiltSite):
    """Charts are inline SVG images and the map a group of links, each with title and desc,
    plus data tables."""
    page = built_site.page("thong-ke/")
    svgs = [a for tag, a in page.tags if tag == "svg" and a.get("class") == "gs-bars"]
    maps = [a for tag, a in page.tags if tag == "svg" and a.get("class") == "gs-choropleth"]
    assert len(svgs) >= 4 and len(maps) == 1
    assert all(a.get("role") == "img" and a.get("aria-labelledby") for a in svgs)
    # Issue 15: the map links each province to its listing, so it is a group, not an image.
    assert maps[0].get("role") == "group" and maps[0].get("aria-describedby")
    assert page.source.count("<desc id=") == len(svgs) + 1
    assert "Tỉnh Lâm Đồng: 6" in page.source
    assert "Quần đảo Hoàng Sa" in page.source and "Quần đảo Trường Sa" in page.source
    assert "<table>" in page.source and "../dia-phuong/lam-dong/" in page.hrefs()


def test_home_page_has_featured_latest_counts_and_entry_points(built_site: BuiltSite):
    """The home page shows featured and latest stories, counts and every listing."""
    page = built_site.page("")
    assert "Bài nổi bật" in page.text and "Bài mới" in page.text
    assert "7 cá nhân" in page.text and "12 tập thể" in page.text and "10 bài viết" in page.text
    for url in ("ca-nhan/", "tap-the/", "bai-viet/", "dia-phuong/", "linh-vuc/", "phong-trao/",
                "khen-thuong/", "a-z/", "thong-ke/", "feed.xml"):  # fmt: skip
        assert url in page.hrefs(), url


def test_header_search_box_leads_to_search_page(built_site: BuiltSite):
    """The header has a GET form with `q` that goes to /tim-kiem/, which has its own `q` box."""
    page = built_site.page("ca-nhan/")
    forms = [attrs for tag, attrs in page.tags if tag == "form"]
    assert forms[0]["action"] == "../tim-kiem/" and forms[0].get("method", "get") == "get"
    assert any(tag == "input" and attrs.get("name") == "q" for tag, attrs in page.tags)
    search = built_site.page("tim-kiem/")
    assert any(
        attrs.get("id") == "gs-find-q" and attrs.get("name") == "q" for _, attrs in search.tags
    )
