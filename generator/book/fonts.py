"""The typefaces the printed book embeds: Noto Serif and Noto Sans, which cover Vietnamese.

They are read from Debian's `fonts-noto-core` (installed by `.ci/setup`) rather than copied
into the repository: the package is the maintained, licensed source, and naming the exact
files through `@font-face` keeps the PDF independent of whatever else fontconfig knows.
The URL fetcher allows these files and nothing else outside `content/` and `theme/`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.book.errors import BookError

DEFAULT_FONT_DIR = Path("/usr/share/fonts/truetype/noto")
SERIF = "GS Serif"
SANS = "GS Sans"


@dataclass(frozen=True, slots=True)
class FontFace:
    family: str
    weight: str
    style: str
    path: Path

    @property
    def url(self) -> str:
        return self.path.as_uri()


def font_dir() -> Path:
    # Other distributions keep Noto elsewhere; the variable lets them point at it.
    return Path(os.environ.get("GUONGSANG_FONT_DIR", DEFAULT_FONT_DIR))


def font_faces() -> tuple[FontFace, ...]:
    """Every face the stylesheet uses; fails with install advice if one is missing."""
    base = font_dir()
    faces = tuple(
        FontFace(family, weight, style, base / f"{stem}-{variant}.ttf")
        for family, stem in ((SERIF, "NotoSerif"), (SANS, "NotoSans"))
        for weight, style, variant in (
            ("normal", "normal", "Regular"),
            ("bold", "normal", "Bold"),
            ("normal", "italic", "Italic"),
            ("bold", "italic", "BoldItalic"),
        )
    )
    missing = [face.path for face in faces if not face.path.is_file()]
    if missing:
        names = ", ".join(path.name for path in missing)
        raise BookError(
            f"thiếu phông chữ {names} trong `{base}`; hãy cài gói Debian `fonts-noto-core` "
            "(chạy `bash .ci/setup` với quyền root)"
        )
    return faces
