"""A strict YAML reader for editor-written files.

PyYAML's own loaders keep the last of duplicate keys, read `no` as False and `012` as 10,
and expand alias bombs. This reader walks the parser's events instead: it refuses anchors,
aliases, tags and duplicate keys, returns every scalar as the text the editor typed (the
typed models decide what a value means), and keeps the position of every key and value so
each error can point at its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml

from generator.diagnostics import START, Position
from generator.text import clip
from generator.vietnamese import nfc, standard_tone_style
from generator.yaml_errors import (
    CURLY_QUOTES,
    LINE_SEPARATORS,
    explain,
    line_separators,
    quote_hint,
)

Path_ = tuple[str | int, ...]

MAX_DEPTH = 12
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
# Paths, URLs and ids must stay byte-for-byte as written; prose gets one tone-mark style.
_VERBATIM_KEYS = frozenset({"file", "url", "foreword", "id"})
_COMMENT_AFTER = re.compile(r"\s+#")
_GLUED_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(\S.*)", re.DOTALL)

try:
    _Parser: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml is absent on some platforms
    _Parser = yaml.SafeLoader


@dataclass(frozen=True, slots=True)
class YamlProblem:
    position: Position
    message: str
    warning: bool = False


@dataclass(slots=True)
class YamlDocument:
    data: Any
    key_positions: dict[Path_, Position] = field(default_factory=dict)
    value_positions: dict[Path_, Position] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)
    # Accepted as written, but likely not what the editor meant (a value cut by ` #`).
    warnings: list[YamlProblem] = field(default_factory=list)

    def position_of(self, path: Path_, *, key: bool = False) -> Position:
        """The closest known position for a path: the value, else its key, else a parent."""
        table = (
            (self.key_positions, self.value_positions)
            if key
            else (
                self.value_positions,
                self.key_positions,
            )
        )
        probe = tuple(path)
        while True:
            for positions in table:
                if probe in positions:
                    return positions[probe]
            if not probe:
                return START
            probe = probe[:-1]


class PositionLookup(Protocol):
    """Finds where a key or value of a file was written."""

    def position_of(self, path: Path_, *, key: bool = False) -> Position: ...


class _Stop(Exception):
    """The event stream cannot be read further."""


def _position(mark: Any, line_offset: int) -> Position:
    return Position(mark.line + 1 + line_offset, mark.column + 1)


def _clean_text(text: str, key: str | int | None) -> str:
    text = nfc(text)
    if isinstance(key, str) and key in _VERBATIM_KEYS:
        return text
    return standard_tone_style(text)


class _Builder:
    def __init__(
        self,
        events: Iterator[Any],
        doc: YamlDocument,
        lines: list[str],
        line_offset: int,
        positions: bool,
    ) -> None:
        self._events = events
        self._doc = doc
        self._lines = lines
        self._offset = line_offset
        self._positions = positions
        self._lookahead: Any = None

    def next_event(self) -> Any:
        if self._lookahead is not None:
            event, self._lookahead = self._lookahead, None
            return event
        try:
            return next(self._events)
        except StopIteration as exc:  # pragma: no cover - the parser always closes its stream
            raise _Stop from exc

    def _peek(self) -> Any:
        if self._lookahead is None:
            self._lookahead = self.next_event()
        return self._lookahead

    def problem(self, mark: Any, message: str) -> None:
        self._doc.problems.append(YamlProblem(_position(mark, self._offset), message))

    def _warn(self, line: int, column: int, message: str) -> None:
        position = Position(line + 1 + self._offset, column + 1)
        self._doc.warnings.append(YamlProblem(position, message, warning=True))

    def _line(self, mark: Any) -> str:
        return self._lines[mark.line] if 0 <= mark.line < len(self._lines) else ""

    def _check_plain(self, event: Any, key: str | int | None) -> None:
        """Warn where YAML reads a plain value differently from how it looks."""
        end = event.end_mark
        line = self._line(end)
        comment = _COMMENT_AFTER.match(line, end.column) if "#" in line else None
        if comment is not None:
            cut = line[comment.end() - 1 :].strip()
            self._warn(
                end.line,
                comment.end() - 1,
                f"phần `{clip(cut)}` sau dấu ` #` bị YAML coi là ghi chú nên bị bỏ khỏi giá trị; "
                "nếu đó là một phần của giá trị, hãy đặt cả giá trị trong dấu nháy kép "
                f"({quote_hint(event.value + ' ' + cut, _key_name(key))}); nếu là ghi chú, "
                "hãy chuyển nó lên một dòng riêng",
            )
        value = event.value
        if _wrapped_in_curly_quotes(value):
            self._warn(
                event.start_mark.line,
                event.start_mark.column,
                f"dấu `{value[0]}…{value[-1]}` không phải dấu nháy của YAML nên sẽ hiện "
                "nguyên trên trang; hãy xóa chúng, hoặc dùng dấu nháy thẳng "
                f"({quote_hint(value[1:-1], _key_name(key))})",
            )

    def _refuse_decorations(self, event: Any) -> None:
        if getattr(event, "anchor", None) is not None:
            self.problem(
                event.start_mark,
                f"`&{event.anchor}` bị YAML hiểu là một neo (anchor), không được dùng ở đây; "
                "nếu `&` là chữ của giá trị, hãy đặt cả giá trị trong dấu nháy kép",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            shown = tag.replace("tag:yaml.org,2002:", "!!", 1)
            self.problem(event.start_mark, f"không dùng thẻ YAML (`{shown}`); hãy bỏ thẻ này")

    def read_node(self, path: Path_, depth: int) -> Any:
        event = self.next_event()
        if self._positions:
            self._doc.value_positions[path] = _position(event.start_mark, self._offset)
        if isinstance(event, yaml.AliasEvent):
            self.problem(
                event.start_mark,
                f"`*{event.anchor}` bị YAML hiểu là một tham chiếu (alias), không được dùng ở "
                "đây; nếu `*` là chữ của giá trị, hãy đặt cả giá trị trong dấu nháy kép, "
                "nếu không hãy viết đầy đủ giá trị",
            )
            return None
        self._refuse_decorations(event)
        if isinstance(event, yaml.ScalarEvent):
            plain = not event.style
            if plain and event.value in NULL_WORDS:
                return None
            if plain:
                self._check_plain(event, path[-1] if path else None)
            return _clean_text(event.value, path[-1] if path else None)
        if depth >= MAX_DEPTH:
            self.problem(event.start_mark, "dữ liệu lồng nhau quá sâu")
            self._skip(event)
            return None
        if isinstance(event, yaml.SequenceStartEvent):
            return self._read_sequence(path, depth)
        if isinstance(event, yaml.MappingStartEvent):
            return self._read_mapping(path, depth, flow=bool(event.flow_style))
        self.problem(event.start_mark, "cấu trúc YAML không đọc được")
        raise _Stop

    def _skip(self, start: Any) -> None:
        level = 1
        while level:
            event = self.next_event()
            if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                level += 1
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                level -= 1

    def _read_sequence(self, path: Path_, depth: int) -> list[Any]:
        items: list[Any] = []
        while True:
            event = self._peek()
            if isinstance(event, yaml.SequenceEndEvent):
                self.next_event()
                return items
            item_path = (*path, len(items))
            if self._positions:
                self._doc.key_positions[item_path] = _position(event.start_mark, self._offset)
            items.append(self.read_node(item_path, depth + 1))

    def _split_by_comma(self, key_event: Any) -> bool:
        """`{name: A, B}`: the comma cut the value and `B` became a key without a value."""
        value = self._peek()
        if not (isinstance(value, yaml.ScalarEvent) and value.value == "" and not value.style):
            return False
        end, start = key_event.end_mark, key_event.start_mark
        if self._line(end)[end.column :].lstrip().startswith(":"):
            return False
        if not self._line(start)[: start.column].rstrip().endswith(","):
            return False
        self.problem(
            key_event.start_mark,
            f"dấu phẩy trong nhóm `{{…}}` đã tách giá trị làm hai, nên `{key_event.value}` bị "
            "hiểu là một khóa; nếu dấu phẩy là một phần của giá trị, hãy đặt cả giá trị trong "
            'dấu nháy kép (`name: "…, ' + clip(key_event.value) + '"`), hoặc viết mỗi khóa '
            "trên một dòng riêng",
        )
        self.next_event()
        return True

    def _glued(self, key_event: Any) -> bool:
        match = _GLUED_KEY.fullmatch(key_event.value) if ":" in key_event.value else None
        if match is None:
            return False
        self.problem(
            key_event.start_mark,
            f"thiếu dấu cách sau `{match[1]}:`; hãy viết `{match[1]}: {clip(match[2])}`",
        )
        return True

    def _read_mapping(self, path: Path_, depth: int, *, flow: bool = False) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        first_lines: dict[str, int] = {}
        while True:
            event = self._peek()
            if isinstance(event, yaml.MappingEndEvent):
                self.next_event()
                return mapping
            key_event = self.next_event()
            if not isinstance(key_event, yaml.ScalarEvent):
                self.problem(key_event.start_mark, "khóa phải là một từ đơn, như `name`")
                if isinstance(key_event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                    self._skip(key_event)
                self.read_node((*path, "?"), depth + 1)
                continue
            self._refuse_decorations(key_event)
            if flow and self._split_by_comma(key_event):
                continue
            if self._glued(key_event):
                self.read_node((*path, "?"), depth + 1)
                continue
            key = nfc(key_event.value)
            if key == "<<":
                self.problem(key_event.start_mark, "không dùng khóa gộp YAML (`<<`)")
            child = (*path, key)
            if key in mapping:
                self.problem(
                    key_event.start_mark,
                    f"khóa `{key}` bị lặp lại (đã có ở dòng {first_lines[key]}); "
                    "mỗi khóa chỉ được viết một lần",
                )
                self.read_node((*path, f"{key}#dup"), depth + 1)
                continue
            first_lines[key] = _position(key_event.start_mark, self._offset).line
            if self._positions:
                self._doc.key_positions[child] = _position(key_event.start_mark, self._offset)
            mapping[key] = self.read_node(child, depth + 1)


def _wrapped_in_curly_quotes(value: str) -> bool:
    if len(value) < 2 or value[0] not in CURLY_QUOTES or value[-1] not in CURLY_QUOTES:
        return False
    return not any(char in CURLY_QUOTES for char in value[1:-1])


def _key_name(key: str | int | None) -> str:
    return key if isinstance(key, str) else "giá trị"


def _reader_error_position(error: yaml.reader.ReaderError, text: str, line_offset: int) -> Position:
    before = text[: error.position]
    line = before.count("\n")
    column = error.position - (before.rfind("\n") + 1)
    return Position(line + 1 + line_offset, column + 1)


def parse_yaml(text: str, *, line_offset: int = 0, positions: bool = True) -> YamlDocument:
    """Read one YAML document; problems are returned, never raised.

    Without `positions` only the problems carry positions: a national site keeps a hundred
    thousand files in memory, and key positions are wanted only for the few with errors.
    """
    doc = YamlDocument(data=None)
    for found in line_separators(text):
        doc.problems.append(
            YamlProblem(Position(found.line + 1 + line_offset, found.column + 1), found.message)
        )
    if doc.problems:
        # Read on with spaces in their place, so every later line keeps its number.
        text = text.translate({ord(char): " " for char in LINE_SEPARATORS})
    events = yaml.parse(text, Loader=_Parser)
    builder = _Builder(events, doc, text.split("\n"), line_offset, positions)
    try:
        builder.next_event()  # StreamStart
        first = builder.next_event()
        if isinstance(first, yaml.StreamEndEvent):
            return doc
        doc.data = builder.read_node((), 0)
        builder.next_event()  # DocumentEnd
        after = builder.next_event()
        if isinstance(after, yaml.DocumentStartEvent):
            builder.problem(after.start_mark, "tệp chỉ được chứa một tài liệu YAML (bỏ dòng `---`)")
    except yaml.MarkedYAMLError as error:
        found = explain(error, text)
        position = Position(found.line + 1 + line_offset, found.column + 1)
        doc.problems.append(YamlProblem(position, found.message))
    except yaml.reader.ReaderError as error:
        doc.problems.append(
            YamlProblem(
                _reader_error_position(error, text, line_offset),
                f"có ký tự điều khiển không được phép (mã U+{error.character:04X}); hãy xóa nó",
            )
        )
    except yaml.YAMLError:
        doc.problems.append(YamlProblem(START, "YAML không hợp lệ"))
    except _Stop:
        pass
    return doc
