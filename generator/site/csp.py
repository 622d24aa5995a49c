"""The site's Content-Security-Policy, in one place (docs/security.md explains it).

Every page carries the full policy in a `<meta http-equiv>` tag, first in its head
(theme/main.html writes `SITE_POLICY`; `with_hashes` then fills in the page's own inline
scripts and styles — none in a built page; in the preview, MkDocs' live-reload script and
the error banner — by their SHA-256, so nothing inline runs unless the build wrote it). No
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

# Every fetch (scripts, styles, fonts, the search index) falls back to default-src 'self';
# only images also come from data: URLs (the stylesheets' icons). A directive equal to
# default-src is left out: the policy is on each of 130,000 pages of a national site.
# script-src and style-src appear only on a page with inline code, to list its hashes.
_SITE = (
    ("default-src", "'self'"),
    ("img-src", "'self' data:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
_INLINE_DEFAULT = "'self'"
_HEADER = (
    ("frame-ancestors", "'none'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
Directives = tuple[tuple[str, str], ...]


def policy(directives: Directives, extra: dict[str, list[str]] | None = None) -> str:
    """The policy text: each directive with its sources, plus `extra` directives (hashes
    of inline code), each of which also allows the site's own files."""
    named = list(directives)
    named += [
        (name, " ".join([_INLINE_DEFAULT, *hashes]))
        for name, hashes in (extra or {}).items()
        if hashes
    ]
    return "; ".join(f"{name} {value}" for name, value in named)


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
