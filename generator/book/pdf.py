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


@dataclass(frozen=True, slots=True)
class PrintedPdf:
    data: bytes
    pages: int


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
    fetcher = RestrictedFetcher(roots=(root, theme), files=[face.path for face in fonts])
    try:
        with _frozen_heap():
            document = weasyprint.HTML(
                string=html, base_url=f"{root.resolve().as_uri()}/", url_fetcher=fetcher
            ).render()
            if on_layout_done is not None:
                on_layout_done()
            # Uncompressed when Ghostscript rewrites it anyway: zlib here would be wasted time.
            data = document.write_pdf(pdf_identifier=True, uncompressed_pdf=not compress)
    except FatalURLFetchingError as error:
        cause = error.__cause__
        if isinstance(cause, BookError):
            raise BookError(str(cause)) from None
        raise BookError(f"không đọc được tài nguyên của sách: {error} ({cause})") from None
    return PrintedPdf(data, len(document.pages))


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
