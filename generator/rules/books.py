"""Books: the colophon the law requires, and parts that select what exists."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from generator.diagnostics import START
from generator.kinds import BOOK
from generator.load import Loaded
from generator.models import COLOPHON_LABELS, Book, BookPart
from generator.places import UnknownPlace, current_provinces
from generator.rules.bodies import check_book_markdown
from generator.rules.context import Context, Validation, repeated, suggest
from generator.rules.files import content_file_problem
from generator.rules.references import check_ids_exist
from generator.strict_yaml import Path_
from generator.vietnamese import fold


def check(context: Context, findings: Validation) -> None:
    for book in context.content.books:
        check_book(context, findings, book)


def check_book(context: Context, findings: Validation, book: Loaded[Book]) -> None:
    model, path, doc = book.model, book.path, book.doc
    if not model.draft:
        check_colophon(findings, book)
    if model.colophon.isbn and not valid_isbn(model.colophon.isbn):
        findings.report.error(
            path,
            doc.position_of(("colophon", "isbn")),
            f"mã ISBN `{model.colophon.isbn}` không đúng (sai số kiểm tra)",
        )
    if model.foreword is not None:
        check_markdown_file(context, findings, book, ("foreword",), model.foreword)
    for p_index, part in enumerate(model.parts):
        if part.intro is not None:
            check_markdown_file(context, findings, book, ("parts", p_index, "intro"), part.intro)
        check_selection(context, findings, book, p_index, part)
        check_part_stories(context, findings, book, p_index, part)


def check_colophon(findings: Validation, book: Loaded[Book]) -> None:
    model, path, doc = book.model, book.path, book.doc
    if not model.publisher:
        findings.report.error(
            path,
            START,
            "thiếu khóa `publisher` (Nhà xuất bản); chỉ bản thảo (`draft: true`) mới được để trống",
        )
    for key, label in COLOPHON_LABELS.items():
        if not getattr(model.colophon, key):
            findings.report.error(
                path,
                doc.position_of(("colophon",), key=True),
                f"thiếu `colophon` › `{key}` ({label}); Luật Xuất bản 2012, Điều 27 "
                "bắt buộc ghi thông tin này (hoặc đặt `draft: true` khi còn là bản thảo)",
            )


def check_selection(
    context: Context, findings: Validation, book: Loaded[Book], p_index: int, part: BookPart
) -> None:
    select = part.select
    if select is None:
        return
    path, doc = book.path, book.doc
    base = ("parts", p_index, "select")
    check_ids_exist(
        findings, path, doc, (*base, "fields"), select.fields, context.field_ids, "lĩnh vực"
    )
    check_ids_exist(
        findings,
        path,
        doc,
        (*base, "movements"),
        select.movements,
        context.movement_ids,
        "phong trào",
    )
    for i, value in enumerate(select.provinces):
        if fold(value) not in _province_names():
            findings.report.error(
                path,
                doc.position_of((*base, "provinces", i)),
                f"`{value}` không phải tỉnh/thành phố hiện nay (34 đơn vị từ 1/7/2025)"
                f"{_current_hint(context, value)}",
            )


def check_part_stories(
    context: Context, findings: Validation, book: Loaded[Book], p_index: int, part: BookPart
) -> None:
    seen: set[str] = set()
    for i, story_id in enumerate(part.stories):
        story = context.stories.get(story_id)
        where = book.doc.position_of(("parts", p_index, "stories", i))
        if story_id in seen:
            findings.report.error(book.path, where, repeated(story_id))
        elif story is None:
            findings.report.error(
                book.path,
                where,
                f"không có bài viết mã `{story_id}`{suggest(story_id, context.stories)}",
            )
        elif not story.model.published:
            findings.report.error(book.path, where, f"bài viết `{story_id}` đang là bản nháp")
        seen.add(story_id)


def check_markdown_file(
    context: Context, findings: Validation, book: Loaded[Book], loc: Path_, rel: str
) -> None:
    problem = content_file_problem(context.root, rel, images_only=False)
    if problem is None and not rel.endswith(".md"):
        problem = f"`{rel}` phải là tệp Markdown (.md)"
    if problem is not None:
        findings.report.error(book.path, book.doc.position_of(loc), problem)
        return
    source = Path(os.path.normpath(context.content.root / rel))
    if not check_book_markdown(context, findings, source):
        findings.report.error(
            book.path,
            book.doc.position_of(loc),
            f"tệp `{rel}` phải nằm trong thư mục `content/{BOOK.folder}/`, "
            "cùng tệp định nghĩa sách",
        )


def _current_hint(context: Context, name: str) -> str:
    try:
        current = context.resolver.resolve(name).province
    except UnknownPlace:
        return suggest(name, (p.name for p in current_provinces()))
    return f"; địa bàn này nay thuộc {current.full_name}, hãy ghi `{current.name}`"


@cache
def _province_names() -> frozenset[str]:
    return frozenset(fold(p.name) for p in current_provinces())


def valid_isbn(isbn: str) -> bool:
    digits = [c for c in isbn.upper() if c.isdigit() or c == "X"]
    if len(digits) == 13 and all(c.isdigit() for c in digits):
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
        return total % 10 == 0
    if len(digits) == 10:
        values = [10 if c == "X" else int(c) for c in digits]
        return sum(v * (10 - i) for i, v in enumerate(values)) % 11 == 0
    return False
