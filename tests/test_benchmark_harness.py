"""The benchmark harness works (a smoke run; benchmarks themselves are scripts, not tests)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.corpus import generate
from generator.pipeline import run


def test_synthetic_corpus_of_200_records_is_valid(tmp_path: Path) -> None:
    """N=200 gives 200 valid records and 40 stories, with old and new province names."""
    generate(tmp_path / "content", 200, seed=7)
    outcome = run(tmp_path / "content")
    assert outcome.report.errors == []
    assert outcome.index is not None
    assert len(outcome.index.records) == 200
    assert len(outcome.index.stories) == 40
    assert any(r.place.old_province for r in outcome.index.records.values())


def test_synthetic_corpus_is_deterministic(tmp_path: Path) -> None:
    """The same seed writes byte-identical files."""
    generate(tmp_path / "a", 50, seed=3)
    generate(tmp_path / "b", 50, seed=3)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yml"))
    assert files_a
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()
