"""Place names as written: unit types ("huyện", "TP."), and the keys a name is looked up by."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from generator.vietnamese import fold, nfc, standard_tone_style


class Kind:
    """The unit types one level of place names may start with, and how to find them."""

    def __init__(self, types: dict[str, str]) -> None:
        # Keys are folded (lowercase, no diacritics); values are the form used mid-sentence.
        self.names = {k.replace(" ", ""): v for k, v in types.items()}
        alternatives = sorted(types, key=len, reverse=True)
        body = "|".join(re.escape(t).replace(r"\ ", r"\s*") for t in alternatives)
        # A one-letter abbreviation needs a dot, a space or a digit after it: no place
        # name begins with a lone letter, but many begin with "Xa" or "Thanh".
        self.pattern = re.compile(rf"\s*({body})(?:[.\s]+|(?=\d))")


PROVINCE = Kind({"tinh": "tỉnh", "thanh pho": "thành phố", "tp": "thành phố"})
DISTRICT = Kind(
    {
        "huyen": "huyện",
        "quan": "quận",
        "thi xa": "thị xã",
        "thanh pho": "thành phố",
        "tp": "thành phố",
        "tx": "thị xã",
        "h": "huyện",
        "q": "quận",
    }
)
COMMUNE = Kind(
    {
        "xa": "xã",
        "phuong": "phường",
        "thi tran": "thị trấn",
        "dac khu": "đặc khu",
        "tt": "thị trấn",
        "x": "xã",
        "p": "phường",
    }
)
_ALL_TYPES = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã")
_WORD = re.compile(r"[^\W\d_]+|\d+")
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"\s*[-‐‑‒–—]\s*")


def _compact(words: list[str]) -> str:
    # Leading zeros go so that "Phường 01" meets "Phường 1"; without a 0 nothing changes,
    # and few names have one (this runs for every unit of the place data).
    joined = "".join(words)
    if "0" not in joined:
        return joined
    return "".join(w.lstrip("0") or "0" if w.isdigit() else w for w in words)


def accented_key(text: str) -> str:
    """Lowercase, tone marks in one style, letters and digits only: `hòa`, `thủy`."""
    return _compact(_WORD.findall(standard_tone_style(nfc(text)).casefold()))


@cache
def _fold_table() -> dict[int, str]:
    # fold() one character at a time, once, so the ~100,000 names folded while indexing
    # go through str.translate instead of a normalisation per name.
    return {cp: fold(chr(cp)) for cp in range(0x41, 0x2000)}


def fast_fold(text: str) -> str:
    """fold() for names already in NFC, through a translation table."""
    folded = text.translate(_fold_table())
    return folded if folded.isascii() else fold(folded)


def folded_key(text: str) -> str:
    """Lowercase, no diacritics, letters and digits only: `hoa`, `thuy`."""
    if text.isascii() and text.isalpha():
        return text.lower()
    return _compact(_WORD.findall(fast_fold(nfc(text))))


@dataclass(frozen=True, slots=True)
class Query:
    """One field of a place: what was written, and the keys it is looked up by."""

    label: str  # as written, tidied, with its unit type in lowercase: "huyện Tuy Phong"
    type: str | None  # unit type it was written with, folded: "huyen"
    typed: str | None  # folded key with the canonical type: "huyentuyphong"
    typed_accented: str | None
    bare: str  # folded key without the type: "tuyphong"
    bare_accented: str

    @classmethod
    def parse(cls, text: str, kind: Kind) -> Query:
        tidy = _SPACES.sub(" ", _DASHES.sub(" - ", nfc(text))).strip(" ,;")
        untyped = cls(tidy, None, None, None, folded_key(tidy), accented_key(tidy))
        folded = fold(tidy)
        match = kind.pattern.match(folded)
        # fold() keeps one character per NFC character for Vietnamese text, so a prefix
        # found in the folded text can be cut from the original at the same offset.
        if match is None or len(folded) != len(tidy) or match.end() == len(tidy):
            return untyped
        type_label = kind.names[_SPACES.sub("", match.group(1))]
        written = tidy[match.start(1) : match.end(1)]
        if not written.isascii() and accented_key(written) != accented_key(type_label):
            # "Xá Lượng" is a name, not "xã Lượng": with diacritics, the type must match.
            return untyped
        rest = tidy[match.end() :].strip()
        type_key = folded_key(type_label)
        return cls(
            label=f"{type_label} {rest}",
            type=type_key,
            typed=type_key + folded_key(rest),
            typed_accented=accented_key(type_label) + accented_key(rest),
            bare=folded_key(rest),
            bare_accented=accented_key(rest),
        )


@lru_cache(maxsize=8192)
def parse(text: str, kind: Kind) -> Query:
    """`Query.parse`, remembered: a site names the same few provinces and districts often."""
    return Query.parse(text, kind)


def lower_type(full_name: str) -> tuple[str, str]:
    """`Thành Phố Bắc Kạn` → (`thành phố Bắc Kạn`, `thành phố`): the type as used mid-sentence."""
    lowered = full_name.casefold()
    for unit_type in _ALL_TYPES:
        if lowered.startswith(unit_type + " "):
            return unit_type + full_name[len(unit_type) :], unit_type
    return full_name, ""
