"""Property tests: whatever an editor types, the loader ends in a model or errors, never a crash.

CI runs a fixed sequence of examples, so a run's outcome depends on the code alone;
`GUONGSANG_FUZZ=<count>` explores that many fresh random examples per test (as tests/test_fuzz.py).
A failure found that way is kept below as an `@example`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.diagnostics import Report
from generator.load import load_story, load_yaml_record
from generator.models import Book, Collective, Person
from generator.pipeline import run
from tests.property_support import EXPLORE, property_settings

KEYS = [
    "name",
    "summary",
    "place",
    "province",
    "fields",
    "awards",
    "level",
    "year",
    "title",
    "published",
    "photo",
    "file",
    "sources",
    "url",
    "date",
    "subjects",
    "lead",
    "parts",
    "colophon",
    "tên",
    "Đ",
    "<<",
    "?",
    "",
]
VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậđèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
scalars = st.one_of(
    st.text(alphabet=VIETNAMESE + " :-#&*!|>'\"{}[],%@`\t\n", max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.none(),
    st.sampled_from(["no", "on", "012", "12:30", "1.000", "2023-02-30", "~", "javascript:x"]),
)
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), inner, max_size=6),
    ),
    max_leaves=25,
)
SETTINGS = property_settings(
    150,
    deadline=None if EXPLORE else 2000,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _load(tmp_path: Path, name: str, text: str, model: Any) -> tuple[Any, Report]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    report = Report()
    if model is None:
        return load_story(path, report), report
    return load_yaml_record(model, path, report), report


def _assert_model_or_errors(result: Any, report: Report) -> None:
    assert (result is None) == bool(report.errors)
    for diagnostic in report.diagnostics:
        assert diagnostic.position.line >= 1
        assert diagnostic.position.col >= 1
        assert diagnostic.message


@SETTINGS
@given(st.text(max_size=300))
def test_random_text_as_record_never_crashes(tmp_path: Path, text: str) -> None:
    """Any text in a person file gives a person or positioned errors."""
    result, report = _load(tmp_path, "nguoi.yml", text, Person)
    _assert_model_or_errors(result, report)


@SETTINGS
@given(trees)
@example({"name": [], "sources": [{"name": [], "url": {}}]})
def test_random_yaml_as_record_never_crashes(tmp_path: Path, tree: Any) -> None:
    """Any YAML structure in a collective file gives a collective or positioned errors."""
    text = yaml.safe_dump(tree, allow_unicode=True)
    result, report = _load(tmp_path, "tap-the.yml", text, Collective)
    _assert_model_or_errors(result, report)


@SETTINGS
@given(trees)
def test_random_yaml_as_book_never_crashes(tmp_path: Path, tree: Any) -> None:
    """Any YAML structure in a book file gives a book or positioned errors."""
    text = yaml.safe_dump(tree, allow_unicode=True)
    result, report = _load(tmp_path, "sach.yml", text, Book)
    _assert_model_or_errors(result, report)


@SETTINGS
@given(st.text(max_size=200), st.text(max_size=200))
def test_random_front_matter_never_crashes(tmp_path: Path, front: str, body: str) -> None:
    """Any front matter and body in a story gives a story or positioned errors."""
    result, report = _load(tmp_path, "bai.md", f"---\n{front}\n---\n{body}", None)
    _assert_model_or_errors(result, report)


@SETTINGS
@given(st.binary(max_size=200))
def test_random_bytes_never_crash(tmp_path: Path, data: bytes) -> None:
    """Arbitrary bytes (bad UTF-8, NUL, BOMs) give errors, not exceptions."""
    path = tmp_path / "nguoi.yml"
    path.write_bytes(data)
    report = Report()
    result = load_yaml_record(Person, path, report)
    _assert_model_or_errors(result, report)


place_text = st.text(alphabet=VIETNAMESE + " .-–,()0123456789TPtp", min_size=1, max_size=40)
near_valid_people = st.fixed_dictionaries(
    {
        "name": st.text(alphabet=VIETNAMESE + " ", min_size=1, max_size=40),
        "summary": st.text(min_size=1, max_size=100),
        "place": st.fixed_dictionaries(
            {"province": place_text},
            optional={"district": place_text, "commune": place_text, "detail": place_text},
        ),
        "fields": st.lists(
            st.sampled_from(["giao-duc", "phu-nu", "khong-co", "Giáo dục"]), max_size=3
        ),
    },
    optional={
        "member_of": st.lists(st.text(max_size=20), max_size=2),
        "photo": st.fixed_dictionaries({"file": st.text(max_size=30)}),
        "birth_year": scalars,
        "published": scalars,
    },
)


@settings(SETTINGS, max_examples=SETTINGS.max_examples if EXPLORE else 60, deadline=None)
@given(near_valid_people)
def test_pipeline_on_near_valid_records_never_crashes(mini: Path, person: dict[str, Any]) -> None:
    """Random but well-shaped records (odd places, paths, ids) end in an index or errors."""
    (mini / "people" / "ngau-nhien.yml").write_text(
        yaml.safe_dump(person, allow_unicode=True), encoding="utf-8"
    )
    outcome = run(mini)
    assert (outcome.index is None) == bool(outcome.report.errors)
