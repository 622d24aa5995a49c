"""Line breaks a Vietnamese proof-reader would refuse, prevented in the printed HTML.

Unicode line breaking allows a break after `-`, `/` and `–`, so document numbers and
ranges were cut ("05-/CT/TW", "01-KL/ / TW", "2021–/2025"), and a spaced dash could open a
line. Tokens joined by those signs are kept on one line, and a spaced dash is tied to the
word before it.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"(?<![\w/.])[\w.]+(?:[-/–][\w.]+)+")
_SPACED_DASH = re.compile(r" ([–—]) ")
_TEXT = re.compile(r">([^<]+)<")
_LONGEST = 30  # a longer run (a URL path) must stay breakable or it overflows the line


def _text(match: re.Match[str]) -> str:
    text = _SPACED_DASH.sub("\u00a0\\1 ", match.group(1))
    text = _TOKEN.sub(_keep, text)
    return f">{text}<"


def _keep(match: re.Match[str]) -> str:
    token = match.group(0)
    if len(token) > _LONGEST:
        return token
    return f'<span class="nobr">{token}</span>'


def protect_breaks(html: str) -> str:
    """The text of `html`'s body with unbreakable tokens; markup and the head untouched."""
    start = html.find("<body")
    if start < 0:
        return html
    return html[:start] + _TEXT.sub(_text, html[start:])
