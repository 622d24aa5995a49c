"""Fast paths of the loader and validator take the same decisions as the slow paths they skip.

Each test compares a shortcut with the work it avoids on generated input. CI runs a fixed
sequence of examples; `GUONGSANG_FUZZ=<count>` explores that many fresh ones per test.
"""

from __future__ import annotations

import re
from typing import Any
from unittest.mock import patch

from hypothesis import example, given
from hypothesis import strategies as st

from generator import strict_yaml
from generator.markdown import _CHECKER, _walk, may_link_or_html
from generator.models import _any_blank, _blank
from generator.places.tables import load_tables
from generator.strict_yaml import parse_yaml
from generator.vietnamese import _GLIDES, _OLD_STYLE_GLIDE, nfc, standard_tone_style
from tests.property_support import property_settings

SETTINGS = property_settings(200)
GLIDE_TEXT = "oOuUqQaeyAEYàáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴhnt "
# Everything Markdown gives a meaning to, except the two characters the fast path looks for.
MARKDOWN_TEXT = "ab đệ1\n\n\t]()!*_`~\\&#;:/.-=+|^>@'\"%?{}hxtpsmailo"
YAML_TEXT = "ab đệ :-#&*!|>'\"{}[],%@`\t\n“”‘’«»「」"


@SETTINGS
@given(st.text(alphabet=GLIDE_TEXT, max_size=40))
@example("hoà thuỷ khoẻ HOÀ quý quỳ hoàn thuyền")
def test_tone_style_pattern_matches_the_alternation_of_all_glides(text: str) -> None:
    """The per-letter character classes replace exactly what the 60-way alternation did."""
    alternation = re.compile(
        r"(?<![qQ])(?:" + "|".join(sorted(_GLIDES, key=len, reverse=True)) + r")(?!\w)"
    )
    expected = alternation.sub(lambda m: _GLIDES[m.group(0)], text)
    assert standard_tone_style(text) == expected
    assert all(_OLD_STYLE_GLIDE.fullmatch(old) for old in _GLIDES)


@SETTINGS
@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=40))
def test_ascii_text_is_left_alone_by_the_loader_cleanup(text: str) -> None:
    """ASCII text is already NFC and has no old tone spelling, so the loader may skip both."""
    assert text.isascii()
    assert standard_tone_style(nfc(text)) == text
    assert not any(old.isascii() for old in _GLIDES)


@SETTINGS
@given(st.text(alphabet=MARKDOWN_TEXT, max_size=80))
@example("foo](javascript:x) <b> ![a](b)")
@example("http://a.vn www.a.vn mailto:a@b.vn &lt;b&gt; &#91;a&#93;(x)")
def test_a_body_without_brackets_or_angles_has_no_link_image_or_html(body: str) -> None:
    """Bodies `may_link_or_html` lets skip the parser give it nothing `scan_body` reports."""
    if may_link_or_html(body):
        return
    kinds = {token.type for token, _ in _walk(_CHECKER.parse(body))}
    assert not kinds & {"html_block", "html_inline", "image", "link_open"}


def _parsed(text: str) -> tuple[Any, ...]:
    doc = parse_yaml(text)
    return doc.data, doc.problems, doc.warnings, doc.key_positions, doc.value_positions


@SETTINGS
@given(st.text(alphabet=YAML_TEXT, max_size=60))
@example("name: a # b\nsummary: “x”\n")
@example("name: “x”")
def test_plain_value_checks_skipped_only_where_they_cannot_warn(text: str) -> None:
    """Skipping the ` #` and curly-quote checks for a file without `#` or curly quotes
    gives the same data, problems and warnings as checking every plain value."""
    fast = _parsed(text)
    with patch.object(strict_yaml, "_may_warn", lambda _text: True):
        assert _parsed(text) == fast


values = st.recursive(
    st.one_of(st.none(), st.text(alphabet=" \t\na", max_size=3), st.integers(0, 2)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from("abc"), inner, max_size=3)
    ),
    max_leaves=8,
)


@SETTINGS
@given(st.lists(values, max_size=5))
def test_any_blank_is_any_of_blank(items: list[Any]) -> None:
    """The loop that spares a call per value finds a blank value exactly when one is there."""
    assert _any_blank(items) == any(_blank(v) for v in items)


def test_wards_taken_in_from_an_old_province_are_those_a_scan_finds() -> None:
    """The by-province index of the converter gives each old province the targets that a
    scan of every old commune key for its prefix gives."""
    tables = load_tables()
    for legacy_key in tables.old_provinces:
        prefix = legacy_key + "_"
        scanned = {t for old, t in tables.old_to_new.items() if old.startswith(prefix)}
        assert tables._targets_from(legacy_key) == scanned
