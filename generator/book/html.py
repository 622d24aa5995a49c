"""The assembled book → one HTML document for print, from the templates in `theme/book/`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import jinja2

from generator.book.document import BookDocument, Markdown
from generator.book.fonts import FontFace
from generator.book.fragments import Fragments, Media
from generator.models import PageSetup
from generator.templates import environment as base_environment
from generator.vietnamese import format_date, format_date_short

THEME_DIR = Path(__file__).resolve().parents[2] / "theme" / "book"


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
    return env


def iso_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def print_html(
    document: BookDocument,
    root: Path,
    fonts: tuple[FontFace, ...],
    built: datetime,
    theme: Path = THEME_DIR,
) -> str:
    """The whole book as one HTML page; images and fonts are absolute `file:` URLs."""
    content_root = root.resolve()
    media = Media(
        image=lambda rel: (content_root / rel).as_uri(),
        anchor=lambda anchor: f"#{anchor}",
        footnotes="inline",
        method="html",
    )
    fragments = Fragments(root, document.story_anchors(), media)

    def md(markdown: Markdown) -> str:
        return fragments.render(markdown)

    env = environment(theme)
    page: PageSetup = document.book.page
    return env.get_template("book.html").render(
        doc=document,
        book=document.book,
        medium="print",
        geometry=GEOMETRIES[page.size],
        bleed=page.bleed,
        marks="crop cross" if page.crop_marks else "none",
        fonts=fonts,
        css=(theme / "book.css").read_text(encoding="utf-8"),
        built=iso_time(built),
        md=md,
        href=media.anchor,
        image=media.image,
    )
