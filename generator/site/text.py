"""Small text helpers for page titles, descriptions and index letters."""

from __future__ import annotations

import unicodedata

DESCRIPTION_LIMIT = 200


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """One line of at most `limit` characters, cut at a word with "…"."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return f"{cut}…"


def capitalize_first(text: str) -> str:
    """`tỉnh Lâm Đồng` → `Tỉnh Lâm Đồng` (str.capitalize would lower the rest)."""
    return text[:1].upper() + text[1:]


# Index letters group the shapes of a letter (A Ă Â, E Ê, O Ô Ơ, U Ư) as printed indexes
# do, but Đ is a letter of its own, after D.
OTHER_LETTER = ("khac", "#")


def index_letter(word: str) -> tuple[str, str]:
    """(slug, label) of the index letter `word` is filed under: ("dd", "Đ"), ("a", "A")."""
    first = unicodedata.normalize("NFC", word.strip()[:1])
    if first in {"đ", "Đ"}:
        return "dd", "Đ"
    base = unicodedata.normalize("NFD", first)[:1].upper()
    if "A" <= base <= "Z":
        return base.lower(), base
    return OTHER_LETTER
