"""Minified HTML: the site's pages without the whitespace and optional syntax a browser skips.

minify-html (a maintained Rust minifier) drops indentation, optional closing tags and
quotes that HTML does not need, keeping the document valid and its text unchanged. CSS and
JavaScript are left as they are: the theme's are minified already, and the page bodies
carry none.
"""

from __future__ import annotations

import minify_html


def minify(html: str) -> str:
    """A whole page, or a fragment of complete elements (a page body)."""
    result: str = minify_html.minify(html, keep_closing_tags=False)
    return result
