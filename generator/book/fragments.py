"""Markdown of the book → HTML fragments, shaped for print or for an EPUB.

The shared `Renderer` gives safe XHTML with footnotes collected at the end. Print wants each
note at its call site (`float: footnote` puts it at the foot of that page); an EPUB keeps
them as end notes with links both ways. Both get body headings demoted under the entry's
own, and a picture alone in a paragraph becomes a figure whose caption is its alt text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape

from markupsafe import Markup

from generator.book.document import Markdown
from generator.book.errors import BookError
from generator.links import LinkProblem, content_link, source_path
from generator.markdown import Renderer

Footnotes = Literal["inline", "endnotes"]
_HEADING_SHIFT = {"h1": "h4", "h2": "h4", "h3": "h5", "h4": "h6", "h5": "h6", "h6": "h6"}
_KEEP_SCHEMES = ("http://", "https://", "mailto:", "tel:")


@dataclass(frozen=True, slots=True)
class Media:
    """How one output names things: an image under `content/`, and an anchor in the book."""

    image: Callable[[str], str]
    anchor: Callable[[str], str]
    footnotes: Footnotes
    method: Literal["html", "xml"]  # HTML for WeasyPrint's parser, XML for EPUB's XHTML


class Fragments:
    def __init__(self, root: Path, story_anchors: Mapping[str, str], media: Media) -> None:
        self.root = root
        self.story_anchors = story_anchors  # story id → anchor of its full printing
        self.media = media
        self.renderer = Renderer()

    def render(self, markdown: Markdown) -> Markup:
        html = self.renderer.render(
            markdown.text,
            image=lambda src: self._image(markdown.source, src),
            link=lambda href: self._link(markdown.source, href),
            footnote_prefix=markdown.footnote_prefix,
        )
        try:
            wrapper = ET.fromstring(f"<div>{html}</div>")
        except ET.ParseError as error:  # the Renderer's output is XHTML; this is a bug guard
            raise BookError(f"không dựng được nội dung của `{markdown.source}`: {error}") from error
        _reshape(wrapper)
        if self.media.footnotes == "inline":
            _inline_footnotes(wrapper)
        else:
            _epub_notes(wrapper)
        return Markup(_serialize(wrapper, self.media.method))

    def _image(self, source: Path, src: str) -> str | None:
        rel = content_path(self.root, source, src)
        return None if rel is None else self.media.image(rel)

    def _link(self, source: Path, href: str) -> str | None:
        if href.startswith(_KEEP_SCHEMES):
            return href
        rel = content_path(self.root, source, href.split("#", 1)[0])
        if rel is not None and rel.startswith("stories/") and rel.endswith(".md"):
            anchor = self.story_anchors.get(rel.removeprefix("stories/").removesuffix(".md"))
            if anchor is not None:
                return self.media.anchor(anchor)
        # Pages of the website or stories left out of the book have no place to point to.
        return None


def content_path(root: Path, source: Path, target: str) -> str | None:
    """`../images/x.jpg` written in `source` → `images/x.jpg` under `root`; None if outside."""
    try:
        return content_link(target, source_path(root, source)).path
    except LinkProblem:
        return None


def _reshape(wrapper: ET.Element) -> None:
    parents = {child: parent for parent in wrapper.iter() for child in parent}
    for element in list(wrapper.iter()):
        if element.tag in _HEADING_SHIFT:
            element.tag = _HEADING_SHIFT[element.tag]
        elif element.tag == "img":
            element.attrib.pop("loading", None)
            if element.get("src") is None:
                _drop(element, parents)
        elif element.tag == "p" and _only_image(element):
            image = element[0]
            element.tag = "figure"
            element.attrib["class"] = "figure"
            if image.get("alt"):
                caption = ET.SubElement(element, "figcaption")
                caption.text = image.get("alt")


def _only_image(paragraph: ET.Element) -> bool:
    return (
        len(paragraph) == 1
        and paragraph[0].tag == "img"
        and not (paragraph.text or "").strip()
        and not (paragraph[0].tail or "").strip()
    )


def _inline_footnotes(wrapper: ET.Element) -> None:
    parents = {child: parent for parent in wrapper.iter() for child in parent}
    notes = {li.get("id"): li for li in wrapper.iter("li") if li.get("class") == "footnote-item"}
    for call in [s for s in wrapper.iter("sup") if s.get("class") == "footnote-ref"]:
        link = call.find("a")
        note = notes.get((link.get("href") or "")[1:]) if link is not None else None
        if note is None:
            continue
        span = ET.Element("span", {"class": "footnote"})
        _copy_note(note, span)
        span.tail = call.tail
        parent = parents[call]
        parent[list(parent).index(call)] = span
    for element in list(wrapper):
        if element.get("class") in {"footnotes-sep", "footnotes"}:
            wrapper.remove(element)


def _epub_notes(wrapper: ET.Element) -> None:
    """EPUB 3 notes: calls are `noteref` links, each note an `aside` a reader shows as a pop-up."""
    for call in [s for s in wrapper.iter("sup") if s.get("class") == "footnote-ref"]:
        link = call.find("a")
        if link is not None:
            link.set("epub:type", "noteref")
            link.set("role", "doc-noteref")
            link.text = (link.text or "").strip("[]")
    for position, element in reversed(list(enumerate(wrapper))):
        if element.get("class") == "footnotes-sep":
            wrapper.remove(element)
        elif element.get("class") == "footnotes":
            wrapper.remove(element)
            for offset, item in enumerate(element.iter("li")):
                aside = ET.Element(
                    "aside",
                    {"id": item.get("id", ""), "epub:type": "footnote", "role": "doc-footnote"},
                )
                aside.set("class", "note")
                aside.extend(list(item))
                for back in aside.iter("a"):
                    if back.get("class") == "footnote-backref":
                        back.set("role", "doc-backlink")
                        back.set("aria-label", "Quay lại chỗ gọi chú thích")
                wrapper.insert(position + offset, aside)


def _copy_note(note: ET.Element, span: ET.Element) -> None:
    """The note's paragraphs, without the back link, run together inside one span."""
    for index, paragraph in enumerate(note):
        if index:
            ET.SubElement(span, "br")
        clone = ET.SubElement(span, "span")
        clone.text = paragraph.text
        for child in list(paragraph):
            if child.get("class") != "footnote-backref":
                clone.append(child)
            elif child.tail and child.tail.strip():
                clone.text = (clone.text or "") + child.tail
        _strip_end(clone)


def _strip_end(element: ET.Element) -> None:
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "").rstrip() or None
    else:
        element.text = (element.text or "").rstrip()


def _drop(element: ET.Element, parents: Mapping[ET.Element, ET.Element]) -> None:
    parent = parents[element]
    if element.tail:
        siblings = list(parent)
        position = siblings.index(element)
        if position:
            previous = siblings[position - 1]
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _serialize(wrapper: ET.Element, method: Literal["html", "xml"]) -> str:
    head = escape(wrapper.text or "")
    return head + "".join(
        ET.tostring(child, encoding="unicode", method=method) for child in wrapper
    )
