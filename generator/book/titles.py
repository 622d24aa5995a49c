"""Title lines for the cover, the title page, the spine and the EPUB cover.

Left to the line breaker, a long title ends a line wherever the width runs out: "HỒ CHÍ /
MINH", "ĐẠO / ĐỨC". Here the title is cut into chunks that must not be split (a personal or
place name: a run of capitalised words; a fixed phrase of the movement's name), then the
chunks are spread over as few lines as fit, as evenly as possible, preferring to end a line
at a comma.
"""

from __future__ import annotations

import re
from functools import cache

from generator.vietnamese import fold

# Fixed phrases of "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh" and of
# the books it gives rise to: each reads as one word and is never cut.
FIXED_PHRASES = (
    "gương sáng",
    "học tập",
    "làm theo",
    "tư tưởng",
    "đạo đức",
    "phong cách",
    "tiêu biểu",
    "tập thể",
    "cá nhân",
    "điển hình",
    "tiên tiến",
)
_COMMA_BONUS = 0.5  # a line ending at a comma may be this much (relatively) less even


def chunks(title: str) -> list[str]:
    """The title's words grouped into pieces that stay on one line."""
    words = title.split()
    folded = [fold(word.strip(",.;:")) for word in words]
    pieces: list[str] = []
    i = 0
    while i < len(words):
        j = i + 1
        if _capitalised(words[i]) and i > 0 and not words[i].endswith(","):
            while j < len(words) and _capitalised(words[j]) and not words[j - 1].endswith(","):
                j += 1
        for phrase in FIXED_PHRASES:
            parts = fold(phrase).split()
            if folded[i : i + len(parts)] == parts and not words[i].endswith(","):
                j = max(j, i + len(parts))
        pieces.append(" ".join(words[i:j]))
        i = j
    return pieces


def _capitalised(word: str) -> bool:
    letters = re.sub(r"\W", "", word)
    return bool(letters) and letters[0].isupper() and not letters.isupper()


def balanced_lines(title: str, max_chars: int) -> list[str]:
    """`title` in as few lines of at most `max_chars` as its chunks allow, evenly filled."""
    pieces = chunks(title)
    if not pieces:
        return []
    return [" ".join(pieces[a:b]) for a, b in _best_breaks(tuple(pieces), max_chars)]


def _best_breaks(pieces: tuple[str, ...], max_chars: int) -> list[tuple[int, int]]:
    count = len(pieces)

    def width(a: int, b: int) -> int:
        return sum(len(p) for p in pieces[a:b]) + (b - a - 1)

    lines = 1
    while not _fits(pieces, max_chars, lines):
        lines += 1
    target = width(0, count) / lines

    @cache
    def best(start: int, left: int) -> tuple[float, tuple[tuple[int, int], ...]]:
        if start == count:
            return (0.0, ()) if left == 0 else (float("inf"), ())
        if left == 0:
            return float("inf"), ()
        result: tuple[float, tuple[tuple[int, int], ...]] = (float("inf"), ())
        for end in range(start + 1, count + 1):
            w = width(start, end)
            if w > max_chars and end > start + 1:
                break
            cost = ((w - target) / max(target, 1)) ** 2
            if end < count and pieces[end - 1].endswith(","):
                cost -= _COMMA_BONUS * cost + 0.01
            rest_cost, rest = best(end, left - 1)
            if cost + rest_cost < result[0]:
                result = (cost + rest_cost, ((start, end), *rest))
        return result

    return list(best(0, lines)[1])


def _fits(pieces: tuple[str, ...], max_chars: int, lines: int) -> bool:
    """Whether a greedy fill uses at most `lines` lines (a chunk longer than a line is one)."""
    used, width = 1, 0
    for piece in pieces:
        wider = len(piece) if width == 0 else width + 1 + len(piece)
        if width and wider > max_chars:
            used, width = used + 1, len(piece)
        else:
            width = wider
    return used <= lines
