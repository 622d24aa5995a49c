"""The book's HTML → a print-ready PDF with WeasyPrint.

Reproducible: the HTML carries fixed creation and modification dates, and the PDF file
identifier is a hash of the content (WeasyPrint's default is none; PDF/X variants would add
a random document id and the current time, so none is used).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import weasyprint
from weasyprint.urls import FatalURLFetchingError

from generator.book.errors import BookError
from generator.book.fetcher import RestrictedFetcher
from generator.book.fonts import FontFace
from generator.book.footnotes import lay_out
from generator.images import cache_dir


@dataclass(frozen=True, slots=True)
class PrintedPdf:
    data: bytes
    pages: int
    anchor_pages: dict[str, int]  # each anchor → the 1-based page it is printed on


def render_pdf(
    html: str,
    root: Path,
    theme: Path,
    fonts: tuple[FontFace, ...],
    on_layout_done: Callable[[], None] | None = None,
    *,
    compress: bool = True,
) -> PrintedPdf:
    """Lay out and write the PDF; images and fonts come only through the restricted fetcher."""
    fetcher = _fetcher(root, theme, fonts)
    with _fetch_errors(), _frozen_heap():
        document = lay_out(
            weasyprint.HTML(
                string=html, base_url=f"{root.resolve().as_uri()}/", url_fetcher=fetcher
            )
        )
        if on_layout_done is not None:
            on_layout_done()
        # Uncompressed when Ghostscript rewrites it anyway: zlib here would be wasted time.
        data = document.write_pdf(pdf_identifier=True, uncompressed_pdf=not compress)
    return PrintedPdf(data, len(document.pages), _anchor_pages(document))


def layout_anchors(
    html: str, root: Path, theme: Path, fonts: tuple[FontFace, ...]
) -> dict[str, int]:
    """Only the layout: on which page each anchor of `html` lands."""
    fetcher = _fetcher(root, theme, fonts)
    with _fetch_errors(), _frozen_heap():
        document = lay_out(
            weasyprint.HTML(
                string=html, base_url=f"{root.resolve().as_uri()}/", url_fetcher=fetcher
            )
        )
    return _anchor_pages(document)


def _anchor_pages(document: weasyprint.Document) -> dict[str, int]:
    """The first page of each anchor: a box split over pages carries its id on every part."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, 1):
        for name in page.anchors:
            pages.setdefault(name, number)
    return pages


def _fetcher(root: Path, theme: Path, fonts: tuple[FontFace, ...]) -> RestrictedFetcher:
    # The clean copies of the book's photos (generator.images.clean_file) live in the cache.
    roots = (root, theme, cache_dir(root, "book"))
    return RestrictedFetcher(roots=roots, files=[face.path for face in fonts])


@contextmanager
def _fetch_errors() -> Iterator[None]:
    try:
        yield
    except FatalURLFetchingError as error:
        cause = error.__cause__
        if isinstance(cause, BookError):
            raise BookError(str(cause)) from None
        raise BookError(f"không đọc được tài nguyên của sách: {error} ({cause})") from None


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """Hide what is already alive (content, index, place data) from the garbage collector.

    Layout allocates millions of objects, so full collections run often, and each would walk
    the whole index again: at 500 pages that cost 1.4 s of CPU a plain render does not pay.
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
