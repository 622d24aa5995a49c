"""Every error in one run: what parsed of a failed record is still checked (issue 12)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import assert_golden, check

FIVE_ERRORS = """\
name: Nguyễn Văn An
summary: ""
place:
  province: Tỉnh Không Có
fields:
  - khong-co-linh-vuc
member_of:
  - khong-co-tap-the
photo:
  file: images/khong-co.jpg
"""

SYNTAX_ERROR = """\
name: Nguyễn Văn An
summary: Một tấm gương.
achievements:
  - "chưa đóng ngoặc
place:
  province: Cao Bằng
fields:
  - khong-co-linh-vuc
"""

STORY = """\
---
title: ""
subjects:
  - khong-co-ai
date: 2024-01-18
lead: Sa-pô.
---

Nội dung ![ảnh](../images/khong-co.png).
"""


def _write(root: Path, rel: str, text: str) -> None:
    (root / rel).write_text(text, encoding="utf-8")


def test_five_kinds_of_error_in_one_record(mini: Path) -> None:
    """Empty summary, unknown place, field, collective and photo: all five in one run."""
    _write(mini, "people/an.yml", FIVE_ERRORS)
    outcome, lines = check(mini)
    assert outcome.index is None
    assert_golden("every_error_record", [line for line in lines if "people/an.yml" in line])


def test_after_a_syntax_error_the_rest_is_checked(mini: Path) -> None:
    """An unclosed quote in one block does not hide an unknown field id further down."""
    _write(mini, "people/an.yml", SYNTAX_ERROR)
    _outcome, lines = check(mini)
    assert_golden("every_error_after_syntax", [line for line in lines if "people/an.yml" in line])


def test_story_with_a_model_error_still_has_its_subjects_and_body_checked(mini: Path) -> None:
    """An empty title does not hide an unknown subject or a missing body image."""
    _write(mini, "stories/bai.md", STORY)
    _outcome, lines = check(mini)
    assert_golden("every_error_story", [line for line in lines if "stories/bai.md" in line])


def test_a_story_about_a_record_with_errors_is_not_told_the_id_is_unknown(mini: Path) -> None:
    """The record's own error is reported; the story naming it gets no second, wrong one."""
    _write(mini, "people/an.yml", FIVE_ERRORS.replace("fields:\n  - khong-co-linh-vuc\n", ""))
    _write(mini, "stories/bai.md", STORY.replace("khong-co-ai", "an").replace('""', "Bài"))
    _outcome, lines = check(mini)
    assert not [line for line in lines if "stories/bai.md" in line and "`an`" in line], lines
