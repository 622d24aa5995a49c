"""`guongsang book`: arguments, errors worded for editors, outputs written whole, progress."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from generator.book.commands import build_time, write_atomic
from generator.book.errors import BookError
from generator.book.progress import Progress
from generator.cli import main


def test_unknown_book_lists_the_books_there_are(
    mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown id fails with a Vietnamese message naming the available books."""
    code = main(["book", "khong-co", "--content", str(mini), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert "không có sách mã `khong-co`" in err
    assert "`sach-mau`" in err
    assert not (tmp_path / "out").exists()


def test_content_errors_are_printed_like_check(
    mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bad content prints `path:line:col: lỗi: …` lines, exits 1 and writes nothing."""
    (mini / "people" / "hoang-thi-nhu-thanh.yml").write_text(
        "name: Hoàng Thị Như Thanh\nsummery: x\n", encoding="utf-8"
    )
    monkeypatch.chdir(mini.parent)
    code = main(["book", "sach-mau", "--content", "content", "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 1
    assert "content/people/hoang-thi-nhu-thanh.yml:2:1: lỗi: " in out
    assert not (tmp_path / "out").exists()


def test_unknown_format_is_refused(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--format` accepts pdf and epub only."""
    code = main(["book", "sach-mau", "--content", str(mini), "--format", "pdf,docx"])
    assert code == 1
    assert "định dạng `docx` không hỗ trợ" in capsys.readouterr().err


def test_epub_only_writes_just_the_epub(
    mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--format epub` writes `ID.epub` alone, with no temporary file left behind."""
    out = tmp_path / "out"
    code = main(["book", "sach-mau", "--content", str(mini), "--out", str(out), "--format", "epub"])
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["sach-mau.epub"]
    assert capsys.readouterr().out.strip() == f"{out.as_posix()}/sach-mau.epub"


def test_weasyprint_progress_stays_out_of_the_log(
    mini: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Away from a terminal, stages are logged once each; WeasyPrint's page lines are not."""
    caplog.set_level(logging.INFO)
    code = main(
        ["book", "sach-mau", "--content", str(mini), "--out", str(tmp_path), "--format", "pdf"]
    )
    messages = [record.getMessage() for record in caplog.records]
    assert code == 0
    assert "Dàn trang PDF…" in messages
    assert not [m for m in messages if m.startswith("Step ")]
    assert (tmp_path / "sach-mau.pdf").read_bytes().startswith(b"%PDF-")


def test_progress_bar_names_stage_and_page() -> None:
    """On a terminal the bar shows the stage and the page being laid out."""
    stream = io.StringIO()
    progress = Progress(["Một", "Hai"], stream, delay=0, interval=0, interactive=True)
    progress.stage("Một")
    progress.stage("Hai")
    with progress.weasyprint_pages():
        logging.getLogger("weasyprint.progress").info("Step 5 - Creating layout - Page %d", 7)
    progress.close()
    text = stream.getvalue()
    assert "1/2 Hai" in text
    assert "Hai: trang 7" in text
    assert text.endswith("\r\x1b[K")


def test_source_date_epoch_sets_build_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """SOURCE_DATE_EPOCH fixes the build time; a malformed one is an error."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert build_time().isoformat() == "2026-01-01T00:00:00+00:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "hôm qua")
    with pytest.raises(BookError, match="SOURCE_DATE_EPOCH"):
        build_time()


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    """The target is replaced in one step and no temporary file remains."""
    target = tmp_path / "dist" / "sach.pdf"
    write_atomic(target, b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in target.parent.iterdir()] == ["sach.pdf"]
