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
from collections.abc import Sequence
from dataclasses import dataclass
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


def invert(docs: Sequence[Document]) -> Inverted:
    words: dict[str, array[int]] = {}
    pairs: dict[str, array[int]] = {}
    key_of: dict[str, str] = {}  # spelling of a word or pair → its key
    spelling_of: dict[str, str] = {}  # a word as written → its spelling (a corpus repeats)
    for number, doc in enumerate(docs):
        best_word: dict[str, int] = {}
        best_pair: dict[str, int] = {}
        for rank, text in enumerate(doc.texts):
            for line in text.splitlines():
                spellings = []
                for word in WORD.findall(line):
                    spelling = spelling_of.get(word)
                    if spelling is None:
                        key, spelling = forms(word)
                        spelling_of[word] = spelling
                        key_of[spelling] = key
                    spellings.append(spelling)
                    if spelling not in best_word:
                        best_word[spelling] = rank
                for first, second in pairwise(spellings):
                    pair = f"{first} {second}"
                    if pair not in best_pair:
                        best_pair[pair] = rank
        for pair in best_pair:
            if pair not in key_of:
                first, second = pair.split(" ")
                key_of[pair] = f"{key_of[first]} {key_of[second]}"
        _add(words, best_word, number)
        _add(pairs, best_pair, number)
    return Inverted(_grouped(words, key_of), _grouped(pairs, key_of))


def facet_postings(docs: Sequence[Document]) -> dict[tuple[str, str], array[int]]:
    """(facet, value) → numbers of the documents that have it, ascending."""
    postings: dict[tuple[str, str], array[int]] = {}
    for number, doc in enumerate(docs):
        for facet, values in doc.facets.items():
            for value in values:
                postings.setdefault((facet, value), array("I")).append(number)
    return postings
