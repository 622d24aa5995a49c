"""Run every writer on loaded content: the site (pages, feed, images, search) and each book."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from generator.book.assemble import assemble
from generator.book.epub import build_epub
from generator.book.fonts import font_faces
from generator.book.html import THEME_DIR as BOOK_THEME
from generator.book.html import print_html
from generator.index import Index
from generator.mkdocs_adapter import build_site
from generator.search import write_search_index
from generator.site.assemble import Site
from generator.site.opendata import write_open_data

REPO = Path(__file__).resolve().parent.parent
BUILT = datetime(2026, 1, 1, tzinfo=UTC)


def build_site_parts(index: Index, out: Path) -> int:
    """Every page body, the feed, sitemaps, web images and the search index; pages built."""
    site = Site(
        index, theme_dir=REPO / "theme", site_url="https://guongsang.test/", site_description=""
    )
    pages = 0
    for page in site.pages():
        site.render(page)
        pages += 1
    site.extra_files()
    write_open_data(index, site.site_url, "", out)
    for _published, path in site.images():
        path.read_bytes()
    write_search_index(index, out)
    return pages


def build_whole_site(content: Path, out: Path) -> None:
    """`guongsang build` as the command runs it: MkDocs, frames, every extra file."""
    outcome = build_site(config_file=REPO / "mkdocs.yml", content=content, out=out, jobs=1)
    assert outcome.index is not None, outcome.report.errors


def build_books(index: Index, *, pdf: bool) -> None:
    """Each book's print HTML and EPUB, and with `pdf` its PDF too."""
    for book_id in index.books:
        document = assemble(index, book_id)
        fonts = font_faces()
        html = print_html(document, index.root, fonts, BUILT)
        build_epub(document, index.root, BUILT)
        if pdf:
            from generator.book.pdf import render_pdf

            render_pdf(html, index.root, BOOK_THEME.parent, fonts, compress=False)
