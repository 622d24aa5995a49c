"""Every published image, in every output, is re-encoded without metadata."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from generator.book.commands import compile_book
from generator.images import clean_bytes, write_clean
from generator.site.images import ImageShop
from tests.conftest import MINI

MARK = b"GUONGSANG-SECRET"  # what a leak would show: in EXIF, XMP, a comment or a text chunk
GPS_IFD = 0x8825


def _jpeg_with_metadata(path: Path) -> None:
    picture = Image.effect_noise((64, 48), 60).convert("RGB")
    exif = Image.Exif()
    exif[0x010E] = MARK.decode()  # ImageDescription
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (21.0, 1.0, 0.0)})
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">' + MARK + b"</x:xmpmeta>"
    picture.save(path, "JPEG", exif=exif, comment=MARK, xmp=xmp)


def _png_with_metadata(path: Path) -> None:
    picture = Image.effect_noise((64, 48), 60).convert("RGB")
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", MARK.decode())
    info.add_itxt("XML:com.adobe.xmp", MARK.decode())
    exif = Image.Exif()
    exif[0x010E] = MARK.decode()
    picture.save(path, "PNG", pnginfo=info, exif=exif)


@pytest.fixture
def marked(tmp_path: Path) -> dict[str, Path]:
    jpeg, png = tmp_path / "a.jpg", tmp_path / "b.png"
    _jpeg_with_metadata(jpeg)
    _png_with_metadata(png)
    assert MARK in jpeg.read_bytes() and MARK in png.read_bytes()
    return {"jpeg": jpeg, "png": png}


@pytest.mark.parametrize("kind", ["jpeg", "png"])
def test_clean_copy_has_no_metadata(marked: dict[str, Path], tmp_path: Path, kind: str) -> None:
    """EXIF (with GPS), XMP, JPEG comments and PNG text chunks are all gone; pixels remain."""
    source = marked[kind]
    target = tmp_path / f"clean{source.suffix}"
    assert write_clean(source, target) == (64, 48)
    for data in (target.read_bytes(), clean_bytes(source)):
        assert MARK not in data
        with Image.open(target) as picture:
            assert not picture.getexif() and "comment" not in picture.info
            assert not {"xmp", "XML:com.adobe.xmp", "Comment", "exif"} & picture.info.keys()


def test_site_copies_have_no_metadata(marked: dict[str, Path], tmp_path: Path) -> None:
    """The site's page copies and thumbnails carry no comment, XMP or text chunk."""
    root = tmp_path / "content"
    (root / "images").mkdir(parents=True)
    for source in marked.values():
        shutil.copy(source, root / "images" / source.name)
    shop = ImageShop(root, tmp_path / "cache")
    shop.prepare(["images/a.jpg", "images/b.png"])
    files = shop.files()
    assert len(files) == 4
    assert all(MARK not in path.read_bytes() for _published, path in files)


def test_book_pdf_and_epub_have_no_metadata(tmp_path: Path) -> None:
    """The book's PDF and EPUB embed clean copies, never the editor's original bytes."""
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    _png_with_metadata(content / "images" / "anh-mau.png")
    _jpeg_with_metadata(content / "images" / "anh-gps.jpg")  # WeasyPrint embeds JPEG bytes as is
    story = content / "stories" / "nguoi-thay-vung-cao.md"
    story.write_text(
        story.read_text(encoding="utf-8") + "\n![Ảnh](../images/anh-gps.jpg)\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert compile_book(content, "sach-mau", out, {"pdf", "epub"}) == 0
    assert MARK not in (out / "sach-mau.pdf").read_bytes()
    with zipfile.ZipFile(out / "sach-mau.epub") as epub:
        images = [n for n in epub.namelist() if n.endswith((".png", ".jpg"))]
        assert {"OEBPS/images/anh-gps.jpg", "OEBPS/images/anh-mau.png"} <= set(images)
        assert all(MARK not in epub.read(name) for name in images)
