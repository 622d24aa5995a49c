"""The cover spread (back, spine, front) as HTML, and the ISBN as an EAN-13 barcode."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime

from generator.book.errors import BookError
from generator.book.fonts import FontFace
from generator.book.html import GEOMETRIES, THEME_DIR, environment, iso_time
from generator.book.paper import SPINE_TEXT_MIN_MM, bleed_mm
from generator.book.titles import balanced_lines
from generator.models import Book

_TITLE_CHARS = 22  # about what the front's title size holds on one line at 145 mm
_SANS_EM_PER_CHAR = 0.62  # average advance of a bold capital in Noto Sans
MM_PT = 72 / 25.4


@dataclass(frozen=True, slots=True)
class CoverSize:
    width_mm: float  # one panel: the trimmed page
    height_mm: float
    spine_mm: float
    bleed_mm: float

    @property
    def spread_mm(self) -> float:
        return round(2 * self.width_mm + self.spine_mm, 2)


def isbn13(isbn: str) -> str:
    """The 13 digits of an ISBN (an ISBN-10 gains its 978 prefix); a wrong check digit fails."""
    digits = re.sub(r"[\s-]", "", isbn.upper())
    if re.fullmatch(r"\d{9}[\dX]", digits):
        digits = "978" + digits[:9]
        digits += str(_ean_check(digits))
    if not re.fullmatch(r"97[89]\d{10}", digits):
        raise BookError(
            f"mã ISBN `{isbn}` không đúng dạng: cần 13 chữ số bắt đầu bằng 978 hoặc 979 "
            "(ví dụ 978-604-0-00000-2)"
        )
    if int(digits[-1]) != _ean_check(digits[:12]):
        raise BookError(
            f"mã ISBN `{isbn}` sai số kiểm tra (chữ số cuối phải là {_ean_check(digits[:12])}); "
            "hãy chép lại mã từ giấy cấp ISBN"
        )
    return digits


def _ean_check(twelve: str) -> int:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(twelve))
    return -total % 10


def barcode_svg(isbn: str) -> str:
    """The EAN-13 bars of `isbn` in 100 % K as inline SVG (python-barcode draws them)."""
    import barcode  # type: ignore[import-untyped]
    from barcode.writer import SVGWriter  # type: ignore[import-untyped]

    code = barcode.get("ean13", isbn13(isbn)[:12], writer=SVGWriter())
    buffer = io.BytesIO()
    code.write(
        buffer,
        {
            "write_text": False,  # the readable ISBN is set under the bars in the book's font
            "module_width": 0.33,  # the nominal EAN-13 size (magnification 100 %)
            "module_height": 22.85,
            "quiet_zone": 3.63,
            "foreground": "device-cmyk(0 0 0 1)",
            "background": "device-cmyk(0 0 0 0)",
        },
    )
    svg = buffer.getvalue().decode("utf-8")
    # Presentation attributes, not `style`: WeasyPrint's CSS parser warns on SVG's `fill`.
    svg = re.sub(r'style="fill:([^;"]+);?"', r'fill="\1"', svg)
    return svg[svg.index("<svg") :]


def cover_size(book: Book, spine_mm: float) -> CoverSize:
    geometry = GEOMETRIES[book.page.size]
    return CoverSize(geometry.width_mm, geometry.height_mm, spine_mm, bleed_mm(book.page))


def cover_html(book: Book, size: CoverSize, fonts: tuple[FontFace, ...], built: datetime) -> str:
    geometry = GEOMETRIES[book.page.size]
    title_chars = round(_TITLE_CHARS * geometry.width_mm / 145)
    spine_line = f"{book.title.upper()} · {book.compiler}"
    fit_pt = (size.height_mm - 24) * MM_PT / (len(spine_line) * _SANS_EM_PER_CHAR)
    return (
        environment(THEME_DIR)
        .get_template("cover.html")
        .render(
            book=book,
            fonts=fonts,
            css=(THEME_DIR / "cover.css").read_text(encoding="utf-8"),
            built=iso_time(built),
            width_mm=size.width_mm,
            height_mm=size.height_mm,
            spine_mm=size.spine_mm,
            spread_mm=size.spread_mm,
            bleed_mm=size.bleed_mm,
            font_pt=geometry.font_pt,
            spine_text=size.spine_mm >= SPINE_TEXT_MIN_MM,
            spine_title=book.title.upper(),
            spine_font_pt=round(min(9.0, size.spine_mm * 0.5 * MM_PT, fit_pt), 1),
            title_lines=balanced_lines(book.title, title_chars),
            blurb=[p.strip() for p in (book.blurb or "").split("\n\n") if p.strip()],
            barcode=barcode_svg(book.colophon.isbn) if book.colophon.isbn else None,
        )
    )
