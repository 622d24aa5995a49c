"""The search tests' helpers: a site with the search fixtures, a quiet local server, and a
reader of the index files (as engine.js reads them in the browser)."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.search.files import FORMAT_VERSION, MANIFEST, fragment_path, shard_name
from tests.site_support import BuiltSite, build_sample

SEARCH_EXTRA = Path(__file__).parent / "fixtures" / "search_extra"


def build_search_sample(root: Path) -> BuiltSite:
    """The sample site with test records, plus records in the old tone-mark style."""
    site = build_sample(root, extra=SEARCH_EXTRA)
    assert site.outcome.index is not None, site.outcome.report.errors
    return site


class Reader:
    def __init__(self, data: bytes, at: int = 0) -> None:
        self.data = data
        self.at = at

    @property
    def done(self) -> bool:
        return self.at >= len(self.data)

    def varint(self) -> int:
        value = shift = 0
        while True:
            byte = self.data[self.at]
            self.at += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value

    def slice(self) -> bytes:
        length = self.varint()
        self.at += length
        return self.data[self.at - length : self.at]

    def text(self) -> str:
        return self.slice().decode("utf-8")


def binary(path: Path) -> Reader:
    data = gzip.decompress(path.read_bytes())
    assert data[0] == FORMAT_VERSION
    return Reader(data, 1)


@dataclass(frozen=True)
class Entry:
    documents: int
    postings: dict[str, list[tuple[int, int]]]  # spelling → [(document, rank)]


def read_postings(reader: Reader) -> dict[str, list[tuple[int, int]]]:
    spellings: dict[str, list[tuple[int, int]]] = {}
    for _ in range(reader.varint()):
        spelling = reader.text()
        number = -1
        found = []
        for _ in range(reader.varint()):
            value = reader.varint()
            number += (value >> 2) + 1
            found.append((number, value & 3))
        spellings[spelling] = found
    return spellings


@dataclass
class IndexFiles:
    root: Path

    @property
    def manifest(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
        return data

    def entry(self, key: str) -> Entry | None:
        path = self.root / "d" / f"{shard_name(key)}.bin"
        if not path.exists():
            return None
        reader = binary(path)
        while not reader.done:
            found, documents, file = reader.text(), reader.varint(), reader.varint()
            block = Reader(reader.slice()) if file == 0 else binary(self.root / f"p/{file}.bin")
            if found == key:
                return Entry(documents, read_postings(block))
        return None

    def facet(self, facet: str, value: str) -> list[int]:
        reader = binary(self.root / "f" / facet / f"{value}.bin")
        numbers, number = [], -1
        for _ in range(reader.varint()):
            number += reader.varint() + 1
            numbers.append(number)
        return numbers

    def fragment(self, number: int) -> dict[str, str]:
        data: dict[str, str] = json.loads(
            gzip.decompress((self.root / fragment_path(number)).read_bytes())
        )
        return data

    def number_of(self, url: str) -> int:
        for number in range(self.manifest["documents"]):
            if self.fragment(number)["u"] == url:
                return number
        raise KeyError(url)
