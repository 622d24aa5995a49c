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
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain, pairwise

from generator.search.documents import Document
from generator.search.layout import LAYOUT
from generator.search.text import forms, line_words

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


Postings = defaultdict[str, "array[int]"]


def _new_postings() -> array[int]:
    return array("I")


def _append(postings: Postings, best: dict[str, int], number: int) -> None:
    base = number << RANK_BITS
    for term, rank in best.items():
        postings[term].append(base | rank)


def _grouped(entries: Iterable[tuple[str, str, array[int]]]) -> list[KeyPostings]:
    """(key, spelling, postings) → one KeyPostings per key, in key order."""
    by_key: dict[str, list[tuple[str, array[int]]]] = {}
    for key, spelling, postings in entries:
        by_key.setdefault(key, []).append((spelling, postings))
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

    words: Postings = field(default_factory=lambda: defaultdict(_new_postings))
    pairs: Postings = field(default_factory=lambda: defaultdict(_new_postings))
    key_of: dict[str, str] = field(default_factory=dict)  # a word's spelling → its key
    spelling_of: dict[str, str] = field(default_factory=dict)  # a word as written → spelling
    facets: dict[tuple[str, str], array[int]] = field(default_factory=dict)

    def add(self, number: int, doc: Document) -> None:
        best_word: dict[str, int] = {}
        best_pair: dict[str, int] = {}
        # Worst rank first, so that a better one overwrites it: a word's rank in a document
        # is the best place it occurs. Whole lines in C calls, no Python loop per word; pairs
        # are strings, as tuples kept in a dict would wake the garbage collector, which then
        # walks the whole Index again and again.
        for rank in reversed(range(len(doc.texts))):
            lines = self._spelled_lines(doc.texts[rank])
            best_word.update(dict.fromkeys(chain.from_iterable(lines), rank))
            pairs = map(" ".join, chain.from_iterable(map(pairwise, lines)))
            best_pair.update(dict.fromkeys(pairs, rank))
        _append(self.words, best_word, number)
        _append(self.pairs, best_pair, number)
        _add_facets(self.facets, number, doc)

    def _spelled_lines(self, text: str) -> list[list[str]]:
        lines = line_words(text)
        spelling = self.spelling_of.__getitem__
        try:
            return [list(map(spelling, words)) for words in lines]
        except KeyError:  # a word not met before: rare once a corpus's vocabulary is known
            return [[self._spelling(word) for word in words] for words in lines]

    def _spelling(self, word: str) -> str:
        spelling = self.spelling_of.get(word)
        if spelling is None:
            key, spelling = forms(word)
            self.spelling_of[word] = spelling
            self.key_of[spelling] = key
        return spelling

    def inverted(self) -> Inverted:
        key_of = self.key_of
        words = _grouped((key_of[s], s, postings) for s, postings in self.words.items())
        pairs = _grouped((_pair_key(p, key_of), p, postings) for p, postings in self.pairs.items())
        return Inverted(words, pairs)


def _pair_key(pair: str, key_of: dict[str, str]) -> str:
    first, second = pair.split(" ")
    return f"{key_of[first]} {key_of[second]}"


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
