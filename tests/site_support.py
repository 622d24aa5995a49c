"""Helpers for the website tests: build once, read pages back."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import markdown

from generator.mkdocs_adapter import build_site
from generator.pipeline import Outcome

REPO = Path(__file__).resolve().parent.parent
SITE_EXTRA = Path(__file__).parent / "fixtures" / "site_extra"
SITE_URL = "https://guongsang.test/"


@dataclass
class Html:
    """A built page: its source, every tag with its attributes, and its visible text."""

    source: str
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    title: str = ""
    text: str = ""

    def meta(self, key: str) -> str | None:
        for tag, attrs in self.tags:
            if tag == "meta" and key in (attrs.get("property"), attrs.get("name")):
                return attrs.get("content")
        return None

    def hrefs(self) -> list[str]:
        return [attrs["href"] for tag, attrs in self.tags if tag == "a" and "href" in attrs]

    def urls(self) -> list[str]:
        """Every href and src on the page."""
        return [
            value
            for _tag, attrs in self.tags
            for key, value in attrs.items()
            if key in {"href", "src"} and value
        ]


class _Reader(HTMLParser):
    def __init__(self, page: Html) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.in_title = False
        self.skip = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.tags.append((tag, {k: v or "" for k, v in attrs}))
        self.in_title = tag == "title"
        if tag in {"script", "style"}:
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        self.in_title = False
        if tag in {"script", "style"}:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.page.title += data
        elif not self.skip:
            self.text.append(data)


def read_html(path: Path) -> Html:
    page = Html(path.read_text(encoding="utf-8"))
    reader = _Reader(page)
    reader.feed(page.source)
    page.text = " ".join("".join(reader.text).split())
    return page


@dataclass
class BuiltSite:
    out: Path
    content: Path
    outcome: Outcome
    markdown_sources: list[str]

    def file(self, url: str) -> Path:
        path = self.out / url
        return path / "index.html" if url == "" or url.endswith("/") else path

    def page(self, url: str) -> Html:
        return read_html(self.file(url))

    def html_files(self) -> list[Path]:
        """The site's pages: not the standalone browser editor under /quan-tri/."""
        admin = self.out / "quan-tri"
        return sorted(p for p in self.out.rglob("*.html") if not p.is_relative_to(admin))


def sample_with_extras(target: Path) -> Path:
    """The bundled sample content plus the test records in fixtures/site_extra."""
    shutil.copytree(REPO / "content", target)
    shutil.copytree(SITE_EXTRA, target, dirs_exist_ok=True)
    return target


def build_sample(root: Path, extra: Path | None = None) -> BuiltSite:
    """Build the sample content with the test records, and `extra`'s files if given."""
    content = sample_with_extras(root / "content")
    if extra is not None:
        shutil.copytree(extra, content, dirs_exist_ok=True)
    out = root / "site"
    seen: list[str] = []
    convert = markdown.Markdown.convert

    def spy(self: markdown.Markdown, source: str) -> str:
        seen.append(source)
        return convert(self, source)

    with mock.patch.object(markdown.Markdown, "convert", spy):
        outcome = build_site(
            config_file=REPO / "mkdocs.yml", content=content, out=out, site_url=SITE_URL
        )
    return BuiltSite(out, content, outcome, seen)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on a free local port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
