"""Contributor-controlled text, escaped for each format it is written into.

File names, keys and values come from pull requests. Written raw, a newline in a file name
starts a new log line that GitHub Actions reads as a workflow command (`::error …`), a `|`
or a backtick breaks a Markdown table, and links, images, @mentions or HTML in a title
would be rendered in a job summary. Each writer picks the function for its format:

- `plain`: one line of terminal or log text (what `check` and `build` print);
- `workflow_data` / `workflow_property`: GitHub workflow commands, per GitHub's own rules
  (actions/toolkit `command.ts`: `%`, CR and LF in data, and also `:` and `,` in properties);
- `markdown_code`: a Markdown code span, inside which nothing is interpreted.

A name that is not valid UTF-8 reaches Python as lone surrogates (`os.fsdecode`); they are
shown as `\\xNN`, since no output stream could encode them.
"""

from __future__ import annotations

import re

__all__ = ["markdown_code", "plain", "workflow_data", "workflow_property"]

# C0 and C1 controls, DEL, line and paragraph separators, the bidirectional controls that
# can reorder what a terminal shows (CVE-2021-42574), and surrogates of undecodable bytes.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}" if code > 0xFF else f"\\x{code:02x}"


def plain(text: str) -> str:
    """One line of plain text: every control, separator and bidi character made visible."""
    return _UNSAFE.sub(_visible, text)


def workflow_data(text: str) -> str:
    """The message of a GitHub workflow command (after the second `::`)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return plain(text)


def workflow_property(text: str) -> str:
    """A property value of a GitHub workflow command (`file=…`, `title=…`)."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


def markdown_code(text: str, *, in_table: bool = False) -> str:
    """A code span showing `text` literally: no link, image, mention, HTML or emphasis.

    The fence is one backtick longer than the longest run inside. In a GFM table, `|`
    splits cells even inside a code span unless written `\\|`.
    """
    text = plain(text)
    if in_table:
        text = text.replace("|", "\\|")
    if not text.strip():
        return "—"
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    padded = text[0] == "`" or text[-1] == "`" or (text[0] == " " and text[-1] == " ")
    return f"{fence} {text} {fence}" if padded else f"{fence}{text}{fence}"
