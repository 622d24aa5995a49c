"""`guongsang diff`: a Markdown summary of a branch's content changes."""

from __future__ import annotations

import os
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


HOSTILE = (
    "Tên `có` | [liên kết](https://ke-xau.example/) ![ảnh](https://ke-xau.example/a.png) "
    "@octocat <img src=x onerror=alert(1)> **đậm**"
)


def _rendered(markdown_text: str) -> str:
    """The summary as GitHub renders Markdown: CommonMark with GFM tables."""
    from markdown_it import MarkdownIt

    return MarkdownIt("gfm-like").disable("linkify").render(markdown_text)


def test_diff_shows_contributor_text_literally_in_whole_tables(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Links, images, @mentions, HTML, backticks, pipes and newlines in names and file
    names stay literal code, and every table row keeps its five cells."""
    people = repo / "content" / "people"
    (people / "ke-xau.yml").write_text(f"name: '{HOSTILE}'\nsummary: x\n", encoding="utf-8")
    (people / "ten `la` | a\n::error file=x::gia.yml").write_text("name: A\n", encoding="utf-8")
    assert main(["diff", "--content", str(repo / "content"), "--base", "main"]) == 0
    out = capsys.readouterr().out
    html = _rendered(out)
    assert "<img" not in html
    assert "<a " not in html
    assert "<strong>" not in html
    rows = [line for line in out.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 3
    assert html.count("<tr>") == 3
    assert all(row.count("<td>") == 5 for row in html.split("<tr>")[2:])
    assert "<code>Tên `có` | [liên kết](https://ke-xau.example/)" in html
    assert "@octocat &lt;img src=x onerror=alert(1)&gt; **đậm**</code>" in html
    assert "<code>content/people/ten `la` | a\\n::error file=x::gia.yml</code>" in html
    assert not any(line.startswith("::") for line in out.splitlines())


def test_diff_handles_non_utf8_file_names_added_and_deleted(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """File names that are not UTF-8, added or deleted, are listed with their bytes shown."""
    content = repo / "content"
    old = content / "images" / os.fsdecode(b"c\xfb.png")
    shutil.copy(content / "images" / "anh-mau.png", old)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "ảnh có tên lạ")
    git(repo, "branch", "-f", "main")
    old.unlink()
    (content / "people" / os.fsdecode(b"m\xe1i.yml")).write_text("name: Mai\n", encoding="utf-8")
    assert main(["diff", "--content", str(content), "--base", "main"]) == 0
    out = capsys.readouterr().out
    assert "| Xóa | Ảnh | `c\\xfb.png` | `content/images/c\\xfb.png` | — |" in out
    assert "| Thêm mới | Cá nhân | `Mai` | `content/people/m\\xe1i.yml` | — |" in out


def test_diff_never_reads_through_a_symlink(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record, story or image folder that is a symbolic link is
    listed by file name only: nothing outside content/ is read or shown."""
    outside = tmp_path / "ngoai"
    (outside / "stories").mkdir(parents=True)
    (outside / "bi-mat.yml").write_text("name: Bí mật bên ngoài\n", encoding="utf-8")
    (outside / "stories" / "bai.md").write_text(
        "---\ntitle: Tiêu đề bên ngoài\n---\n", encoding="utf-8"
    )
    content = repo / "content"
    (content / "people" / "lien-ket.yml").symlink_to(outside / "bi-mat.yml")
    (content / "stories" / "lien-ket.md").symlink_to(outside / "stories" / "bai.md")
    (content / "images" / "thu-muc").symlink_to(outside / "stories")
    assert main(["diff", "--content", str(content), "--base", "main"]) == 0
    out = capsys.readouterr().out
    assert "bên ngoài" not in out
    assert out.count("liên kết tượng trưng (symlink): không đọc") == 3
    assert "`content/people/lien-ket.yml`" in out
    assert "`content/images/thu-muc`" in out


@pytest.mark.parametrize(
    "base", ["--octopus", "--independent", "--fork-point", "-", "--output=/tmp/x", ""]
)
def test_diff_refuses_a_base_that_git_would_read_as_an_option(
    repo: Path, base: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--base=--octopus` and the like exit 1 with a message instead of reaching git."""
    assert main(["diff", "--content", str(repo / "content"), f"--base={base}"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("lỗi: `--base")
    assert "không hợp lệ" in err


def test_diff_accepts_a_commit_expression_as_base(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A base given as a revision expression (`main~0`, a hash) is resolved by git."""
    assert main(["diff", "--content", str(repo / "content"), "--base", "main~0"]) == 0
    assert capsys.readouterr().out == "Không có thay đổi nội dung so với `main~0`.\n"
