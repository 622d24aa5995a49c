"""schema.org structured data (JSON-LD) for each page, as search engines read it.

People are `Person`, collectives `Organization`, stories `NewsArticle` about their
subjects, the home page the `WebSite` with its search; listings and overviews carry their
`BreadcrumbList`. Profiles and stories (120,000 pages of a national site) do not: their
trail is their address (`/ca-nhan/<id>/`), which search engines show as it is, and the list
cost 400 bytes on each. The JSON is written so that no contributor's text can end
the `<script>` element it sits in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.index import Index, Record, Story
from generator.models import Award, Person, Source
from generator.site import urls
from generator.site.opendata import datasets, zipped
from generator.site.pages import Page, province_title

CONTEXT = "https://schema.org"
SEARCH_PATH = "tim-kiem/?q={search_term_string}"
HEADLINE_LIMIT = 110  # what search engines show of a headline
# Characters that could close the script element or start markup inside it, and the two
# line separators JavaScript parsers once refused inside strings.
# Replaced one by one: `str.translate` with a mapping looks each character up in Python,
# 10 to 40 µs for a profile's JSON, on every page.
_SCRIPT_SAFE = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class SiteFacts:
    """What every page's data names: the site itself, with absolute URLs."""

    url: str  # with a trailing slash
    name: str
    description: str
    logo: str  # absolute URL of a PNG icon
    licence: str = ""  # the open data's licence address, from mkdocs.yml `extra`

    def absolute(self, path: str) -> str:
        return self.url + path


def script_text(data: list[Json]) -> str:
    """JSON for a `<script type="application/ld+json">` element, safe to write raw."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_SAFE:
        text = text.replace(char, escaped)
    return text


def page_data(page: Page, index: Index, site: SiteFacts, image: str) -> list[Json]:
    """The JSON-LD objects for one page; `image` is the page's absolute share image."""
    data: list[Json] = []
    subject = page.subject
    if page.url == urls.HOME:
        data.append(website(site))
    elif isinstance(subject, Record):
        data.append(record_data(subject, site, image if page.image else None))
    elif isinstance(subject, Story):
        data.append(article(subject, index.subjects_of(subject), site, image))
    elif page.url == urls.OPEN_DATA:
        data.extend(open_data(site, index))
    if page.trail and not isinstance(subject, Record | Story):
        data.append(breadcrumbs(page, site))
    return data


def website(site: SiteFacts) -> Json:
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": site.name,
        "description": site.description,
        "url": site.url,
        "inLanguage": "vi",
        "publisher": publisher(site),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": site.absolute(SEARCH_PATH)},
            "query-input": "required name=search_term_string",
        },
    }


def publisher(site: SiteFacts) -> Json:
    return {
        "@type": "Organization",
        "name": site.name,
        "url": site.url,
        "logo": {"@type": "ImageObject", "url": site.logo},
    }


def _award(award: Award) -> str:
    return f"{award.title}, {award.issuer}, {award.year}"


def _source(source: Source) -> Json:
    data: Json = {"@type": "CreativeWork", "name": source.title or source.publisher}
    if source.url:
        data["url"] = source.url
    return data


def reference(record: Record, site: SiteFacts) -> Json:
    """A short mention of a record: its type, name and page."""
    kind = "Person" if record.kind == "person" else "Organization"
    return {"@type": kind, "name": record.name, "url": site.absolute(record.url)}


def record_data(record: Record, site: SiteFacts, image: str | None) -> Json:
    model = record.model
    data: Json = {
        "@context": CONTEXT,
        # No "description": the page's meta description already says it, 300 bytes a page.
        **reference(record, site),
        "address": {
            "@type": "PostalAddress",
            "addressRegion": province_title(record.place.province),
            "addressCountry": "VN",
        },
    }
    if image:
        data["image"] = image
    if model.awards:
        data["award"] = [_award(award) for award in model.awards]
    if model.sources:
        data["subjectOf"] = [_source(source) for source in model.sources]
    if isinstance(model, Person):
        if model.position:
            data["jobTitle"] = model.position
        if model.organization:
            data["worksFor"] = {"@type": "Organization", "name": model.organization}
    elif model.founded:
        data["foundingDate"] = str(model.founded)
    return data


def article(story: Story, subjects: list[Record], site: SiteFacts, image: str) -> Json:
    model = story.model
    published = model.date.isoformat()
    headline = model.title if len(model.title) <= HEADLINE_LIMIT else model.title[:109] + "…"
    author: Json = (
        {"@type": "Person", "name": model.author}
        if model.author
        else {"@type": "Organization", "name": site.name, "url": site.url}
    )
    # What Google's article guidelines use (headline, image, dates, author) and the
    # subjects; not the lead, which the meta description already carries, nor the
    # site-wide publisher, which the home page's WebSite names once.
    return {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": headline,
        "datePublished": published,
        "dateModified": published,
        "inLanguage": "vi",
        "url": site.absolute(story.url),
        "image": [image],
        "author": [author],
        "about": [reference(subject, site) for subject in subjects],
    }


def open_data(site: SiteFacts, index: Index) -> list[Json]:
    """One Dataset per open data file pair, with its CSV and JSON downloads."""
    return [
        {
            "@context": CONTEXT,
            "@type": "Dataset",
            "name": f"{dataset.title} – {site.name}",
            "description": f"{dataset.title} đã đăng trên {site.name}: "
            + ", ".join(column.name for column in dataset.columns)
            + ".",
            "url": site.absolute(urls.OPEN_DATA),
            "inLanguage": "vi",
            **({"license": site.licence} if site.licence else {}),
            "creator": publisher(site),
            "distribution": [
                {
                    "@type": "DataDownload",
                    "encodingFormat": "application/zip" if zipped(rows) else kind,
                    "contentUrl": site.absolute(path),
                }
                for kind, path in (
                    ("text/csv", dataset.csv_path(rows)),
                    ("application/json", dataset.json_path(rows)),
                )
            ],
        }
        for dataset, rows in ((d, len(d.rows(index))) for d in datasets(site.url))
    ]


def breadcrumbs(page: Page, site: SiteFacts) -> Json:
    trail = [*page.trail, (page.url, page.title)]
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": site.absolute(url)}
            for n, (url, name) in enumerate(trail, 1)
        ],
    }
