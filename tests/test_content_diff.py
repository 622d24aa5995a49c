"""`guongsang diff`: a Markdown summary of a branch's content changes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import MINI, assert_golden


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Biên tập", "-c", "user.email=bt@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose main branch holds the mini content, on a feature branch."""
    root = tmp_path / "repo"
    shutil.copytree(MINI, root / "content")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "nội dung ban đầu")
    git(root, "checkout", "-q", "-b", "them-bai")
    return root


def test_diff_lists_added_changed_removed_with_urls(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Added, changed and removed records, stories and images appear with their URLs."""
    content = repo / "content"
    (content / "people" / "vu-dang-dinh.yml").write_text(
        "name: Vũ Đăng Định\nsummary: Bí thư Quận ủy Hoàn Kiếm.\nplace: {province: Hà Nội}\n"
        "fields: [phu-nu]\n",
        encoding="utf-8",
    )
    story = content / "stories" / "nguoi-thay-vung-cao.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nThêm một đoạn.\n", encoding="utf-8")
    git(repo, "rm", "-q", "content/collectives/chi-hoi-phu-nu-cong-to.yml")
    shutil.copy(content / "images" / "anh-mau.png", content / "images" / "anh-moi.png")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "thêm")
    (content / "people" / "chua-commit.yml").write_text(
        "name: Người <b>Mới</b> | A\nsummary: x\n", encoding="utf-8"
    )
    code = main(
        [
            "diff",
            "--content",
            str(content),
            "--base",
            "main",
            "--site-url",
            "https://guongsang.example.vn/",
        ]
    )
    assert code == 0
    assert_golden("content_diff", capsys.readouterr().out.splitlines())


def test_diff_without_changes_says_so(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A branch with no content changes gets a one-line answer."""
    assert main(["diff", "--content", str(repo / "content"), "--base", "main"]) == 0
    assert capsys.readouterr().out == "Không có thay đổi nội dung so với `main`.\n"


def test_diff_with_unknown_base_is_a_vietnamese_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown base branch exits 1 with a message, not a traceback."""
    assert main(["diff", "--content", str(repo / "content"), "--base", "khong-co"]) == 1
    assert capsys.readouterr().err.startswith("lỗi: ")
