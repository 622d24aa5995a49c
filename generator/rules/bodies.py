"""Markdown bodies: no raw HTML, only safe links, images that are content images."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from generator.diagnostics import Position
from generator.links import LinkProblem, content_link, is_local, source_path
from generator.load import LoadedStory
from generator.markdown import is_safe_link, scan_body
from generator.rules.context import Context, Validation, clip
from generator.rules.files import content_file_problem
from generator.rules.links import dropped_link


def check_stories(context: Context, findings: Validation) -> None:
    for story in context.content.stories:
        check_story_body(context, findings, story)


def check_story_body(context: Context, findings: Validation, story: LoadedStory) -> None:
    report = findings.report
    for item in scan_body(story.body):
        where = Position(story.body_line + item.line, item.column + 1)
        if item.kind == "html":
            report.error(story.path, where, html_message(item.value, "trong bài viết "))
        elif item.kind == "link" and is_safe_link(item.value):
            dropped = dropped_link(context, story.path, item.value)
            if dropped is not None:
                (report.error if dropped[0] else report.warning)(story.path, where, dropped[1])
        elif item.kind == "link":
            report.error(
                story.path,
                where,
                f"liên kết `{clip(item.value)}` không được phép; "
                "chỉ dùng liên kết `https://`, `http://` hoặc `mailto:`",
            )
        elif item.kind == "image":
            problem = body_image_problem(context, story.path, item.value)
            if problem:
                report.error(story.path, where, problem)


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


def check_book_markdown(context: Context, findings: Validation, path: Path) -> None:
    """A book's own Markdown file (foreword, part introduction), as loaded."""
    text = context.content.text_files.get(path)
    if text is None:
        return
    for item in scan_body(text):
        if item.kind == "html":
            findings.report.error(
                path, Position(item.line + 1, item.column + 1), html_message(item.value)
            )
