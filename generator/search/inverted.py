"""The inverted index: for every word key, which documents contain it, how spelled, and where.

Vietnamese writes one syllable per word, so a name or a place is a run of words: `Bắc Kạn`,
`Đông Ba`, `Lâm Đồng`. Besides single words the index keeps *pairs* of neighbouring words
(within one fact or paragraph, key "bac kan"), so that a page where the words of a query
stand together ranks above one where they merely both occur.

Documents are numbered in browsing order. A posting is `number * 4 + rank`, `rank` being
the best place the spelling occurs in that document (TITLE, FACTS or BODY); postings of one
spelling are in document order, which keeps their gaps small once encoded.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from generator.search.documents import Document
from generator.search.layout import LAYOUT
from generator.search.text import WORD, forms

RANK_BITS = LAYOUT.rank_bits
RANK_MASK = (1 << RANK_BITS) - 1


@dataclass(frozen=True, slots=True)
class KeyPostings:
    key: str  # a word's key, or two keys joined by a space
    documents: int  # how many documents contain the key, in any spelling
    spellings: list[tuple[str, array[int]]]  # most frequent spelling first


@dataclass(frozen=True, slots=True)
class Inverted:
    words: list[KeyPostings]  # in key order
    pairs: list[KeyPostings]


def _add(by_spelling: dict[str, array[int]], best: dict[str, int], number: int) -> None:
    for spelling, rank in best.items():
        postings = by_spelling.get(spelling)
        if postings is None:
            postings = by_spelling[spelling] = array("I")
        postings.append(number << RANK_BITS | rank)


def _grouped(by_spelling: dict[str, array[int]], key_of: dict[str, str]) -> list[KeyPostings]:
    by_key: dict[str, list[tuple[str, array[int]]]] = {}
    for spelling, postings in by_spelling.items():
        by_key.setdefault(key_of[spelling], []).append((spelling, postings))
    result = []
    for key in sorted(by_key):
        spellings = sorted(by_key[key], key=lambda item: (-len(item[1]), item[0]))
        if len(spellings) == 1:
            count = len(spellings[0][1])
        else:
            count = len({p >> RANK_BITS for _, postings in spellings for p in postings})
        result.append(KeyPostings(key, count, spellings))
    return result


@dataclass(slots=True)
class Inverter:
    """Documents are added one at a time, in number order, and not kept: at 120,000
    documents their texts would cost more memory than all the postings."""

    words: dict[str, array[int]] = field(default_factory=dict)
    pairs: dict[str, array[int]] = field(default_factory=dict)
    key_of: dict[str, str] = field(default_factory=dict)  # spelling of a word or pair → key
    spelling_of: dict[str, str] = field(default_factory=dict)  # a word as written → spelling
    facets: dict[tuple[str, str], array[int]] = field(default_factory=dict)

    def add(self, number: int, doc: Document) -> None:
        best_word: dict[str, int] = {}
        best_pair: dict[str, int] = {}
        for rank, text in enumerate(doc.texts):
            for line in text.splitlines():
                spellings = [self._spelling(word) for word in WORD.findall(line)]
                for spelling in spellings:
                    best_word.setdefault(spelling, rank)
                for first, second in pairwise(spellings):
                    best_pair.setdefault(f"{first} {second}", rank)
        key_of = self.key_of
        for pair in best_pair:
            if pair not in key_of:
                first, second = pair.split(" ")
                key_of[pair] = f"{key_of[first]} {key_of[second]}"
        _add(self.words, best_word, number)
        _add(self.pairs, best_pair, number)
        _add_facets(self.facets, number, doc)

    def _spelling(self, word: str) -> str:
        spelling = self.spelling_of.get(word)
        if spelling is None:
            key, spelling = forms(word)
            self.spelling_of[word] = spelling
            self.key_of[spelling] = key
        return spelling

    def inverted(self) -> Inverted:
        return Inverted(_grouped(self.words, self.key_of), _grouped(self.pairs, self.key_of))


def _add_facets(facets: dict[tuple[str, str], array[int]], number: int, doc: Document) -> None:
    for facet, values in doc.facets.items():
        for value in values:
            facets.setdefault((facet, value), array("I")).append(number)


def invert(docs: Iterable[Document]) -> Inverted:
    inverter = Inverter()
    for number, doc in enumerate(docs):
        inverter.add(number, doc)
    return inverter.inverted()


def facet_postings(docs: Iterable[Document]) -> dict[tuple[str, str], array[int]]:
    """(facet, value) → numbers of the documents that have it, ascending."""
    facets: dict[tuple[str, str], array[int]] = {}
    for number, doc in enumerate(docs):
        _add_facets(facets, number, doc)
    return facets
