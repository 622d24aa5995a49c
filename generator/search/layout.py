"""The search index's layout, declared once: the writer (`files`) follows it, and it is
written into `index.json`, from which `theme/assets/javascripts/tim-kiem/engine.js` reads
every file name and number it needs. Only the format version is known to both sides
beforehand: it says which layout keys and encodings a reader must understand.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMAT_VERSION = 2
MANIFEST = "index.json"


@dataclass(frozen=True, slots=True)
class Layout:
    # Letters of a key that name its dictionary shard.
    shard_prefix: int = 2
    # A posting is `document << rank_bits | rank` (ranks: TITLE, FACTS, BODY).
    rank_bits: int = 2
    # Result fragments per file. Documents are numbered in browsing order (names sorted),
    # so the results of a name query sit side by side and share files; a scattered result
    # list fetches a pack per result shown. Measured at 10k (docs/benchmarks.md): 8 per
    # pack made the heaviest first query 112 KB instead of 70 KB; 4 keep it near the old
    # size and still put 120,000 documents in 30,000 files instead of 120,000.
    fragments_per_pack: int = 4
    # File names, relative to the index folder; `{…}` are filled in by writer and reader.
    word_shard: str = "d/{shard}.bin"
    pair_shard: str = "d/{shard}-{letter}.bin"
    postings: str = "p/{number}.bin"
    facet: str = "f/{facet}/{value}.bin"
    fragments: str = "r/{pack}.bin"

    def pack_of(self, number: int) -> int:
        return number // self.fragments_per_pack

    def manifest(self) -> dict[str, object]:
        """The layout as written into index.json (keys as the JS names them)."""
        return {
            "shardPrefix": self.shard_prefix,
            "rankBits": self.rank_bits,
            "fragmentsPerPack": self.fragments_per_pack,
            "files": {
                "wordShard": self.word_shard,
                "pairShard": self.pair_shard,
                "postings": self.postings,
                "facet": self.facet,
                "fragments": self.fragments,
            },
        }


LAYOUT = Layout()
