"""WeasyPrint reads only the book's own files: content/, theme/ and the named font files."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.book.errors import BookError
from generator.book.fetcher import RestrictedFetcher
from generator.book.fonts import font_faces
from generator.book.pdf import render_pdf


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path, Path]:
    content, theme, outside = tmp_path / "content", tmp_path / "theme", tmp_path / "outside"
    for folder in (content / "images", theme, outside):
        folder.mkdir(parents=True)
    (content / "images" / "a.png").write_bytes(b"png")
    (outside / "secret.txt").write_text("bí mật", encoding="utf-8")
    return content, theme, outside


def test_reads_files_under_content(tree: tuple[Path, Path, Path]) -> None:
    """A file under content/ is served with its media type."""
    content, theme, _ = tree
    fetcher = RestrictedFetcher([content, theme])
    response = fetcher.fetch((content / "images" / "a.png").as_uri())
    assert response.read() == b"png"
    assert response.content_type == "image/png"


@pytest.mark.parametrize(
    "url",
    ["https://example.org/a.png", "http://127.0.0.1/x.css", "ftp://example.org/f", "data:,x"],
)
def test_refuses_non_file_urls(tree: tuple[Path, Path, Path], url: str) -> None:
    """Network and data URLs are refused with a message that names them."""
    content, theme, _ = tree
    with pytest.raises(BookError, match="không được tải"):
        RestrictedFetcher([content, theme]).fetch(url)


def test_refuses_files_elsewhere(tree: tuple[Path, Path, Path]) -> None:
    """`file://` outside content/ and theme/ is refused, also through `..`."""
    content, theme, outside = tree
    fetcher = RestrictedFetcher([content, theme])
    with pytest.raises(BookError, match="không được đọc tệp"):
        fetcher.fetch((outside / "secret.txt").as_uri())
    with pytest.raises(BookError, match="không được đọc tệp"):
        fetcher.fetch(content.as_uri() + "/../outside/secret.txt")


def test_refuses_symlink_leading_out(tree: tuple[Path, Path, Path]) -> None:
    """A symlink inside content/ that points outside is judged by where it leads."""
    content, theme, outside = tree
    (content / "images" / "link.png").symlink_to(outside / "secret.txt")
    with pytest.raises(BookError, match="không được đọc tệp"):
        RestrictedFetcher([content, theme]).fetch((content / "images" / "link.png").as_uri())


def test_allows_named_font_files_only(tree: tuple[Path, Path, Path]) -> None:
    """The book's font files are readable; their neighbours are not."""
    content, theme, _ = tree
    faces = font_faces()
    fetcher = RestrictedFetcher([content, theme], [face.path for face in faces])
    assert fetcher.fetch(faces[0].url).read()[:4] in {b"\x00\x01\x00\x00", b"true", b"OTTO"}
    other = faces[0].path.parent / "NotoSansMono-Regular.ttf"
    with pytest.raises(BookError):
        fetcher.fetch(other.as_uri())


def test_remote_image_fails_the_render(tree: tuple[Path, Path, Path]) -> None:
    """An HTML that asks for a network image stops the PDF with a clear message."""
    content, theme, _ = tree
    html = '<html><body><p>x</p><img src="https://example.org/a.png"></body></html>'
    with pytest.raises(BookError, match=r"example\.org.*không truy cập mạng"):
        render_pdf(html, content, theme, ())
