"""Preflight of the print files, as a print shop runs it before it makes plates.

Each finding names the file, the page and what to do, in Vietnamese. Checked: Ghostscript
reads every page without a message; the PDF/X output intent; every font embedded; no RGB
(or Lab, or calibrated RGB) anywhere; the interior's text in black ink only and, for a
one-colour interior, no C, M or Y on any page (Ghostscript's `inkcov`); every image at
least 300 ppi at the size it is printed; the page count a multiple of the sheet; the trim,
bleed and media boxes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Dictionary, Name

from generator.book.finish import MM
from generator.book.ghostscript import Ink, cores, finish_ink, page_ranges, start_ink
from generator.book.html import GEOMETRIES
from generator.book.paper import PRESS_BLEED_MM
from generator.models import Book

MIN_PPI = 300
_RGB_SPACES = {"/DeviceRGB", "/CalRGB", "/Lab"}
_TOLERANCE_PT = 0.1


@dataclass(frozen=True, slots=True)
class Finding:
    file: Path
    page: int | None  # 1-based; None for the whole file
    problem: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file.as_posix()}"
        if self.page is not None:
            where += f", trang {self.page}"
        return f"{where}: lỗi: {self.problem}. Cách sửa: {self.fix}."


@dataclass(slots=True)
class Report:
    findings: list[Finding] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.findings


def preflight(interior: Path, cover: Path, book: Book) -> Report:
    report = Report()
    for path in (interior, cover):
        if not path.is_file():
            report.findings.append(
                Finding(path, None, "không có tệp", "chạy `guongsang book ID --format press`")
            )
    if not report.ok:
        return report
    _check_file(report, interior, book, is_cover=False)
    _check_file(report, cover, book, is_cover=True)
    return report


def _check_file(report: Report, path: Path, book: Book, *, is_cover: bool) -> None:
    with pikepdf.open(path) as pdf:
        report.pages[path.name] = len(pdf.pages)
        # Ghostscript reads every page (measuring inks, a page range per core) while pikepdf
        # checks the structure.
        jobs = [start_ink(path, span) for span in page_ranges(len(pdf.pages), cores())]
        try:
            _check_output_intent(report, path, pdf)
            for number, page in enumerate(pdf.pages, 1):
                _check_page(report, path, number, page, book, is_cover=is_cover)
        except BaseException:
            for job in jobs:
                job.stop()
            raise
        if not is_cover:
            _check_count(report, path, len(pdf.pages), book.page.page_multiple)
    inks: list[Ink] = []
    words: list[str] = []
    for job in jobs:
        part, said = finish_ink(job)
        inks += part
        words += [said] if said else []
    said = "\n".join(words)
    if said:
        report.findings.append(
            Finding(path, None, f"Ghostscript báo khi đọc tệp: {said[:300]}", "dựng lại tệp in")
        )
    if not is_cover:
        _check_ink(report, path, inks, one_colour=not book.page.colour_interior)


def _check_output_intent(report: Report, path: Path, pdf: pikepdf.Pdf) -> None:
    intents = pdf.Root.get("/OutputIntents")
    good = [
        intent
        for intent in (intents or [])
        if intent.get("/S") == Name.GTS_PDFX and "/DestOutputProfile" in intent
    ]
    if not good:
        report.findings.append(
            Finding(
                path,
                None,
                "thiếu output intent PDF/X (hồ sơ màu ICC của điều kiện in)",
                "dựng lại bằng `guongsang book ID --format press`, không sửa tay tệp in",
            )
        )
    version = str(pdf.trailer.get("/Info", Dictionary()).get("/GTS_PDFXVersion", ""))
    if not version.startswith("PDF/X"):
        report.findings.append(
            Finding(path, None, "tệp không khai là PDF/X", "dựng lại tệp in bằng guongsang")
        )


def _check_count(report: Report, path: Path, pages: int, multiple: int) -> None:
    if pages % multiple:
        report.findings.append(
            Finding(
                path,
                None,
                f"ruột có {pages} trang, không chia hết cho {multiple}",
                f"thêm {-pages % multiple} trang trắng trước trang thông tin xuất bản "
                "(guongsang tự thêm khi dựng lại)",
            )
        )


def _check_ink(report: Report, path: Path, inks: list[Ink], *, one_colour: bool) -> None:
    if not one_colour:
        return
    for number, ink in enumerate(inks, 1):
        if ink.colour:
            report.findings.append(
                Finding(
                    path,
                    number,
                    f"ruột in một màu mà trang có mực màu (C {ink.c:.3f}, M {ink.m:.3f}, "
                    f"Y {ink.y:.3f})",
                    "dùng ảnh đen trắng hoặc đặt `page: {colour_interior: true}` nếu ruột in màu",
                )
            )


def _check_page(
    report: Report, path: Path, number: int, page: pikepdf.Page, book: Book, *, is_cover: bool
) -> None:
    _check_boxes(report, path, number, page, book, is_cover=is_cover)
    for problem, fix in _resource_problems(page.obj.get("/Resources", Dictionary()), set()):
        report.findings.append(Finding(path, number, problem, fix))
    for problem, fix in _content_problems(page, is_cover=is_cover):
        report.findings.append(Finding(path, number, problem, fix))


def _box(page: pikepdf.Page, name: str) -> tuple[float, float, float, float] | None:
    box = page.obj.get(name)
    if box is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _contains(outer: tuple[float, ...], inner: tuple[float, ...], margin: float) -> bool:
    return (
        outer[0] <= inner[0] - margin + _TOLERANCE_PT
        and outer[1] <= inner[1] - margin + _TOLERANCE_PT
        and outer[2] >= inner[2] + margin - _TOLERANCE_PT
        and outer[3] >= inner[3] + margin - _TOLERANCE_PT
    )


def _check_boxes(
    report: Report, path: Path, number: int, page: pikepdf.Page, book: Book, *, is_cover: bool
) -> None:
    trim, bleed, media = (_box(page, n) for n in ("/TrimBox", "/BleedBox", "/MediaBox"))
    fix = "dựng lại tệp in; không cắt xén tệp bằng công cụ khác"
    if trim is None or bleed is None or media is None:
        report.findings.append(Finding(path, number, "thiếu TrimBox hoặc BleedBox", fix))
        return
    if not _contains(bleed, trim, PRESS_BLEED_MM * MM):
        report.findings.append(
            Finding(path, number, f"lề xén (bleed) dưới {PRESS_BLEED_MM:g} mm quanh khổ cắt", fix)
        )
    if not _contains(media, bleed, 0):
        report.findings.append(Finding(path, number, "MediaBox không chứa hết BleedBox", fix))
    if not is_cover:
        geometry = GEOMETRIES[book.page.size]
        size = ((trim[2] - trim[0]) / MM, (trim[3] - trim[1]) / MM)
        if abs(size[0] - geometry.width_mm) > 0.2 or abs(size[1] - geometry.height_mm) > 0.2:
            report.findings.append(
                Finding(
                    path,
                    number,
                    f"khổ cắt {size[0]:.1f} × {size[1]:.1f} mm khác khổ sách {book.page.size}",
                    fix,
                )
            )


def _resource_problems(
    resources: pikepdf.Object, seen: set[tuple[int, int]]
) -> Iterator[tuple[str, str]]:
    for name, font in dict(resources.get("/Font", Dictionary())).items():
        if not _embedded(font):
            yield (
                f"phông chữ {font.get('/BaseFont', name)} không được nhúng",
                "dùng phông Noto của sách (gói fonts-noto-core) rồi dựng lại",
            )
    for space in dict(resources.get("/ColorSpace", Dictionary())).values():
        if _is_rgb(space):
            yield "có không gian màu RGB", "dựng lại tệp in để Ghostscript chuyển sang CMYK"
    for xobject in dict(resources.get("/XObject", Dictionary())).values():
        key = xobject.objgen
        if key in seen:
            continue
        seen.add(key)
        if xobject.get("/Subtype") == Name.Image and _is_rgb(xobject.get("/ColorSpace")):
            yield "có ảnh RGB", "dựng lại tệp in để Ghostscript chuyển ảnh sang CMYK/xám"
        elif xobject.get("/Subtype") == Name.Form:
            yield from _resource_problems(xobject.get("/Resources", Dictionary()), seen)


def _embedded(font: pikepdf.Object) -> bool:
    if font.get("/Subtype") == Name.Type3:
        return True
    descriptor = font.get("/FontDescriptor")
    if descriptor is None and "/DescendantFonts" in font:
        descriptor = font.DescendantFonts[0].get("/FontDescriptor")
    if descriptor is None:
        return False
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _is_rgb(space: object) -> bool:
    if space is None:
        return False
    if isinstance(space, Name):
        return str(space) in _RGB_SPACES
    if isinstance(space, pikepdf.Array) and len(space):
        family = str(space[0])
        if family == "/ICCBased":
            return int(space[1].get("/N", 0)) == 3
        if family in _RGB_SPACES:
            return True
        if family in {"/Indexed", "/Separation", "/DeviceN"}:
            return _is_rgb(space[1] if family == "/Indexed" else space[2])
    return False


def _content_problems(page: pikepdf.Page, *, is_cover: bool) -> Iterator[tuple[str, str]]:
    """RGB operators, text not in black ink alone, and images under 300 ppi, from the content."""
    walker = _ContentWalker(page)
    walker.walk(page.obj, (1, 0, 0, 1, 0, 0))
    if walker.rgb:
        yield "có lệnh tô màu RGB", "dựng lại tệp in để Ghostscript chuyển sang CMYK"
    if walker.rich_text and not is_cover:
        yield (
            "chữ in bằng nhiều mực (không chỉ K 100 %)",
            "để chữ màu đen trong mẫu sách; đừng dùng màu chữ khác cho ruột",
        )
    for pixels, ppi, width_mm in walker.low_images:
        yield (
            f"ảnh rộng {pixels} điểm ảnh in rộng {width_mm:.0f} mm chỉ đạt {ppi:.0f} ppi "
            f"(cần ≥ {MIN_PPI} ppi)",
            f"thay bằng ảnh gốc rộng ít nhất {width_mm / 25.4 * MIN_PPI:.0f} điểm ảnh",
        )


Matrix = tuple[float, float, float, float, float, float]


def _multiply(a: Matrix, b: Matrix) -> Matrix:
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


class _ContentWalker:
    def __init__(self, page: pikepdf.Page) -> None:
        self.page = page
        self.rgb = False
        self.rich_text = False
        self.low_images: list[tuple[int, float, float]] = []
        self.seen: set[tuple[int, int]] = set()

    def walk(self, holder: pikepdf.Object, ctm: Matrix) -> None:
        resources = holder.get("/Resources", Dictionary())
        xobjects = resources.get("/XObject", Dictionary())
        stack: list[Matrix] = []
        in_text = False
        for instruction in pikepdf.parse_content_stream(holder):
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                # Ghostscript writes small pictures inline, in the page's content.
                inline = instruction.iimage
                self._image(int(inline.width), int(inline.height), ctm, mask=False)
                continue
            operands, op = instruction.operands, str(instruction.operator)
            if op == "q":
                stack.append(ctm)
            elif op == "Q" and stack:
                ctm = stack.pop()
            elif op == "cm":
                ctm = _multiply(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
            elif op in {"BT", "ET"}:
                in_text = op == "BT"
            elif op in {"rg", "RG"}:
                self.rgb = True
            elif op in {"k", "K"} and in_text and any(float(v) > 0 for v in operands[:3]):
                self.rich_text = True
            elif op == "Do":
                self._draw(xobjects.get(str(operands[0])), ctm)

    def _image(self, width: int, height: int, ctm: Matrix, *, mask: bool) -> None:
        # The unit square is mapped by the CTM: its lengths are the printed size in points.
        width_pt = (ctm[0] ** 2 + ctm[1] ** 2) ** 0.5
        height_pt = (ctm[2] ** 2 + ctm[3] ** 2) ** 0.5
        if width_pt < 1 or height_pt < 1 or mask:
            return
        ppi = min(width / (width_pt / 72), height / (height_pt / 72))
        if ppi < MIN_PPI:
            self.low_images.append((width, ppi, width_pt / MM))

    def _draw(self, xobject: pikepdf.Object | None, ctm: Matrix) -> None:
        if xobject is None:
            return
        if xobject.get("/Subtype") == Name.Image:
            mask = bool(xobject.get("/ImageMask", False))
            self._image(int(xobject.Width), int(xobject.Height), ctm, mask=mask)
        elif xobject.get("/Subtype") == Name.Form and xobject.objgen not in self.seen:
            self.seen.add(xobject.objgen)
            matrix = tuple(float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0]))
            self.walk(xobject, _multiply(matrix, ctm))  # type: ignore[arg-type]
