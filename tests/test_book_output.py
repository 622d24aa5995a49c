"""The compiled books: PDF text, fonts and page boxes; EPUB validity; reproducibility.

Books are built once per session. Tests read the PDFs with poppler-utils and check the
EPUBs with epubcheck (Debian packages installed by `.ci/setup`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent

import pytest

from generator.book.commands import compile_book
from tests.conftest import MINI

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).parent / "artifacts"
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
MM = 72 / 25.4
EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")

FULL_BOOK = """
title: Gương sáng học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh
subtitle: Những tập thể, cá nhân tiêu biểu
compiler: Ban Tuyên giáo thử nghiệm
publisher: Nhà xuất bản Thử nghiệm
year: 2025
foreword: books/guong-sang-2025-loi-gioi-thieu.md
parts:
  - title: Phần I. Những tập thể tiêu biểu
    select: {kind: collective}
    order: province
  - title: Phần II. Những cá nhân tiêu biểu
    select: {kind: person}
colophon:
  responsible_publisher: Nguyễn Văn Bình
  responsible_content: Trần Thị Hạnh
  editors: [Lê Minh Đức, Phạm Thu Hà]
  cover_designer: Đỗ Quang Huy
  layout: Vũ Thị Lan
  proofreader: Ngô Văn Sơn
  size: "14,5 × 20,5 cm"
  print_run: 400 bản
  printer: Công ty In Thử nghiệm, số 1 phố Mẫu, Hà Nội
  registration_no: 1234-2025/CXBIPH/1-56/TN
  decision_no: 789/QĐ-NXBTN ngày 15/12/2025
  isbn: 978-604-0-00000-2
  legal_deposit: Quý I năm 2026
  price_note: Sách không bán
"""


@dataclass(frozen=True)
class Built:
    pdf: Path
    epub: Path

    def pages(self, *, raw: bool = False) -> list[str]:
        """Each page's text, lines joined by single spaces."""
        args = ["pdftotext", *(["-raw"] if raw else []), str(self.pdf), "-"]
        text = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        return [" ".join(page.split()) for page in text.split("\f")[:-1]]


@dataclass(frozen=True)
class Books:
    sample: Built  # the bundled draft book, content/books/guong-sang-2025.yml
    sample_again: Built  # the same, built a second time
    full: Built  # the sample content in a finished book with a complete colophon
    mini: Built  # the test fixture: a photo, A5 with bleed and crop marks


def _tool(name: str) -> None:
    if shutil.which(name) is None:
        pytest.fail(f"`{name}` is missing; run `bash .ci/setup` as root to install it")


def _build(content: Path, book_id: str, out: Path) -> Built:
    assert compile_book(content, book_id, out, {"pdf", "epub"}) == 0
    return Built(out / f"{book_id}.pdf", out / f"{book_id}.epub")


@pytest.fixture(scope="session")
def books(tmp_path_factory: pytest.TempPathFactory) -> Books:
    _tool("pdftotext")
    base = tmp_path_factory.mktemp("books")
    content = base / "content"
    shutil.copytree(REPO / "content", content)
    (content / "books" / "kiem-thu.yml").write_text(dedent(FULL_BOOK).lstrip(), "utf-8")
    mini = base / "mini"
    shutil.copytree(MINI, mini)
    book = (mini / "books" / "sach-mau.yml").read_text("utf-8")
    page = "page: {size: A5, bleed: 3mm, crop_marks: true}\n"
    (mini / "books" / "sach-mau.yml").write_text(book + page, "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return Books(
            sample=_build(content, "guong-sang-2025", base / "a"),
            sample_again=_build(content, "guong-sang-2025", base / "b"),
            full=_build(content, "kiem-thu", base / "full"),
            mini=_build(mini, "sach-mau", base / "mini-out"),
        )


def _boxes(pdf: Path, page: int) -> dict[str, tuple[float, ...]]:
    args = ["pdfinfo", "-box", "-f", str(page), "-l", str(page), str(pdf)]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    boxes = {}
    for match in re.finditer(
        r"Page\s+\d+ (\w+Box):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", out
    ):
        boxes[match.group(1)] = tuple(float(v) for v in match.groups()[1:])
    return boxes


def _size_mm(box: tuple[float, ...]) -> tuple[float, float]:
    return round((box[2] - box[0]) / MM, 1), round((box[3] - box[1]) / MM, 1)


def _entry_start(pages: list[str], title: str) -> int:
    """1-based number of the page where an entry's heading (kicker + title) is printed."""
    # The kicker is letter-spaced, so pdftotext may split it: compare without spaces.
    wanted = [f"{kicker}{title}".replace(" ", "") for kicker in ("CÁNHÂN", "TẬPTHỂ")]
    for number, text in enumerate(pages, 1):
        if any(w in text.replace(" ", "") for w in wanted):
            return number
    raise AssertionError(f"no page starts entry {title!r}")


def _toc(pages: list[str]) -> str:
    return " ".join(text for text in pages if "MỤC LỤC" in text)


def _toc_number(toc: str, title: str) -> int:
    match = re.search(rf"{re.escape(title)}[ .]+(\d+)", toc)
    assert match, f"{title!r} is not in the table of contents"
    return int(match.group(1))


# ---- PDF ---------------------------------------------------------------------------------


def test_colophon_prints_every_field(books: Books) -> None:
    """The last page holds every Điều 27 field, worded as Vietnamese books print them."""
    colophon = books.full.pages()[-1]
    for line in (
        "Chịu trách nhiệm xuất bản: Giám đốc – Tổng biên tập NGUYỄN VĂN BÌNH",
        "Chịu trách nhiệm nội dung: TRẦN THỊ HẠNH",
        "Biên tập nội dung: Lê Minh Đức, Phạm Thu Hà",
        "Trình bày bìa: Đỗ Quang Huy",
        "Chế bản: Vũ Thị Lan",
        "Sửa bản in: Ngô Văn Sơn",
        "In 400 bản, khổ 14,5 × 20,5 cm, tại Công ty In Thử nghiệm, số 1 phố Mẫu, Hà Nội.",
        "Số xác nhận đăng ký xuất bản: 1234-2025/CXBIPH/1-56/TN.",
        "Quyết định xuất bản số: 789/QĐ-NXBTN ngày 15/12/2025.",
        "Mã ISBN: 978-604-0-00000-2.",
        "In xong và nộp lưu chiểu quý I năm 2026.",  # mid-sentence, lower case
        "Sách không bán",
        "Nhà xuất bản Thử nghiệm",
    ):
        assert line in colophon


def test_draft_colophon_shows_missing_fields(books: Books) -> None:
    """A draft's colophon shows a visible placeholder for each missing field."""
    colophon = books.sample.pages()[-1]
    assert colophon.count("[chưa có]") >= 10
    assert "khổ 14,5 × 20,5 cm" in colophon


def test_toc_page_numbers_are_entry_start_pages(books: Books) -> None:
    """Every entry's number in the table of contents is the page where that entry starts."""
    pages = books.full.pages()
    toc = _toc(pages)
    titles = [
        "Bộ Chỉ huy Quân sự tỉnh Cao Bằng",
        "Chi hội Phụ nữ thôn Cống To",
        "Xã Phú Lạc",
        "Vũ Đăng Định",
        "Hoàng Ngọc Linh",
        "Hoàng Thị Như Thanh",
        "Nguyễn Trung Tuyền",
        "Nguyễn Mạnh Tường",
    ]
    for title in titles:
        assert _toc_number(toc, title) == _entry_start(pages, title), title


def test_toc_lists_front_and_back_matter(books: Books) -> None:
    """The foreword, both parts and both indexes are in the table of contents."""
    toc = _toc(books.full.pages())
    for title in ("Lời giới thiệu", "Phần I. Những tập thể tiêu biểu", "Chỉ mục địa danh"):
        assert re.search(rf"{re.escape(title)}[ .]+\d+", toc)


def test_people_index_gives_entry_pages(books: Books) -> None:
    """The name index prints each person with the page of their entry, Đ after D."""
    pages = books.full.pages()
    index = next(text for text in pages if "CHỈ MỤC TÊN NGƯỜI" in text and "Xếp theo tên" in text)
    for name in ("Vũ Đăng Định", "Hoàng Ngọc Linh", "Nguyễn Mạnh Tường"):
        assert re.search(rf"{name}, (\d+, )*{_entry_start(pages, name)}\b", index), name
    assert index.index("Đ Vũ Đăng Định") < index.index("L Hoàng Ngọc Linh")


def test_place_index_names_current_and_old_provinces(books: Books) -> None:
    """The place index groups by current province, with old provinces leading to new ones."""
    pages = books.full.pages()
    index = " ".join(text for text in pages if "CHỈ MỤC ĐỊA DANH" in text)
    assert "Bình Thuận, xem Lâm Đồng" in index
    assert "gồm cả tỉnh cũ: Bình Thuận, Đắk Nông" in index
    phu_lac = _entry_start(pages, "Xã Phú Lạc")
    assert re.search(
        rf"Xã Phú Lạc \(xã Phú Lạc, huyện Tuy Phong, tỉnh Bình Thuận\), {phu_lac}", index
    )


def test_footnotes_sit_on_the_page_of_their_call(books: Books) -> None:
    """A story's footnote is printed at the foot of the page that calls it."""
    note = "Theo bài viết của tác giả Anh Biên trên báo chí tỉnh Đắk Nông ngày 21/06/2021."
    call = "phong cách Hồ Chí Minh vào nền nếp.1"
    pages = [text for text in books.full.pages() if note in text]
    assert len(pages) == 1
    assert call in pages[0]
    assert pages[0].index(call) < pages[0].index(f"1. {note}")
    assert "↩" not in pages[0]


def test_all_fonts_are_embedded(books: Books) -> None:
    """pdffonts lists only the book's Noto faces, all embedded and subset."""
    _tool("pdffonts")
    for built in (books.full, books.sample, books.mini):
        out = subprocess.run(
            ["pdffonts", str(built.pdf)], check=True, capture_output=True, text=True
        ).stdout
        rows = [line.split() for line in out.splitlines()[2:]]
        assert rows
        for row in rows:
            assert re.fullmatch(r"[A-Z]{6}\+GS-(Serif|Sans)(-\w+)?", row[0]), row
            assert row[-5:-2] == ["yes", "yes", "yes"], row  # emb, sub, uni


def test_page_boxes_without_bleed_are_the_trim_size(books: Books) -> None:
    """With no bleed, media box and trim box are both 145 × 205 mm."""
    boxes = _boxes(books.sample.pdf, 1)
    assert _size_mm(boxes["TrimBox"]) == (145.0, 205.0)
    assert boxes["MediaBox"] == boxes["TrimBox"]


def test_bleed_extends_media_box_around_trim_box(books: Books) -> None:
    """A5 with 3 mm bleed: trim box 148 × 210 mm, media box 3 mm larger on every side."""
    for page in (1, 5):
        boxes = _boxes(books.mini.pdf, page)
        assert _size_mm(boxes["TrimBox"]) == (148.0, 210.0)
        assert _size_mm(boxes["MediaBox"]) == (154.0, 216.0)
        assert boxes["TrimBox"][0] - boxes["MediaBox"][0] == pytest.approx(3 * MM, abs=0.05)


def test_draft_marks_every_page(books: Books) -> None:
    """Every page of a draft book carries BẢN THẢO."""
    pages = books.sample.pages(raw=True)
    assert len(pages) > 20
    assert all("BẢN THẢO" in text for text in pages)


def test_finished_book_has_no_draft_mark(books: Books) -> None:
    """A book that is not a draft is not marked."""
    assert not any("BẢN THẢO" in text for text in books.full.pages(raw=True))


def test_pdf_metadata_comes_from_the_book(books: Books) -> None:
    """Title, author and dates are the book's and SOURCE_DATE_EPOCH's."""
    out = subprocess.run(
        ["pdfinfo", "-isodates", str(books.full.pdf)], check=True, capture_output=True, text=True
    ).stdout
    assert re.search(r"Title:\s+Gương sáng học tập và làm theo", out)
    assert re.search(r"Author:\s+Ban Tuyên giáo thử nghiệm", out)
    assert re.search(r"CreationDate:\s+2026-01-01T00:00:00(Z|\+00)", out)
    assert re.search(r"ModDate:\s+2026-01-01T00:00:00(Z|\+00)", out)


def test_pdf_is_reproducible(books: Books) -> None:
    """The same content and SOURCE_DATE_EPOCH give a byte-identical PDF."""
    assert books.sample.pdf.read_bytes() == books.sample_again.pdf.read_bytes()


def test_pages_rendered_for_review(books: Books) -> None:
    """Cover, contents, entries, index and colophon are saved as PNG for a human look."""
    _tool("pdftoppm")
    ARTIFACTS.mkdir(exist_ok=True)
    pages = books.full.pages()
    wanted = {
        "bia": (books.full.pdf, 1),
        "muc-luc": (books.full.pdf, next(i for i, t in enumerate(pages, 1) if "MỤC LỤC" in t)),
        "muc-tap-the": (books.full.pdf, _entry_start(pages, "Xã Phú Lạc")),
        "muc-ca-nhan": (books.full.pdf, _entry_start(pages, "Nguyễn Trung Tuyền")),
        "chi-muc": (books.full.pdf, next(i for i, t in enumerate(pages, 1) if "CHỈ MỤC ĐỊA" in t)),
        "thong-tin-xuat-ban": (books.full.pdf, len(pages)),
        "ban-thao-co-anh": (books.mini.pdf, 12),
    }
    for name, (pdf, page) in wanted.items():
        target = ARTIFACTS / f"sach-{name}"
        pages_wanted = ["-f", str(page), "-l", str(page)]
        subprocess.run(
            ["pdftoppm", "-png", "-r", "110", "-singlefile", *pages_wanted, str(pdf), str(target)],
            check=True,
        )
        assert target.with_suffix(".png").stat().st_size > 5000


# ---- EPUB --------------------------------------------------------------------------------


def _epubcheck(epub: Path) -> str:
    if not EPUBCHECK_JAR.is_file() or shutil.which("java") is None:
        pytest.fail("epubcheck or Java is missing; run `bash .ci/setup` as root to install them")
    result = subprocess.run(
        ["java", "-jar", str(EPUBCHECK_JAR), str(epub)], capture_output=True, text=True
    )
    return result.stdout + result.stderr


@pytest.mark.parametrize("which", ["sample", "full", "mini"])
def test_epubcheck_reports_nothing(books: Books, which: str) -> None:
    """epubcheck finds no error and no warning (the mini book carries a photo)."""
    report = _epubcheck(getattr(books, which).epub)
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report


def test_epub_starts_with_stored_mimetype(books: Books) -> None:
    """`mimetype` is the first entry, uncompressed, as readers sniff for it."""
    with zipfile.ZipFile(books.full.epub) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/epub+zip"


def test_epub_metadata(books: Books) -> None:
    """Title, language vi, publisher, ISBN and the modification date are in the package."""
    with zipfile.ZipFile(books.full.epub) as archive:
        opf = archive.read("OEBPS/content.opf").decode("utf-8")
    assert "<dc:language>vi</dc:language>" in opf
    assert "<dc:publisher>Nhà xuất bản Thử nghiệm</dc:publisher>" in opf
    # Its own identifier: the ISBN names the printed book, which is the EPUB's page source.
    assert re.search(r'<dc:identifier id="pub-id">urn:uuid:[0-9a-f-]{36}</dc:identifier>', opf)
    assert '<dc:source id="ban-in">urn:isbn:9786040000002</dc:source>' in opf
    assert '<meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>' in opf
    assert "<dc:title>Gương sáng học tập" in opf
    assert 'properties="cover-image"' in opf


def test_epub_carries_the_photos(books: Books) -> None:
    """Photos used by the book are packaged and declared."""
    with zipfile.ZipFile(books.mini.epub) as archive:
        assert "OEBPS/images/anh-mau.png" in archive.namelist()
        opf = archive.read("OEBPS/content.opf").decode("utf-8")
    assert 'href="images/anh-mau.png" media-type="image/png"' in opf


def test_epub_index_links_to_entries(books: Books) -> None:
    """The EPUB's indexes link to entry anchors instead of printing page numbers."""
    with zipfile.ZipFile(books.full.epub) as archive:
        index = archive.read("OEBPS/text/chi-muc-ten-nguoi.xhtml").decode("utf-8")
    assert 'href="phan-2-vu-dang-dinh.xhtml#phan-2-vu-dang-dinh"' in index


def test_epub_is_reproducible(books: Books) -> None:
    """The same content and SOURCE_DATE_EPOCH give a byte-identical EPUB."""
    assert books.sample.epub.read_bytes() == books.sample_again.epub.read_bytes()


def test_story_entry_keeps_its_record_summary_and_sources(books: Books) -> None:
    """A record printed through a listed story keeps its summary and its own sources."""
    text = " ".join(books.mini.pages())
    story = text.index("Người thầy vùng cao")
    assert text.index("Thầy giáo trẻ truyền cảm hứng nghiên cứu", story) > story
    assert text.index("Nguồn: Cổng giao tiếp điện tử Hà Nội", story) > story


def _subset_tags(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True)
    names = [line.split()[0] for line in out.stdout.splitlines()[2:]]
    return {name.split("+", 1)[1]: name.split("+", 1)[0] for name in names}


def test_font_subset_tags_differ_between_books(books: Books) -> None:
    """The same face subset for two books carries two different tags (RIPs merge jobs)."""
    sample, mini = _subset_tags(books.sample.pdf), _subset_tags(books.mini.pdf)
    shared = set(sample) & set(mini)
    assert shared
    assert all(sample[face] != mini[face] for face in shared)
