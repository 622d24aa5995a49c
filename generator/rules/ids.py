"""Ids: each file name is a valid id, unique across people, collectives and stories."""

from __future__ import annotations

from pathlib import Path

from generator.diagnostics import START
from generator.fields import ID_PATTERN
from generator.rules.context import Context, Validation
from generator.vietnamese import slugify


def check_file_ids(context: Context, findings: Validation) -> None:
    content = context.content
    seen: dict[str, Path] = {}
    files: list[Path] = [
        *(r.path for r in content.people),
        *(r.path for r in content.collectives),
        *(s.path for s in content.stories),
        *(r.path for r in content.partial_records),
        *(s.path for s in content.partial_stories),
    ]
    for path in files:
        stem = path.stem
        if not ID_PATTERN.match(stem):
            findings.report.error(
                path,
                START,
                f"tên tệp `{path.name}` phải gồm chữ thường không dấu, chữ số và dấu `-` "
                f"(ví dụ `{slugify(stem) or 'ten-ho-so'}{path.suffix}`)",
            )
        if stem in seen:
            other = seen[stem]
            findings.report.error(
                path,
                START,
                f"mã `{stem}` đã được dùng cho `{other.parent.name}/{other.name}`; "
                "mỗi hồ sơ và bài viết cần một mã riêng",
            )
        else:
            seen[stem] = path


def check_taxonomy_ids(context: Context, findings: Validation) -> None:
    content = context.content
    for name, (path, doc) in content.taxonomy_docs.items():
        entries = getattr(content, name)
        seen: set[str] = set()
        for index, entry in enumerate(entries):
            if entry.id in seen:
                findings.report.error(
                    path, doc.position_of((index, "id")), f"mã `{entry.id}` bị lặp lại"
                )
            seen.add(entry.id)
