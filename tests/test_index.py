"""The in-memory index: published content, relations, places, listings."""

from __future__ import annotations

from pathlib import Path

from generator.index import Index
from tests.conftest import check


def _index(root: Path) -> Index:
    outcome, lines = check(root)
    assert outcome.index is not None, lines
    return outcome.index


def test_drafts_are_validated_but_not_indexed(mini: Path) -> None:
    """`published: false` records and stories never reach the index."""
    index = _index(mini)
    assert "ban-nhap" not in index.records
    assert "ban-nhap-bai" not in index.story_by_id


def test_invalid_draft_still_fails_the_check(mini: Path) -> None:
    """A draft with an error is still reported: drafts are validated."""
    (mini / "people" / "ban-nhap.yml").write_text(
        "name: X\nsummary: Y\nplace: {province: Cao Bằng}\nfields: [khong-co]\npublished: false\n",
        encoding="utf-8",
    )
    outcome, _lines = check(mini)
    assert outcome.index is None


def test_old_place_resolves_to_current_province(mini: Path) -> None:
    """Bắc Kạn (before 2025) is listed under Thái Nguyên, keeping the old name."""
    index = _index(mini)
    record = index.records["nguyen-trung-tuyen"]
    assert record.place.old_province == "Bắc Kạn"
    assert record.place.province.slug == "thai-nguyen"
    assert record in index.by_province["thai-nguyen"]


def test_relations_link_both_ways(mini: Path) -> None:
    """Stories by subject and members by collective are indexed."""
    index = _index(mini)
    assert [s.id for s in index.stories_by_subject["nguyen-trung-tuyen"]] == ["nguoi-thay-vung-cao"]
    assert [m.id for m in index.members_of["chi-hoi-phu-nu-cong-to"]] == ["nguyen-trung-tuyen"]


def test_people_sort_by_given_name(mini: Path) -> None:
    """Thanh comes before Tuyền: ordering is by given name."""
    index = _index(mini)
    assert [p.name for p in index.people] == ["Hoàng Thị Như Thanh", "Nguyễn Trung Tuyền"]


def test_listings_by_taxonomy_and_award_level(mini: Path) -> None:
    """Records are listed under each field, movement and award level they carry."""
    from generator.models import AwardLevel

    index = _index(mini)
    assert [r.id for r in index.by_field["giao-duc"]] == ["nguyen-trung-tuyen"]
    assert [r.id for r in index.by_movement["dan-van-kheo"]] == ["nguyen-trung-tuyen"]
    assert [r.id for r in index.by_award_level[AwardLevel.PROVINCE]] == ["nguyen-trung-tuyen"]
