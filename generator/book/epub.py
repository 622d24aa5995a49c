"""The assembled book → an EPUB 3 that epubcheck passes without errors or warnings.

One XHTML file per entry keeps files small for reading systems; the index links to the
entries instead of printing page numbers. The archive is reproducible: `mimetype` first and
stored, then every file in a fixed order with the build time as its timestamp.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from generator.book.document import BookDocument, Entry, Markdown, Part
from generator.book.epub_cover import cover_png
from generator.book.errors import BookError
from generator.book.fragments import Fragments, Media
from generator.book.html import THEME_DIR, environment, iso_time
from generator.images import clean_bytes

_MEDIA_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
_XHTML = "application/xhtml+xml"
_ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)  # the earliest time a zip entry can carry


@dataclass(frozen=True, slots=True)
class _Item:
    id: str
    href: str  # relative to OEBPS/
    media_type: str
    properties: str = ""


@dataclass(frozen=True, slots=True)
class _Page:
    name: str  # file name under OEBPS/text/
    title: str
    kind: str
    part: Part | None = None
    entry: Entry | None = None


def build_epub(
    document: BookDocument,
    root: Path,
    built: datetime,
    print_pages: Mapping[str, int] | None = None,
    theme: Path = THEME_DIR,
) -> bytes:
    """The EPUB; `print_pages` (anchor → page of the printed interior) gives its page-list."""
    return _EpubBuilder(document, root, theme, print_pages or {}).build(built)


class _EpubBuilder:
    def __init__(
        self, document: BookDocument, root: Path, theme: Path, print_pages: Mapping[str, int]
    ) -> None:
        self.doc = document
        self.print_pages = print_pages
        self.root = root.resolve()
        self.theme = theme
        self.env = environment(theme)
        self.pages = self._pages()
        self.files = self._anchor_files()
        self.images: dict[str, str] = {}  # path under content/ → href under OEBPS/
        media = Media(image=self._image, anchor=self.href, footnotes="endnotes", method="xml")
        self.fragments = Fragments(root, document.story_anchors(), media)

    def _pages(self) -> list[_Page]:
        doc = self.doc
        pages = [
            _Page("cover.xhtml", "Bìa", "cover"),
            _Page("title.xhtml", doc.book.title, "title-page"),
        ]
        if doc.foreword is not None:
            pages.append(_Page("loi-gioi-thieu.xhtml", "Lời giới thiệu", "foreword"))
        pages.append(_Page("nav.xhtml", "Mục lục", "nav"))
        for part in doc.parts:
            pages.append(_Page(f"{part.anchor}.xhtml", part.title, "part", part=part))
            pages.extend(
                _Page(f"{entry.anchor}.xhtml", entry.title, "entry", entry=entry)
                for entry in part.entries
            )
        pages += [
            _Page("chi-muc-ten-nguoi.xhtml", "Chỉ mục tên người", "people-index"),
            _Page("chi-muc-dia-danh.xhtml", "Chỉ mục địa danh", "place-index"),
            _Page("thong-tin-xuat-ban.xhtml", "Thông tin xuất bản", "colophon"),
        ]
        return pages

    def _anchor_files(self) -> dict[str, str]:
        files = {
            "loi-gioi-thieu": "loi-gioi-thieu.xhtml",
            "muc-luc": "nav.xhtml",
            "chi-muc-ten-nguoi": "chi-muc-ten-nguoi.xhtml",
            "chi-muc-dia-danh": "chi-muc-dia-danh.xhtml",
            "thong-tin-xuat-ban": "thong-tin-xuat-ban.xhtml",
        }
        for part in self.doc.parts:
            files[part.anchor] = f"{part.anchor}.xhtml"
            for entry in part.entries:
                files[entry.anchor] = f"{entry.anchor}.xhtml"
                for item in entry.stories:
                    if item.printed_at is None:
                        files[item.anchor] = f"{entry.anchor}.xhtml"
        return files

    def href(self, anchor: str) -> str:
        return f"{self.files[anchor]}#{anchor}"

    def _image(self, rel: str) -> str:
        suffix = Path(rel).suffix.lower()
        # EPUB 3.2 has no WebP among its core media types; such pictures travel as PNG.
        target = rel if suffix in _MEDIA_TYPES else f"{rel}.png"
        self.images[rel] = target
        return f"../{target}"

    def _md(self, markdown: Markdown) -> str:
        return self.fragments.render(markdown)

    def build(self, built: datetime) -> bytes:
        context = {
            "doc": self.doc,
            "book": self.doc.book,
            "medium": "epub",
            "href": self.href,
            "image": self._image,
            "md": self._md,
            "page_list": self.page_list(),
        }
        texts: list[tuple[str, bytes]] = []
        for page in self.pages:
            template = "epub/nav.xhtml" if page.kind == "nav" else "epub/page.xhtml"
            html = self.env.get_template(template).render(
                **context, title=page.title, kind=page.kind, part=page.part, entry=page.entry
            )
            html = self._page_breaks(page.name, html)
            texts.append((f"OEBPS/text/{page.name}", html.encode("utf-8")))
        has_images = bool(self.images)
        images = [
            (f"OEBPS/{href}", self._image_bytes(rel)) for rel, href in sorted(self.images.items())
        ]
        cover = cover_png(self.doc.book)
        css = (self.theme / "epub" / "book.css").read_bytes()

        manifest = [
            _Item("css", "css/book.css", "text/css"),
            _Item("cover-image", "images/cover.png", "image/png", "cover-image"),
            *(
                _Item(_item_id("img", href), href, _MEDIA_TYPES[Path(href).suffix.lower()])
                for _rel, href in sorted(self.images.items())
            ),
        ]
        spine = [
            _Item(
                _item_id("x", page.name),
                f"text/{page.name}",
                _XHTML,
                "nav" if page.kind == "nav" else "",
            )
            for page in self.pages
        ]
        opf = self.env.get_template("epub/package.opf").render(
            book=self.doc.book,
            identifier=self._identifier(),
            isbn=_isbn_digits(self.doc.book.colophon.isbn or ""),
            modified=iso_time(built),
            has_images=has_images,
            page_list=bool(self.print_pages),
            manifest=[*manifest, *spine],
            spine=spine,
        )
        files = [
            ("mimetype", b"application/epub+zip"),
            ("META-INF/container.xml", (self.theme / "epub" / "container.xml").read_bytes()),
            ("OEBPS/content.opf", opf.encode("utf-8")),
            ("OEBPS/css/book.css", css),
            ("OEBPS/images/cover.png", cover),
            *images,
            *texts,
        ]
        return _zip(files, built)

    def _identifier(self) -> str:
        """The EPUB's own identifier: the print ISBN names the paper book, not this file."""
        book = self.doc.book
        name = f"guongsang:{self.doc.id}:{book.title}:{book.year}:epub"
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"

    def _first_anchors(self) -> dict[int, str]:
        """Printed page → the first anchor of the book printed on it that the EPUB carries."""
        first: dict[int, str] = {}
        for anchor, page in sorted(self.print_pages.items(), key=lambda item: item[1]):
            if anchor in self.files and page not in first:
                first[page] = anchor
        return first

    def page_list(self) -> list[tuple[int, str]]:
        """(printed page, href of its page-break marker), for the nav's page-list."""
        return [
            (page, f"{self.files[anchor]}#trang-{page}")
            for page, anchor in sorted(self._first_anchors().items())
        ]

    def _page_breaks(self, name: str, html: str) -> str:
        """A page-break marker of the print edition just before each element it names."""
        for page, anchor in self._first_anchors().items():
            if self.files[anchor] != name:
                continue
            marker = (
                f'<span epub:type="pagebreak" role="doc-pagebreak" id="trang-{page}" '
                f'aria-label="Trang {page} của sách in"></span>'
            )
            html = re.sub(
                rf'(<[a-z0-9]+\b[^>]*\bid="{re.escape(anchor)}"[^>]*>)',
                lambda m: marker + m.group(1),  # noqa: B023  # used at once, in this loop
                html,
                count=1,
            )
        return html

    def _image_bytes(self, rel: str) -> bytes:
        path = (self.root / rel).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise BookError(f"không đọc được ảnh `{rel}` trong `content/`")
        # Re-encoded, never copied: the original may carry EXIF/XMP GPS or text chunks.
        return clean_bytes(path, None if path.suffix.lower() in _MEDIA_TYPES else "PNG")


def _item_id(prefix: str, name: str) -> str:
    return f"{prefix}-{re.sub(r'[^A-Za-z0-9_-]', '-', name)}"


def _isbn_digits(isbn: str) -> str:
    return "".join(c for c in isbn.upper() if c.isdigit() or c == "X")


def _zip(files: list[tuple[str, bytes]], built: datetime) -> bytes:
    moment = max(built.astimezone(UTC), _ZIP_EPOCH)
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3
            info.external_attr = 0o644 << 16
            # The OCF spec wants `mimetype` uncompressed so readers can sniff it at offset 38.
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()
