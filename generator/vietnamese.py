"""Vietnamese text: normalisation, folding, slugs, collation and dates."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

# Two spellings of the same syllable are in use: "hòa, thủy, khỏe" (mark on the first vowel
# of a final oa/oe/uy, the style of most Vietnamese press) and "hoà, thuỷ, khoẻ". Display
# and search use the first, so both spellings meet. "quý" is not such a glide: u belongs to qu.
# Every string an editor writes passes through here, so the work is done on NFC text with a
# precomputed table instead of decomposing each string.
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _glide_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for first in "oOuU":
        seconds = "aAeE" if first in "oO" else "yY"
        for second in seconds:
            for mark in _TONE_MARKS:
                old = first + unicodedata.normalize("NFC", second + mark)
                table[old] = unicodedata.normalize("NFC", first + mark) + second
    return table


def _glide_pattern(glides: dict[str, str]) -> str:
    # Every old spelling is two characters; one character class per first letter matches
    # the same strings as an alternation of all sixty, about three times faster.
    seconds: dict[str, set[str]] = {}
    for old in glides:
        seconds.setdefault(old[0], set()).add(old[1:])
    groups = (f"{first}[{''.join(sorted(rest))}]" for first, rest in sorted(seconds.items()))
    return r"(?<![qQ])(?:" + "|".join(groups) + r")(?!\w)"


_GLIDES = _glide_table()
_OLD_STYLE_GLIDE = re.compile(_glide_pattern(_GLIDES))

_ZERO_WIDTH_OR_BIDI = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def standard_tone_style(text: str) -> str:
    """`hoà` → `hòa`, `thuỷ` → `thủy`, `khoẻ` → `khỏe`; `quý`, `hoàn`, `thuyền` unchanged.

    Expects NFC text, as every loaded string already is.
    """
    return _OLD_STYLE_GLIDE.sub(lambda m: _GLIDES[m.group(0)], text)


def has_invisible_controls(text: str) -> bool:
    return _ZERO_WIDTH_OR_BIDI.search(text) is not None


def fold(text: str) -> str:
    """Lowercase ASCII-ish form for matching: diacritics removed, đ→d."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def slugify(text: str) -> str:
    """URL/id slug: `Hoàng Thị Như Thanh` → `hoang-thi-nhu-thanh`."""
    return _NON_ALNUM.sub("-", fold(text)).strip("-")


# Vietnamese alphabetical order: letters with breve/circumflex/horn and đ are letters of
# their own, and tones break ties after the letters (dictionary order: ngang, huyền, hỏi,
# ngã, sắc, nặng).
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SHAPE_MARKS = {"\u0306", "\u0302", "\u031b"}


def _char_key(ch: str) -> tuple[int, int]:
    decomposed = unicodedata.normalize("NFD", ch)
    base = decomposed[0]
    marks = decomposed[1:]
    shape = "".join(m for m in marks if m in _SHAPE_MARKS)
    letter = unicodedata.normalize("NFC", base + shape)
    tone = next((_TONE_RANK[m] for m in marks if m in _TONE_RANK), 0)
    rank = _LETTER_RANK.get(letter)
    # Characters outside the Vietnamese alphabet (f, j, w, z, digits) sort after it,
    # by code point, so foreign names still get a stable place.
    return (rank if rank is not None else len(_ALPHABET) + ord(letter)), tone


# (letter rank, tone) by character: a site's names use a few hundred distinct characters,
# and working each out again per name was most of the time of sorting a national index.
# A dict read inline, not `functools.cache`: the call through the cache was a fifth slower.
_CHAR_KEYS: dict[str, tuple[int, int]] = {}


def _word_key(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    letters: list[int] = []
    tones: list[int] = []
    for ch in word.casefold():
        key = _CHAR_KEYS.get(ch)
        if key is None:
            key = _CHAR_KEYS[ch] = _char_key(ch)
        letters.append(key[0])
        tones.append(key[1])
    return tuple(letters), tuple(tones)


@lru_cache(maxsize=262144)
def sort_key(text: str) -> tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]:
    """Collation key for Vietnamese text, word by word, letters before tones."""
    keys = [_word_key(w) for w in nfc(text).split()]
    return tuple(k[0] for k in keys), tuple(k[1] for k in keys)


def name_sort_key(
    full_name: str,
) -> tuple[tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]], ...]:
    """People are ordered by given name (the last word), then the rest of the name."""
    words = nfc(full_name).split()
    if not words:
        return (sort_key(""),)
    return sort_key(words[-1]), sort_key(" ".join(words[:-1]))


def _precision(value: date) -> str:
    # Dates from content know whether the source gave a day, a month or only a year.
    return str(getattr(value, "precision", "day"))


def format_date(value: date, on: bool = False) -> str:
    """`12 tháng 6 năm 2023`, `tháng 1 năm 2025` or `năm 2025`.

    `on` adds the word a sentence needs before a full date ("ngày 12 tháng 6 năm 2023"), so a
    template can write `, {{ d | date_vi(True) }}` for every precision.
    """
    precision = _precision(value)
    if precision == "year":
        return f"năm {value.year}"
    if precision == "month":
        return f"tháng {value.month} năm {value.year}"
    text = f"{value.day} tháng {value.month} năm {value.year}"
    return f"ngày {text}" if on else text


def format_date_short(value: date, on: bool = False) -> str:
    """`12/06/2023`, `01/2025` or `2025`; with `on`: `ngày 12/06/2023`, `tháng 01/2025`…"""
    precision = _precision(value)
    if precision == "year":
        return f"năm {value.year}" if on else str(value.year)
    if precision == "month":
        text = f"{value.month:02d}/{value.year}"
        return f"tháng {text}" if on else text
    text = f"{value.day:02d}/{value.month:02d}/{value.year}"
    return f"ngày {text}" if on else text


def format_number(value: int) -> str:
    """Vietnamese grouping: 25.525."""
    return f"{value:,}".replace(",", ".")
