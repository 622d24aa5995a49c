"""Live-preview rebuilds write only the pages an edit touches."""

from __future__ import annotations

import os
from pathlib import Path

from generator.index import Record, Story
from generator.pipeline import run
from generator.site.families import Sources, family_of
from generator.site.incremental import Rebuild, RebuildTracker
from generator.site.pages import plan_site
from tests.conftest import MINI

THEME = Path(__file__).resolve().parent.parent / "theme"


def _next(tracker: RebuildTracker, root: Path, theme: Path = THEME) -> Rebuild:
    outcome = run(root, cache=tracker.cache)
    assert outcome.index is not None, outcome.report.errors
    return tracker.next_build(outcome.index, plan_site(outcome.index, ""), theme)


def _pages_after_appending(mini: Path, path: Path, text: str) -> set[str]:
    """The pages the rebuild writes after `text` is added at the end of `path`."""
    tracker = RebuildTracker()
    _next(tracker, mini)
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    pages = _next(tracker, mini).pages
    assert pages is not None
    return pages


def test_first_build_writes_everything(mini: Path) -> None:
    """With nothing remembered, every page is written."""
    assert _next(RebuildTracker(), mini).pages is None


def test_no_edit_writes_only_site_wide_pages(mini: Path) -> None:
    """Without edits only pages summarising the whole site (home, overviews) are written."""
    tracker = RebuildTracker()
    _next(tracker, mini)
    pages = _next(tracker, mini).pages
    assert pages is not None
    assert "index.md" in pages
    assert not any(p.startswith(("ca-nhan/nguyen", "bai-viet/nguoi")) for p in pages)


def test_story_edit_writes_story_subject_and_listings(mini: Path) -> None:
    """Editing a story rewrites it, its subject's profile and the listing pages showing it."""
    story = mini / "stories" / "nguoi-thay-vung-cao.md"
    pages = _pages_after_appending(mini, story, "\nĐoạn mới.\n")
    assert {
        "bai-viet/nguoi-thay-vung-cao/index.md",
        "ca-nhan/nguyen-trung-tuyen/index.md",
        "bai-viet/index.md",
    } <= pages
    assert "ca-nhan/hoang-thi-nhu-thanh/index.md" not in pages


def test_new_record_writes_its_page_and_shifted_listings(mini: Path) -> None:
    """A new person gets a page, and listings that now list it are rewritten."""
    tracker = RebuildTracker()
    _next(tracker, mini)
    (mini / "people" / "dang-van-an.yml").write_text(
        "name: Đặng Văn An\nsummary: Mới.\nplace: {province: Cao Bằng}\nfields: [giao-duc]\n",
        encoding="utf-8",
    )
    pages = _next(tracker, mini).pages
    assert pages is not None
    assert {"ca-nhan/dang-van-an/index.md", "ca-nhan/index.md"} <= pages


def test_deleted_record_page_is_removed(mini: Path) -> None:
    """A deleted record's URL is reported for removal from the preview output."""
    tracker = RebuildTracker()
    _next(tracker, mini)
    (mini / "people" / "hoang-thi-nhu-thanh.yml").unlink()
    (mini / "stories" / "ban-nhap-bai.md").unlink()  # the draft story names her
    assert "ca-nhan/hoang-thi-nhu-thanh/" in _next(tracker, mini).removed_urls


def test_theme_edit_writes_everything(mini: Path, tmp_path: Path) -> None:
    """A changed template means every page is written again."""
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "main.html").write_text("a", encoding="utf-8")
    tracker = RebuildTracker()
    _next(tracker, mini, theme)
    (theme / "main.html").write_text("b", encoding="utf-8")
    os.utime(theme / "main.html", ns=(1, 10**18))
    assert _next(tracker, mini, theme).pages is None


def test_collective_edit_rewrites_its_members_profiles(mini: Path) -> None:
    """A person's page shows their collective, so editing the collective rewrites it."""
    group = mini / "collectives" / "chi-hoi-phu-nu-cong-to.yml"
    pages = _pages_after_appending(mini, group, "members: 30\n")
    assert {
        "tap-the/chi-hoi-phu-nu-cong-to/index.md",
        "ca-nhan/nguyen-trung-tuyen/index.md",
    } <= pages


def test_preview_dependencies_are_what_the_renderer_shows() -> None:
    """Every id a page family hands the template is among the ids the preview watches."""
    index = run(MINI).index
    assert index is not None
    plan = plan_site(index, "")
    sources = Sources(index, plan)
    for page in plan.pages.values():
        family = family_of(page)
        shown = family.shows(page, sources)
        ids = family.ids(page, sources)
        if shown is None:
            assert ids is None, page.url
            continue
        assert ids is not None
        for value in shown.values():
            items = [value] if isinstance(value, Record | Story) else list(value or [])
            assert {item.id for item in items} <= set(ids), page.url
