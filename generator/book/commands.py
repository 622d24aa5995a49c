"""`guongsang book ID`: content → one assembly of the book → PDF and/or EPUB in `out`."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path

from generator.atomic import write_atomic
from generator.book.assemble import assemble
from generator.book.errors import BookError
from generator.book.fonts import font_faces
from generator.book.html import THEME_DIR, print_html
from generator.book.progress import Progress
from generator.diagnostics import Severity, format_text
from generator.pipeline import run

log = logging.getLogger("guongsang.book")

FORMATS = ("pdf", "epub")


def parse_formats(text: str) -> set[str]:
    """`pdf,epub` → {"pdf", "epub"}; unknown names are a `BookError`."""
    wanted = {part.strip().lower() for part in text.split(",") if part.strip()}
    unknown = sorted(wanted - set(FORMATS))
    if unknown or not wanted:
        given = ", ".join(f"`{u}`" for u in unknown) or "rỗng"
        raise BookError(f"định dạng {given} không hỗ trợ; chỉ dùng `pdf`, `epub` hoặc `pdf,epub`")
    return wanted


def build_time() -> datetime:
    """`SOURCE_DATE_EPOCH` when set (reproducible builds), otherwise now."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (ValueError, OverflowError, OSError):
        raise BookError(
            f"SOURCE_DATE_EPOCH phải là số giây kể từ 1/1/1970 (không dùng `{value}`)"
        ) from None


def compile_book(content: Path, book_id: str, out: Path, formats: Collection[str]) -> int:
    """Build book `book_id` into `out/<id>.pdf` and/or `.epub`; 0 on success, 1 on error."""
    stages = ["Đọc nội dung", "Sắp xếp sách"]
    if "pdf" in formats:
        stages += ["Dựng HTML", "Dàn trang PDF", "Ghi PDF"]
    if "epub" in formats:
        stages += ["Đóng gói EPUB"]
    progress = Progress(stages)
    try:
        return _compile(content, book_id, out, formats, progress)
    except BookError as error:
        progress.close()
        sys.stderr.write(f"lỗi: {error}\n")
        return 1
    finally:
        progress.close()


def _compile(
    content: Path, book_id: str, out: Path, formats: Collection[str], progress: Progress
) -> int:
    built = build_time()
    if not (THEME_DIR / "book.html").is_file():
        raise BookError(f"không tìm thấy mẫu sách `{THEME_DIR}`; hãy chạy từ bản sao của kho mã")
    progress.stage("Đọc nội dung")
    outcome = run(content)
    if outcome.index is None:
        progress.close()
        errors = [d for d in outcome.report.sorted() if d.severity is Severity.ERROR]
        for diagnostic in errors:
            sys.stdout.write(format_text(diagnostic) + "\n")
        sys.stderr.write(
            f"Không dựng sách vì nội dung có {len(errors)} lỗi. "
            "Hãy sửa các lỗi trên rồi chạy lại.\n"
        )
        return 1
    index = outcome.index
    if book_id not in index.books:
        known = ", ".join(f"`{b}`" for b in sorted(index.books)) or "chưa có sách nào"
        raise BookError(
            f"không có sách mã `{book_id}` trong `{content}/books/`; các sách hiện có: {known}"
        )
    progress.stage("Sắp xếp sách")
    document = assemble(index, book_id)
    page = document.book.page
    if page.crop_marks and float(page.bleed.removesuffix("mm")) == 0:
        log.warning("`page.crop_marks` cần `page.bleed` lớn hơn 0 (ví dụ `3mm`) để in dấu cắt.")

    written: list[tuple[Path, str]] = []
    if "pdf" in formats:
        fonts = font_faces()
        progress.stage("Dựng HTML")
        html = print_html(document, index.root, fonts, built)
        progress.stage("Dàn trang PDF")
        with progress.weasyprint_pages():
            # Imported late: WeasyPrint is slow to load, and logs while it does.
            from generator.book.pdf import render_pdf

            printed = render_pdf(
                html, index.root, THEME_DIR.parent, fonts, lambda: progress.stage("Ghi PDF")
            )
        target = out / f"{book_id}.pdf"
        write_atomic(target, printed.data)
        written.append((target, f"{printed.pages} trang"))
    if "epub" in formats:
        from generator.book.epub import build_epub

        progress.stage("Đóng gói EPUB")
        target = out / f"{book_id}.epub"
        write_atomic(target, build_epub(document, index.root, built))
        written.append((target, "EPUB 3"))
    progress.close()
    for path, what in written:
        sys.stdout.write(f"{path.as_posix()}\n")
        log.info("Đã ghi %s (%s).", path.as_posix(), what)
    return 0
