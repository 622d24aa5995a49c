"""Footnotes kept on the page of their call, where WeasyPrint moved one to the next page.

WeasyPrint 70 lays a footnote out with its call and then, when a later paragraph at the
foot of the same page cannot break where it overflows (orphans, widows), moves the page's
footnotes to the next page to fit one more line of that paragraph; `footnote-policy` is not
consulted there. A reader then finds the note overleaf.

After layout the pages are read: each call and each note know their page. For a note
printed after its call's page, the paragraph at the foot of that page (the one that took
the note's room) starts the next page instead, with the headings that lead into it, and
the book is laid out again. Everything before that paragraph lays out as before, so the
note stays where its call is. Nothing is laid out twice when no note is misplaced.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import weasyprint
from weasyprint.formatting_structure.boxes import Box, FootnoteAreaBox, LineBox, ParentBox

log = logging.getLogger("guongsang.book")

MAX_PASSES = 4  # each pass settles one page; more would mean the fix itself moves notes
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass(frozen=True, slots=True)
class Misplaced:
    call_page: int  # 1-based
    note_page: int
    foot: Any  # the element of the paragraph at the foot of the call's page


def lay_out(html: weasyprint.HTML) -> weasyprint.Document:
    """`html` laid out, again if needed so that every footnote sits on its call's page."""
    document = html.render()
    moved: set[int] = set()
    wrong = misplaced_notes(document)
    for _ in range(MAX_PASSES):
        # A paragraph already moved that is again at the foot (a forced break WeasyPrint
        # ignores, as in a table cell): another layout would change nothing.
        fresh = [note for note in wrong if id(note.foot) not in moved]
        if not fresh:
            break
        parents = {child: parent for parent in html.etree_element.iter() for child in parent}
        for note in fresh:
            moved.add(id(note.foot))
            _start_page_at(note.foot, parents)
        document = html.render()
        wrong = misplaced_notes(document)
    for note in wrong:
        log.warning(
            "Chú thích của trang %d in sang trang %d; hãy rút gọn đoạn văn ở cuối trang %d.",
            note.call_page,
            note.note_page,
            note.call_page,
        )
    return document


def misplaced_notes(document: weasyprint.Document) -> list[Misplaced]:
    """Footnotes printed on a later page than their call, one per call page."""
    calls: dict[int, int] = {}
    notes: dict[int, int] = {}
    # WeasyPrint's page boxes: the laid-out tree, where calls and notes know their page.
    boxes = [page._page_box for page in document.pages]
    for number, page in enumerate(boxes, 1):
        for child in page.children:
            if isinstance(child, FootnoteAreaBox):
                notes.update((id(note.element), number) for note in child.children)
            elif not _is_margin(child):
                calls.update(
                    (id(box.footnote.element), number)
                    for box in child.descendants()
                    if box.footnote is not None
                )
    wrong: dict[int, Misplaced] = {}
    for element, call_page in calls.items():
        note_page = notes.get(element, call_page)
        if note_page != call_page and call_page not in wrong:
            foot = _foot_paragraph(boxes[call_page - 1])
            if foot is not None:
                wrong[call_page] = Misplaced(call_page, note_page, foot)
    return list(wrong.values())


def _is_margin(box: Box) -> bool:
    return type(box).__name__ == "MarginBox"


def _lines(box: Box, parent: Box | None) -> Iterator[tuple[LineBox, Box | None]]:
    """Every line of the main flow with the block that holds it, skipping what is fixed or
    absolutely placed (a draft mark is repeated on every page)."""
    if box.style["position"] in ("absolute", "fixed"):
        return
    if isinstance(box, LineBox):
        yield box, parent
        return
    if isinstance(box, ParentBox):
        for child in box.children:
            yield from _lines(child, box)


def _foot_paragraph(page: Box) -> Any:
    """The element of the block whose line is lowest on the page's main flow."""
    root = next(child for child in page.children if not _is_margin(child))
    lowest: tuple[float, Any] | None = None
    for line, block in _lines(root, None):
        bottom = line.position_y + line.height
        element = None if block is None else block.element
        if element is not None and (lowest is None or bottom >= lowest[0]):
            lowest = (bottom, element)
    return None if lowest is None else lowest[1]


def _start_page_at(element: Any, parents: dict[Any, Any]) -> None:
    """Make `element` (or the headings right before it) begin a page; in a table, the table,
    as a break inside a cell is not one WeasyPrint makes."""
    target = element
    ancestor = parents.get(element)
    while ancestor is not None:
        if _tag(ancestor) == "table":
            target = ancestor
        ancestor = parents.get(ancestor)
    parent = parents.get(target)
    if parent is not None:
        siblings = list(parent)
        index = siblings.index(target)
        while index > 0 and _tag(siblings[index - 1]) in _HEADINGS:
            index -= 1
        target = siblings[index]
    style = (target.get("style") or "").strip().rstrip(";")
    target.set("style", f"{style}; break-before: page" if style else "break-before: page")


def _tag(element: Any) -> str:
    tag = str(element.tag)
    return tag.rsplit("}", 1)[-1].lower()
