"""Paper and binding arithmetic for the print files: spine width and blank pages to add.

Thickness per sheet (one leaf, two pages) as paper merchants quote it for uncoated offset
and matt coated (couché) book papers; a book definition may give its own `paper_mm`.
"""

from __future__ import annotations

from generator.models import PageSetup

PAPER_MM: dict[str, float] = {
    "offset-70": 0.09,
    "offset-80": 0.10,
    "offset-100": 0.12,
    "couche-115": 0.10,
}
COVER_BOARD_MM = 0.3  # the cover card folds round the spine: both its thicknesses, roughly
SPINE_TEXT_MIN_MM = 5.0  # below this a printed spine line cannot be read, nor placed exactly
PRESS_BLEED_MM = 3.0  # what every print shop asks for, whatever the screen edition says


def sheet_mm(page: PageSetup) -> float:
    return page.paper_mm if page.paper_mm is not None else PAPER_MM[page.paper]


def spine_mm(pages: int, page: PageSetup) -> float:
    """Spine width of a perfect-bound book of `pages` printed pages, to 0.1 mm."""
    leaves = (pages + 1) // 2
    return round(leaves * sheet_mm(page) + COVER_BOARD_MM, 1)


def blanks_needed(pages: int, multiple: int) -> int:
    """Blank pages that bring `pages` up to a whole number of printed sheets."""
    return -pages % multiple


def bleed_mm(page: PageSetup) -> float:
    return max(float(page.bleed.removesuffix("mm")), PRESS_BLEED_MM)


# How large the book prints photos (book.html sets these in its CSS): a story's pictures
# take the text width of the default trim (145 − 18 − 14 mm) up to a height, a record's
# photo a fixed box beside its facts.
FIGURE_WIDTH_MM = 113.0
FIGURE_MAX_HEIGHT_MM = 65.0  # a third of the text block: a figure pushed over leaves less blank
PHOTO_BOX_MM = (30.0, 40.0)
MIN_PRINT_PPI = 300


def printed_width_mm(width: int, height: int, *, profile_photo: bool) -> float:
    """The width a `width` × `height` picture prints at, its proportions kept."""
    box_w, box_h = PHOTO_BOX_MM if profile_photo else (FIGURE_WIDTH_MM, FIGURE_MAX_HEIGHT_MM)
    return min(box_w, box_h * width / max(height, 1))


def print_warning(width: int, height: int, *, profile_photo: bool) -> str | None:
    """A warning when the picture prints under 300 ppi in the book, else None."""
    printed = printed_width_mm(width, height, profile_photo=profile_photo)
    ppi = width / (printed / 25.4)
    if ppi >= MIN_PRINT_PPI:
        return None
    needed = round(printed / 25.4 * MIN_PRINT_PPI)
    return (
        f"ảnh rộng {width} điểm ảnh, in trong sách rộng {printed:.0f} mm chỉ đạt {ppi:.0f} ppi "
        f"(sách in cần ≥ {MIN_PRINT_PPI} ppi, tức ảnh rộng ≥ {needed} điểm ảnh); "
        "trên web vẫn dùng được, nhưng để in hãy gửi ảnh gốc lớn hơn"
    )
