"""The two files a print shop takes: the interior (`ID-ruot.pdf`) and the cover (`ID-bia.pdf`).

WeasyPrint lays the pages out; Ghostscript turns them into press inks as PDF/X-1a, the
interior in page ranges on every core; pikepdf joins the ranges, adds the blank pages that
complete the last sheet, the trim and bleed boxes and the crop marks outside the bleed. The
spine width follows from the final page count and the paper.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pikepdf

from generator.book.cover import cover_html, cover_size
from generator.book.document import BookDocument
from generator.book.finish import (
    K_ONLY,
    REGISTRATION,
    Marks,
    add_blank_pages,
    join_parts,
    retag_fonts,
    save,
    set_boxes_and_marks,
)
from generator.book.fonts import FontFace
from generator.book.ghostscript import (
    Job,
    PageRange,
    Strategy,
    cores,
    finish_pdfx,
    page_ranges,
    start_pdfx,
)
from generator.book.html import THEME_DIR, print_html
from generator.book.paper import blanks_needed, bleed_mm, spine_mm
from generator.models import PageSetup


@dataclass(frozen=True, slots=True)
class PressFiles:
    interior: bytes
    cover: bytes
    pages: int
    blanks: int
    spine_mm: float
    anchor_pages: dict[str, int]  # the printed interior's page of each anchor


def build_press(
    document: BookDocument,
    root: Path,
    fonts: tuple[FontFace, ...],
    built: datetime,
    on_stage: Callable[[str], None] = lambda _label: None,
) -> PressFiles:
    from generator.book.pdf import render_pdf

    book = document.book
    bleed = bleed_mm(book.page)
    strategy: Strategy = "CMYK" if book.page.colour_interior else "Gray"
    html = print_html(document, root, fonts, built, edition="press")
    with tempfile.TemporaryDirectory(prefix="guongsang-press-") as work:
        folder = Path(work)
        on_stage("Dàn trang ruột")
        raw = render_pdf(html, root, THEME_DIR.parent, fonts, compress=False)
        (folder / "ruot-weasyprint.pdf").write_bytes(raw.data)
        # Ghostscript converts the interior, a page range per core, while the cover is laid out.
        ranges = page_ranges(raw.pages, cores())
        conversion = InteriorConversion.start(folder / "ruot-weasyprint.pdf", strategy, ranges)
        on_stage("Dựng bìa")
        blanks = blanks_needed(raw.pages, book.page.page_multiple)
        pages = raw.pages + blanks
        spine = spine_mm(pages, book.page)
        try:
            cover_html_text = cover_html(book, cover_size(book, spine), fonts, built)
            cover_raw = render_pdf(cover_html_text, root, THEME_DIR.parent, fonts, compress=False)
            (folder / "bia-weasyprint.pdf").write_bytes(cover_raw.data)
            cover_job = start_pdfx(folder / "bia-weasyprint.pdf", folder / "bia.pdf", "CMYK")
        except BaseException:
            conversion.stop()
            raise
        on_stage("Chuyển màu ruột (Ghostscript)")
        try:
            interior = conversion.finish(book.page, bleed, f"{document.id}/ruot")
        except BaseException:
            cover_job.stop()
            raise
        last = raw.pages
        anchors = {a: p + blanks if p == last else p for a, p in raw.anchor_pages.items()}
        finish_pdfx(cover_job)
        with pikepdf.open(folder / "bia.pdf") as pdf:
            set_boxes_and_marks(pdf, Marks(bleed, REGISTRATION))
            retag_fonts(pdf, f"{document.id}/bia")
            cover = save(pdf)
    return PressFiles(interior, cover, pages, blanks, spine, anchors)


@dataclass(frozen=True, slots=True)
class InteriorConversion:
    """The interior through Ghostscript, one job per page range, joined once all are done."""

    parts: tuple[tuple[Path, Job], ...]

    @classmethod
    def start(cls, source: Path, strategy: Strategy, ranges: list[PageRange]) -> InteriorConversion:
        started: list[tuple[Path, Job]] = []
        try:
            for number, span in enumerate(ranges, 1):
                target = source.with_name(f"{source.stem}-pdfx-{number}.pdf")
                started.append((target, start_pdfx(source, target, strategy, span)))
        except BaseException:
            cls(tuple(started)).stop()
            raise
        return cls(tuple(started))

    def stop(self) -> None:
        for _target, job in self.parts:
            job.stop()

    def finish(self, page: PageSetup, bleed: float, salt: str) -> bytes:
        """The joined interior with its blank pages, boxes, marks and font names."""
        try:
            for _target, job in self.parts:
                finish_pdfx(job)
        except BaseException:
            self.stop()
            raise
        with ExitStack() as stack:
            pdf = join_parts([stack.enter_context(pikepdf.open(t)) for t, _job in self.parts])
            add_blank_pages(pdf, blanks_needed(len(pdf.pages), page.page_multiple))
            set_boxes_and_marks(pdf, Marks(bleed, K_ONLY))
            retag_fonts(pdf, salt)
            return save(pdf)


def print_page_map(
    document: BookDocument, root: Path, fonts: tuple[FontFace, ...], built: datetime
) -> dict[str, int]:
    """Where each anchor falls in the printed interior, for the EPUB's page-list."""
    from generator.book.pdf import layout_anchors

    html = print_html(document, root, fonts, built, edition="press")
    return layout_anchors(html, root, THEME_DIR.parent, fonts)
