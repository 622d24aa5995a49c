"""The words and orders readers see on both the site and in the book, defined once.

Both writers' templates read `FACT_LABELS` and `award_level_phrase` from here (through
`generator.templates.environment`), and both order awards and file names under index
letters with the functions below, so a profile says the same thing on a page and in print.
"""

from __future__ import annotations

import unicodedata

from generator.models import Award, AwardLevel

# The labels of a profile's facts, by the model key they show.
FACT_LABELS: dict[str, str] = {
    "position": "Chức vụ",
    "organization": "Đơn vị công tác",
    "birth_year": "Năm sinh",
    "gender": "Giới tính",
    "ethnicity": "Dân tộc",
    "type": "Loại hình",
    "parent": "Trực thuộc",
    "members": "Số thành viên",
    "founded": "Năm thành lập",
    "member_of": "Thuộc tập thể",
    "place": "Địa phương",
    "fields": "Lĩnh vực",
    "movements": "Phong trào",
    "awards": "Khen thưởng",
}


def award_level_phrase(level: AwardLevel) -> str:
    """`cấp Trung ương`, `cấp tỉnh, thành phố`: the level as said mid-sentence."""
    label = level.label if level is AwardLevel.NATIONAL else level.label.lower()
    return f"cấp {label}"


def award_level_title(level: AwardLevel) -> str:
    """`Khen thưởng cấp tỉnh, thành phố`: the heading of a level's listing."""
    return f"Khen thưởng {award_level_phrase(level)}"


def award_order(award: Award) -> tuple[int, int, int]:
    """Oldest first, as a timeline reads; by date within a year, then the higher level."""
    return award.year, award.date.toordinal() if award.date else 0, -award.level.rank


# Index letters group the shapes of a letter (A Ă Â, E Ê, O Ô Ơ, U Ư), so that a reader
# typing without diacritics finds a name under the letter on the keyboard; but Đ is a
# letter of its own, after D, as Vietnamese sorting has it.
OTHER_LETTER = ("khac", "#")


def index_letter(word: str) -> tuple[str, str]:
    """(slug, label) of the index letter `word` is filed under: ("dd", "Đ"), ("a", "A")."""
    first = unicodedata.normalize("NFC", word.strip()[:1])
    if first in {"đ", "Đ"}:
        return "dd", "Đ"
    base = unicodedata.normalize("NFD", first)[:1].upper()
    if "A" <= base <= "Z":
        return base.lower(), base
    return OTHER_LETTER


def name_letter(name: str) -> tuple[str, str]:
    """The index letter of a person: their given name's, the last word of a Vietnamese name."""
    words = name.split()
    return index_letter(words[-1] if words else "")
