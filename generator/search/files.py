"""The search index on disk: small gzip files the search page fetches only as a query needs them.

File names follow `layout.LAYOUT`, which index.json carries for the reader:

    index.json            manifest: format version, layout, document count, kinds as number
                          ranges, facet values with their counts, which shards exist, build id
    d/<prefix>.bin        word shard: every word key starting with those two letters, its
                          document count, and its postings inline when they are small
    d/<prefix>-<letter>.bin  pair shard: every pair whose first key starts with <prefix> and
                          whose second starts with <letter> (see inverted.py), likewise
    p/<n>.bin             postings of one key too large to sit in its shard
    f/<facet>/<value>.bin numbers of the documents with that facet value
    r/<pack>.bin          `fragments_per_pack` documents as results (a JSON array): title,
                          kind, place, URL, image, text of documents pack*k … pack*k+k-1

Every .bin file is gzip: the browser inflates it with DecompressionStream, so its size on
disk is what travels whatever the web server does. Inside, d/p/f files start with the
format version byte (never 0x1f, so a server that already inflated the file is noticed), then
unsigned LEB128 varints; lists of document numbers are stored as gaps; r files are JSON.
`theme/assets/javascripts/tim-kiem/engine.js` reads them, and is the only reader.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from generator.index import KIND_LABELS, KIND_URL
from generator.search.documents import FACET_LABELS, KIND, Document
from generator.search.inverted import RANK_MASK, Inverter, KeyPostings
from generator.search.layout import FORMAT_VERSION, LAYOUT, MANIFEST

INLINE_LIMIT = 512  # bytes of encoded postings kept inside the shard


def varint(value: int, out: bytearray) -> None:
    while value > 0x7F:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)


def text_bytes(value: str, out: bytearray) -> None:
    data = value.encode("utf-8")
    varint(len(data), out)
    out += data


def gaps(numbers: Sequence[int], out: bytearray) -> None:
    """Ascending document numbers as (gap - 1): dense lists become runs of small bytes."""
    previous = [-1, *numbers][: len(numbers)]
    _varints([n - p - 1 for n, p in zip(numbers, previous, strict=True)], out)


def _varints(values: list[int], out: bytearray) -> None:
    if not values or max(values) < 0x80:  # dense lists: one byte each, in one step
        out += bytes(values)
        return
    for value in values:
        if value < 0x80:
            out.append(value)
        else:
            varint(value, out)


def postings_block(entry: KeyPostings) -> bytes:
    """Per spelling: the spelling, then (gap - 1) << 2 | rank for each document."""
    out = bytearray()
    varint(len(entry.spellings), out)
    for spelling, postings in entry.spellings:
        text_bytes(spelling, out)
        varint(len(postings), out)
        # (number - before - 1) << RANK_BITS | rank in one step per posting: as a posting
        # is number << RANK_BITS | rank, (before | RANK_MASK) + 1 is (before + 1) << RANK_BITS
        # in numbers, and the first posting counts from number -1, as if before were -1.
        previous = chain((-1,), postings[:-1])
        steps = zip(postings, previous, strict=True)
        _varints([posting - (before | RANK_MASK) - 1 for posting, before in steps], out)
    return bytes(out)


def shard_name(key: str) -> str:
    """The file name of a key's shard: its first letters, anything but a–z 0–9 as `_hex`.
    Mirrored by `shardName` in engine.js."""
    return "".join(
        ch if "a" <= ch <= "z" or "0" <= ch <= "9" else f"_{ord(ch):x}"
        for ch in key[: LAYOUT.shard_prefix]
    )


def fragment(doc: Document) -> dict[str, str]:
    data = {"t": doc.title, "k": doc.kind, "u": doc.url, "x": doc.excerpt}
    if doc.place:
        data["p"] = doc.place
    if doc.date:
        data["d"] = doc.date
    if doc.image:
        data["i"] = doc.image
    return data


class Writer:
    """Writes gzip files under `root`, hashing them for the build id, counting bytes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = 0
        self.bytes = 0
        self.postings_files = 0
        self._hash = hashlib.sha256()
        self._folders: set[Path] = set()

    def write(self, rel: str, data: bytes) -> None:
        packed = gzip.compress(data, compresslevel=6, mtime=0)
        path = self.root / rel
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        path.write_bytes(packed)
        self._hash.update(rel.encode() + b"\0" + packed)
        self.files += 1
        self.bytes += len(packed)

    def write_binary(self, rel: str, data: bytes | bytearray) -> None:
        self.write(rel, bytes([FORMAT_VERSION]) + data)

    def external(self, block: bytes) -> int:
        """Write postings too large for a shard to p/<n>.bin; return n (from 1)."""
        self.postings_files += 1
        self.write_binary(LAYOUT.postings.format(number=self.postings_files), block)
        return self.postings_files

    def build_id(self) -> str:
        return self._hash.hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Written:
    documents: int
    words: int
    pairs: int
    files: int
    bytes: int


def _shard_entries(
    entries: Iterable[KeyPostings], name_of: Callable[[str], str], writer: Writer
) -> dict[str, bytearray]:
    shards: dict[str, bytearray] = {}
    for entry in entries:
        shard = shards.setdefault(name_of(entry.key), bytearray())
        text_bytes(entry.key, shard)
        varint(entry.documents, shard)
        block = postings_block(entry)
        if len(block) <= INLINE_LIMIT:
            varint(0, shard)
            varint(len(block), shard)
            shard += block
        else:
            varint(writer.external(block), shard)
    return shards


def pair_shard_name(key: str) -> str:
    """`bac kan` → `ba-k`. Mirrored by `pairShardName` in engine.js."""
    first, second = key.split(" ", 1)
    return f"{shard_name(first)}-{shard_name(second[:1])}"


FacetValues = Callable[[Collection[tuple[str, str]]], dict[str, list[tuple[str, str]]]]


class _Kinds:
    """Documents are grouped by kind, so a kind is a range of numbers [start, end)."""

    def __init__(self) -> None:
        self.ranges: list[dict[str, object]] = []
        self._labels = {KIND_URL[k]: label for k, label in KIND_LABELS.items()}

    def add(self, number: int, kind: str) -> None:
        if not self.ranges or self.ranges[-1]["id"] != kind:
            self.ranges.append({"id": kind, "label": self._labels[kind], "start": number})
        self.ranges[-1]["end"] = number + 1


def _fragment_packs(docs: Iterable[Document], writer: Writer, inverter: Inverter) -> _Kinds:
    """One pass over the documents, which are not kept: their result fragments are written
    pack by pack, their words and facets go into `inverter`."""
    kinds = _Kinds()
    pack: list[dict[str, str]] = []
    number = -1

    def flush() -> None:
        text = json.dumps(pack, ensure_ascii=False, separators=(",", ":"))
        path = LAYOUT.fragments.format(pack=LAYOUT.pack_of(number))
        writer.write(path, text.encode("utf-8"))
        pack.clear()

    for number, doc in enumerate(docs):  # `number` is read by flush()
        inverter.add(number, doc)
        kinds.add(number, doc.kind)
        pack.append(fragment(doc))
        if len(pack) == LAYOUT.fragments_per_pack:
            flush()
    if pack:
        flush()
    return kinds


def write_index(root: Path, docs: Iterable[Document], facet_values: FacetValues) -> Written:
    """Write the index of `docs` (in number order) into `root`, a new or empty folder;
    `facet_values` gives the (id, label) of the facet values in use, in display order."""
    root.mkdir(parents=True, exist_ok=True)
    writer = Writer(root)
    inverter = Inverter()
    kinds = _fragment_packs(docs, writer, inverter)
    inverted = inverter.inverted()
    facets = inverter.facets
    values_in_use = facet_values(facets.keys())

    word_shards = _shard_entries(inverted.words, shard_name, writer)
    pair_shards = _shard_entries(inverted.pairs, pair_shard_name, writer)
    for name, entries in word_shards.items():
        writer.write_binary(LAYOUT.word_shard.format(shard=name), entries)
    for name, entries in pair_shards.items():
        shard, letter = name.split("-")
        writer.write_binary(LAYOUT.pair_shard.format(shard=shard, letter=letter), entries)
    # Word shard → the letters of its pair shards ("ba": "c k"), so that a query fetches
    # the shards of its words and of its pairs at once, and never asks for a missing file.
    letters: dict[str, list[str]] = {name: [] for name in sorted(word_shards)}
    for name in sorted(pair_shards):
        prefix, letter = name.split("-")
        letters[prefix].append(letter)

    facet_entries = []
    for facet, label in FACET_LABELS.items():
        if facet == KIND:
            continue
        values = []
        for value, value_label in values_in_use.get(facet, []):
            numbers = facets[(facet, value)]
            out = bytearray()
            varint(len(numbers), out)
            gaps(numbers, out)
            writer.write_binary(LAYOUT.facet.format(facet=facet, value=value), out)
            values.append({"id": value, "label": value_label, "count": len(numbers)})
        facet_entries.append({"id": facet, "label": label, "values": values})

    documents = kinds.ranges[-1]["end"] if kinds.ranges else 0
    manifest = {
        "version": FORMAT_VERSION,
        "layout": LAYOUT.manifest(),
        "build": writer.build_id(),
        "documents": documents,
        "kindFacet": {"id": KIND, "label": FACET_LABELS[KIND]},
        "kinds": kinds.ranges,
        "facets": facet_entries,
        "shards": {name: " ".join(pairs) for name, pairs in letters.items()},
    }
    (root / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    count = int(str(documents))
    return Written(count, len(inverted.words), len(inverted.pairs), writer.files + 1, writer.bytes)
