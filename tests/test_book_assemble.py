"""Book assembly: which records and stories a book holds, in what order, and its indexes."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from generator.book.assemble import assemble, running_title
from generator.book.document import BookDocument
from generator.index import Index
from generator.pipeline import run
from generator.vocabulary import name_letter


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dedent(text).lstrip(), encoding="utf-8")


def _person(root: Path, record_id: str, name: str, province: str = "Cao Bằng") -> None:
    _write(
        root,
        f"people/{record_id}.yml",
        f"""
        name: {name}
        summary: Hồ sơ thử.
        place:
          province: {province}
        fields:
          - phu-nu
        """,
    )


def _index(root: Path) -> Index:
    outcome = run(root)
    assert outcome.report.errors == [], outcome.report.errors
    assert outcome.index is not None
    return outcome.index


def _book(root: Path, parts: str) -> BookDocument:
    _write(
        root,
        "books/thu.yml",
        "title: Sách thử\ncompiler: Ban thử\nyear: 2025\ndraft: true\nparts:\n"
        + dedent(parts).strip("\n")
        + "\n",
    )
    return assemble(_index(root), "thu")


def _titles(document: BookDocument, part: int = 0) -> list[str]:
    return [entry.title for entry in document.parts[part].entries]


def test_kind_selects_people_only(mini: Path) -> None:
    """`kind: person` leaves collectives out."""
    document = _book(mini, "  - title: P\n    select: {kind: person}\n")
    assert _titles(document) == ["Hoàng Thị Như Thanh", "Nguyễn Trung Tuyền"]


def test_provinces_match_current_names_folded(mini: Path) -> None:
    """A current province name, written without diacritics, picks records named by old ones."""
    document = _book(mini, "  - title: P\n    select: {provinces: [Thai Nguyen]}\n")
    assert _titles(document) == ["Nguyễn Trung Tuyền"]


def test_fields_and_movements_filter(mini: Path) -> None:
    """Fields and movements keep records having any of the listed ids."""
    by_field = _book(mini, "  - title: P\n    select: {fields: [giao-duc]}\n")
    by_movement = _book(mini, "  - title: P\n    select: {movements: [nong-thon-moi]}\n")
    assert _titles(by_field) == ["Nguyễn Trung Tuyền"]
    assert _titles(by_movement) == []


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        ("[2022, 2022]", ["Nguyễn Trung Tuyền"]),
        ("[2023]", ["Nguyễn Trung Tuyền"]),
        ("[2024, 2025]", []),
    ],
)
def test_years_match_award_or_story_dates(mini: Path, years: str, expected: list[str]) -> None:
    """A record is in a year range by an award year (2022) or a published story (2023)."""
    document = _book(mini, f"  - title: P\n    select: {{kind: person, years: {years}}}\n")
    assert _titles(document) == expected


def test_min_award_level_uses_rank(mini: Path) -> None:
    """`min_award_level: tinh` keeps a province award; `trung-uong` does not."""
    province = _book(mini, "  - title: P\n    select: {min_award_level: tinh}\n")
    national = _book(mini, "  - title: P\n    select: {min_award_level: trung-uong}\n")
    assert _titles(province) == ["Nguyễn Trung Tuyền"]
    assert _titles(national) == []


def test_order_by_name_uses_given_name(mini: Path) -> None:
    """People are ordered by given name: Bình before An Văn Cường."""
    _person(mini, "an-van-cuong", "An Văn Cường")
    _person(mini, "tran-binh", "Trần Bình")
    document = _book(mini, "  - title: P\n    select: {kind: person}\n    order: name\n")
    assert _titles(document)[:2] == ["Trần Bình", "An Văn Cường"]


def test_order_by_date_puts_newest_story_first(mini: Path) -> None:
    """`order: date` puts the record with the newest story first, records without last."""
    _write(
        mini,
        "stories/moi.md",
        """
        ---
        title: Bài mới
        subjects: [hoang-thi-nhu-thanh]
        date: 2024-05-01
        lead: Sa-pô.
        ---

        Nội dung.
        """,
    )
    document = _book(mini, "  - title: P\n    select: {}\n    order: date\n")
    assert _titles(document) == [
        "Hoàng Thị Như Thanh",
        "Nguyễn Trung Tuyền",
        "Chi hội Phụ nữ thôn Cống To",
    ]


def test_order_by_province_uses_current_province(mini: Path) -> None:
    """`order: province` sorts by the current province: Huế, Quảng Ninh, Thái Nguyên."""
    document = _book(mini, "  - title: P\n    select: {}\n    order: province\n")
    assert _titles(document) == [
        "Hoàng Thị Như Thanh",
        "Chi hội Phụ nữ thôn Cống To",
        "Nguyễn Trung Tuyền",
    ]


def test_explicit_story_entry_holds_story_and_subjects(mini: Path) -> None:
    """A listed story is its own entry, with the profiles of its subjects."""
    document = _book(mini, "  - title: P\n    stories: [nguoi-thay-vung-cao]\n")
    (entry,) = document.parts[0].entries
    assert entry.kind == "story"
    assert entry.title == "Người thầy vùng cao"
    assert [p.record.id for p in entry.profiles] == ["nguyen-trung-tuyen"]
    assert [s.story.id for s in entry.stories] == ["nguoi-thay-vung-cao"]


def test_shared_story_is_printed_once(mini: Path) -> None:
    """A story about two selected records is printed in the first; the second points to it."""
    _write(
        mini,
        "stories/chung.md",
        """
        ---
        title: Bài chung
        subjects: [hoang-thi-nhu-thanh, nguyen-trung-tuyen]
        date: 2022-01-01
        lead: Sa-pô.
        ---

        Nội dung.
        """,
    )
    document = _book(mini, "  - title: P\n    select: {kind: person}\n")
    first, second = document.parts[0].entries
    shared = [s for s in first.stories if s.story.id == "chung"]
    again = [s for s in second.stories if s.story.id == "chung"]
    assert shared[0].printed_at is None
    assert again[0].printed_at == shared[0].anchor


def test_people_index_groups_by_given_name_with_d_before_dd(mini: Path) -> None:
    """The name index sorts by given name, Vietnamese order: Dung, Dũng, then Đạt under Đ."""
    _person(mini, "le-van-dat", "Lê Văn Đạt")
    _person(mini, "tran-van-dung", "Trần Văn Dũng")
    _person(mini, "pham-thi-dung", "Phạm Thị Dung")
    document = _book(mini, "  - title: P\n    select: {kind: person}\n")
    groups = {g.heading: [i.term for i in g.items] for g in document.people_index}
    assert list(groups)[:2] == ["D", "Đ"]
    assert groups["D"] == ["Phạm Thị Dung", "Trần Văn Dũng"]
    assert groups["Đ"] == ["Lê Văn Đạt"]


def test_people_index_refs_point_at_entries(mini: Path) -> None:
    """Each person in the name index refers to the anchor of their entry."""
    document = _book(mini, "  - title: P\n    select: {kind: person}\n")
    anchors = {e.title: e.anchor for e in document.entries()}
    items = {i.term: i for g in document.people_index for i in g.items}
    assert [r.anchor for r in items["Nguyễn Trung Tuyền"].refs] == [anchors["Nguyễn Trung Tuyền"]]


def test_place_index_leads_old_names_to_current_province(mini: Path) -> None:
    """Bắc Kạn points to Thái Nguyên, whose group names its former provinces."""
    document = _book(mini, "  - title: P\n    select: {}\n")
    groups = {g.heading: g for g in document.place_index}
    assert groups["Bắc Kạn"].see == "Thái Nguyên"
    current = groups["Thái Nguyên"]
    assert "Bắc Kạn" in current.former
    (item,) = current.items
    assert item.term == "Nguyễn Trung Tuyền"
    assert item.note == "xã Kim Hỷ, huyện Na Rì, tỉnh Bắc Kạn"


def test_place_index_is_in_vietnamese_order(mini: Path) -> None:
    """Headings of the place index follow Vietnamese alphabetical order."""
    document = _book(mini, "  - title: P\n    select: {}\n")
    headings = [g.heading for g in document.place_index]
    assert headings == ["Bắc Kạn", "Huế", "Quảng Ninh", "Thái Nguyên", "Thừa Thiên Huế"]


def test_people_index_letters_are_the_sites() -> None:
    """Index letters as on the site's A–Z pages (issue 11): Đạt → Đ, Ấn → A, Ánh → A."""
    assert [name_letter(n)[1] for n in ("Lê Văn Đạt", "Trần Ấn", "Mai Ánh")] == ["Đ", "A", "A"]


def test_running_title_is_cut_at_a_word() -> None:
    """Long titles are shortened at a word boundary with an ellipsis."""
    title = "Những gương điển hình tại hội nghị toàn quốc về thực hiện Kết luận 01-KL/TW năm 2023"
    short = running_title(title, 40)
    assert short.endswith("…")
    assert len(short) <= 40
    assert title.startswith(short[:-1])
