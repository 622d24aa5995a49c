"""Vietnamese text helpers."""

from __future__ import annotations

from datetime import date

from generator.vietnamese import (
    fold,
    format_date,
    format_number,
    has_invisible_controls,
    name_sort_key,
    slugify,
    sort_key,
    standard_tone_style,
)


def test_fold_removes_diacritics_and_folds_d() -> None:
    """`Đắk Nông` folds to `dak nong`."""
    assert fold("Đắk Nông") == "dak nong"


def test_slugify_makes_ascii_ids() -> None:
    """Names become lowercase ASCII ids joined by hyphens."""
    assert slugify("Hoàng Thị Như Thanh") == "hoang-thi-nhu-thanh"
    assert slugify("  Chi hội Phụ nữ thôn Cống To! ") == "chi-hoi-phu-nu-thon-cong-to"


def test_tone_style_moves_marks_of_final_glides() -> None:
    """`hoà thuỷ khoẻ` and `hòa thủy khỏe` meet in one spelling."""
    assert standard_tone_style("hoà thuỷ khoẻ HOÀ") == "hòa thủy khỏe HÒA"


def test_tone_style_leaves_other_syllables() -> None:
    """`quý`, `hoàn`, `thuyền`, `hoạ` with a final consonant or qu are not glides to move."""
    assert standard_tone_style("quý quỳ hoàn thuyền") == "quý quỳ hoàn thuyền"


def test_sort_key_puts_d_stroke_after_d() -> None:
    """Đ sorts after every D word, and ă/â after a."""
    words = ["đa", "dz", "da", "ân", "ăn", "an"]
    assert sorted(words, key=sort_key) == ["an", "ăn", "ân", "da", "dz", "đa"]


def test_sort_key_orders_tones() -> None:
    """Tones order ngang, huyền, hỏi, ngã, sắc, nặng."""
    assert sorted(["bạ", "bá", "bã", "bả", "bà", "ba"], key=sort_key) == [
        "ba",
        "bà",
        "bả",
        "bã",
        "bá",
        "bạ",
    ]


def test_names_sort_by_given_name() -> None:
    """People are ordered by given name, then family and middle names."""
    names = [
        "Vũ Đăng Định",
        "Hoàng Thị Như Thanh",
        "Nguyễn Trung Tuyền",
        "Hoàng Ngọc Linh",
        "Lê Văn Dũng",
        "Trần Thị Đào",
    ]
    assert sorted(names, key=name_sort_key) == [
        "Lê Văn Dũng",
        "Trần Thị Đào",
        "Vũ Đăng Định",
        "Hoàng Ngọc Linh",
        "Hoàng Thị Như Thanh",
        "Nguyễn Trung Tuyền",
    ]


def test_invisible_controls_are_detected() -> None:
    """Zero-width and bidi control characters are found."""
    assert has_invisible_controls("a\u200bb")
    assert has_invisible_controls("a\u202eb")
    assert not has_invisible_controls("Nguyễn")


def test_vietnamese_dates_and_numbers() -> None:
    """Dates read `12 tháng 6 năm 2023`; thousands use dots."""
    assert format_date(date(2023, 6, 12)) == "12 tháng 6 năm 2023"
    assert format_number(25525) == "25.525"
