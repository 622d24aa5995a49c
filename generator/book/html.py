"""The assembled book → one HTML document for print, from the templates in `theme/book/`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import jinja2

from generator.book.document import BookDocument, Markdown
from generator.book.fonts import FontFace
from generator.book.fragments import Fragments, Media
from generator.book.grey_photos import grey_file
from generator.book.paper import FIGURE_MAX_HEIGHT_MM, PHOTO_BOX_MM, bleed_mm
from generator.book.titles import balanced_lines
from generator.images import cache_dir, clean_file
from generator.models import PageSetup
from generator.templates import environment as base_environment
from generator.typography import protect_breaks
from generator.vietnamese import fold, format_date, format_date_short

THEME_DIR = Path(__file__).resolve().parents[2] / "theme" / "book"
Edition = Literal["screen", "press"]  # the reading PDF, or the interior for the print shop
_GREY = re.compile(r"#([0-9a-fA-F]{2})\1\1\b|#([0-9a-fA-F])\2\2\b")


@dataclass(frozen=True, slots=True)
class Geometry:
    """Page size, margins and type size for one trim size; inner margins take the binding."""

    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    inner_mm: float
    outer_mm: float
    font_pt: float

    @property
    def body_height_mm(self) -> float:
        return self.height_mm - self.top_mm - self.bottom_mm


GEOMETRIES: dict[str, Geometry] = {
    "145x205mm": Geometry(145, 205, 16, 18, 18, 14, 10.5),
    "A5": Geometry(148, 210, 16, 18, 18, 14, 10.5),
    "160x240mm": Geometry(160, 240, 18, 20, 20, 16, 11),
    "A4": Geometry(210, 297, 22, 24, 25, 20, 11.5),
}


def environment(theme: Path = THEME_DIR) -> jinja2.Environment:
    env = base_environment(theme)
    env.filters["date"] = format_date
    env.filters["date_short"] = format_date_short
    env.globals["fold"] = fold
    env.filters["title_lines"] = balanced_lines
    env.filters["lower_first"] = lambda text: text[:1].lower() + text[1:] if text else text
    return env


def iso_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def print_html(
    document: BookDocument,
    root: Path,
    fonts: tuple[FontFace, ...],
    built: datetime,
    theme: Path = THEME_DIR,
    edition: Edition = "screen",
) -> str:
    """The whole book as one HTML page; images and fonts are absolute `file:` URLs.

    The press edition has no cover (the print shop gets it as its own file), bleed all
    round, no links (PDF/X forbids annotations), its greys in black ink only and, for a
    one-colour interior, its photos in grey.
    """
    content_root = root.resolve()
    press = edition == "press"
    grey = press and not document.book.page.colour_interior

    def image(rel: str) -> str:
        # Clean copies: WeasyPrint embeds a JPEG's bytes as they are, metadata and all.
        clean = clean_file(content_root / rel, cache_dir(content_root, "book"))
        return (grey_file(clean) if grey else clean).as_uri()

    media = Media(
        image=image,
        anchor=lambda anchor: f"#{anchor}",
        footnotes="inline",
        method="html",
    )
    fragments = Fragments(root, document.story_anchors(), media)

    def md(markdown: Markdown) -> str:
        return fragments.render(markdown)

    env = environment(theme)
    page: PageSetup = document.book.page
    css = (theme / "book.css").read_text(encoding="utf-8")
    html = env.get_template("book.html").render(
        doc=document,
        book=document.book,
        medium="print",
        geometry=GEOMETRIES[page.size],
        edition=edition,
        print_sizes={
            "figure_max_height": FIGURE_MAX_HEIGHT_MM,
            "photo_width": PHOTO_BOX_MM[0],
            "photo_height": PHOTO_BOX_MM[1],
        },
        bleed=f"{bleed_mm(page)}mm" if press else page.bleed,
        # The press file gets its marks outside the bleed afterwards (`finish`).
        marks="crop cross" if page.crop_marks and not press else "none",
        fonts=fonts,
        css=k_only(css) if press else css,
        built=iso_time(built),
        md=md,
        href=media.anchor,
        image=media.image,
    )
    return protect_breaks(html)


def k_only(css: str) -> str:
    """Neutral greys (`#444`, `#f1f1f1`) as black ink tints, so no press makes them of CMY."""

    def tint(match: re.Match[str]) -> str:
        pair = match.group(1) or (match.group(2) * 2)
        return f"device-cmyk(0 0 0 {round(1 - int(pair, 16) / 255, 3)})"

    return _GREY.sub(tint, css)
