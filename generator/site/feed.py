"""Atom feed of the latest stories, and the sitemap: XML written with ElementTree so that
every name and title is escaped."""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape as xml_escape

from generator.index import Story
from generator.site.urls import absolute

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_SIZE = 20
SITEMAP_LIMIT = 50_000  # URLs per sitemap file (sitemaps.org)


def _timestamp(day: date) -> str:
    # Stories carry a date only; noon in Vietnam (UTC+7) keeps the day the same everywhere.
    return datetime.combine(day, time(5, 0), tzinfo=UTC).isoformat().replace("+00:00", "Z")


def atom_feed(
    stories: Sequence[Story], *, site_url: str, site_name: str, subtitle: str, feed_url: str
) -> bytes:
    """The newest `FEED_SIZE` stories (the Index keeps them newest first)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "vi"})

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    latest = stories[:FEED_SIZE]
    sub(feed, "id", site_url)
    sub(feed, "title", site_name)
    sub(feed, "subtitle", subtitle)
    sub(feed, "link", href=site_url)
    sub(feed, "link", rel="self", href=feed_url)
    updated = max((s.model.date for s in latest), default=date(2000, 1, 1))
    sub(feed, "updated", _timestamp(updated))
    author = sub(feed, "author")
    sub(author, "name", site_name)
    for story in latest:
        link = absolute(site_url, story.url)
        entry = sub(feed, "entry")
        sub(entry, "id", link)
        sub(entry, "title", story.title)
        sub(entry, "link", href=link)
        sub(entry, "updated", _timestamp(story.model.date))
        sub(entry, "published", _timestamp(story.model.date))
        if story.model.author:
            sub(sub(entry, "author"), "name", story.model.author)
        sub(entry, "summary", story.model.lead)
    return _document(feed)


def sitemaps(urls: Iterable[tuple[str, date | None] | str], *, site_url: str) -> dict[str, bytes]:
    """File name → XML: one `sitemap.xml`, which becomes an index of parts past 50,000 URLs.

    Each URL may come with the date of the newest content it shows, its `<lastmod>`. The
    parts of a split sitemap are gzipped, as sitemaps.org allows: at 100,000 records they
    are 13 MB of the 1 GB a free static host accepts, and well under 1 MB gzipped.
    """
    ET.register_namespace("", SITEMAP)
    everything = [
        (absolute(site_url, url), None)
        if isinstance(url, str)
        else (absolute(site_url, url[0]), url[1])
        for url in urls
    ]
    chunks = [
        everything[start : start + SITEMAP_LIMIT]
        for start in range(0, len(everything), SITEMAP_LIMIT)
    ] or [[]]

    def urlset(chunk: list[tuple[str, date | None]]) -> bytes:
        # Plain string joining: a national site lists 120,000 URLs, and an element tree of
        # them costs most of a preview rebuild.
        entries = "".join(
            f"<url><loc>{xml_escape(location)}</loc>"
            + (f"<lastmod>{day.isoformat()}</lastmod>" if day else "")
            + "</url>"
            for location, day in chunk
        )
        body = f'<urlset xmlns="{SITEMAP}">{entries}</urlset>'
        return b'<?xml version="1.0" encoding="utf-8"?>\n' + body.encode("utf-8")

    if len(chunks) == 1:
        return {"sitemap.xml": urlset(chunks[0])}
    files = {
        f"sitemap-{n}.xml.gz": gzip.compress(urlset(chunk), mtime=0)
        for n, chunk in enumerate(chunks, 1)
    }
    index = ET.Element(f"{{{SITEMAP}}}sitemapindex")
    for name in files:
        ET.SubElement(
            ET.SubElement(index, f"{{{SITEMAP}}}sitemap"), f"{{{SITEMAP}}}loc"
        ).text = absolute(site_url, name)
    return {"sitemap.xml": _document(index), **files}


def _document(root: ET.Element) -> bytes:
    body: bytes = ET.tostring(root, encoding="unicode").encode("utf-8")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body
