"""GitHub annotations: within the per-step limit, and a notice for the rest."""

from __future__ import annotations

from pathlib import Path

from generator.diagnostics import Diagnostic, Position, Severity, github_report_lines


def _many(errors: int, warnings: int) -> list[Diagnostic]:
    made = [Diagnostic(Path(f"e{i}.yml"), Position(i + 1, 1), "sai") for i in range(errors)]
    made += [
        Diagnostic(Path(f"w{i}.yml"), Position(1, 1), "lưu ý", Severity.WARNING)
        for i in range(warnings)
    ]
    return made


def test_errors_past_the_limit_are_logged_and_counted() -> None:
    """13 errors, 2 warnings: 10 error annotations, 3 plain lines, and a notice saying 3."""
    lines = github_report_lines(_many(13, 2), cwd=Path.cwd())
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert sum(line.startswith("::warning ") for line in lines) == 2
    assert sum(": lỗi: sai" in line for line in lines) == 3
    assert lines[-1].startswith("::notice::Còn 3 lỗi không hiện thành chú thích")


def test_no_notice_within_the_limit() -> None:
    """Ten errors and ten warnings are all annotations, without a notice."""
    lines = github_report_lines(_many(10, 10), cwd=Path.cwd())
    assert len(lines) == 20
    assert not any(line.startswith("::notice") for line in lines)


def test_notice_counts_errors_and_warnings() -> None:
    """Both kinds past the limit are named in one notice."""
    lines = github_report_lines(_many(11, 14), cwd=Path.cwd())
    assert "Còn 1 lỗi và 4 cảnh báo không hiện" in lines[-1]


def test_annotations_reach_every_file_first() -> None:
    """Twelve files with three errors each: the ten annotations go to ten different files."""
    made = [
        Diagnostic(Path(f"f{i:02d}.yml"), Position(line, 1), "sai")
        for i in range(12)
        for line in (1, 2, 3)
    ]
    lines = github_report_lines(made, cwd=Path.cwd())
    annotated = [line for line in lines if line.startswith("::error ")]
    assert len({line.split(",")[0] for line in annotated}) == 10
