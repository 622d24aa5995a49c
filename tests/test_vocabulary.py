"""One vocabulary for the site and the book: labels, award phrases, orders, index letters."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from generator.atomic import replacing, write_atomic
from generator.models import Award, AwardLevel
from generator.text import clip, shorten
from generator.vocabulary import (
    FACT_LABELS,
    award_level_phrase,
    award_level_title,
    award_order,
    name_letter,
)

THEME = Path(__file__).parent.parent / "theme"


def test_award_level_phrase_keeps_trung_uong_capitalised() -> None:
    """`cấp Trung ương` keeps its capitals; other levels are lowercase mid-sentence."""
    assert award_level_phrase(AwardLevel.NATIONAL) == "cấp Trung ương"
    assert award_level_phrase(AwardLevel.PROVINCE) == "cấp tỉnh, thành phố"
    assert award_level_title(AwardLevel.COMMUNE) == "Khen thưởng cấp xã, cơ sở"


def test_award_order_is_by_year_then_date_then_level() -> None:
    """Oldest first; within a year the dated order, then the higher level."""

    def award(year: int, level: AwardLevel, day: date | None = None) -> Award:
        return Award(title="Bằng khen", level=level, issuer="UBND", year=year, date=day)

    later = award(2020, AwardLevel.NATIONAL, date(2020, 9, 1))
    earlier = award(2020, AwardLevel.COMMUNE, date(2020, 3, 1))
    first = award(2019, AwardLevel.COMMUNE)
    high, low = award(2021, AwardLevel.NATIONAL), award(2021, AwardLevel.DISTRICT)
    awards = [low, later, high, first, earlier]
    assert sorted(awards, key=award_order) == [first, earlier, later, high, low]


def test_name_letter_files_by_given_name() -> None:
    """A person is filed under their given name's letter; Đ apart, shapes grouped."""
    assert name_letter("Lê Văn Đạt") == ("dd", "Đ")
    assert name_letter("Trần Ấn") == ("a", "A")
    assert name_letter("") == ("khac", "#")


def test_templates_take_fact_labels_from_the_vocabulary() -> None:
    """No profile template writes one of the shared fact labels as a literal `<dt>`."""
    literal = re.compile(r"<dt>([^<{]+)</dt>")
    labels = set(FACT_LABELS.values())
    for template in ("guongsang/profile.html", "book/macros.html"):
        found = set(literal.findall((THEME / template).read_text(encoding="utf-8")))
        assert not found & labels, template


def test_shorten_and_clip() -> None:
    """`shorten` cuts at a word, `clip` anywhere; both end with an ellipsis."""
    assert shorten("Một hai ba bốn năm", 12) == "Một hai ba…"
    assert clip("abcdef", 4) == "abc…"
    assert clip("abc", 4) == "abc"


def test_replacing_leaves_the_old_file_on_error(tmp_path: Path) -> None:
    """A failed write leaves the old file whole and no temporary file behind."""
    target = tmp_path / "out" / "a.bin"
    write_atomic(target, b"old")
    try:
        with replacing(target) as temporary:
            temporary.write_bytes(b"half")
            raise RuntimeError("disk full")
    except RuntimeError:
        pass
    assert target.read_bytes() == b"old"
    assert [p.name for p in target.parent.iterdir()] == ["a.bin"]
