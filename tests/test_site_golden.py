"""Golden page bodies rendered from the small fixture: review the HTML when it changes."""

from __future__ import annotations

import pytest

from generator.pipeline import run
from generator.site.pages import plan_site
from generator.site.render import SiteRenderer
from tests.conftest import MINI, assert_golden
from tests.site_support import REPO


@pytest.fixture(scope="module")
def renderer() -> SiteRenderer:
    index = run(MINI).index
    assert index is not None
    return SiteRenderer(index, plan_site(index, "Mô tả trang"), REPO / "theme" / "guongsang")


@pytest.mark.parametrize(
    ("name", "src_uri"),
    [
        ("site_profile_person", "ca-nhan/nguyen-trung-tuyen/index.md"),
        ("site_profile_collective", "tap-the/chi-hoi-phu-nu-cong-to/index.md"),
        ("site_story", "bai-viet/nguoi-thay-vung-cao/index.md"),
        ("site_province_listing", "dia-phuong/thai-nguyen/index.md"),
    ],
)
def test_page_body_matches_golden(renderer: SiteRenderer, name: str, src_uri: str):
    """The rendered body of each page kind is the reviewed one."""
    page = renderer.plan.pages[src_uri]
    lines = [line.rstrip() for line in renderer.render(page).splitlines() if line.strip()]
    assert_golden(name, lines)
