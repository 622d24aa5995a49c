"""Story Markdown: one parser for checking, the site and the book.

Rendering never passes raw HTML through (it is escaped), allows only http(s), mailto, tel,
relative and fragment links, and hands every image and link target to the caller so the
site and the book can each map `../images/x.jpg` to their own output.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

_SAFE_SCHEME = re.compile(r"^(https?:|mailto:|tel:)", re.IGNORECASE)
_ANY_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")

Resolver = Callable[[str], str | None]


def is_safe_link(url: str) -> bool:
    # Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
    compact = re.sub(r"[\x00-\x20]", "", url)
    return bool(_SAFE_SCHEME.match(compact)) or not _ANY_SCHEME.match(compact)


def _parser(*, html: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": html, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"]).use(footnote_plugin)
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    return md


_CHECKER = _parser(html=True)


@dataclass(frozen=True, slots=True)
class BodyItem:
    """Something in a story body that validation looks at, with its line in the body."""

    kind: str  # "html" | "image" | "link"
    value: str
    line: int  # 0-based line within the body
    column: int  # 0-based column, best effort


def _find_column(lines: Sequence[str], start: int, end: int, needle: str) -> tuple[int, int]:
    for index in range(start, min(end, len(lines))):
        col = lines[index].find(needle)
        if col >= 0:
            return index, col
    return start, 0


def _walk(tokens: Sequence[Token]) -> Iterator[tuple[Token, Token | None]]:
    for token in tokens:
        yield token, None
        for child in token.children or ():
            yield child, token


def may_link_or_html(body: str) -> bool:
    """Whether markdown-it could find raw HTML, an image or a link in `body`: each starts at
    a `<` (HTML, autolink) or a `[` (link, image, reference) of the source, and linkify is
    off. Most bodies have neither, and parsing them is most of a check's time."""
    return "<" in body or "[" in body


@lru_cache(maxsize=65536)
def scan_body(body: str) -> tuple[BodyItem, ...]:
    """Raw HTML, images and links in a body, with positions, for validation."""
    lines = body.split("\n")
    items: list[BodyItem] = []
    for token, parent in _walk(_CHECKER.parse(body) if may_link_or_html(body) else ()):
        block = token if parent is None else parent
        start, end = (block.map or [0, 1])[0], (block.map or [0, 1])[1]
        if token.type in {"html_block", "html_inline"}:
            snippet = token.content.strip().split("\n")[0]
            line, col = _find_column(lines, start, end, snippet[:20])
            items.append(BodyItem("html", snippet, line, col))
        elif token.type == "image":
            src = str(token.attrGet("src") or "")
            line, col = _find_column(lines, start, end, src or "![")
            items.append(BodyItem("image", src, line, col))
        elif token.type == "link_open":
            href = str(token.attrGet("href") or "")
            line, col = _find_column(lines, start, end, href or "[")
            items.append(BodyItem("link", href, line, col))
    items.extend(_unsafe_links(lines))
    return tuple(items)


_LINK_TARGET = re.compile(r"\]\(\s*<?([^\s>]*)")


def _trim_target(target: str) -> str:
    # The regex runs to the next space, so drop the link's own closing parenthesis while
    # keeping balanced ones that belong to the URL, as in `javascript:alert(1)`.
    while target.endswith(")") and target.count(")") > target.count("("):
        target = target[:-1]
    return target


def _unsafe_links(lines: Sequence[str]) -> Iterator[BodyItem]:
    # markdown-it drops links its validator refuses, so they never reach the token stream;
    # find them in the text so the editor hears about them instead of losing them silently.
    for index, line in enumerate(lines):
        for match in _LINK_TARGET.finditer(line):
            target = _trim_target(match.group(1))
            if target and not is_safe_link(target):
                yield BodyItem("link", target, index, match.start(1))


class Renderer:
    """Markdown → safe HTML, with link and image targets mapped by the caller."""

    def __init__(self) -> None:
        self._md = _parser(html=False)

    def render(
        self,
        body: str,
        *,
        image: Resolver = lambda src: src,
        link: Resolver = lambda href: href,
        footnote_prefix: str = "",
        image_size: Callable[[str], tuple[int, int] | None] = lambda src: None,
    ) -> str:
        """`image_size` gets each image's source as written and may return its pixel size."""
        env: dict[str, Any] = {"docId": footnote_prefix} if footnote_prefix else {}
        tokens = self._md.parse(body, env)
        for token, _parent in _walk(tokens):
            if token.type == "image":
                written = str(token.attrGet("src") or "")
                mapped = image(written)
                if mapped is None:
                    token.attrs.pop("src", None)
                else:
                    token.attrSet("src", mapped)
                    if size := image_size(written):
                        token.attrSet("width", str(size[0]))
                        token.attrSet("height", str(size[1]))
                token.attrSet("loading", "lazy")
            elif token.type == "link_open":
                mapped = link(str(token.attrGet("href") or ""))
                if mapped is None:
                    token.attrs.pop("href", None)
                else:
                    token.attrSet("href", mapped)
                    if mapped.startswith(("http://", "https://")):
                        token.attrSet("rel", "noopener nofollow")
        return str(self._md.renderer.render(tokens, self._md.options, env))


_PLAIN = _parser(html=False)


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in {"text", "code_inline"}:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
        elif child.type == "image":  # its alt text is words a reader sees when it fails
            parts.append(_inline_text(child))
    return "".join(parts)


def plain_text(body: str) -> str:
    """The words of a body without markup, one block (paragraph, heading, cell) a line."""
    lines = (_inline_text(token) for token in _PLAIN.parse(body) if token.type == "inline")
    return "\n".join(line for line in lines if line.strip())
