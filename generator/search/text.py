"""Words as the search index sees them; the search page cuts and folds a query the same way.

`theme/assets/javascripts/tim-kiem/vietnamese.js` mirrors this module line for line, and
tests/test_search_browser.py checks the two agree. A word has two forms:

- its *key*, what matching uses: accents and tone marks removed, đ→d, lowercase, so
  `Đắk`, `dak` and `ĐẮK` meet;
- its *spelling*, what ranking uses: lowercase, NFC, one tone-mark style (`hoà` → `hòa`), so
  a query typed with the right accents ranks the pages that spell it that way first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from generator.vietnamese import standard_tone_style

# Letters and digits; the combining range is there for text that NFC cannot compose.
# JS: /[\p{L}\p{N}\u0300-\u036f]+/gu — Python's \w is letters, digits and "_".
WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
_MARKS = re.compile(r"[\u0300-\u036f]")

# What `str.splitlines` breaks a line at (a word never contains one).
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# The same words as WORD once "_" is made a space: a single character class repeats in C,
# an alternation per character does not, so indexing cuts text twice as fast with this.
_WORD_FAST = re.compile(r"[\w\u0300-\u036f]+")


@lru_cache(maxsize=1 << 18)
def forms(word: str) -> tuple[str, str]:
    """(key, spelling) of one word of NFC text. Cached: a corpus repeats its words."""
    spelling = standard_tone_style(word.lower())
    decomposed = unicodedata.normalize("NFD", spelling.replace("đ", "d"))
    return _MARKS.sub("", decomposed), spelling


def words(text: str) -> Iterator[str]:
    return (match.group(0) for match in WORD.finditer(text))


def line_words(text: str) -> list[list[str]]:
    """The words of each line of `text` (as `text.splitlines()` cuts it), as WORD finds them."""
    return list(map(_WORD_FAST.findall, text.replace("_", " ").splitlines()))
