"""Vietnamese explanations of YAML syntax errors, at the line where the editor went wrong.

The parser notices a mistake where it can no longer go on, which is often a line or a whole
file after the cause (a missing space after `name:`, a quote never closed). These rules look
back from that point for the cause an editor most likely made, and name its fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from generator.text import clip

# `name:Nguyễn Văn An` — a key glued to its value; not `https://…` or `12:30`.
_KEY_WITHOUT_SPACE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*):(?=[^\s/:\d])")
# `name: "Nguyễn Văn An` — a value opened with a quote that the same line never closes.
_OPEN_DOUBLE_QUOTE = re.compile(r'^\s*(?:-\s+)?[A-Za-z_][\w ]*:\s+(")(?:[^"\\]|\\.)*$')
# What the parser says when a quoted value ran on past its line into the next keys.
_AFTER_AN_OPEN_QUOTE = (
    "did not find expected key",
    "could not find expected ':'",
    "expected <block end>",
    "mapping values are not allowed",
)
CURLY_QUOTES = "“”‘’„«»"
# PyYAML breaks lines at these too; editors' tools (and our positions) do not.
LINE_SEPARATORS = {"\u2028": "U+2028", "\u2029": "U+2029", "\x85": "U+0085"}


@dataclass(frozen=True, slots=True)
class Explained:
    line: int  # 0-based, as the parser counts
    column: int
    message: str


def quote_hint(value: str, key: str = "giá trị") -> str:
    return f'`{key}: "{clip(value)}"`'


def _glued_key(lines: list[str], last: int) -> Explained | None:
    for number in range(min(last, len(lines) - 1) + 1):
        match = _KEY_WITHOUT_SPACE.match(lines[number])
        if match is None:
            continue
        key = match[2]
        value = lines[number][match.end() :].strip()
        return Explained(
            number,
            match.end(),
            f"thiếu dấu cách sau `{key}:`; hãy viết `{key}: {value}`",
        )
    return None


def _unclosed_quote(error: yaml.MarkedYAMLError, lines: list[str], last: int) -> Explained | None:
    mark = error.context_mark
    if error.context == "while scanning a quoted scalar" and mark is not None:
        return _unclosed_at(lines, mark.line, mark.column)
    problem = error.problem or ""
    if not any(sign in problem for sign in _AFTER_AN_OPEN_QUOTE):
        return None
    for number in range(min(last, len(lines) - 1) + 1):
        match = _OPEN_DOUBLE_QUOTE.match(lines[number])
        if match is not None:
            return _unclosed_at(lines, number, match.start(1))
    return None


def _unclosed_at(lines: list[str], line: int, column: int) -> Explained:
    quote = lines[line][column] if column < len(lines[line]) else '"'
    return Explained(
        line,
        column,
        f"dấu nháy `{quote}` mở ở đây nhưng chưa được đóng; hãy thêm `{quote}` ở cuối giá trị, "
        "trên cùng dòng",
    )


def _curly_quote(lines: list[str], line: int) -> Explained | None:
    if not 0 <= line < len(lines):
        return None
    for column, char in enumerate(lines[line]):
        if char in CURLY_QUOTES:
            return Explained(
                line,
                column,
                f"YAML không hợp lệ: dấu `{char}` không phải dấu nháy của YAML nên không bao được "
                'giá trị; hãy dùng dấu nháy thẳng `"` (phím bên trái Enter), '
                'ví dụ `summary: "Gương sáng: thầy giáo"`',
            )
    return None


def _decoration(error: yaml.MarkedYAMLError, lines: list[str]) -> Explained | None:
    mark = error.context_mark
    if mark is None or error.context not in {"while scanning an alias", "while scanning an anchor"}:
        return None
    char = "*" if error.context == "while scanning an alias" else "&"
    line = lines[mark.line] if mark.line < len(lines) else ""
    key = re.match(r"\s*(?:-\s+)?([^:]+):", line)
    value = line[mark.column :].strip()
    return Explained(
        mark.line,
        mark.column,
        f"YAML không hợp lệ: giá trị bắt đầu bằng `{char}` bị YAML hiểu là ký hiệu riêng của nó; "
        f"hãy đặt cả giá trị trong dấu nháy kép: {quote_hint(value, key[1] if key else 'name')}",
    )


def _char_at(lines: list[str], line: int, column: int) -> str:
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def _flow_colon(error: yaml.MarkedYAMLError, lines: list[str]) -> Explained | None:
    mark = error.problem_mark
    if mark is None or error.context != "while parsing a flow mapping":
        return None
    if _char_at(lines, mark.line, mark.column) != ":":
        return None
    line = lines[mark.line]
    start = max(line.rfind(",", 0, mark.column), line.rfind("{", 0, mark.column)) + 1
    end = min(
        (i for i in (line.find(",", mark.column), line.find("}", mark.column)) if i >= 0),
        default=len(line),
    )
    key, _, value = line[start:end].partition(":")
    return Explained(
        mark.line,
        mark.column,
        "YAML không hợp lệ: trong nhóm `{…}`, dấu `: ` trong một giá trị làm YAML hiểu sai; "
        f"hãy đặt giá trị đó trong dấu nháy kép ({quote_hint(value.strip(), key.strip())}), "
        "hoặc viết mỗi khóa trên một dòng riêng",
    )


def _by_problem(problem: str, char: str) -> str:
    if problem.startswith("found character"):
        if char == "\t":
            return "YAML không hợp lệ: có ký tự tab; YAML chỉ dùng dấu cách để thụt lề"
        return (
            f"YAML không hợp lệ: giá trị không được bắt đầu bằng `{char}`; "
            "hãy đặt cả giá trị trong dấu nháy kép"
        )
    if problem.startswith("mapping values are not allowed"):
        return (
            "YAML không hợp lệ: dấu `:` không đúng chỗ; nếu giá trị có dấu `: `, "
            "hãy đặt cả giá trị trong dấu nháy kép"
        )
    if "could not find expected ':'" in problem:
        return "YAML không hợp lệ: thiếu dấu `:` sau khóa"
    if "found unexpected end of stream" in problem:
        return "YAML không hợp lệ: chuỗi trong dấu nháy chưa được đóng"
    if "expected ',' or" in problem or "expected node content" in problem:
        return "YAML không hợp lệ: danh sách `[…]` hoặc nhóm `{…}` chưa được đóng"
    if "did not find expected" in problem or "expected <block end>" in problem:
        return (
            "YAML không hợp lệ: thụt lề không thẳng hàng, hoặc có chữ thừa sau giá trị "
            "trong dấu nháy; kiểm tra dòng này và dòng trên"
        )
    return f"YAML không hợp lệ ({problem or 'không rõ lỗi'})"


def explain(error: yaml.MarkedYAMLError, text: str) -> Explained:
    """The likeliest cause of a parser error, at its own line."""
    lines = text.split("\n")
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line, mark.column) if mark is not None else (0, 0)
    for found in (
        _glued_key(lines, line),
        _decoration(error, lines),
        _unclosed_quote(error, lines, line),
        _curly_quote(lines, line),
        _flow_colon(error, lines),
    ):
        if found is not None:
            return found
    problem = (error.problem or "").strip()
    return Explained(line, column, _by_problem(problem, _char_at(lines, line, column)))


def line_separators(text: str) -> list[Explained]:
    """Unicode line separators: PyYAML starts a new line at each, every other tool does not."""
    found: list[Explained] = []
    if not any(char in text for char in LINE_SEPARATORS):
        return found
    for number, line in enumerate(text.split("\n")):
        for column, char in enumerate(line):
            if char in LINE_SEPARATORS:
                found.append(
                    Explained(
                        number,
                        column,
                        f"có ký tự ngắt dòng đặc biệt ({LINE_SEPARATORS[char]}), thường lẫn vào "
                        "khi dán chữ từ trang web hoặc Word; hãy xóa nó (cần xuống dòng thì "
                        "bấm Enter)",
                    )
                )
    return found
