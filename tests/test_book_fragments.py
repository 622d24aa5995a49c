"""Story Markdown shaped for print (notes at the call site) and for the EPUB (end notes)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Literal

from generator.book.document import Markdown
from generator.book.fragments import Fragments, Media, content_path

ROOT = Path("/srv/content")
STORY = ROOT / "stories" / "bai.md"
BODY = """Mở đầu[^1].

![Lớp học](../images/lop.png)

## Tiêu đề trong bài

Xem [bài khác](khac.md), [trang web](https://example.org/) và [hồ sơ](../people/x.yml).

[^1]: Nguồn *báo* tỉnh.
"""


def _render(footnotes: Literal["inline", "endnotes"]) -> str:
    method: Literal["html", "xml"] = "html" if footnotes == "inline" else "xml"
    media = Media(
        image=lambda rel: f"IMG/{rel}",
        anchor=lambda anchor: f"#{anchor}",
        footnotes=footnotes,
        method=method,
    )
    fragments = Fragments(ROOT, {"khac": "bai-khac"}, media)
    return str(fragments.render(Markdown(BODY, STORY, "bai")))


def test_print_puts_footnote_text_at_its_call_site() -> None:
    """For print the note becomes a `footnote` span where it is called; no end list remains."""
    html = _render("inline")
    assert 'Mở đầu<span class="footnote"><span>Nguồn <em>báo</em> tỉnh.</span></span>.' in html
    assert "footnotes" not in html
    assert "↩" not in html


def test_epub_keeps_end_notes_with_links() -> None:
    """For the EPUB the note stays in a list at the end, linked both ways."""
    html = _render("endnotes")
    assert 'href="#fn-bai-1"' in html
    assert 'id="fn-bai-1"' in html


def test_epub_fragment_is_well_formed_xml() -> None:
    """The EPUB fragment parses as XML inside a page that declares the `epub` prefix."""
    ET.fromstring(f'<div xmlns:epub="http://www.idpf.org/2007/ops">{_render("endnotes")}</div>')


def test_epub_notes_are_noteref_and_footnote_asides() -> None:
    """EPUB calls are `noteref` links and each note is a `footnote` aside (a pop-up)."""
    html = _render("endnotes")
    assert 'epub:type="noteref" role="doc-noteref"' in html
    assert '<aside id="fn-bai-1" epub:type="footnote" role="doc-footnote"' in html
    assert "footnotes-list" not in html


def test_lone_image_becomes_figure_with_caption() -> None:
    """A picture alone in its paragraph becomes a figure captioned by its alt text."""
    html = _render("inline")
    assert '<figure class="figure"><img src="IMG/images/lop.png" alt="Lớp học">' in html
    assert "<figcaption>Lớp học</figcaption>" in html
    assert "loading=" not in html


def test_body_headings_are_demoted_below_entry_headings() -> None:
    """`##` in a story becomes h4, under the entry (h2) and story (h3) titles."""
    assert "<h4>Tiêu đề trong bài</h4>" in _render("inline")


def test_links_to_printed_stories_become_anchors() -> None:
    """A link to a story in the book points at it; web links stay; other files lose the link."""
    html = _render("inline")
    assert '<a href="#bai-khac">bài khác</a>' in html
    assert 'href="https://example.org/"' in html
    assert "hồ sơ" in html
    assert "x.yml" not in html


def test_content_path_stays_inside_content() -> None:
    """Relative targets resolve from the story's folder and may not climb out of content/."""
    assert content_path(ROOT, STORY, "../images/a.png") == "images/a.png"
    assert content_path(ROOT, STORY, "../../etc/passwd") is None
    assert content_path(ROOT, STORY, "https://example.org/a.png") is None
