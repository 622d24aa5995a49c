"""Footnotes on the page of their call, where WeasyPrint alone moves one overleaf.

A page 100 px high in 10 px lines: a call on the first line, a six-line paragraph, then a
paragraph of which one line would still fit beside the note. Orphans forbid leaving one
line, so WeasyPrint moves the note to the next page to fit two.
"""

from __future__ import annotations

import weasyprint

from generator.book.footnotes import lay_out, misplaced_notes

STYLE = """<style>
@page { size: 200px 120px; margin: 10px; @footnote { margin-top: 2px; } }
html { font-size: 10px; line-height: 10px; }
body { margin: 0; orphans: 2; widows: 2; }
p, h2 { margin: 0; font-size: 10px; }
h2 { break-after: avoid; }
.fn { float: footnote; footnote-policy: line; }
</style>"""


FOUR_LINES = "<br>".join("y" for _ in range(4))


def _html(before_foot: str = "", filler: int = 6, foot: str = "") -> str:
    lines = "<br>".join("x" for _ in range(filler))
    foot = foot or f'<p id="foot">{FOUR_LINES}</p>'
    return f'{STYLE}<p>call<span class="fn">the note</span></p><p>{lines}</p>{before_foot}{foot}'


class CountingHTML(weasyprint.HTML):  # type: ignore[misc]
    renders = 0

    def render(self, *args: object, **kwargs: object) -> weasyprint.Document:
        CountingHTML.renders += 1
        return super().render(*args, **kwargs)


def _page_texts(document: weasyprint.Document) -> list[str]:
    texts = []
    for page in document.pages:
        words = [
            box.text
            for box in page._page_box.descendants()
            if isinstance(getattr(box, "text", None), str)
        ]
        texts.append(" ".join(words))
    return texts


def test_weasyprint_alone_prints_the_note_overleaf() -> None:
    """The case exists upstream: a plain render puts the note of page 1 on page 2."""
    document = weasyprint.HTML(string=_html()).render()
    wrong = misplaced_notes(document)
    assert [(w.call_page, w.note_page) for w in wrong] == [(1, 2)]
    assert wrong[0].foot.get("id") == "foot"


def test_note_stays_with_its_call_and_the_foot_paragraph_moves() -> None:
    """After `lay_out` the note is on page 1 and the paragraph that took its room opens page 2."""
    document = lay_out(weasyprint.HTML(string=_html()))
    assert misplaced_notes(document) == []
    first, second = _page_texts(document)[:2]
    assert "the note" in first and "call" in first
    assert "y" not in first.split() and second.split()[0] == "y"


def test_headings_leading_into_the_moved_paragraph_move_with_it() -> None:
    """A heading before the moved paragraph goes with it, never stranded at the page foot."""
    html = _html("<h2>Heading</h2>", filler=5)  # the heading takes the sixth line
    assert misplaced_notes(weasyprint.HTML(string=html).render())
    document = lay_out(weasyprint.HTML(string=html))
    assert misplaced_notes(document) == []
    first, second = _page_texts(document)[:2]
    assert "the note" in first and "Heading" not in first
    assert second.startswith("Heading")


def test_a_table_at_the_page_foot_moves_whole() -> None:
    """When the line at the foot is in a table cell, the table starts the next page."""
    html = _html(foot=f"<table><tr><td>{FOUR_LINES}</td></tr></table>")
    assert misplaced_notes(weasyprint.HTML(string=html).render())
    document = lay_out(weasyprint.HTML(string=html))
    assert misplaced_notes(document) == []
    first, second = _page_texts(document)[:2]
    assert "the note" in first and "y" not in first.split()
    assert second.split()[0] == "y"


def test_no_second_layout_when_every_note_is_in_place() -> None:
    """A book whose notes all sit with their calls is laid out once; a misplaced one twice."""
    CountingHTML.renders = 0
    lay_out(CountingHTML(string=f'{STYLE}<p>call<span class="fn">the note</span></p><p>x</p>'))
    assert CountingHTML.renders == 1
    CountingHTML.renders = 0
    lay_out(CountingHTML(string=_html()))
    assert CountingHTML.renders == 2
