"""Characters no text may hold: controls, and the invisible ones that reorder what is shown.

Names and other one-line values are refused by their field type (generator.fields); this
covers the free text: summaries, leads, achievements, descriptions and Markdown bodies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from generator.diagnostics import Position
from generator.rules.context import Context, Validation
from generator.strict_yaml import Path_, PositionLookup

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# C0/C1 control characters other than tab and newline, and the bidirectional controls that
# can make text display in another order than it reads (CVE-2021-42574, "Trojan Source").
FORBIDDEN = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI}]")
_IS_BIDI = re.compile(f"[{_BIDI}]")
_SHOWN = 5  # per file: the first few are enough to find and fix the rest


def character_problem(character: str) -> str:
    code = f"U+{ord(character):04X}"
    if _IS_BIDI.match(character):
        return (
            f"có ký tự vô hình điều khiển chiều viết ({code}), có thể làm chữ hiện ra theo "
            "thứ tự khác với khi đọc; hãy xóa nó (gõ lại đoạn này)"
        )
    return f"có ký tự điều khiển không được phép ({code}); hãy xóa nó"


def check_characters(findings: Validation, path: Path, text: str, first_line: int) -> None:
    """Markdown text that starts at line `first_line` of `path`."""
    for shown, match in enumerate(FORBIDDEN.finditer(text)):
        if shown == _SHOWN:
            break
        index = match.start()
        line_start = text.rfind("\n", 0, index) + 1
        where = Position(first_line + text.count("\n", 0, index), index - line_start + 1)
        findings.report.error(path, where, character_problem(match.group()))


def _strings(value: object, loc: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), (*loc, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, (*loc, index))


def _check_model(findings: Validation, path: Path, doc: PositionLookup, model: BaseModel) -> None:
    # One search of the serialised model first: a walk per value costs 15 times as much,
    # and nearly every file is clean. (JSON escapes C0 controls, which YAML refuses anyway.)
    if FORBIDDEN.search(model.model_dump_json()) is None:
        return
    for loc, text in _strings(model, ()):
        match = FORBIDDEN.search(text)
        if match is not None:
            findings.report.error(path, doc.position_of(loc), character_problem(match.group()))


def check_text_values(context: Context, findings: Validation) -> None:
    """Every text value of every record, story and book."""
    content = context.content
    for record in context.all_records():
        _check_model(findings, record.path, record.doc, record.model)
    for story in content.stories:
        _check_model(findings, story.path, story.doc, story.model)
    for book in content.books:
        _check_model(findings, book.path, book.doc, book.model)
