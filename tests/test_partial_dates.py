"""Dates as precise as the source: `2025-01-18`, `2025-01` or `2025`."""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pytest

from generator.fields import PartialDate, parse_iso_date
from generator.vietnamese import format_date, format_date_short
from tests.conftest import check


@pytest.mark.parametrize(
    ("text", "long", "short", "on"),
    [
        ("2025-01-18", "18 tháng 1 năm 2025", "18/01/2025", "ngày 18 tháng 1 năm 2025"),
        ("2025-01", "tháng 1 năm 2025", "01/2025", "tháng 1 năm 2025"),
        ("2025", "năm 2025", "2025", "năm 2025"),
    ],
)
def test_display_says_only_what_the_source_gave(text: str, long: str, short: str, on: str) -> None:
    """A month or a year is shown as such, never as an invented first day."""
    value = parse_iso_date(text)
    assert value.isoformat() == text
    assert format_date(value) == long
    assert format_date(value, True) == on
    assert format_date_short(value) == short


def test_partial_dates_sort_before_precise_ones_of_the_same_year() -> None:
    """Oldest first: `2025` and `2025-01` count as their first day, so they come first."""
    days = [parse_iso_date(t) for t in ("2025-03-02", "2025", "2024-12-31", "2025-01")]
    assert [d.isoformat() for d in sorted(days)] == ["2024-12-31", "2025", "2025-01", "2025-03-02"]


def test_partial_date_survives_pickling_and_compares_as_a_date() -> None:
    """Caches and comparisons keep the precision and the calendar value."""
    value = PartialDate(2025, 1)
    again = pickle.loads(pickle.dumps(value))
    assert again.precision == "month" and again == date(2025, 1, 1)


@pytest.mark.parametrize("text", ["2025-13", "2025-02-30", "1700", "25/1/2025"])
def test_impossible_dates_are_refused(text: str) -> None:
    """A month 13, 30 February, a year out of range or a day-first date is refused."""
    with pytest.raises(ValueError):
        parse_iso_date(text)


def test_check_accepts_partial_dates_everywhere(mini: Path) -> None:
    """A story dated `2024`, a source dated `2024-01` and an award dated `2023` pass check."""
    story = mini / "stories" / "nguoi-thay-vung-cao.md"
    text = story.read_text(encoding="utf-8")
    head, _, rest = text.partition("\ndate: ")
    story.write_text(head + "\ndate: 2024\n" + rest.split("\n", 1)[1], encoding="utf-8")
    (mini / "people" / "nguyen-van-an.yml").write_text(
        "name: Nguyễn Văn An\nsummary: Một tấm gương.\nplace:\n  province: Cao Bằng\n"
        "fields:\n  - giao-duc\nawards:\n  - title: Bằng khen\n    level: tinh\n"
        "    issuer: UBND tỉnh Cao Bằng\n    year: 2023\n    date: 2023\n"
        "sources:\n  - publisher: Báo Cao Bằng\n    date: 2024-01\n",
        encoding="utf-8",
    )
    outcome, lines = check(mini)
    assert outcome.report.errors == [], lines
    assert outcome.index is not None
