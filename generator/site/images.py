"""Web copies of the photos the site shows: resized, re-encoded, with their sizes known.

Editors upload camera originals (often several MB, with EXIF that can hold the place a photo
was taken). Every published photo is re-encoded without that metadata, turned upright per its
EXIF orientation, and written twice: a copy for pages (long edge ≤ 1600 px) and a thumbnail
for cards (≤ 480 px). Their pixel sizes go on every <img>, so pages do not jump while
loading. Results are kept in a cache folder keyed by the source's (mtime, size), so a
rebuild re-encodes only new or changed photos.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.atomic import write_atomic
from generator.images import write_clean
from generator.site import urls

log = logging.getLogger(__name__)

LARGE = 1600
THUMB = urls.THUMB_WIDTH
_MANIFEST = "manifest.json"


@dataclass(frozen=True, slots=True)
class Variant:
    path: str  # published path, relative to the site root
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class WebImage:
    large: Variant
    thumb: Variant


thumb_path = urls.thumbnail


class ImageShop:
    def __init__(self, content_root: Path, cache_dir: Path) -> None:
        self.root = content_root
        self.cache = cache_dir
        self._manifest: dict[str, list[int]] = {}
        self.prepared: dict[str, WebImage] = {}
        self._files: dict[str, Path] = {}

    def prepare(self, rels: Iterable[str]) -> dict[str, WebImage]:
        """Make (or reuse) both copies of each content-relative photo."""
        self.cache.mkdir(parents=True, exist_ok=True)
        manifest_file = self.cache / _MANIFEST
        if manifest_file.is_file():
            self._manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        for rel in rels:
            self.prepared[rel] = WebImage(
                large=self._variant(rel, rel, LARGE),
                thumb=self._variant(rel, thumb_path(rel), THUMB),
            )
        write_atomic(manifest_file, json.dumps(self._manifest, sort_keys=True).encode())
        return self.prepared

    def files(self) -> list[tuple[str, Path]]:
        """(published path, file to copy) for every copy made by `prepare`."""
        return sorted(self._files.items())

    def _variant(self, rel: str, published: str, limit: int) -> Variant:
        source = self.root / rel
        info = source.stat()
        key = hashlib.blake2b(
            f"{rel}\0{info.st_mtime_ns}\0{info.st_size}\0{limit}".encode(), digest_size=12
        ).hexdigest()
        target = self.cache / f"{key}{source.suffix.lower()}"
        size = self._manifest.get(target.name)
        if size is None or not target.is_file():
            size = list(_encode(source, target, limit))
            self._manifest[target.name] = size
        self._files[published] = target
        return Variant(published, size[0], size[1])


def _encode(source: Path, target: Path, limit: int) -> tuple[int, int]:
    size = write_clean(source, target, limit)
    log.debug("ảnh %s → %s (%d×%d)", source, target.name, *size)
    return size
