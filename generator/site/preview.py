"""The live preview while content is invalid: the last good site, under a list of errors.

`mkdocs serve` holds every request while a rebuild has failed, so an editor who saves a
broken file sees a browser that hangs. Instead the preview rebuilds from the last content
that passed (`PreviewStatus.settle`) and every HTML response gets a banner naming each
error as `path:line:col` (`ResponseFilter`, a WSGI wrapper around the preview server).
The next good save rebuilds as usual, and the page reloads without the banner. Before any
good build there is no site: every address then answers with the error page, which
reloads itself every two seconds until the content passes.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.index import Index

__all__ = ["PreviewStatus", "ResponseFilter", "error_banner", "with_banner"]

SHOWN_ERRORS = 50  # more would bury the page; the terminal has them all
BANNER_ID = "gs-loi-xem-truoc"
_BANNER_STYLE = f"""
#{BANNER_ID}{{position:sticky;top:0;z-index:1000;max-height:60vh;overflow:auto;margin:0;
padding:.8rem 1rem;background:#fff4f4;color:#5c0000;border-bottom:3px solid #b00020;
font:15px/1.5 system-ui,sans-serif}}
#{BANNER_ID} h2{{margin:0 0 .3rem;font-size:1.1rem}}
#{BANNER_ID} p{{margin:0 0 .4rem}}
#{BANNER_ID} ul{{margin:0;padding-left:1.2rem}}
#{BANNER_ID} code{{font:13px/1.4 ui-monospace,monospace;overflow-wrap:anywhere}}
""".replace("\n", "")
_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_HEAD = re.compile(rb"<head\b[^>]*>", re.IGNORECASE)


@dataclass(slots=True)
class PreviewStatus:
    """The errors of the latest preview build and the last index that had none."""

    errors: tuple[str, ...] = ()
    has_site: bool = False
    _last_good: dict[str, Index] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def settle(self, key: str, index: Index | None, errors: list[str]) -> Index | None:
        """The index to build from: this one if good, else the last good one (or None)."""
        with self._lock:
            if index is not None:
                self._last_good[key] = index
                self.errors = ()
            else:
                self.errors = tuple(errors)
            chosen = self._last_good.get(key)
            self.has_site = chosen is not None
            return chosen

    def snapshot(self) -> tuple[tuple[str, ...], bool]:
        with self._lock:
            return self.errors, self.has_site


def error_banner(errors: tuple[str, ...], *, has_site: bool) -> str:
    """The banner, in Vietnamese: how many errors, each one, and what happens next."""
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in errors[:SHOWN_ERRORS])
    more = len(errors) - SHOWN_ERRORS
    if more > 0:
        items += (
            f"<li>… và {more} lỗi khác: xem cửa sổ đang chạy <code>guongsang serve</code>.</li>"
        )
    shown = (
        "Trang đang hiện là bản dựng tốt gần nhất; nội dung mới chưa được dựng."
        if has_site
        else "Chưa dựng được trang nào từ nội dung này."
    )
    return (
        f'<style>{_BANNER_STYLE}</style><section id="{BANNER_ID}" role="alert" lang="vi">'
        f"<h2>Nội dung có {len(errors)} lỗi</h2><p>{shown} Sửa các lỗi dưới đây rồi lưu tệp: "
        f"trang sẽ tự tải lại.</p><ul>{items}</ul></section>"
    )


def with_banner(page: bytes, banner: str, *, refresh: bool) -> bytes:
    """`page` with the banner first in its body (and a self-reload for the error page)."""
    encoded = banner.encode()
    body = _BODY.search(page)
    at = body.end() if body else 0
    page = page[:at] + encoded + page[at:]
    if refresh:
        head = _HEAD.search(page)
        at = head.end() if head else 0
        page = page[:at] + b'<meta http-equiv="refresh" content="2">' + page[at:]
    return page


StartResponse = Callable[..., Any]
App = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
PageFilter = Callable[[bytes], bytes]


class ResponseFilter:
    """WSGI: rewrites the preview server's HTML responses (banner, then `page_filter`)."""

    def __init__(self, app: App, status: PreviewStatus, page_filter: PageFilter) -> None:
        self.app = app
        self.status = status
        self.page_filter = page_filter

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        captured: list[Any] = []

        def capture(status: str, headers: list[tuple[str, str]], *exc: Any) -> None:
            captured[:] = [status, headers, *exc]

        body = self.app(environ, capture)
        status, headers = captured[0], captured[1]
        kind = next((v for k, v in headers if k.lower() == "content-type"), "")
        if not kind.startswith("text/html"):
            start_response(*captured)
            return body
        page = b"".join(body)
        close = getattr(body, "close", None)
        if close is not None:
            close()
        errors, has_site = self.status.snapshot()
        if errors:
            page = with_banner(page, error_banner(errors, has_site=has_site), refresh=not has_site)
        page = self.page_filter(page)
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        headers.append(("Content-Length", str(len(page))))
        start_response(status, headers, *captured[2:])
        return [page]
