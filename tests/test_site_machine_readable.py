"""What machines read from the built site: JSON-LD per page kind, robots.txt, the web app
manifest and its icons, the feed link, sitemap dates, sharing links and open data."""

from __future__ import annotations

import csv
import io
import json
import re
import struct
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree as ET

import pytest

from generator.index import Index
from generator.pipeline import run
from generator.site import opendata
from generator.site.jsonld import script_text
from generator.site.opendata import datasets, write_csv, write_json
from tests.site_support import REPO, SITE_URL, BuiltSite

PERSON = "ca-nhan/le-nhung-thu/"
COLLECTIVE = "tap-the/hoi-lhpn-tinh-cao-bang/"
STORY = "bai-viet/bai-thu-nghiem/"
# Pages are minified: attribute quotes may be gone.
LD_SCRIPT = re.compile(r'<script type="?application/ld\+json"?>(.*?)</script>', re.S)


def _jsonld(built_site: BuiltSite, url: str) -> dict[str, dict[str, object]]:
    (text,) = LD_SCRIPT.findall(built_site.page(url).source)
    return {item["@type"]: item for item in json.loads(text)}


def test_home_declares_the_website_and_its_search(built_site: BuiltSite):
    """The home page is a WebSite whose SearchAction fills in /tim-kiem/?q=."""
    site = _jsonld(built_site, "")["WebSite"]
    assert site["name"] == "Gương sáng" and site["url"] == SITE_URL
    action = site["potentialAction"]
    assert action["target"]["urlTemplate"] == f"{SITE_URL}tim-kiem/?q={{search_term_string}}"
    assert action["query-input"] == "required name=search_term_string"


def test_person_page_is_a_person_without_a_breadcrumb_list(built_site: BuiltSite):
    """A person's page describes a Person; its trail is its address, so no BreadcrumbList."""
    data = _jsonld(built_site, PERSON)
    person = data["Person"]
    assert person["name"] == "Lê <script>alert('gs')</script> Nhung"
    assert person["url"] == SITE_URL + PERSON and person["jobTitle"] == "Giáo viên"
    assert len(person["award"]) == 3
    assert "BreadcrumbList" not in data


def test_collective_page_is_an_organization(built_site: BuiltSite):
    """A collective's page describes an Organization placed in its current province."""
    organization = _jsonld(built_site, COLLECTIVE)["Organization"]
    assert organization["url"] == SITE_URL + COLLECTIVE
    assert organization["address"]["addressCountry"] == "VN"


def test_story_is_a_news_article_about_its_subjects(built_site: BuiltSite):
    """A story is a NewsArticle with headline, date, author, image and its subjects."""
    article = _jsonld(built_site, STORY)["NewsArticle"]
    assert article["headline"] == "Bài thử <em>nghiêng</em> & “ngoặc”"
    assert article["datePublished"] == "2025-03-05"
    assert article["author"] == [{"@type": "Person", "name": "Tác giả thử"}]
    assert article["image"] == [f"{SITE_URL}images/anh-thu.png"]
    about = {item["url"] for item in article["about"]}
    assert about == {f"{SITE_URL}ca-nhan/le-nhung-thu/", f"{SITE_URL}{COLLECTIVE}"}


def test_listing_has_breadcrumbs_through_its_overview(built_site: BuiltSite):
    """A province listing's trail goes home → the provinces overview → the listing."""
    data = _jsonld(built_site, "dia-phuong/lam-dong/")
    names = [item["name"] for item in data["BreadcrumbList"]["itemListElement"]]
    assert names == ["Trang chủ", "Theo địa phương", "Tỉnh Lâm Đồng"]
    page = built_site.page("dia-phuong/lam-dong/")
    assert 'aria-label="Đường dẫn"' in page.source


def test_jsonld_cannot_close_its_script_element():
    """Contributor text with </script> or <!-- stays inside the JSON as escapes."""
    text = script_text([{"name": "</script><script>alert(1)</script><!--"}])
    assert "<" not in text and ">" not in text
    assert json.loads(text) == [{"name": "</script><script>alert(1)</script><!--"}]


def test_markup_in_names_never_ends_the_jsonld_script(built_site: BuiltSite):
    """The page with a <script> in a name has exactly one JSON-LD block that parses."""
    source = built_site.page(PERSON).source
    (block,) = LD_SCRIPT.findall(source)
    assert "</script" not in block.lower()
    json.loads(block)


def test_story_head_has_article_times_and_home_og_title_is_the_site(built_site: BuiltSite):
    """Stories carry article:published_time/modified_time; the home og:title is the name."""
    story = built_site.page(STORY)
    assert story.meta("article:published_time") == "2025-03-05"
    assert story.meta("article:modified_time") == "2025-03-05"
    assert built_site.page("").meta("og:title") == "Gương sáng"


def test_every_page_links_the_manifest_and_the_home_page_the_touch_icon(built_site: BuiltSite):
    """Each reader's page names the web app manifest, the home page the touch icon too (the
    editors' /quan-tri/, kept out of search engines, is not a reader's page)."""
    for path in built_site.html_files():
        page = built_site.page(str(path.relative_to(built_site.out)))
        if page.meta("robots") == "noindex, nofollow":
            continue
        links = {a.get("rel"): a for tag, a in page.tags if tag == "link"}
        assert links["manifest"]["href"].endswith("manifest.webmanifest"), path
        home = path == built_site.out / "index.html"
        assert ("apple-touch-icon" in links) is home, path
        if home:
            assert links["apple-touch-icon"]["href"].endswith(".png")


@pytest.mark.parametrize(
    ("url", "announced"), [("", True), ("bai-viet/", True), (STORY, True), (PERSON, False)]
)
def test_the_feed_is_announced_on_the_home_page_and_stories(
    built_site: BuiltSite, url: str, announced: bool
):
    """Feed readers find the Atom feed from the home page and the stories, not elsewhere."""
    links = {a.get("rel"): a for tag, a in built_site.page(url).tags if tag == "link"}
    feed = links.get("alternate")
    assert (feed is not None and feed["type"] == "application/atom+xml") is announced


def test_robots_txt_names_the_sitemap(built_site: BuiltSite):
    """robots.txt allows crawling and names the sitemap's absolute address."""
    text = (built_site.out / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in text.splitlines()


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_manifest_icons_are_real_pngs_of_their_size(built_site: BuiltSite):
    """The manifest lists PNG icons that exist at the size it claims; the touch icon is 180."""
    manifest = json.loads((built_site.out / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == "vi" and manifest["name"] == "Gương sáng"
    sizes = set()
    for icon in manifest["icons"]:
        data = (built_site.out / icon["src"]).read_bytes()
        width, height = _png_size(data)
        assert icon["sizes"] == f"{width}x{height}" and icon["type"] == "image/png"
        sizes.add(width)
    assert {192, 512} <= sizes
    touch = (built_site.out / "assets/images/apple-touch-icon.png").read_bytes()
    assert _png_size(touch) == (180, 180)


def test_sitemap_dates_pages_by_their_content(built_site: BuiltSite):
    """A story's <lastmod> is its date; no empty listing is in the sitemap."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(built_site.out / "sitemap.xml").getroot()
    dates = {e.findtext("s:loc", namespaces=ns): e.findtext("s:lastmod", namespaces=ns)
             for e in root.findall("s:url", ns)}  # fmt: skip
    assert dates[SITE_URL + STORY] == "2025-03-05"
    assert dates[SITE_URL + PERSON] == "2025-03-05"  # its newest story
    assert f"{SITE_URL}khen-thuong/xa/" not in dates


def test_overviews_offer_no_empty_listing(built_site: BuiltSite):
    """No overview shows a zero count, and every listing it links to was built."""
    for url in ("dia-phuong/", "linh-vuc/", "phong-trao/", "khen-thuong/", "a-z/"):
        page = built_site.page(url)
        counts = re.findall(r'<span class="?gs-count"?>([^<]*)</span>', page.source)
        assert counts and "0" not in counts, url
    html = built_site.html_files()
    assert not any("Chưa có hồ sơ nào" in p.read_text(encoding="utf-8") for p in html)


def test_profiles_and_stories_offer_a_prefilled_report(built_site: BuiltSite):
    """A "Báo sai sót" link naming the page, and a box for sharing links; no outside script."""
    for url in (PERSON, STORY):
        page = built_site.page(url)
        (report,) = [h for h in page.hrefs() if "/issues/new?" in h]
        query = parse_qs(urlsplit(report).query)
        assert query == {"template": ["bao-sai-sot.yml"], "trang": [SITE_URL + url]}
        assert "data-gs-share" in page.source
        scripts = [a.get("src", "") for tag, a in page.tags if tag == "script"]
        assert all(not urlsplit(src).netloc for src in scripts)


def _query_values(href: str) -> list[str]:
    return [v for values in parse_qs(urlsplit(href).query).values() for v in values]


@pytest.mark.parametrize("kind", ["ca-nhan", "tap-the", "bai-viet"])
def test_open_data_csv_opens_in_excel_and_matches_json(built_site: BuiltSite, kind: str):
    """CSV with a UTF-8 BOM and the documented header; JSON with the same records."""
    raw = (built_site.out / "du-lieu" / f"{kind}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    document = json.loads((built_site.out / "du-lieu" / f"{kind}.json").read_text("utf-8"))
    assert list(rows[0]) == list(document["columns"])
    assert [r["id"] for r in rows] == [r["id"] for r in document["records"]]
    assert document["licence"].startswith("Dữ liệu mở theo giấy phép")
    page = built_site.page("du-lieu/")
    for column in document["columns"]:
        assert f"<code>{column}</code>" in page.source


def test_open_data_has_no_drafts_and_no_personal_details(built_site: BuiltSite):
    """Drafts are absent; gender, birth year and ethnicity are not published in bulk."""
    text = "".join(p.read_text("utf-8") for p in (built_site.out / "du-lieu").glob("*.*"))
    assert "ho-so-nhap" not in text and "hoan-kiem-chu-tich" not in text
    header = (built_site.out / "du-lieu" / "ca-nhan.csv").read_text("utf-8-sig").splitlines()[0]
    for private in ("gioi_tinh", "nam_sinh", "dan_toc", "gender", "birth", "ethnicity"):
        assert private not in header
    people = json.loads((built_site.out / "du-lieu" / "ca-nhan.json").read_text("utf-8"))
    assert "1990" not in json.dumps(people["records"])  # a test person's birth year


@pytest.mark.parametrize("kind", ["ca-nhan", "tap-the", "bai-viet"])
def test_open_data_json_is_what_json_dumps_writes(built_site: BuiltSite, kind: str):
    """The JSON written record by record is byte for byte `json.dumps` of the document,
    one record per line."""
    text = (built_site.out / "du-lieu" / f"{kind}.json").read_text("utf-8")
    assert text == _one_record_a_line(json.loads(text))


def _one_record_a_line(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).replace(',{"', ',\n{"')


def test_open_data_of_no_rows_is_an_empty_document(mini: Path):
    """With no published story the stories' files still parse: a header, an empty list."""
    loaded = run(mini).index
    assert loaded is not None
    index = replace(loaded, stories=[])
    stories = datasets(SITE_URL)[2]
    out = io.BytesIO()
    write_json(stories, index, "CC BY 4.0", out)
    document = json.loads(out.getvalue())
    assert document["records"] == [] and document["licence"] == "CC BY 4.0"
    assert out.getvalue().decode() == _one_record_a_line(document)
    out = io.BytesIO()
    write_csv(stories, index, out)
    assert out.getvalue() == ("\ufeff" + ",".join(document["columns"]) + "\r\n").encode()


def test_sitemap_with_dates_validates_against_the_schema(built_site: BuiltSite):
    """xmllint accepts sitemap.xml (with its <lastmod> dates) against sitemaps.org's XSD."""
    schema = REPO / "node_modules" / "sitemap" / "schema" / "sitemap.xsd"
    assert schema.is_file(), "the sitemap npm package is missing; run .ci/setup"
    run = subprocess.run(
        ["xmllint", "--noout", "--schema", str(schema), str(built_site.out / "sitemap.xml")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr


def test_material_strings_are_vietnamese(built_site: BuiltSite):
    """The back-to-top button says "Lên đầu trang", not Material's "Trở lại mục lục"."""
    source = built_site.page("ca-nhan/").source
    assert "Lên đầu trang" in source and "Trở lại mục lục" not in source


def test_open_data_page_declares_each_dataset_with_its_downloads(built_site: BuiltSite):
    """/du-lieu/ carries a schema.org Dataset per file pair, licence and CSV/JSON links."""
    (text,) = LD_SCRIPT.findall(built_site.page("du-lieu/").source)
    sets = [item for item in json.loads(text) if item["@type"] == "Dataset"]
    assert len(sets) == 3
    for item in sets:
        assert item["license"].startswith("https://creativecommons.org/")
        urls = {d["encodingFormat"]: d["contentUrl"] for d in item["distribution"]}
        assert urls["text/csv"].startswith(f"{SITE_URL}du-lieu/") and "application/json" in urls
        path = urls["text/csv"].removeprefix(SITE_URL)
        assert (built_site.out / path).is_file()


def _open_data(index: Index, folder: Path) -> dict[str, bytes]:
    opendata.write_open_data(index, SITE_URL, "CC BY 4.0", folder)
    return {f.relative_to(folder).as_posix(): f.read_bytes() for f in folder.rglob("*.*")}


def test_open_data_of_a_large_site_is_zipped_with_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    """Above ZIP_ABOVE_ROWS rows a dataset is one deterministic ZIP holding the plain file."""
    index = run(REPO / "content").index
    assert index is not None
    plain = _open_data(index, tmp_path / "plain")
    monkeypatch.setattr(opendata, "ZIP_ABOVE_ROWS", 1)
    packed = _open_data(index, tmp_path / "packed")
    assert sorted(packed) == sorted(f"{path}.zip" for path in plain)
    assert packed == _open_data(index, tmp_path / "again")
    for path, data in plain.items():
        with zipfile.ZipFile(io.BytesIO(packed[f"{path}.zip"])) as archive:
            (name,) = archive.namelist()
            assert name == path.rsplit("/", 1)[-1]
            assert archive.read(name) == data
