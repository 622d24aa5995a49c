"""`guongsang book ID`: content → one assembly of the book → PDF and/or EPUB in `out`."""

from __future__ import annotations

import io
import logging
import os
import sys
from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path

from generator.atomic import write_atomic
from generator.book.assemble import assemble
from generator.book.document import BookDocument
from generator.book.errors import BookError
from generator.book.fonts import font_faces
from generator.book.html import THEME_DIR, print_html
from generator.book.progress import Progress
from generator.diagnostics import Severity, format_text
from generator.index import Index
from generator.pipeline import run

log = logging.getLogger("guongsang.book")

FORMATS = ("pdf", "epub", "press")


def parse_formats(text: str) -> set[str]:
    """`pdf,epub` → {"pdf", "epub"}; unknown names are a `BookError`."""
    wanted = {part.strip().lower() for part in text.split(",") if part.strip()}
    unknown = sorted(wanted - set(FORMATS))
    if unknown or not wanted:
        given = ", ".join(f"`{u}`" for u in unknown) or "rỗng"
        raise BookError(
            f"định dạng {given} không hỗ trợ; dùng `pdf`, `epub`, `press` hoặc ghép lại, "
            "ví dụ `pdf,epub,press`"
        )
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


def compile_book(
    content: Path,
    book_id: str,
    out: Path,
    formats: Collection[str],
    *,
    preflight: bool = False,
) -> int:
    """Build book `book_id` into `out/` in `formats`; preflight the print files if asked
    (always after `press`). 0 on success, 1 on any error or failed preflight."""
    stages = ["Đọc nội dung", "Sắp xếp sách"]
    if "pdf" in formats:
        stages += ["Dựng HTML", "Dàn trang PDF", "Ghi PDF"]
    if "press" in formats:
        stages += ["Dàn trang ruột", "Dựng bìa", "Chuyển màu ruột (Ghostscript)"]
    if "epub" in formats:
        stages += ["Đóng gói EPUB"]
    if preflight or "press" in formats:
        stages += ["Kiểm tra tệp in"]
    progress = Progress(stages)
    try:
        return _compile(content, book_id, out, formats, progress, preflight)
    except BookError as error:
        progress.close()
        sys.stderr.write(f"lỗi: {error}\n")
        return 1
    finally:
        progress.close()


def _load(content: Path, book_id: str, progress: Progress) -> Index | None:
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
        return None
    index = outcome.index
    if book_id not in index.books:
        known = ", ".join(f"`{b}`" for b in sorted(index.books)) or "chưa có sách nào"
        raise BookError(
            f"không có sách mã `{book_id}` trong `{content}/books/`; các sách hiện có: {known}"
        )
    return index


def _compile(
    content: Path,
    book_id: str,
    out: Path,
    formats: Collection[str],
    progress: Progress,
    preflight: bool,
) -> int:
    built = build_time()
    if not (THEME_DIR / "book.html").is_file():
        raise BookError(f"không tìm thấy mẫu sách `{THEME_DIR}`; hãy chạy từ bản sao của kho mã")
    index = _load(content, book_id, progress)
    if index is None:
        return 1
    progress.stage("Sắp xếp sách")
    document = assemble(index, book_id)
    page = document.book.page
    if page.crop_marks and float(page.bleed.removesuffix("mm")) == 0:
        log.warning("`page.crop_marks` cần `page.bleed` lớn hơn 0 (ví dụ `3mm`) để in dấu cắt.")

    written: list[tuple[Path, str]] = []
    print_pages: dict[str, int] | None = None
    if "pdf" in formats:
        written.append(_screen_pdf(document, index.root, out, built, progress))
    if "press" in formats:
        print_pages, files = _press(document, index.root, out, built, progress)
        written += files
    if "epub" in formats:
        written.append(_epub(document, index.root, out, built, progress, print_pages))
    passed = True
    if preflight or "press" in formats:
        progress.stage("Kiểm tra tệp in")
        passed = _preflight(document, out)
    progress.close()
    for path, what in written:
        sys.stdout.write(f"{path.as_posix()}\n")
        log.info("Đã ghi %s (%s).", path.as_posix(), what)
    return 0 if passed else 1


def _screen_pdf(
    document: BookDocument, root: Path, out: Path, built: datetime, progress: Progress
) -> tuple[Path, str]:
    fonts = font_faces()
    progress.stage("Dựng HTML")
    html = print_html(document, root, fonts, built)
    progress.stage("Dàn trang PDF")
    with progress.weasyprint_pages():
        # Imported late: WeasyPrint is slow to load, and logs while it does.
        from generator.book.pdf import render_pdf

        printed = render_pdf(html, root, THEME_DIR.parent, fonts, lambda: progress.stage("Ghi PDF"))
    import pikepdf

    from generator.book.finish import retag_fonts, save

    with pikepdf.open(io.BytesIO(printed.data)) as pdf:
        retag_fonts(pdf, document.id)
        data = save(pdf)
    target = out / f"{document.id}.pdf"
    write_atomic(target, data)
    return target, f"{printed.pages} trang"


def _epub(
    document: BookDocument,
    root: Path,
    out: Path,
    built: datetime,
    progress: Progress,
    print_pages: dict[str, int] | None,
) -> tuple[Path, str]:
    from generator.book.epub import build_epub

    progress.stage("Đóng gói EPUB")
    if print_pages is None:
        # The page-list points at the printed book's pages: lay it out to know them.
        from generator.book.press import print_page_map

        with progress.weasyprint_pages():
            print_pages = print_page_map(document, root, font_faces(), built)
    target = out / f"{document.id}.epub"
    write_atomic(target, build_epub(document, root, built, print_pages))
    return target, "EPUB 3"


def _press(
    document: BookDocument, root: Path, out: Path, built: datetime, progress: Progress
) -> tuple[dict[str, int], list[tuple[Path, str]]]:
    from generator.book.press import build_press

    with progress.weasyprint_pages():
        files = build_press(document, root, font_faces(), built, progress.stage)
    interior = out / f"{document.id}-ruot.pdf"
    cover = out / f"{document.id}-bia.pdf"
    write_atomic(interior, files.interior)
    write_atomic(cover, files.cover)
    blanks = f", {files.blanks} trang trắng thêm" if files.blanks else ""
    return files.anchor_pages, [
        (interior, f"ruột {files.pages} trang{blanks}, PDF/X-1a"),
        (cover, f"bìa, gáy {files.spine_mm:g} mm, PDF/X-1a"),
    ]


def _preflight(document: BookDocument, out: Path) -> bool:
    from generator.book.preflight import preflight

    interior = out / f"{document.id}-ruot.pdf"
    cover = out / f"{document.id}-bia.pdf"
    report = preflight(interior, cover, document.book)
    for finding in report.findings:
        sys.stdout.write(f"{finding}\n")
    if report.ok:
        log.info("Kiểm tra tệp in: đạt (%s, %s).", interior.as_posix(), cover.as_posix())
    else:
        log.error("Kiểm tra tệp in: %d lỗi, nhà in sẽ trả lại tệp.", len(report.findings))
    return report.ok
