"""The strict YAML reader."""

from __future__ import annotations

from generator.diagnostics import Position
from generator.strict_yaml import parse_yaml


def messages(text: str) -> list[tuple[int, int, str]]:
    return [(p.position.line, p.position.col, p.message) for p in parse_yaml(text).problems]


def test_scalars_stay_as_typed_text() -> None:
    """YAML 1.1 words and numbers reach the models as the text the editor typed."""
    data = parse_yaml("a: no\nb: on\nc: 012\nd: 12:30\ne: 1e3\nf: yes\n").data
    assert data == {"a": "no", "b": "on", "c": "012", "d": "12:30", "e": "1e3", "f": "yes"}


def test_plain_null_words_are_none_but_quoted_are_text() -> None:
    """`~`, `null` and an empty value are empty; quoted 'null' is the word."""
    data = parse_yaml("a: ~\nb: null\nc:\nd: 'null'\n").data
    assert data == {"a": None, "b": None, "c": None, "d": "null"}


def test_duplicate_key_is_reported_at_second_occurrence() -> None:
    """The second `name` is an error that names the line of the first."""
    assert messages("name: A\nx: 1\nname: B\n") == [
        (3, 1, "khóa `name` bị lặp lại (đã có ở dòng 1); mỗi khóa chỉ được viết một lần")
    ]


def test_anchor_and_alias_are_refused() -> None:
    """Anchors and aliases (the alias-bomb vector) are errors."""
    found = messages("a: &x [1]\nb: *x\n")
    assert [line for line, _c, _m in found] == [1, 2]


def test_alias_bomb_does_not_expand() -> None:
    """A billion-laughs document is refused quickly without expanding."""
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
        for i in range(8)
    )
    doc = parse_yaml(bomb)
    assert doc.problems
    assert len(str(doc.data)) < 2000


def test_tags_are_refused() -> None:
    """Explicit tags like `!!python/object` and `!custom` are errors."""
    found = messages("a: !!python/object x\nb: !c 1\n")
    assert len(found) == 2


def test_positions_of_keys_and_values_are_kept() -> None:
    """Nested keys keep 1-based line and column of the key and the value."""
    doc = parse_yaml("awards:\n  - title: Bằng khen\n    year: 2023\n")
    assert doc.key_positions[("awards", 0, "year")] == Position(3, 5)
    assert doc.value_positions[("awards", 0, "year")] == Position(3, 11)


def test_line_offset_shifts_positions() -> None:
    """Front matter positions count the opening fence line."""
    doc = parse_yaml("title: A\n", line_offset=1)
    assert doc.key_positions[("title",)] == Position(2, 1)


def test_text_is_nfc_and_standard_tone_style() -> None:
    """NFD input becomes NFC and `hoà`/`thuỷ` become `hòa`/`thủy`."""
    doc = parse_yaml("name: Nguye\u0302\u0303n Thi\u0323 Thuỷ Hoà\n")
    assert doc.data == {"name": "Nguyễn Thị Thủy Hòa"}


def test_file_paths_keep_their_spelling() -> None:
    """A `file` value is not re-spelled, so it still names the file on disk."""
    assert parse_yaml("file: images/hoà.jpg\n").data == {"file": "images/hoà.jpg"}


def test_second_document_is_refused() -> None:
    """A stray `---` starting a second document is an error."""
    assert messages("a: 1\n---\nb: 2\n")[0][0] == 2


def test_deep_nesting_is_refused() -> None:
    """Absurd nesting is an error, not a recursion crash."""
    assert messages("a: " + "[" * 500 + "]" * 500 + "\n")


def test_control_character_is_reported_at_its_position() -> None:
    """A control character is reported with its line and column."""
    assert messages("a: 1\nb: x\x07y\n") == [
        (2, 5, "có ký tự điều khiển không được phép (mã U+0007); hãy xóa nó")
    ]


def _warnings(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    doc = parse_yaml(text, line_offset=offset)
    return [(w.position.line, w.position.col, w.message) for w in doc.warnings]


def test_comment_after_plain_value_warns_at_the_hash() -> None:
    """` #` in an unquoted value is named at its column, with the quoted fix."""
    [(line, col, message)] = _warnings("name: A\nsummary: thôn #1 giỏi\n", offset=1)
    assert (line, col) == (3, 15)
    assert '`summary: "thôn #1 giỏi"`' in message


def test_comments_that_cut_nothing_are_silent() -> None:
    """A comment after a quoted value, on its own line or after a key alone is no warning."""
    text = '# ghi chú\nname: "A #1"   # tên\nplace:   # nhóm\n  province: B\nx: "y"\n'
    assert _warnings(text) == []


def test_curly_quotes_inside_a_value_are_kept_silently() -> None:
    """Curly quotes around part of a value are ordinary text."""
    assert _warnings("title: “Bác sĩ quân hàm xanh” giữ niềm tin\n") == []


def test_line_separator_keeps_later_positions() -> None:
    """After a U+2028 every later error is still reported at its real line."""
    found = messages("a: x\u2029y\nb: 1\nb: 2\n")
    assert [(line, col) for line, col, _ in found] == [(1, 5), (3, 1)]
    assert "U+2029" in found[0][2]


def test_single_key_flow_mapping_is_not_a_split_value() -> None:
    """`{b}` has no comma, so nothing was split."""
    assert messages("a: {b}\n") == []
