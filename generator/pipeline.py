"""files → strict load → typed models → validation → one index."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Report
from generator.index import Index, build_index
from generator.load import Content, ParseCache, load_content
from generator.places import PlaceResolver
from generator.validate import validate


@dataclass(slots=True)
class Outcome:
    content: Content
    report: Report
    index: Index | None  # None when there are errors: nothing is published from bad content


def run(
    root: Path,
    resolver: PlaceResolver | None = None,
    cache: ParseCache | None = None,
    *,
    workers: int = 1,
) -> Outcome:
    """Load, validate and index `root`; `cache` keeps parsed files between runs of one caller;
    `workers` processes read the files."""
    content, report = load_content(root, cache, workers=workers)
    validation = validate(content, resolver)
    report.extend(validation.report)
    index = None if report.errors else build_index(content, validation)
    return Outcome(content, report, index)
