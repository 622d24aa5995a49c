"""The search tests' helpers: a site with the search fixtures, and the index files as the
browser's engine reads them (tests/js/read_index.mjs runs engine.js in Node: one decoder)."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from tests.site_support import BuiltSite, build_sample

SEARCH_EXTRA = Path(__file__).parent / "fixtures" / "search_extra"
READ_INDEX = Path(__file__).parent / "js" / "read_index.mjs"


def build_search_sample(root: Path) -> BuiltSite:
    """The sample site with test records, plus records in the old tone-mark style."""
    site = build_sample(root, extra=SEARCH_EXTRA)
    assert site.outcome.index is not None, site.outcome.report.errors
    return site


@dataclass(frozen=True)
class Entry:
    documents: int
    postings: dict[str, list[tuple[int, int]]]  # spelling → [(document, rank)]


@dataclass
class IndexFiles:
    root: Path

    @cached_property
    def _read(self) -> dict[str, Any]:
        done = subprocess.run(
            [
                "node",
                "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON",
                str(READ_INDEX),
                str(self.root),
            ],
            capture_output=True,
            check=True,
            text=True,
        )
        data: dict[str, Any] = json.loads(done.stdout)
        return data

    @property
    def manifest(self) -> dict[str, Any]:
        data: dict[str, Any] = self._read["manifest"]
        return data

    def entry(self, key: str) -> Entry | None:
        found = self._read["entries"].get(key)
        if found is None:
            return None
        postings = {s: [(d, r) for d, r in pairs] for s, pairs in found["postings"].items()}
        return Entry(found["documents"], postings)

    def facet(self, facet: str, value: str) -> list[int]:
        numbers: list[int] = self._read["facets"][facet][value]
        return numbers

    def fragment(self, number: int) -> dict[str, str]:
        data: dict[str, str] = self._read["fragments"][number]
        return data

    def number_of(self, url: str) -> int:
        for number, fragment in enumerate(self._read["fragments"]):
            if fragment["u"] == url:
                return number
        raise KeyError(url)
