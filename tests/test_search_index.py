"""The search index: documents from the Index, word keys, postings, facets, files."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import search
from generator.index import Index
from generator.pipeline import run
from generator.search import INDEX_FOLDER, write_search_index, write_search_index_soon
from generator.search.documents import BODY, FACTS, TITLE, Document, documents
from generator.search.files import INLINE_LIMIT, shard_name, write_index
from generator.search.text import forms, words
from tests.conftest import MINI, assert_golden
from tests.search_support import IndexFiles
from tests.site_support import REPO, BuiltSite


@pytest.fixture(scope="module")
def index() -> Index:
    outcome = run(MINI)
    assert outcome.index is not None
    return outcome.index


@pytest.fixture(scope="module")
def files(index: Index, tmp_path_factory: pytest.TempPathFactory) -> IndexFiles:
    site = tmp_path_factory.mktemp("site")
    write_search_index(index, site)
    return IndexFiles(site / INDEX_FOLDER)


@pytest.mark.parametrize(
    ("word", "key", "spelling"),
    [
        ("Đắk", "dak", "đắk"),
        ("HOÀ", "hoa", "hòa"),
        ("Thuỷ", "thuy", "thủy"),
        ("khoẻ", "khoe", "khỏe"),
        ("quý", "quy", "quý"),
        ("Tuyền", "tuyen", "tuyền"),
    ],
)
def test_word_has_folded_key_and_standard_spelling(word: str, key: str, spelling: str):
    """Keys drop marks and fold đ; spellings are lowercase in the hòa/thủy/khỏe style."""
    assert forms(word) == (key, spelling)


def test_words_are_runs_of_letters_and_digits():
    """Punctuation and dashes separate words; digits are words."""
    assert list(words("01-KL/TW, Thừa Thiên – Huế")) == ["01", "KL", "TW", "Thừa", "Thiên", "Huế"]


def test_documents_match_golden(index: Index):
    """Every document of the small fixture, as the index sees it: review when it changes."""
    lines = []
    for number, doc in enumerate(documents(index)):
        lines += [
            f"#{number} {doc.kind} {doc.url} {doc.title}",
            f"  place: {doc.place}",
            f"  date: {doc.date}",
            f"  image: {doc.image}",
            *(
                f"  {name}: {text!r}"
                for name, text in zip(("title", "facts", "body"), doc.texts, strict=True)
            ),
            f"  excerpt: {doc.excerpt}",
            *(f"  {facet}: {', '.join(values)}" for facet, values in doc.facets.items()),
        ]
    assert_golden("search_documents", lines)


def test_documents_are_in_browsing_order(index: Index):
    """People and collectives in name order, then stories newest first."""
    urls = [doc.url for doc in documents(index)]
    expected = [r.url for r in index.people] + [r.url for r in index.collectives]
    assert urls == expected + [s.url for s in index.stories]


def test_drafts_are_never_indexed(files: IndexFiles):
    """Neither the draft person nor the draft story is a document, nor any of their words."""
    fragments = [files.fragment(n) for n in range(files.manifest["documents"])]
    assert not any("ban-nhap" in f["u"] for f in fragments)
    assert files.entry("nhap") is None


def test_story_document_has_plain_body_and_subject_facets(index: Index):
    """A story's body is text without Markdown, and it is filed under its subjects' facets."""
    story = next(d for d in documents(index) if d.kind == "bai-viet")
    assert "Thầy Tuyền dạy ở Na Rì." in story.texts[BODY]
    assert "Cổng giao tiếp điện tử Hà Nội" in story.texts[BODY]  # the footnote
    assert not any(mark in story.texts[BODY] for mark in ("**", "|", "[^1]", "!["))
    assert story.facets["tinh"] == ("thai-nguyen",)
    assert story.facets["linh-vuc"] == ("giao-duc",)
    assert story.facets["nam"] == ("2023",)


def test_record_document_facets(index: Index):
    """Current province, fields, movements, award levels and award years."""
    doc = next(d for d in documents(index) if d.url == "ca-nhan/nguyen-trung-tuyen/")
    assert doc.facets == {
        "tinh": ("thai-nguyen",),
        "linh-vuc": ("giao-duc",),
        "phong-trao": ("dan-van-kheo",),
        "cap": ("tinh",),
        "nam": ("2022",),
    }


def test_word_postings_keep_spelling_and_best_rank(files: IndexFiles):
    """`tuyen` holds the spelling `tuyền`, in the title of Nguyễn Trung Tuyền's profile."""
    entry = files.entry("tuyen")
    assert entry is not None
    person = files.number_of("ca-nhan/nguyen-trung-tuyen/")
    assert (person, TITLE) in entry.postings["tuyền"]


def test_d_words_are_filed_under_d(files: IndexFiles):
    """`Đông` (chợ Đông Ba) is found under the key `dong`, spelled `đông`."""
    entry = files.entry("dong")
    assert entry is not None
    person = files.number_of("ca-nhan/hoang-thi-nhu-thanh/")
    assert (person, FACTS) in entry.postings["đông"]


def test_facet_lists_hold_the_documents_with_the_value(files: IndexFiles, index: Index):
    """The Thái Nguyên list is exactly the documents filed under Thái Nguyên."""
    expected = [n for n, d in enumerate(documents(index)) if "thai-nguyen" in d.facets["tinh"]]
    assert files.facet("tinh", "thai-nguyen") == expected


def test_manifest_has_kind_ranges_and_facet_counts(files: IndexFiles, index: Index):
    """Kinds are number ranges; each facet value carries its count."""
    manifest = files.manifest
    assert [(k["id"], k["start"], k["end"]) for k in manifest["kinds"]] == [
        ("ca-nhan", 0, len(index.people)),
        ("tap-the", len(index.people), len(index.records)),
        ("bai-viet", len(index.records), len(index.records) + len(index.stories)),
    ]
    provinces = next(f for f in manifest["facets"] if f["id"] == "tinh")
    counts = {v["id"]: v["count"] for v in provinces["values"]}
    assert counts["thai-nguyen"] == len(files.facet("tinh", "thai-nguyen"))


def test_fragment_has_what_a_result_shows(files: IndexFiles):
    """Title, kind, URL, place with "nay thuộc", photo thumbnail and excerpt text."""
    fragment = files.fragment(files.number_of("ca-nhan/nguyen-trung-tuyen/"))
    assert fragment["t"] == "Nguyễn Trung Tuyền"
    assert fragment["k"] == "ca-nhan"
    assert "nay thuộc" in fragment["p"] and "Thái Nguyên" in fragment["p"]
    assert fragment["i"] == "images/anh-mau-480.png"  # the card thumbnail
    assert fragment["x"].startswith("Thầy giáo trẻ truyền cảm hứng")


def _doc(number: int, title: str) -> Document:
    return Document("ca-nhan", f"ca-nhan/{number}/", title, "", "", None, (title, "", ""), "", {})


def test_large_postings_leave_the_shard(tmp_path: Path):
    """A key whose postings outgrow INLINE_LIMIT gets its own file; a rare key stays inline."""
    docs = [_doc(n, f"Nguyễn {n}") for n in range(INLINE_LIMIT)] + [_doc(999, "Hiếm")]
    write_index(tmp_path, docs, lambda in_use: {})
    files = IndexFiles(tmp_path)
    assert len(list((tmp_path / "p").iterdir())) == 1
    entry = files.entry("nguyen")
    assert entry is not None and len(entry.postings["nguyễn"]) == INLINE_LIMIT
    assert files.entry("hiem") is not None


def test_shard_names_are_safe_file_names():
    """Two letters a–z/0–9 as they are; anything else as `_hex`."""
    assert shard_name("nguyen") == "ng"
    assert shard_name("a") == "a"
    assert shard_name("ß") == "_df"


def test_index_files_are_reproducible(index: Index, tmp_path: Path):
    """Two builds of the same content write byte-identical files."""
    write_search_index(index, tmp_path / "a")
    write_search_index(index, tmp_path / "b")
    a, b = tmp_path / "a" / INDEX_FOLDER, tmp_path / "b" / INDEX_FOLDER
    names = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all((a / n).read_bytes() == (b / n).read_bytes() for n in names)


def test_rebuild_removes_files_of_the_previous_index(index: Index, tmp_path: Path):
    """A stale file left in the index folder does not survive a new build."""
    stale = tmp_path / INDEX_FOLDER / "p" / "9999.bin"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(gzip.compress(b"old"))
    write_search_index(index, tmp_path)
    assert not stale.exists()


def test_mkdocs_build_writes_the_search_index(tmp_path: Path):
    """Plain `mkdocs build` (not only `guongsang build`) produces the index."""
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(REPO / "mkdocs.yml"), "-d", str(site)],
        cwd=tmp_path,
        env={**os.environ, "GUONGSANG_CONTENT": str(MINI)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (site / INDEX_FOLDER / "index.json").is_file()


def test_preview_writes_the_index_in_the_background(
    index: Index, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """`write_search_index_soon` returns at once; the index appears once edits pause."""
    monkeypatch.setattr(search, "PREVIEW_QUIET_S", 0.1)
    manifest = tmp_path / INDEX_FOLDER / "index.json"
    write_search_index_soon(index, tmp_path)
    assert not manifest.exists()
    deadline = time.monotonic() + 20
    while not manifest.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert IndexFiles(manifest.parent).manifest["documents"] == 4


def test_site_ships_no_material_search(built_site: BuiltSite):
    """No lunr, no search worker, no search_index.json: the site's own search replaces them."""
    shipped = {p.relative_to(built_site.out).as_posix() for p in built_site.out.rglob("*")}
    assert not any("lunr" in p or "workers" in p or "search_index" in p for p in shipped)
    assert "tim-kiem/chi-muc/index.json" in shipped
    assert "assets/javascripts/tim-kiem/page.js" in shipped


def test_search_page_loads_its_script_and_explains_itself_without_it(built_site: BuiltSite):
    """The page loads the module script by a relative URL and has a Vietnamese <noscript>."""
    page = built_site.page("tim-kiem/")
    scripts = [a for tag, a in page.tags if tag == "script" and a.get("type") == "module"]
    assert [a["src"] for a in scripts] == ["../assets/javascripts/tim-kiem/page.js"]
    noscript = page.source.split("<noscript>")[1].split("</noscript>")[0]
    assert "cần trình duyệt bật JavaScript" in noscript and "href=../dia-phuong/" in noscript
