"""Markdown bodies: no raw HTML, only safe links, images that are content images."""

from __future__ import annotations

import os
from pathlib import Path

from generator.diagnostics import Position
from generator.load import LoadedStory
from generator.markdown import is_safe_link, scan_body
from generator.rules.context import Context, Validation
from generator.rules.files import content_file_problem
from generator.text import clip


def check_stories(context: Context, findings: Validation) -> None:
    for story in context.content.stories:
        check_story_body(context, findings, story)


def check_story_body(context: Context, findings: Validation, story: LoadedStory) -> None:
    report = findings.report
    for item in scan_body(story.body):
        where = Position(story.body_line + item.line, item.column + 1)
        if item.kind == "html":
            report.error(
                story.path,
                where,
                f"không dùng mã HTML trong bài viết (`{clip(item.value)}`); hãy viết bằng Markdown",
            )
        elif item.kind == "link" and not is_safe_link(item.value):
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


def body_image_problem(context: Context, story_path: Path, src: str) -> str | None:
    if not src or "://" in src or src.startswith(("/", "data:")):
        return (
            f"ảnh `{clip(src)}` phải là tệp trong `content/images/`, "
            "viết tương đối như `../images/ten-anh.jpg`"
        )
    root = context.root
    target = Path(os.path.normpath(root / story_path.parent.name / src))
    if not target.is_relative_to(root):
        return f"ảnh `{src}` nằm ngoài thư mục `content/`"
    return content_file_problem(root, target.relative_to(root).as_posix(), images_only=True)


def check_book_markdown(context: Context, findings: Validation, path: Path) -> None:
    """A book's own Markdown file (foreword, part introduction), as loaded."""
    text = context.content.text_files.get(path)
    if text is None:
        return
    for item in scan_body(text):
        if item.kind == "html":
            findings.report.error(
                path,
                Position(item.line + 1, item.column + 1),
                f"không dùng mã HTML (`{clip(item.value)}`); hãy viết bằng Markdown",
            )
