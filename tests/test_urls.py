"""generator/site/urls.py is the only place that builds a URL."""

from __future__ import annotations

import re
from pathlib import Path

from generator.kinds import PAGE_KINDS
from generator.site import urls
from tests.conftest import check

ROOT = Path(__file__).parent.parent


def test_page_urls_come_from_the_kinds_table() -> None:
    """Each kind with pages has its URL segment from the kinds table."""
    for kind in PAGE_KINDS:
        assert urls.page(kind.name, "an") == f"{kind.url_segment}/an/"
    assert (urls.PEOPLE, urls.COLLECTIVES, urls.STORIES) == ("ca-nhan/", "tap-the/", "bai-viet/")


def test_absolute_urls_with_and_without_final_slash() -> None:
    """The site URL may be written with or without its final slash; none keeps it relative."""
    for site_url in ("https://guongsang.example.vn", "https://guongsang.example.vn/"):
        assert urls.absolute(site_url, "ca-nhan/an/") == "https://guongsang.example.vn/ca-nhan/an/"
    assert urls.absolute("", "feed.xml") == "feed.xml"


def test_index_urls_are_the_url_tables(mini: Path) -> None:
    """Records and stories in the index link where urls.page says."""
    outcome, _ = check(mini)
    assert outcome.index is not None
    for record in outcome.index.records.values():
        assert record.url == urls.page(record.kind, record.id)
    for story in outcome.index.stories:
        assert story.url == urls.page("story", story.id)


def test_no_other_module_builds_a_page_url() -> None:
    """No Python module pastes a kind's URL segment into a URL by hand."""
    by_hand = re.compile(r"""f["'][^"']*\{KIND_URL\[""")
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "generator").rglob("*.py")
        if by_hand.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_theme_reads_the_sections_from_the_url_table() -> None:
    """The theme writes none of the sections' URLs itself."""
    main = (ROOT / "theme" / "main.html").read_text(encoding="utf-8")
    for url, _ in urls.SECTIONS:
        if url:
            assert f'"{url}"' not in main, url
    assert urls.SOCIAL_IMAGE not in main
