"""Line breaks a Vietnamese proof-reader would refuse, prevented in the book and the site.

Unicode line breaking allows a break after `-`, `/` and `–`, so document numbers and
ranges were cut ("05-/CT/TW", "01-KL/ / TW", "2021–/2025"), in print and on a phone alike,
and a spaced dash could open a line. Tokens joined by those signs are kept on one line
(`<span class="nobr">`, which both stylesheets set `nowrap`), and a spaced dash is tied to
the word before it.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"(?<![\w/.])[\w.]+(?:[-/–][\w.]+)+")
_SPACED_DASH = re.compile(r" ([–—]) ")
# The text between two tags, when it holds a sign a line may break after. Most text holds
# none: skipping it in C, not in a callback per text node, is what keeps this cheap (a
# callback for every node cost 0.35 ms a page, 4.5 s of CPU at 10,000 records).
_BREAKABLE_TEXT = re.compile(r">([^<]*[-/–—][^<]*)<")
_RAW = re.compile(r"<(svg|script|style|pre|textarea)\b.*?</\1>", re.S)
_LONGEST = 30  # a longer run (a URL path) must stay breakable or it overflows the line


def _text(match: re.Match[str]) -> str:
    text = _SPACED_DASH.sub("\u00a0\\1 ", match.group(1))
    return f">{_TOKEN.sub(_keep, text)}<"


def _keep(match: re.Match[str]) -> str:
    token = match.group(0)
    word = token.rstrip(".")  # a sentence's full stop stays outside
    if len(word) > _LONGEST:
        return token
    return f'<span class="nobr">{word}</span>{token[len(word) :]}'


def protect_breaks(html: str) -> str:
    """The text of `html`'s body with unbreakable tokens; markup and the head untouched."""
    start = html.find("<body")
    if start < 0:
        return html
    return html[:start] + protect_text(html[start:])


def protect_text(fragment: str) -> str:
    """The same for a fragment of complete elements. SVG, scripts, styles and preformatted
    text are left as they are: a span is not allowed in SVG text, and the others do not
    wrap or are not text."""
    parts = []
    start = 0
    for raw in _RAW.finditer(fragment):
        parts.append(_BREAKABLE_TEXT.sub(_text, fragment[start : raw.start()]))
        # The element's last `>` opens the text that follows it.
        parts.append(fragment[raw.start() : raw.end() - 1])
        start = raw.end() - 1
    parts.append(_BREAKABLE_TEXT.sub(_text, fragment[start:]))
    return "".join(parts)
