"""Shortening and clipping text for titles, descriptions and messages, the same everywhere."""

from __future__ import annotations

DESCRIPTION_LIMIT = 200


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """One line of at most `limit` characters, cut at a word with "…"."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return f"{cut}…"


def clip(text: str, limit: int = 40) -> str:
    """At most `limit` characters, cut anywhere with "…": for quoting input in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def capitalize_first(text: str) -> str:
    """`tỉnh Lâm Đồng` → `Tỉnh Lâm Đồng` (str.capitalize would lower the rest)."""
    return text[:1].upper() + text[1:]
