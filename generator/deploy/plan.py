"""What each file of a built site becomes in object storage: key, body and HTTP headers.

Object storage serves an object with the headers it was stored with, and cannot pick an
encoding per request. So text is stored compressed once (gzip, which every browser reads;
or Brotli, smaller, read by every current browser over HTTPS) with `Content-Encoding`; the
search index files are gzip already and are read as bytes by the search page, so they go
as they are. Files whose name carries a content hash (Material's `main.57a0d79d.min.css`)
never change under that name and are cached for a year; everything else, HTML first, for
five minutes, so that a new build is seen soon after it is deployed.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".csv": "text/csv; charset=utf-8",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
    ".epub": "application/epub+zip",
    ".zip": "application/zip",  # open data above 5,000 rows
    ".gz": "application/gzip",  # the parts of a sitemap past 50,000 URLs
    ".bin": "application/octet-stream",  # the search index: gzip, inflated by the page
}
BY_NAME = {"feed.xml": "application/atom+xml"}
DEFAULT_TYPE = "application/octet-stream"
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".txt", ".svg", ".csv"}
HASHED = re.compile(r"\.[0-9a-f]{8,}\.(?:min\.)?[a-z0-9]+$")
LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "public, max-age=300"
ENCODINGS = ("gzip", "br", "none")


@dataclass(frozen=True, slots=True)
class Upload:
    key: str
    body: bytes
    content_type: str
    cache_control: str
    content_encoding: str | None

    @property
    def etag(self) -> str:
        """What object storage reports for a single-part upload of this body."""
        return hashlib.md5(self.body, usedforsecurity=False).hexdigest()


def content_type(name: str) -> str:
    if name in BY_NAME:
        return BY_NAME[name]
    return CONTENT_TYPES.get(Path(name).suffix.lower(), DEFAULT_TYPE)


def cache_control(name: str) -> str:
    return LONG_CACHE if HASHED.search(name) else SHORT_CACHE


def compress(data: bytes, encoding: str) -> bytes:
    if encoding == "gzip":
        return gzip.compress(data, compresslevel=9, mtime=0)  # mtime 0: same bytes, same ETag
    import brotli  # type: ignore[import-untyped]  # only when asked for

    packed: bytes = brotli.compress(data, quality=11)
    return packed


def upload_for(path: Path, rel: str, prefix: str, encoding: str) -> Upload:
    data = path.read_bytes()
    suffix = path.suffix.lower()
    compressed = encoding != "none" and suffix in COMPRESSIBLE
    return Upload(
        key=prefix + rel,
        body=compress(data, encoding) if compressed else data,
        content_type=content_type(path.name),
        cache_control=cache_control(path.name),
        content_encoding=encoding if compressed else None,
    )


def site_files(site: Path) -> Iterator[tuple[Path, str]]:
    """Every regular file of the built site with its path relative to it, in order; links
    are not followed (a build writes none)."""
    for path in sorted(site.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path, path.relative_to(site).as_posix()


def page_last(rel: str) -> tuple[int, str]:
    """Upload order: assets and the index first, pages after, so that a reader never gets
    a new page whose assets are not there yet."""
    return (1 if rel.endswith(".html") else 0, rel)
