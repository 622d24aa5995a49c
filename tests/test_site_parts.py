"""The website's parts on their own: text helpers, pagination, charts, feed, publishing."""

from __future__ import annotations

import gzip
import re
from itertools import pairwise
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from generator.mkdocs_adapter import build_site
from generator.pipeline import run
from generator.places import current_provinces
from generator.site import urls
from generator.site.assemble import REPORT_FORM, report_link, site_url_warning
from generator.site.feed import SITEMAP_LIMIT, sitemaps
from generator.site.map import (
    MapArea,
    choropleth_svg,
    dissolve,
    level,
    level_ranges,
    load_shapes,
    make_shapes,
)
from generator.site.output import staged_output
from generator.site.pages import Listing, ListingPage, Page, plan_site
from generator.site.render import SiteRenderer, pager
from generator.site.stats import Bar, Chart, bar_chart_svg
from generator.text import shorten
from generator.vocabulary import index_letter
from tests.conftest import MINI
from tests.site_support import REPO


def test_shorten_cuts_at_a_word_with_ellipsis():
    """Long descriptions end at a whole word followed by “…”."""
    assert shorten("Một hai ba bốn năm", 12) == "Một hai ba…"
    assert shorten("  Ngắn   gọn ") == "Ngắn gọn"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Định", ("dd", "Đ")),
        ("Dũng", ("d", "D")),
        ("Ánh", ("a", "A")),
        ("Ưng", ("u", "U")),
        ("3", ("khac", "#")),
    ],
)
def test_index_letter_keeps_dd_apart(word: str, expected: tuple[str, str]):
    """Đ is its own index letter; other letters group their accented shapes."""
    assert index_letter(word) == expected


def test_paged_urls_never_collide_with_record_ids():
    """Page 1 is the listing itself; later pages live under trang/<n>/."""
    assert urls.paged("ca-nhan/", 1) == "ca-nhan/"
    assert urls.paged("ca-nhan/", 3) == "ca-nhan/trang/3/"
    assert urls.page_count(0) == 1 and urls.page_count(50) == 1 and urls.page_count(51) == 2


def test_listing_pages_hold_at_most_fifty():
    """A 120-item listing has three pages of 50, 50 and 20."""
    listing = Listing("ca-nhan/", "Cá nhân", "", [object()] * 120)  # type: ignore[list-item]
    assert listing.pages == 3
    assert [len(ListingPage(listing, n).items) for n in (1, 2, 3)] == [50, 50, 20]


def test_directory_pages_hold_a_hundred_lines():
    """A 250-record directory (place, field, letter…) has pages of 100, 100 and 50."""
    items = [object()] * 250
    listing = Listing("dia-phuong/x/", "X", "", items, directory=True)  # type: ignore[arg-type]
    assert listing.pages == 3
    assert [len(ListingPage(listing, n).items) for n in (1, 2, 3)] == [100, 100, 50]


def test_rendered_listing_page_links_its_neighbours():
    """Page 2 of a long listing shows its items and links to pages 1 and 3."""
    index = run(MINI).index
    assert index is not None
    plan = plan_site(index, "Mô tả")
    renderer = SiteRenderer(index, plan, REPO / "theme" / "guongsang")
    listing = Listing("ca-nhan/", "Cá nhân", "", index.people * 60, unit="cá nhân")
    html = renderer.render(
        Page("ca-nhan/trang/2/", "Cá nhân", "", "listing.html", ListingPage(listing, 2))
    )
    assert html.count('class="gs-card"') == 50
    assert 'href="../../../ca-nhan/"' in html and 'href="../../../ca-nhan/trang/3/"' in html
    assert "trang 2/3" in html


@pytest.mark.parametrize(
    ("number", "pages", "shown"),
    [
        (1, 2, [1, 2]),
        (1, 10, [1, 2, 3, None, 10]),
        (5, 10, [1, None, 3, 4, 5, 6, 7, None, 10]),
        (4, 10, [1, 2, 3, 4, 5, 6, None, 10]),
        (10, 10, [1, None, 8, 9, 10]),
        (250, 500, [1, None, 248, 249, 250, 251, 252, None, 500]),
    ],
)
def test_pager_shows_the_ends_and_two_either_side(
    number: int, pages: int, shown: list[int | None]
) -> None:
    """The pager lists the first, the last and two pages either side, a gap (None) between."""
    assert pager(number, pages) == shown


def test_bar_chart_escapes_labels_and_scales_by_percent():
    """Bars are percentages of the width (text keeps its size), labels are escaped text."""
    chart = Chart("c", "Biểu đồ <thử>", "hồ sơ", (Bar("A <b>", 4), Bar("B", 2)))
    svg = bar_chart_svg(chart)
    assert "<b>" not in svg and "A &lt;b&gt;" in svg
    assert re.findall(r'<rect[^>]*width="([\d.]+)%"', svg) == ["82.0", "41.0"]
    assert 'role="img"' in svg and '<desc id="c-desc">' in svg
    ET.fromstring(svg)


def test_map_shades_and_links_only_provinces_with_records():
    """A province with records is shaded and links to its listing; an empty one does not
    link; Hoàng Sa and Trường Sa are drawn and labelled."""
    areas = [MapArea("lam-dong", "Tỉnh Lâm Đồng", 3, "dia-phuong/lam-dong/"),
             MapArea("ha-noi", "Thành phố Hà Nội", 0, None)]  # fmt: skip
    svg = choropleth_svg(areas, "../")
    root = ET.fromstring(svg)
    links = root.findall("{http://www.w3.org/2000/svg}a")
    assert [a.get("href") for a in links] == ["../dia-phuong/lam-dong/"]
    assert 'gs-map__area--5" d="' in svg and 'gs-map__area--0" d="' in svg
    assert "Quần đảo Hoàng Sa" in svg and "Quần đảo Trường Sa" in svg
    assert "Tỉnh Lâm Đồng: 3" in svg


def test_map_shapes_cover_the_34_provinces():
    """The committed shapes hold one outline for each of the 34 current provinces."""
    shapes = load_shapes()
    assert sorted(shapes) == sorted(p.slug for p in current_provinces())
    assert all(path.startswith("M") and path.endswith("Z") for path in shapes.values())


def test_map_shapes_are_remade_from_the_shared_boundaries():
    """The committed file is what the script makes from ../shared/data today."""
    source = REPO.parent / "shared" / "data" / "vn-provinces-63.geojson"
    if not source.is_file():
        pytest.skip("../shared/data is not beside this checkout")
    made = make_shapes(source)["provinces"]
    assert made == load_shapes()


def test_dissolve_drops_the_border_two_provinces_share():
    """Two squares side by side become one outline without the middle edge."""
    left = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    right = [(1.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0), (1.0, 0.0)]
    (outline,) = dissolve([left, right])
    assert len(outline) == 7 and outline[0] == outline[-1]
    assert ((1.0, 0.0), (1.0, 1.0)) not in pairwise(outline)


def test_sitemap_splits_past_fifty_thousand_urls():
    """A site larger than the sitemap limit gets an index and numbered parts."""
    files = sitemaps((f"p{n}/" for n in range(SITEMAP_LIMIT + 1)), site_url="https://x.test/")
    assert sorted(files) == ["sitemap-1.xml.gz", "sitemap-2.xml.gz", "sitemap.xml"]
    assert b"<sitemapindex" in files["sitemap.xml"]
    assert b"<loc>https://x.test/sitemap-2.xml.gz</loc>" in files["sitemap.xml"]


def test_sitemap_parts_are_gzipped_urlsets_of_every_url():
    """The parts inflate to urlsets that hold every URL once, the last one in part two."""
    urls = [f"p{n}/" for n in range(SITEMAP_LIMIT + 1)]
    files = sitemaps(urls, site_url="https://x.test/")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    parts = [ET.fromstring(gzip.decompress(files[f"sitemap-{n}.xml.gz"])) for n in (1, 2)]
    locations = [loc.text for part in parts for loc in part.findall("s:url/s:loc", ns)]
    assert locations == [f"https://x.test/{url}" for url in urls]
    assert len(parts[1]) == 1


def test_sitemap_parts_carry_no_time():
    """The gzip header's time is zero, so a rebuild gives the same bytes and uploads nothing."""
    files = sitemaps((f"p{n}/" for n in range(SITEMAP_LIMIT + 1)), site_url="https://x.test/")
    assert files["sitemap-1.xml.gz"][4:8] == b"\0\0\0\0"


def test_staged_output_replaces_target_on_success(tmp_path: Path):
    """A finished build replaces the previous output and leaves no staging folder."""
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("cũ", encoding="utf-8")
    with staged_output(target) as staging:
        (staging / "new.html").write_text("mới", encoding="utf-8")
    assert [p.name for p in target.iterdir()] == ["new.html"]
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_staged_output_keeps_target_on_failure(tmp_path: Path):
    """A failed build leaves the previous output exactly as it was."""
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("cũ", encoding="utf-8")
    with pytest.raises(RuntimeError), staged_output(target) as staging:
        (staging / "half.html").write_text("dở", encoding="utf-8")
        raise RuntimeError("hỏng")
    assert [p.name for p in target.iterdir()] == ["old.html"]
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_local_site_url_is_warned_about():
    """A site URL on this machine (or none) draws a warning; a public one does not."""
    assert site_url_warning("http://127.0.0.1:8000/")
    assert site_url_warning("http://localhost:8000/")
    assert site_url_warning("")
    assert site_url_warning("https://guongsang.example.vn/") is None


def test_build_with_the_default_site_url_warns_at_its_line(mini: Path, tmp_path: Path, monkeypatch):
    """`guongsang build` without a site URL reports a warning pointing at mkdocs.yml."""
    monkeypatch.delenv("GUONGSANG_SITE_URL", raising=False)
    outcome = build_site(config_file=REPO / "mkdocs.yml", content=mini, out=tmp_path / "site")
    (warning,) = [d for d in outcome.report.warnings if d.path.name == "mkdocs.yml"]
    line = (REPO / "mkdocs.yml").read_text("utf-8").splitlines()[warning.position.line - 1]
    assert line.startswith("site_url:")
    assert "127.0.0.1" in warning.message and "GUONGSANG_SITE_URL" in warning.message


def test_report_link_names_the_page_for_github_and_mail():
    """GitHub gets its issue form with the page; a mailto gets subject and body."""
    github = report_link("https://github.com/o/r/issues/new", "Tên", "https://x.vn/ca-nhan/a/")
    assert github == (
        "https://github.com/o/r/issues/new?template=bao-sai-sot.yml&trang=https://x.vn/ca-nhan/a/"
    )
    mail = report_link("mailto:bientap@example.vn", "Tên", "https://x.vn/a/")
    assert mail.startswith("mailto:bientap@example.vn?subject=") and "+" not in mail
    assert "body=Trang:%20https://x.vn/a/" in mail
    other = report_link("https://gitlab.com/o/r/-/issues/new", "Tên", "https://x.vn/a/")
    assert "title=B%C3%A1o" in other and "body=Trang" in other
    assert report_link("", "Tên", "https://x.vn/a/") == ""


def test_report_form_fields_match_the_link():
    """The issue form the link names exists and has the `trang` field the link fills in."""
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / REPORT_FORM).read_text("utf-8"))
    assert form["body"][0]["id"] == "trang"
    assert form["title"] == "Báo sai sót: "


@pytest.mark.parametrize("top", [1, 2, 6, 25, 97])
def test_map_legend_ranges_match_the_shading(top: int):
    """Every count from 1 to the largest falls in the legend row of the shade it is given."""
    for value in range(1, top + 1):
        (row,) = [(n, lo, hi) for n, lo, hi in level_ranges(top) if lo <= value <= hi]
        assert row[0] == level(value, top), value


def test_a_long_directory_stops_and_sends_the_reader_to_search(monkeypatch: pytest.MonkeyPatch):
    """Past MAX_DIRECTORY_PAGES a field's directory ends with a link to the filtered search."""
    index = run(MINI).index
    assert index is not None
    monkeypatch.setattr(urls, "MAX_DIRECTORY_PAGES", 2)
    more = urls.filtered_search([("linh-vuc", "giao-duc"), ("loai", "ca-nhan")])
    people = index.people * 150
    listing = Listing("linh-vuc/giao-duc/", "Giáo dục", "", people, directory=True, more=more)
    assert listing.pages == 2 and listing.shown == 200
    renderer = SiteRenderer(index, plan_site(index, "Mô tả"), REPO / "theme" / "guongsang")
    html = renderer.render(
        Page("linh-vuc/giao-duc/trang/2/", "Giáo dục", "", "listing.html", ListingPage(listing, 2))
    )
    assert 'href="../../../../tim-kiem/?linh-vuc=giao-duc&amp;loai=ca-nhan"' in html
    assert "trang 2/2" in html and "Trang sau" not in html
