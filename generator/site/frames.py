"""Page frames: the theme's chrome rendered once per kind of page, filled in for each page.

Material renders the same header, sections bar, footer and scripts around every page; only
a few values change (title, description, image, address, body), and the relative links
change with the page's depth. So the theme renders one *frame* per (section, depth, Open
Graph type) with a marker in place of each value, and every page of that kind is written
by putting its values in the frame: string joins instead of a full template render. The
MkDocs adapter renders the frames; tests/test_site_frames.py builds the sample site with
and without frames and compares the trees, so a template that uses a value in a way a
frame cannot reproduce (a condition on it, a filter other than `| e`) fails that test, and
`split` refuses a frame whose markers were altered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import escape

from generator.site import urls

# Markers: private-use characters no content carries (text is NFC, from YAML and Markdown
# validated by the loader), with spaces inside so that a minifier keeps quotes around an
# attribute value that holds one.
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(f"{_OPEN} ([a-z_]+) {_CLOSE}")
# How the markers read after a filter other than `| e` went over them (tojson, urlencode).
_ALTERED = ("\\ue000", "%EE%80%80", "&#57344;", "&#xe000;")

TITLE = "title"
DESCRIPTION = "description"
IMAGE = "image"
URL = "url"  # the page's absolute address (canonical, og:url)
BODY = "body"  # the page body, already HTML
HEAD = "head"  # the page's own head markup (article dates, JSON-LD), already HTML
SLOTS = (TITLE, DESCRIPTION, IMAGE, URL, BODY, HEAD)
_MARKUP = (BODY, HEAD)  # slots whose values are written as they are

FrameKey = tuple[str, int, str]
MIN_DEPTH = 2  # section roots (depth 1) and the home page are few: the theme renders them


def marker(slot: str) -> str:
    return f"{_OPEN} {slot} {_CLOSE}"


def frame_key(page_url: str, og_type: str) -> FrameKey | None:
    """Pages that share a frame: same section, same depth, same Open Graph type."""
    depth = page_url.count("/")
    if depth < MIN_DEPTH:
        return None
    return page_url.split("/", 1)[0], depth, og_type


def frame_url(key: FrameKey) -> str:
    """A URL of the frame's section and depth that no page has (ids have no `_`)."""
    section, depth, og_type = key
    return f"{section}/_khung-{og_type}/" + "_khung/" * (depth - MIN_DEPTH)


def frame_src_uri(key: FrameKey) -> str:
    return urls.src_uri(frame_url(key))


class FrameError(Exception):
    """The theme changed a marker: this page kind cannot be written from a frame."""


@dataclass(frozen=True, slots=True)
class Frame:
    """Literal text around slots: parts[0], slot[0], parts[1], …, parts[-1]."""

    parts: tuple[str, ...]
    slots: tuple[str, ...]

    def fill(self, values: dict[str, str]) -> str:
        out = [self.parts[0]]
        for slot, text in zip(self.slots, self.parts[1:], strict=True):
            value = values[slot]
            out.append(value if slot in _MARKUP else str(escape(value)))
            out.append(text)
        return "".join(out)


def split(html: str) -> Frame:
    pieces = _MARKER.split(html)
    parts, slots = tuple(pieces[0::2]), tuple(pieces[1::2])
    unknown = set(slots) - set(SLOTS)
    left = [p for p in parts if _OPEN in p or _CLOSE in p or any(a in p for a in _ALTERED)]
    if unknown or left or slots.count(BODY) != 1:
        raise FrameError(
            "the theme altered a page value (a filter other than `| e`, or a condition on "
            f"it): slots {sorted(set(slots))}, unknown {sorted(unknown)}"
        )
    return Frame(parts, slots)
