"""A strict YAML reader for editor-written files.

PyYAML's own loaders keep the last of duplicate keys, read `no` as False and `012` as 10,
and expand alias bombs. This reader walks the parser's events instead: it refuses anchors,
aliases, tags and duplicate keys, returns every scalar as the text the editor typed (the
typed models decide what a value means), and keeps the position of every key and value so
each error can point at its line.
"""

from __future__ import annotations

import re
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

# Only the parser's events are read, so the bare parser is enough: a loader would also set
# up a constructor and a resolver per file that are never used.
try:
    from yaml._yaml import CParser

    _Parser: Any = CParser
except ImportError:  # pragma: no cover - libyaml is absent on some platforms
    _Parser = yaml.SafeLoader
_Scalar = yaml.ScalarEvent
_MappingEnd = yaml.MappingEndEvent
_SequenceEnd = yaml.SequenceEndEvent


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
    """Walks the parser's events into plain data.

    Every file of a site passes through here, so the walk asks the parser for events itself
    (`get_event`/`peek_event`, no generator in between) and handles the common case, a plain
    or quoted scalar without anchor or tag, without further calls.
    """

    def __init__(
        self, parser: Any, doc: YamlDocument, text: str, line_offset: int, positions: bool
    ) -> None:
        self._get = parser.get_event
        self._peek_event = parser.peek_event
        self._doc = doc
        self._lines = text.split("\n")
        self._offset = line_offset
        self._positions = positions
        self._may_warn = _may_warn(text)

    def next_event(self) -> Any:
        event = self._get()
        if event is None:  # pragma: no cover - the parser always closes its stream
            raise _Stop
        return event

    def _peek(self) -> Any:
        event = self._peek_event()
        if event is None:  # pragma: no cover - the parser always closes its stream
            raise _Stop
        return event

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
        return self._node(self.next_event(), path, depth)

    def _node(self, event: Any, path: Path_, depth: int) -> Any:
        """The value that starts with `event` (already taken from the parser)."""
        if event is None:  # pragma: no cover - the parser always closes its stream
            raise _Stop
        if self._positions:
            self._doc.value_positions[path] = _position(event.start_mark, self._offset)
        if isinstance(event, _Scalar):
            return self._scalar(event, path[-1] if path else None)
        if isinstance(event, yaml.AliasEvent):
            self.problem(
                event.start_mark,
                f"`*{event.anchor}` bị YAML hiểu là một tham chiếu (alias), không được dùng ở "
                "đây; nếu `*` là chữ của giá trị, hãy đặt cả giá trị trong dấu nháy kép, "
                "nếu không hãy viết đầy đủ giá trị",
            )
            return None
        self._refuse_decorations(event)
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

    def _scalar(self, event: Any, key: str | int | None) -> str | None:
        if event.anchor is not None or event.tag is not None:
            self._refuse_decorations(event)
        value: str = event.value
        if not event.style:
            if value in NULL_WORDS:
                return None
            # A plain value holds only characters of the file (and folding's spaces), so a
            # file with neither `#` nor a curly quote cannot trigger either warning.
            if self._may_warn:
                self._check_plain(event, key)
        # ASCII is already NFC, and every old tone spelling has a marked letter.
        return value if value.isascii() else _clean_text(value, key)

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
        get = self._get
        while True:
            event = get()
            if isinstance(event, _SequenceEnd):
                return items
            if isinstance(event, _Scalar) and not self._positions:
                items.append(self._scalar(event, len(items)))  # `_node`, minus positions
                continue
            if event is None:  # pragma: no cover - the parser always closes its stream
                raise _Stop
            item_path = (*path, len(items))
            if self._positions:
                self._doc.key_positions[item_path] = _position(event.start_mark, self._offset)
            items.append(self._node(event, item_path, depth + 1))

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
        match = _GLUED_KEY.fullmatch(key_event.value)
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
        get = self._get
        while True:
            key_event = get()
            if not isinstance(key_event, _Scalar):
                if isinstance(key_event, _MappingEnd):
                    return mapping
                self._not_a_key(key_event, path, depth)
                continue
            if key_event.anchor is not None or key_event.tag is not None:
                self._refuse_decorations(key_event)
            if flow and self._split_by_comma(key_event):
                continue
            written: str = key_event.value
            if ":" in written and self._glued(key_event):
                self.read_node((*path, "?"), depth + 1)
                continue
            key = written if written.isascii() else nfc(written)
            if key == "<<":
                self.problem(key_event.start_mark, "không dùng khóa gộp YAML (`<<`)")
            if key in mapping:
                self.problem(
                    key_event.start_mark,
                    f"khóa `{key}` bị lặp lại (đã có ở dòng {first_lines[key]}); "
                    "mỗi khóa chỉ được viết một lần",
                )
                self.read_node((*path, f"{key}#dup"), depth + 1)
                continue
            mark: Any = key_event.start_mark
            first_lines[key] = mark.line + 1 + self._offset
            value = get()
            if isinstance(value, _Scalar) and not self._positions:
                mapping[key] = self._scalar(value, key)  # what `_node` does, minus positions
                continue
            child = (*path, key)
            if self._positions:
                self._doc.key_positions[child] = _position(mark, self._offset)
            mapping[key] = self._node(value, child, depth + 1)

    def _not_a_key(self, event: Any, path: Path_, depth: int) -> None:
        """A block or an alias where a key belongs: reported, and its value read past."""
        if event is None:  # pragma: no cover - the parser always closes its stream
            raise _Stop
        self.problem(event.start_mark, "khóa phải là một từ đơn, như `name`")
        if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            self._skip(event)
        self.read_node((*path, "?"), depth + 1)


def _may_warn(text: str) -> bool:
    """Whether a plain value of `text` could be cut by ` #` or wrapped in curly quotes."""
    return "#" in text or any(quote in text for quote in CURLY_QUOTES)


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
    parser = _Parser(text)
    builder = _Builder(parser, doc, text, line_offset, positions)
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
    finally:
        parser.dispose()
    return doc
