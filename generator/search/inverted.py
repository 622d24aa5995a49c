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
from itertools import pairwise
from typing import TypeVar

from generator.search.documents import Document
from generator.search.layout import LAYOUT
from generator.search.text import LINE_BREAKS, forms, tokens

RANK_BITS = LAYOUT.rank_bits
RANK_MASK = (1 << RANK_BITS) - 1

_K = TypeVar("_K", str, tuple[str, str])


@dataclass(frozen=True, slots=True)
class KeyPostings:
    key: str  # a word's key, or two keys joined by a space
    documents: int  # how many documents contain the key, in any spelling
    spellings: list[tuple[str, array[int]]]  # most frequent spelling first


@dataclass(frozen=True, slots=True)
class Inverted:
    words: list[KeyPostings]  # in key order
    pairs: list[KeyPostings]


# The spelling of a run of line breaks: no word contains one, so it is never indexed, and a
# pair across it (the last word of one line, the first of the next) is dropped.
BREAK = "\n"

Postings = defaultdict[_K, "array[int]"]


def _new_postings() -> array[int]:
    return array("I")


def _append(postings: Postings[_K], best: dict[_K, int], number: int) -> None:
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

    words: Postings[str] = field(default_factory=lambda: defaultdict(_new_postings))
    pairs: Postings[tuple[str, str]] = field(default_factory=lambda: defaultdict(_new_postings))
    key_of: dict[str, str] = field(default_factory=dict)  # a word's spelling → its key
    spelling_of: dict[str, str] = field(default_factory=dict)  # a word as written → spelling
    facets: dict[tuple[str, str], array[int]] = field(default_factory=dict)

    def add(self, number: int, doc: Document) -> None:
        best_word: dict[str, int] = {}
        best_pair: dict[tuple[str, str], int] = {}
        # Worst rank first, so that a better one overwrites it: a word's rank in a document
        # is the best place it occurs. Whole texts in C calls: no loop per word here.
        for rank in reversed(range(len(doc.texts))):
            spellings = self._spellings(doc.texts[rank])
            best_word.update(dict.fromkeys(spellings, rank))
            best_pair.update(dict.fromkeys(pairwise(spellings), rank))
        best_word.pop(BREAK, None)
        for pair in [pair for pair in best_pair if BREAK in pair]:
            del best_pair[pair]
        _append(self.words, best_word, number)
        _append(self.pairs, best_pair, number)
        _add_facets(self.facets, number, doc)

    def _spellings(self, text: str) -> list[str]:
        found = tokens(text)
        try:
            return list(map(self.spelling_of.__getitem__, found))
        except KeyError:  # a word not met before: rare once a corpus's vocabulary is known
            return [self._spelling(token) for token in found]

    def _spelling(self, token: str) -> str:
        spelling = self.spelling_of.get(token)
        if spelling is None:
            if token[0] in LINE_BREAKS:
                spelling = BREAK
            else:
                key, spelling = forms(token)
                self.key_of[spelling] = key
            self.spelling_of[token] = spelling
        return spelling

    def inverted(self) -> Inverted:
        """The postings grouped by key. Hands them over: the pairs are not kept twice."""
        key_of = self.key_of
        words = _grouped((key_of[s], s, postings) for s, postings in self.words.items())
        pairs = _grouped(
            (f"{key_of[first]} {key_of[second]}", f"{first} {second}", postings)
            for (first, second), postings in self.pairs.items()
        )
        self.pairs.clear()
        return Inverted(words, pairs)


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
