"""WeasyPrint's only door to the outside: local files under `content/` and `theme/`, and
the book's font files. Anything else — the network, `file://` elsewhere, a symlink leading
out — stops the build with a message naming the address, instead of a silent blank.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from generator.book.errors import BookError
from generator.text import clip


class RestrictedFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint is untyped
    def __init__(self, roots: Iterable[Path], files: Collection[Path] = ()) -> None:
        # fail_on_errors makes WeasyPrint stop on our refusal rather than log and go on.
        super().__init__(fail_on_errors=True, allowed_protocols=("file",))
        self.roots = tuple(root.resolve() for root in roots)
        self.files = frozenset(path.resolve() for path in files)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        path = self.allowed_path(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type}
        )

    def allowed_path(self, url: str) -> Path:
        """The local file `url` names, if the book may read it; `BookError` otherwise."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in {"", "localhost"}:
            raise BookError(
                f"sách không được tải tài nguyên từ `{clip(url, 80)}`: chỉ dùng tệp trong "
                "`content/` và `theme/` (không truy cập mạng)"
            )
        path = Path(unquote(parts.path)).resolve()
        if path in self.files or any(path.is_relative_to(root) for root in self.roots):
            if not path.is_file():
                raise BookError(f"không tìm thấy tệp `{path}` mà sách cần")
            return path
        raise BookError(
            f"sách không được đọc tệp `{path}`: chỉ dùng tệp trong "
            f"{', '.join(f'`{root}`' for root in self.roots)}"
        )
