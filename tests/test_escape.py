"""Contributor text escaped for plain lines, workflow commands and Markdown code spans."""

from __future__ import annotations

import os

import pytest
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from generator.escape import markdown_code, plain, workflow_data, workflow_property
from generator.templates import escape_output


def test_plain_text_is_one_line_with_controls_bidi_and_bad_bytes_visible() -> None:
    """Newlines, tabs, C1 controls, bidi overrides and undecodable bytes become escapes."""
    text = "a\nb\r\tc\x1b[31m\x85\u202ed\u2028" + os.fsdecode(b"\xfe")
    assert plain(text) == "a\\nb\\r\\tc\\x1b[31m\\x85\\u202ed\\u2028\\xfe"
    assert plain("Hoàng Thị Như Thanh") == "Hoàng Thị Như Thanh"


def test_workflow_command_escaping_follows_github_rules() -> None:
    """Data escapes %, CR, LF; properties also escape : and ,."""
    assert workflow_data("50%\r\n::x") == "50%25%0D%0A::x"
    assert workflow_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


@pytest.mark.parametrize(
    "text",
    ["a`b", "``x``", "`", "a | b", "[x](https://e.example) @ai <b>x</b>", " cách ", "x\\|y"],
)
def test_markdown_code_span_shows_the_text_literally(text: str) -> None:
    """Rendered in a GFM table cell, the span shows exactly the text, as code."""
    cell = markdown_code(text, in_table=True)
    html = MarkdownIt("gfm-like").disable("linkify").render(f"| a |\n|---|\n| {cell} |\n")
    rendered = html.split("<td>")[1].split("</td>")[0].replace("&lt;", "<").replace("&gt;", ">")
    assert rendered == f"<code>{text}</code>".replace("&", "&amp;")


def test_markdown_code_of_nothing_is_a_dash() -> None:
    """An empty or blank value shows as a dash, not as a broken span."""
    assert markdown_code("") == markdown_code("  ") == "—"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "Hoàng Thị Như",
        "<script>a & 'b' \"c\"</script>",
        "&amp;&lt;",
        Markup("<b>x</b>"),
        25525,
        None,
    ],
)
def test_template_output_escapes_as_markupsafe_does(value: object) -> None:
    """What a template prints for a value is what markupsafe.escape writes for it."""
    assert escape_output(value) == str(escape(value))
    assert type(escape_output(value)) is str
