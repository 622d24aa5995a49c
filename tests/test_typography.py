"""Document numbers and ranges kept on one line, in the book's HTML and the site's bodies."""

from __future__ import annotations

from generator.typography import protect_breaks, protect_text


def test_document_number_and_range_are_kept_whole():
    """`01-KL/TW` and `2016–2020` are wrapped in a no-break span."""
    html = "<p>Kết luận 01-KL/TW, giai đoạn 2016–2020.</p>"
    assert protect_text(html) == (
        '<p>Kết luận <span class="nobr">01-KL/TW</span>, giai đoạn '
        '<span class="nobr">2016–2020</span>.</p>'
    )


def test_spaced_dash_is_tied_to_the_word_before_it():
    """No line opens with the dash of `Thừa Thiên – Huế`."""
    assert protect_text("<p>Thừa Thiên – Huế</p>") == "<p>Thừa Thiên\u00a0– Huế</p>"


def test_markup_and_attributes_are_left_alone():
    """A link's address and class keep their hyphens; only its text changes."""
    html = '<a class="gs-level gs-level--quoc-gia" href="/a-z/b/">05-CT/TW</a>'
    assert protect_text(html) == (
        '<a class="gs-level gs-level--quoc-gia" href="/a-z/b/">'
        '<span class="nobr">05-CT/TW</span></a>'
    )


def test_svg_text_is_untouched_and_the_text_after_it_is_not():
    """A span is not allowed in SVG text; the paragraph after the chart is still kept whole."""
    html = '<svg><text x="1">1–2</text></svg><p>Năm 2021–2025</p>'
    assert protect_text(html) == (
        '<svg><text x="1">1–2</text></svg><p>Năm <span class="nobr">2021–2025</span></p>'
    )


def test_a_long_path_stays_breakable():
    """A run longer than 30 characters would overflow a phone's line, so it may break."""
    html = "<p>tai-lieu/hoc-tap-va-lam-theo-tu-tuong-dao-duc</p>"
    assert protect_text(html) == html


def test_a_whole_document_keeps_its_head():
    """The head's title is not text to lay out, so it is left as written."""
    html = "<html><head><title>01-KL/TW</title></head><body><p>01-KL/TW</p></body></html>"
    assert protect_breaks(html) == (
        '<html><head><title>01-KL/TW</title></head><body><p><span class="nobr">01-KL/TW'
        "</span></p></body></html>"
    )
