"""What `check` passes, every writer builds: inputs refused at the editor's line, not later."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from generator.images import ImageProblem, inspect_image
from tests.conftest import check

PERSON = "people/nguyen-trung-tuyen.yml"
STORY = "stories/nguoi-thay-vung-cao.md"
FOREWORD = "books/sach-mau-loi-gioi-thieu.md"


def _edit(root: Path, rel: str, old: str, new: str) -> int:
    """Replace `old` once in a file; the 1-based line where the new text starts."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def _errors(root: Path, rel: str) -> list[str]:
    outcome, lines = check(root)
    assert outcome.index is None, "check should have refused this content"
    return [line for line in lines if line.startswith(f"{rel}:") and ": lỗi: " in line]


def test_repeated_field_id_is_refused_at_its_item(mini: Path) -> None:
    """`fields: [giao-duc, giao-duc]` is an error at the second item (it crashed the search)."""
    line = _edit(mini, PERSON, "  - giao-duc\n", "  - giao-duc\n  - giao-duc\n")
    assert any(
        f":{line + 1}:" in e and "`giao-duc` đã có ở trên" in e for e in _errors(mini, PERSON)
    )


def test_repeated_movement_and_subject_are_refused(mini: Path) -> None:
    """Every id list refuses repeats: movements, story subjects."""
    _edit(mini, PERSON, "  - dan-van-kheo\n", "  - dan-van-kheo\n  - dan-van-kheo\n")
    _edit(
        mini, STORY, "  - nguyen-trung-tuyen\n", "  - nguyen-trung-tuyen\n  - nguyen-trung-tuyen\n"
    )
    assert any("`dan-van-kheo` đã có ở trên" in e for e in _errors(mini, PERSON))
    assert any("`nguyen-trung-tuyen` đã có ở trên" in e for e in _errors(mini, STORY))


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_truncated_image_is_refused_by_check(mini: Path, fmt: str) -> None:
    """A photo cut short in upload is an error in check, not an OSError in the build."""
    path = mini / "images" / "anh-mau.png"
    suffix = ".jpg" if fmt == "JPEG" else ".png"
    target = path.with_suffix(suffix)
    Image.effect_noise((300, 200), 80).convert("RGB").save(target, format=fmt)
    target.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
    with pytest.raises(ImageProblem, match="cắt cụt"):
        inspect_image(target)
    assert f"images/anh-mau{suffix}:1:1: lỗi: ảnh bị cắt cụt" in " ".join(check(mini)[1])


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))


def test_truncated_image_is_refused_after_weasyprint_is_loaded(tmp_path: Path) -> None:
    """WeasyPrint makes Pillow accept truncated images process-wide; check still refuses."""
    import weasyprint  # noqa: F401  # sets ImageFile.LOAD_TRUNCATED_IMAGES on import

    path = tmp_path / "a.jpg"
    Image.effect_noise((300, 200), 80).convert("RGB").save(path)
    path.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(ImageProblem, match="cắt cụt"):
        inspect_image(path)


def test_oversized_image_is_refused_before_decoding(tmp_path: Path) -> None:
    """A 120-megapixel header is refused by its size; its (absent) pixels are never read."""
    path = tmp_path / "lon.png"
    path.write_bytes(_png_header(12_000, 10_000))
    with pytest.raises(ImageProblem, match="megapixel"):
        inspect_image(path)


def test_foreword_is_checked_like_a_story_body(mini: Path) -> None:
    """Raw HTML, a control character and an image that is not an image, at the foreword's line."""
    (mini / "images" / "ghi-chu.txt").write_text("x", encoding="utf-8")
    text = "Mở đầu.\n\n<div>x</div>\n\nChữ\x07lạ.\n\n![Ảnh](../images/ghi-chu.txt)\n"
    (mini / FOREWORD).write_text(text, encoding="utf-8")
    errors = _errors(mini, FOREWORD)
    assert any(e.startswith(f"{FOREWORD}:3:") and "HTML" in e for e in errors), errors
    assert any(e.startswith(f"{FOREWORD}:5:4:") and "U+0007" in e for e in errors), errors
    assert any(e.startswith(f"{FOREWORD}:7:") and ".jpg, .jpeg, .png" in e for e in errors), errors


def test_foreword_outside_books_folder_is_refused(mini: Path) -> None:
    """A book's Markdown file is read from `books/` only, so check says so instead of the book."""
    (mini / "loi.md").write_text("Lời giới thiệu.\n", encoding="utf-8")
    _edit(mini, "books/sach-mau.yml", f"foreword: {FOREWORD}", "foreword: loi.md")
    errors = _errors(mini, "books/sach-mau.yml")
    assert any("phải nằm trong thư mục `content/books/`" in e for e in errors), errors


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        (PERSON, "file: images/anh-mau.png", "file: images/{long}.png"),
        (STORY, "](../images/anh-mau.png)", "](../images/{long}.png)"),
        ("books/sach-mau.yml", f"foreword: {FOREWORD}", "foreword: books/{long}.md"),
    ],
)
def test_file_name_over_255_bytes_is_an_error_not_a_crash(
    mini: Path, rel: str, old: str, new: str
) -> None:
    """A path component longer than the file system allows is reported with the limit."""
    _edit(mini, rel, old, new.format(long="ả" * 100))
    assert any("tối đa 255 byte" in e for e in _errors(mini, rel))


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        (PERSON, "file: images/anh-mau.png", "file: images/anh-mau.png/"),
        (STORY, "](../images/anh-mau.png)", "](../images/anh-mau.png/)"),
    ],
)
def test_trailing_slash_names_a_folder_not_an_image(
    mini: Path, rel: str, old: str, new: str
) -> None:
    """`images/a.jpg/` is refused (it used to pass and give a broken image)."""
    _edit(mini, rel, old, new)
    assert any("kết thúc bằng `/`" in e for e in _errors(mini, rel))


def test_pathological_markdown_is_refused_before_parsing(mini: Path) -> None:
    """1 MB of `[` is refused by its size, with a Vietnamese message, before any parse."""
    path = mini / STORY
    path.write_text(path.read_text(encoding="utf-8") + "[" * 1_000_000, encoding="utf-8")
    assert any("quá dài" in e for e in _errors(mini, STORY))


def test_many_brackets_are_refused(mini: Path) -> None:
    """A body within the size limit but with more `[` than any story has is refused."""
    path = mini / STORY
    path.write_text(path.read_text(encoding="utf-8") + "[" * 6_000, encoding="utf-8")
    assert any("quá nhiều dấu `[`" in e for e in _errors(mini, STORY))


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        (PERSON, "summary: Thầy giáo trẻ", "summary: Thầy giáo \u202etrẻ"),
        (STORY, "lead: Thầy giáo trẻ", "lead: Thầy giáo \u2067trẻ"),
        (STORY, "Thầy Tuyền dạy ở", "Thầy Tuyền \u202edạy ở"),
    ],
)
def test_bidi_controls_are_refused_in_free_text(mini: Path, rel: str, old: str, new: str) -> None:
    """Summaries, leads and story bodies refuse bidi controls, as names already do."""
    line = _edit(mini, rel, old, new)
    errors = _errors(mini, rel)
    assert any(f":{line}:" in e and "điều khiển chiều viết" in e for e in errors), errors
