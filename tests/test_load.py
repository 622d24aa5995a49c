"""Loading files into typed models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import load
from generator.diagnostics import Diagnostic, Report, Severity
from generator.fields import parse_count, parse_flag, parse_iso_date, parse_year
from generator.load import Content, load_content, load_story, load_yaml_record
from generator.models import Person
from tests.conftest import assert_golden, check

PERSON = (
    "name: Nguyễn Văn An\nsummary: Tấm gương.\nplace:\n  province: Cao Bằng\n"
    "fields:\n  - giao-duc\n"
)


def test_loaded_models_match_golden(mini: Path) -> None:
    """The fixture tree loads into exactly the models recorded in the golden file."""
    content, report = load_content(mini)
    assert not report.errors
    dump = {
        "people": {p.id: p.model.model_dump(mode="json") for p in content.people},
        "collectives": {c.id: c.model.model_dump(mode="json") for c in content.collectives},
        "stories": {
            s.id: {"meta": s.model.model_dump(mode="json"), "body_line": s.body_line}
            for s in content.stories
        },
        "books": {b.id: b.model.model_dump(mode="json") for b in content.books},
        "fields": [f.model_dump(mode="json") for f in content.fields],
    }
    text = json.dumps(dump, ensure_ascii=False, indent=1, sort_keys=True)
    assert_golden("loaded_models", text.splitlines())


def test_bom_is_accepted(tmp_path: Path) -> None:
    """A UTF-8 file saved with a BOM (Windows Notepad) loads normally."""
    path = tmp_path / "an.yml"
    path.write_bytes(b"\xef\xbb\xbf" + PERSON.encode())
    report = Report()
    assert load_yaml_record(Person, path, report) is not None
    assert not report.diagnostics


def test_crlf_line_endings_keep_line_numbers(tmp_path: Path) -> None:
    """Windows line endings load, and errors still point at the right line."""
    path = tmp_path / "an.yml"
    path.write_bytes((PERSON + "gender: khác\n").replace("\n", "\r\n").encode())
    report = Report()
    load_yaml_record(Person, path, report)
    assert [d.position.line for d in report.errors] == [7]


def test_nfd_text_is_stored_as_nfc(tmp_path: Path) -> None:
    """A name typed in decomposed form is stored composed."""
    path = tmp_path / "an.yml"
    path.write_text(PERSON.replace("Nguyễn", "Nguye\u0302\u0303n"), encoding="utf-8")
    loaded = load_yaml_record(Person, path, Report())
    assert loaded is not None
    assert loaded.model.name == "Nguyễn Văn An"


def test_yaml11_words_stay_text_in_text_fields(tmp_path: Path) -> None:
    """`ethnicity: no` and a time-like name stay the strings the editor typed."""
    path = tmp_path / "an.yml"
    path.write_text(PERSON.replace("Nguyễn Văn An", "12:30") + "ethnicity: no\n", encoding="utf-8")
    loaded = load_yaml_record(Person, path, Report())
    assert loaded is not None
    assert (loaded.model.name, loaded.model.ethnicity) == ("12:30", "no")


def test_story_body_line_counts_front_matter(tmp_path: Path) -> None:
    """The body's first line number accounts for the front matter and both fences."""
    path = tmp_path / "bai.md"
    path.write_text(
        "---\ntitle: A\nsubjects: [a]\ndate: 2024-01-18\nlead: B\n---\nThân bài\n", encoding="utf-8"
    )
    story = load_story(path, Report())
    assert story is not None
    assert (story.body_line, story.body) == (7, "Thân bài\n")


@pytest.mark.parametrize(("text", "expected"), [("true", True), ("False", False), ("TRUE", True)])
def test_flags_accept_only_true_and_false(text: str, expected: bool) -> None:
    """Only the YAML 1.2 spellings of true and false are flags."""
    assert parse_flag(text) is expected


@pytest.mark.parametrize("text", ["no", "yes", "on", "off", "1", "y"])
def test_flags_refuse_yaml11_words(text: str) -> None:
    """`no`, `yes`, `on`, `off` are refused instead of silently becoming booleans."""
    with pytest.raises(ValueError, match="true"):
        parse_flag(text)


def test_years_and_counts_refuse_leading_zeros_and_separators() -> None:
    """`012` is not 10 or 12, and `1.000` asks for `1000`."""
    assert parse_year("2023") == 2023
    assert parse_count("0") == 0
    with pytest.raises(ValueError, match="012"):
        parse_year("012")
    with pytest.raises(ValueError, match="`1000`"):
        parse_count("1.000")


def test_dates_suggest_iso_for_vietnamese_order() -> None:
    """`18/01/2024` is refused with the ISO spelling suggested; impossible dates are refused."""
    assert str(parse_iso_date("2024-01-18")) == "2024-01-18"
    with pytest.raises(ValueError, match="2024-01-18"):
        parse_iso_date("18/01/2024")
    with pytest.raises(ValueError, match="không có trên lịch"):
        parse_iso_date("2023-02-30")


def test_symlinked_record_file_is_refused(mini: Path) -> None:
    """A symlink inside content/ is an error, never followed."""
    (mini / "people" / "lien-ket.yml").symlink_to(mini / "people" / "hoang-thi-nhu-thanh.yml")
    _outcome, lines = check(mini)
    assert any("lien-ket.yml:1:1: lỗi: không dùng liên kết tượng trưng" in line for line in lines)


def test_unexpected_file_is_a_warning(mini: Path) -> None:
    """A stray file in a content folder is a warning and does not fail the check."""
    (mini / "people" / "ghi-chu.txt").write_text("x", encoding="utf-8")
    outcome, lines = check(mini)
    assert not outcome.report.errors
    assert any("ghi-chu.txt:1:1: cảnh báo:" in line for line in lines)


def test_story_without_image_is_only_a_warning(mini: Path) -> None:
    """A published story without `image` warns but passes."""
    story = mini / "stories" / "nguoi-thay-vung-cao.md"
    text = story.read_text(encoding="utf-8")
    story.write_text(
        text.replace("image:\n  file: images/anh-mau.png\n  caption: Giờ học tin học\n", ""),
        encoding="utf-8",
    )
    outcome, lines = check(mini)
    assert not outcome.report.errors
    assert any("cảnh báo: bài viết chưa có ảnh minh họa" in line for line in lines)


def test_models_written_with_the_same_keys_share_one_set_of_them(mini: Path) -> None:
    """Pydantic's per-model set of written keys is shared, yet each model reports its own."""
    content, _report = load_content(mini)
    places = [item.model.place for item in (*content.people, *content.collectives)]
    by_keys: dict[frozenset[str], set[str]] = {}
    for place in places:
        written = place.model_fields_set
        assert written == {k for k, v in place.model_dump().items() if v is not None}
        assert by_keys.setdefault(frozenset(written), written) is written
    plain = next(place for place in places if "detail" not in place.model_fields_set)
    before = set(plain.model_fields_set)
    changed = plain.model_copy(update={"detail": "Thôn Một"})
    assert changed.model_fields_set == {*before, "detail"}
    assert plain.model_fields_set == before  # the shared set is left as it was


def _everything(content: Content, report: Report) -> list[object]:
    kept = [
        (item.path, item.model, getattr(item, "failed", None), getattr(item, "body", None))
        for name in ("people", "collectives", "stories", "partial_records", "partial_stories")
        for item in getattr(content, name)
    ]
    return [*kept, *report.diagnostics]


def test_files_read_by_several_processes_load_as_by_one(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Records and stories read by three forked processes give the one-process models,
    partial records and diagnostics, in the same order."""
    (mini / "people" / "hong.yml").write_text("name: [\nyear: 12\n", encoding="utf-8")
    (mini / "people" / "thieu.yml").write_text("name: A\nsummary: B #c\n", encoding="utf-8")
    (mini / "stories" / "hong.md").write_text("---\ntitle: [\n---\nThân bài\n", encoding="utf-8")
    (mini / "people" / "ghi-chu.txt").write_text("x", encoding="utf-8")
    monkeypatch.setattr(load, "FORK_MIN_FILES", 0)
    one = _everything(*load_content(mini))
    forked = _everything(*load_content(mini, workers=3))
    assert forked == one
    assert any(isinstance(d, Diagnostic) and d.severity is Severity.ERROR for d in one)
