"""Last touches on a PDF with pikepdf: page boxes, crop marks, blank pages, font names.

Ghostscript has made the colours; what a print shop also needs is geometry: the trim box
(the cut page), the bleed box 3 mm beyond it, and a media box wide enough to carry the crop
marks *outside* the bleed, where the knife never shows them.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name

MM = 72 / 25.4
MARK_GAP_MM = 0.5  # marks start this far beyond the bleed edge
MARK_LENGTH_MM = 5.0
MARK_WIDTH_PT = 0.25
_SUBSET_TAG = 6


@dataclass(frozen=True, slots=True)
class Marks:
    bleed_mm: float
    colour: bytes  # the PDF operator that sets the stroke colour of the marks

    @property
    def margin_pt(self) -> float:
        return (self.bleed_mm + MARK_GAP_MM + MARK_LENGTH_MM + 1.0) * MM


K_ONLY = b"0 0 0 1 K"  # the interior's single ink
REGISTRATION = b"1 1 1 1 K"  # on every plate of the cover, so each plate can be cut to it


def _trim(page: pikepdf.Page) -> tuple[float, float, float, float]:
    box = page.obj.get("/TrimBox", page.obj.MediaBox)
    x0, y0, x1, y1 = (float(v) for v in box)
    return x0, y0, x1, y1


def _mark_stream(trim: tuple[float, float, float, float], marks: Marks) -> bytes:
    x0, y0, x1, y1 = trim
    start = (marks.bleed_mm + MARK_GAP_MM) * MM
    end = start + MARK_LENGTH_MM * MM
    lines = []
    for x, y, dx, dy in (
        (x0, y0, -1, -1),
        (x1, y0, 1, -1),
        (x0, y1, -1, 1),
        (x1, y1, 1, 1),
    ):
        # One horizontal and one vertical stroke per corner, on the lines of the trim.
        lines.append(f"{x + dx * start:.2f} {y:.2f} m {x + dx * end:.2f} {y:.2f} l S")
        lines.append(f"{x:.2f} {y + dy * start:.2f} m {x:.2f} {y + dy * end:.2f} l S")
    body = "\n".join(lines).encode("ascii")
    return b"Q q " + marks.colour + f" {MARK_WIDTH_PT} w 0 J [] 0 d\n".encode() + body + b"\nQ\n"


def set_boxes_and_marks(pdf: pikepdf.Pdf, marks: Marks) -> None:
    """Trim box kept, bleed box `bleed_mm` around it, media box wide enough for the marks."""
    bleed = marks.bleed_mm * MM
    margin = marks.margin_pt
    for page in pdf.pages:
        trim = _trim(page)
        x0, y0, x1, y1 = trim
        page.obj.TrimBox = Array([x0, y0, x1, y1])
        page.obj.BleedBox = Array([x0 - bleed, y0 - bleed, x1 + bleed, y1 + bleed])
        page.obj.MediaBox = Array([x0 - margin, y0 - margin, x1 + margin, y1 + margin])
        for name in ("/CropBox", "/ArtBox"):
            if name in page.obj:
                del page.obj[name]
        page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
        page.contents_add(pdf.make_stream(_mark_stream(trim, marks)))


def add_blank_pages(pdf: pikepdf.Pdf, count: int) -> None:
    """`count` empty pages before the last one, so the colophon stays on the last page."""
    if not count or not len(pdf.pages):
        return
    model = pdf.pages[-1].obj
    for _ in range(count):
        blank = Dictionary(
            Type=Name.Page,
            MediaBox=model.MediaBox,
            Resources=Dictionary(),
            Contents=pdf.make_stream(b""),
        )
        for name in ("/TrimBox", "/BleedBox"):
            if name in model:
                blank[name] = model[name]
        pdf.pages.insert(len(pdf.pages) - 1, pikepdf.Page(blank))


def join_parts(parts: list[pikepdf.Pdf]) -> pikepdf.Pdf:
    """The first part with the pages of the others appended (they must stay open until the
    result is saved). The first part's catalogue, with its one output intent, is kept; each
    part's font subsets stay separate fonts, renamed apart by `retag_fonts`."""
    first, *rest = parts
    for part in rest:
        first.pages.extend(part.pages)
    return first


def retag_fonts(pdf: pikepdf.Pdf, salt: str) -> None:
    """Subset prefixes from the book and the glyphs each subset holds.

    WeasyPrint derives the prefix from the font's name only, so two books carried the same
    `ABCDEF+GS-Serif` for different glyph sets, and a RIP that caches fonts by name across
    jobs would print one book with the other's glyphs.
    """
    for obj in pdf.objects:
        if not isinstance(obj, Dictionary) or obj.get("/Type") != Name.FontDescriptor:
            continue
        name = str(obj.get("/FontName", ""))
        if "+" not in name:
            continue
        digest = hashlib.sha256(salt.encode("utf-8"))
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            if key in obj:
                digest.update(obj[key].read_raw_bytes())
        tag = "".join(chr(65 + b % 26) for b in digest.digest()[:_SUBSET_TAG])
        new = f"/{tag}+{name.split('+', 1)[1]}"
        obj.FontName = Name(new)
    for obj in pdf.objects:
        if isinstance(obj, Dictionary) and obj.get("/Type") == Name.Font:
            _follow_descriptor(obj)


def _follow_descriptor(font: Dictionary) -> None:
    base = str(font.get("/BaseFont", ""))
    descriptor = font.get("/FontDescriptor")
    if descriptor is None and "/DescendantFonts" in font:
        descriptor = font.DescendantFonts[0].get("/FontDescriptor")
    if descriptor is None or "+" not in base:
        return
    tag = str(descriptor.get("/FontName", ""))[1:].split("+", 1)[0]
    font.BaseFont = Name(f"/{tag}+{base.split('+', 1)[1]}")


def save(pdf: pikepdf.Pdf) -> bytes:
    buffer = io.BytesIO()
    # A deterministic /ID: the same content gives the same bytes (reproducible builds).
    pdf.save(buffer, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return buffer.getvalue()
