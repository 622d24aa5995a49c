"""Content errors and warnings, collected so editors see all of them at once."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from generator.escape import plain, workflow_data, workflow_property

__all__ = [
    "GITHUB_ANNOTATIONS_PER_STEP",
    "START",
    "Diagnostic",
    "Position",
    "Report",
    "Severity",
    "display_path",
    "format_github",
    "format_text",
    "github_report_lines",
]


class Severity(StrEnum):
    ERROR = "lỗi"
    WARNING = "cảnh báo"


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    col: int


START = Position(1, 1)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: Path
    position: Position
    message: str
    severity: Severity = Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (str(self.path), self.position.line, self.position.col, self.message)


@dataclass(slots=True)
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, path: Path, position: Position, message: str) -> None:
        self.diagnostics.append(Diagnostic(path, position, message, Severity.ERROR))

    def warning(self, path: Path, position: Position, message: str) -> None:
        self.diagnostics.append(Diagnostic(path, position, message, Severity.WARNING))

    def extend(self, other: Report) -> None:
        self.diagnostics.extend(other.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=Diagnostic.sort_key)


def display_path(path: Path, cwd: Path | None = None) -> str:
    """Relative to the working directory when inside it, as editors and CI annotations expect."""
    base = cwd or Path.cwd()
    try:
        return (
            Path(os.path.relpath(path, base)).as_posix() if path.is_absolute() else path.as_posix()
        )
    except ValueError:
        return path.as_posix()


def format_text(diagnostic: Diagnostic, cwd: Path | None = None) -> str:
    """One line, whatever the file name or message holds: a newline in either would start
    a line that GitHub Actions reads as a workflow command."""
    pos = diagnostic.position
    where = f"{display_path(diagnostic.path, cwd)}:{pos.line}:{pos.col}"
    return plain(f"{where}: {diagnostic.severity.value}: {diagnostic.message}")


def format_github(diagnostic: Diagnostic, cwd: Path | None = None) -> str:
    kind = "error" if diagnostic.severity is Severity.ERROR else "warning"
    pos = diagnostic.position
    file = workflow_property(display_path(diagnostic.path, cwd))
    message = workflow_data(diagnostic.message)
    return f"::{kind} file={file},line={pos.line},col={pos.col}::{message}"


# GitHub turns at most 10 error and 10 warning commands of one step into annotations and
# drops the rest without a word; past the limit, lines are printed as plain text instead.
GITHUB_ANNOTATIONS_PER_STEP = 10


def _annotated(diagnostics: list[Diagnostic]) -> set[int]:
    """Which diagnostics become annotations: the first of each file before a file's second."""
    chosen: set[int] = set()
    count = dict.fromkeys(Severity, 0)
    seen: set[tuple[Path, Severity]] = set()
    for first_of_file_only in (True, False):
        for index, diagnostic in enumerate(diagnostics):
            key = (diagnostic.path, diagnostic.severity)
            if index in chosen or count[diagnostic.severity] >= GITHUB_ANNOTATIONS_PER_STEP:
                continue
            if first_of_file_only and key in seen:
                continue
            seen.add(key)
            chosen.add(index)
            count[diagnostic.severity] += 1
    return chosen


def github_report_lines(diagnostics: list[Diagnostic], cwd: Path | None = None) -> list[str]:
    """Annotations up to GitHub's limit, the rest as log lines, and a notice of how many.

    The annotations go to as many files as possible, so every file with a problem is marked.
    """
    chosen = _annotated(diagnostics)
    lines: list[str] = []
    hidden = dict.fromkeys(Severity, 0)
    for index, diagnostic in enumerate(diagnostics):
        if index in chosen:
            lines.append(format_github(diagnostic, cwd))
        else:
            hidden[diagnostic.severity] += 1
            lines.append(format_text(diagnostic, cwd))
    parts = [f"{count} {severity.value}" for severity, count in hidden.items() if count]
    if parts:
        lines.append(
            f"::notice::Còn {' và '.join(parts)} không hiện thành chú thích vì GitHub chỉ hiện "
            f"tối đa {GITHUB_ANNOTATIONS_PER_STEP} lỗi và {GITHUB_ANNOTATIONS_PER_STEP} cảnh "
            "báo mỗi bước; xem đủ trong nhật ký của bước này, hoặc chạy `guongsang check` "
            "trên máy"
        )
    return lines
