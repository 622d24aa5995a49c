"""Markdown bodies: no raw HTML, only safe links, images that are content images."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from generator.diagnostics import Position
from generator.links import LinkProblem, content_link, is_local, source_path
from generator.markdown import is_safe_link, scan_body
from generator.rules.characters import check_characters
from generator.rules.context import Context, Validation
from generator.rules.files import content_file_problem
from generator.rules.links import dropped_link
from generator.text import clip
from generator.vietnamese import format_number

# A story of 200,000 characters is ten times the longest article; above it, or above 5,000
# brackets, the Markdown parser's time grows past seconds per file (1 MB of `[` took 44 s).
MAX_BODY_CHARS = 200_000
MAX_BRACKETS = 5_000


def check_stories(context: Context, findings: Validation) -> None:
    for story in context.checkable_stories():
        check_markdown(context, findings, story.path, story.body, story.body_line, story=True)


def check_markdown(
    context: Context,
    findings: Validation,
    path: Path,
    text: str,
    first_line: int,
    *,
    story: bool,
) -> None:
    """A story body or a book's own Markdown file; `first_line` is its line in the file."""
    if not _within_limits(findings, path, text, first_line):
        return
    check_characters(findings, path, text, first_line)
    report = findings.report
    for item in scan_body(text):
        where = Position(first_line + item.line, item.column + 1)
        if item.kind == "html":
            report.error(path, where, html_message(item.value, "trong bài viết " if story else ""))
        elif item.kind == "link" and is_safe_link(item.value):
            # The book keeps only links to the stories it prints; it says nothing of others.
            dropped = dropped_link(context, path, item.value) if story else None
            if dropped is not None:
                (report.error if dropped[0] else report.warning)(path, where, dropped[1])
        elif item.kind == "link":
            report.error(
                path,
                where,
                f"liên kết `{clip(item.value)}` không được phép; "
                "chỉ dùng liên kết `https://`, `http://` hoặc `mailto:`",
            )
        elif item.kind == "image":
            problem = body_image_problem(context, path, item.value)
            if problem:
                report.error(path, where, problem)


def _within_limits(findings: Validation, path: Path, text: str, first_line: int) -> bool:
    start = Position(first_line, 1)
    if len(text) > MAX_BODY_CHARS:
        findings.report.error(
            path,
            start,
            f"nội dung quá dài ({format_number(len(text))} ký tự; "
            f"tối đa {format_number(MAX_BODY_CHARS)}); hãy chia thành nhiều bài",
        )
        return False
    brackets = text.count("[")
    if brackets > MAX_BRACKETS:
        findings.report.error(
            path,
            start,
            f"nội dung có quá nhiều dấu `[` ({format_number(brackets)}; "
            f"tối đa {format_number(MAX_BRACKETS)}); hãy kiểm tra lại tệp, có thể đã dán nhầm",
        )
        return False
    return True


def html_message(snippet: str, where: str = "") -> str:
    if re.match(r"<\s*iframe\b", snippet, re.IGNORECASE):
        return (
            f"không nhúng khung `<iframe>` (video, bản đồ…) {where}(`{clip(snippet)}`); "
            "hãy thay bằng một liên kết, ví dụ `[Xem video](https://…)`"
        )
    return f"không dùng mã HTML {where}(`{clip(snippet)}`); hãy viết bằng Markdown"


def body_image_problem(context: Context, source: Path, src: str) -> str | None:
    """Why the image `src` written in the Markdown file `source` cannot be shown, or None."""
    written = unquote(src)  # the parser has already escaped a `\\` as `%5C`
    if "\\" in written:
        return (
            "đường dẫn ảnh dùng dấu `/`, không dùng dấu `\\` của Windows: "
            f"hãy viết `{clip(written.replace(chr(92), '/'))}`"
        )
    if not is_local(src) or src.startswith(("/", "data:")):
        return (
            f"ảnh `{clip(src)}` phải là tệp trong `content/images/`, "
            "viết tương đối như `../images/ten-anh.jpg`"
        )
    try:
        link = content_link(src, source_path(context.content.root, source))
    except LinkProblem as problem:
        return f"ảnh {problem}"
    return content_file_problem(context.root, link.path, images_only=True)


def check_book_markdown(context: Context, findings: Validation, path: Path) -> bool:
    """A book's own Markdown file, as loaded; False when it was not loaded from `books/`."""
    text = context.content.text_files.get(path)
    if text is None:
        return False
    check_markdown(context, findings, path, text, 1, story=False)
    return True
