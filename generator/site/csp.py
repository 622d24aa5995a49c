"""The site's Content-Security-Policy, in one place (docs/security.md explains it).

Every page carries the full policy in a `<meta http-equiv>` tag, first in its head
(theme/main.html writes `SITE_POLICY`; `with_hashes` then fills in the page's own inline
scripts and styles — Material's few bootstrap lines, and in the preview MkDocs' live-reload
script — by their SHA-256, so nothing inline runs unless it was written by the build). No
`'unsafe-inline'`, no `'unsafe-eval'`, nothing from another host.

What a meta tag cannot carry (`frame-ancestors`) and a few companion headers go into the
`_headers` file (Netlify, Cloudflare Pages) and the server snippets of docs/security.md.
That header policy has no fetch directive, so it never conflicts with the meta policy of
a page, and the browser editor at `/quan-tri/` works under it too: a standalone page whose
own, looser policy (Decap CMS needs `'unsafe-eval'` and injected styles) is written by
`generator.cms.page.content_security_policy`.
"""

from __future__ import annotations

import base64
import hashlib
import re

__all__ = [
    "HEADERS_FILE",
    "HEADER_POLICY",
    "MARKER_ATTRIBUTE",
    "SITE_POLICY",
    "headers_file",
    "policy",
    "with_hashes",
]

# Fetch directives are what each page kind needs: the search page fetches its index from
# the site (connect-src); Material's stylesheets draw icons from data: URLs (img-src).
_SITE = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
_HEADER = (
    ("frame-ancestors", "'none'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
Directives = tuple[tuple[str, str], ...]


def policy(directives: Directives, extra: dict[str, list[str]] | None = None) -> str:
    """The policy text: each directive with its sources, plus any `extra` ones (hashes)."""
    extra = extra or {}
    return "; ".join(" ".join([name, value, *extra.get(name, [])]) for name, value in directives)


SITE_POLICY = policy(_SITE)
HEADER_POLICY = policy(_HEADER)

HEADERS_FILE = "_headers"
_COMPANIONS = (
    ("Content-Security-Policy", HEADER_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)

# The theme's tag, found by its marker attribute however a minifier quoted it; the editors'
# page (/quan-tri/) has a policy of its own, without the marker, and is left alone.
MARKER_ATTRIBUTE = "data-guongsang-csp"
_META = re.compile(rb"<meta\b[^>]*\s" + MARKER_ATTRIBUTE.encode() + rb"\b[^>]*>", re.IGNORECASE)
_INLINE = {
    "script-src": re.compile(rb"<script\b(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I),
    "style-src": re.compile(rb"<style\b[^>]*>(.*?)</style>", re.S | re.I),
}


def _digest(code: bytes) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code).digest()).decode() + "'"


def with_hashes(page: bytes) -> bytes:
    """`page` with its CSP meta tag allowing exactly its inline scripts and styles."""
    if not _META.search(page):
        return page
    extra = {
        directive: sorted({_digest(code) for code in pattern.findall(page)})
        for directive, pattern in _INLINE.items()
    }
    tag = (
        f'<meta http-equiv="Content-Security-Policy" content="{policy(_SITE, extra)}" '
        f"{MARKER_ATTRIBUTE}>"
    )
    return _META.sub(lambda _match: tag.encode(), page, count=1)


def headers_file() -> str:
    """`_headers` for hosts that read one (Netlify, Cloudflare Pages): every path."""
    lines = ["/*", *(f"  {name}: {value}" for name, value in _COMPANIONS)]
    return "\n".join(lines) + "\n"
