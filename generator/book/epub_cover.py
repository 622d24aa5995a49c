"""The EPUB's cover as a PNG: reading systems show a raster cover in their library, and many
ignore an SVG one. The title is set in balanced lines that never cut a name or a phrase.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from generator.book.fonts import font_dir
from generator.book.titles import balanced_lines
from generator.models import Book

WIDTH, HEIGHT = 1450, 2050  # the 145 × 205 mm trim at 254 ppi
RED, GOLD, CREAM = (158, 27, 31), (247, 214, 124), (255, 243, 214)
_MARGIN = 130


def _font(stem: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_dir() / f"{stem}.ttf"), size)


def _fitting(lines: list[str], stem: str, size: int) -> ImageFont.FreeTypeFont:
    """The largest size up to `size` at which every line fits between the margins."""
    while size > 20:
        font = _font(stem, size)
        if all(font.getlength(line) <= WIDTH - 2 * _MARGIN for line in lines):
            return font
        size -= 4
    return _font(stem, size)


def _centred(
    draw: ImageDraw.ImageDraw,
    y: float,
    lines: list[str],
    font: ImageFont.FreeTypeFont,
    fill: tuple[int, int, int],
    leading: float,
) -> float:
    for line in lines:
        draw.text((WIDTH / 2, y), line, font=font, fill=fill, anchor="ma")
        y += font.size * leading
    return y


def cover_png(book: Book) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), RED)
    draw = ImageDraw.Draw(image)
    compiler = [line.upper() for line in balanced_lines(book.compiler, 40)]
    y = _centred(draw, 220, compiler, _fitting(compiler, "NotoSans-Bold", 46), GOLD, 1.35)
    draw.rectangle((WIDTH / 2 - 230, y + 70, WIDTH / 2 + 230, y + 78), fill=GOLD)
    title = [line.upper() for line in balanced_lines(book.title, 20)]
    y = _centred(draw, y + 200, title, _fitting(title, "NotoSans-Bold", 104), GOLD, 1.3)
    if book.subtitle:
        subtitle = balanced_lines(book.subtitle, 34)
        _centred(draw, y + 90, subtitle, _fitting(subtitle, "NotoSerif-Italic", 60), CREAM, 1.3)
    if book.draft:
        _centred(draw, HEIGHT - 560, ["BẢN THẢO"], _font("NotoSans-Bold", 90), CREAM, 1)
    foot = [(book.publisher or "").upper(), str(book.year)]
    _centred(
        draw,
        HEIGHT - 300,
        [line for line in foot if line],
        _fitting(foot, "NotoSans-Bold", 46),
        GOLD,
        1.4,
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
