"""Property tests: the index's fast text paths cut and join text exactly as the plain definitions.

Indexing cuts lines with a faster regex and joins excerpts with one substitution, for speed;
these pin them to the line-by-line definitions they replace (`WORD` per line, `split`/`join`
per line). CI runs a fixed sequence of examples; `GUONGSANG_FUZZ=<count>` explores that many.
"""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from generator.search.documents import Document, _joined
from generator.search.inverted import Inverter
from generator.search.text import LINE_BREAKS, WORD, forms, line_words
from tests.property_support import property_settings

SETTINGS = property_settings(200)
# Vietnamese letters (composed and, via the combining marks, decomposed), digits, "_", every
# kind of space and line break, punctuation, and a few other scripts' letters.
ALPHABET = (
    "aăâbdđeêioôơuưyàáảãạằắầấđèéềếìíòóồốờớùúừứỳýĐẮÂƯƠHOÀQUYỀN09_"
    "\u0300\u0301\u0303\u0309\u0323\u0306"
    " \t\xa0\u2003\u3000\x1f" + LINE_BREAKS + ".,;:-–/()«»'\"·!?"
    "ΣσςİßЖж中"
)
texts = st.text(alphabet=ALPHABET, max_size=80)


@SETTINGS
@given(texts)
def test_line_words_are_word_matches_of_each_line(text: str) -> None:
    """`line_words` finds what WORD finds, line by line, `_` included as a separator."""
    assert line_words(text) == [WORD.findall(line) for line in text.splitlines()]


def _old_best(texts: tuple[str, str, str]) -> tuple[dict[str, int], dict[str, int]]:
    """The definition: per line, each word's and each neighbour pair's best rank."""
    best_word: dict[str, int] = {}
    best_pair: dict[str, int] = {}
    for rank, text in enumerate(texts):
        for line in text.splitlines():
            spellings = [forms(word)[1] for word in WORD.findall(line)]
            for spelling in spellings:
                best_word.setdefault(spelling, rank)
            for first, second in pairwise(spellings):
                best_pair.setdefault(f"{first} {second}", rank)
    return best_word, best_pair


@SETTINGS
@given(st.lists(st.tuples(texts, texts, texts), min_size=1, max_size=4))
def test_inverter_postings_match_the_line_by_line_definition(all_texts: list) -> None:
    """Every word and pair gets one posting per document, with its best rank."""
    inverter = Inverter()
    expected_words: dict[str, list[int]] = {}
    expected_pairs: dict[str, list[int]] = {}
    for number, three in enumerate(all_texts):
        inverter.add(number, Document("ca-nhan", "", "", "", "", None, three, "", {}))
        best_word, best_pair = _old_best(three)
        for spelling, rank in best_word.items():
            expected_words.setdefault(spelling, []).append(number << 2 | rank)
        for pair, rank in best_pair.items():
            expected_pairs.setdefault(pair, []).append(number << 2 | rank)
    inverted = inverter.inverted()
    got_words = {s: list(p) for entry in inverted.words for s, p in entry.spellings}
    got_pairs = {s: list(p) for entry in inverted.pairs for s, p in entry.spellings}
    assert got_words == expected_words
    assert got_pairs == expected_pairs


def _old_joined(texts: list[str], separator: str) -> str:
    lines = (" ".join(line.split()) for text in texts for line in text.splitlines())
    return separator.join(line for line in lines if line)


@SETTINGS
@given(st.lists(texts, max_size=3), st.sampled_from([" · ", " "]))
def test_excerpt_join_matches_split_and_join_per_line(parts: list[str], separator: str) -> None:
    """Spaces collapse within a line, empty lines drop, lines join with the separator."""
    assert _joined(parts, separator) == _old_joined(parts, separator)
