"""`guongsang build` / `serve` and `mkdocs build`: failures keep the old output, edits show."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.cli import main
from generator.site.output import write_marker
from tests.site_support import REPO

CONFIG = str(REPO / "mkdocs.yml")
BROKEN_PERSON = "name: Người Lỗi\nsummary: Thiếu địa phương và lĩnh vực.\n"


def _previous_output(out: Path) -> Path:
    """A site from an earlier build: the marker of the build plus one page."""
    out.mkdir()
    write_marker(out)
    marker = out / "index.html"
    marker.write_text("bản cũ", encoding="utf-8")
    return marker


def test_content_error_prints_check_lines_and_keeps_output(mini: Path, tmp_path: Path, capsys):
    """A content error stops the build with the same lines as `check`; the old site stays."""
    (mini / "people" / "nguoi-loi.yml").write_text(BROKEN_PERSON, encoding="utf-8")
    marker = _previous_output(tmp_path / "site")
    assert main(["check", "--content", str(mini)]) == 1
    check_lines = capsys.readouterr().out
    code = main(
        ["build", "--content", str(mini), "--out", str(tmp_path / "site"), "--config-file", CONFIG]
    )
    assert code == 1
    assert capsys.readouterr().out == check_lines
    assert "lỗi:" in check_lines
    assert marker.read_text(encoding="utf-8") == "bản cũ"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


def test_strict_mode_warning_fails_build_and_keeps_output(mini: Path, tmp_path: Path, capsys):
    """An MkDocs warning (a broken link in a hand-written page) fails the build atomically."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "trang.md").write_text("# Trang\n\n[Hỏng](khong-co.md)\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        Path(CONFIG)
        .read_text(encoding="utf-8")
        .replace("docs_dir: theme/pages", f"docs_dir: {pages}")
        .replace("custom_dir: theme", f"custom_dir: {REPO / 'theme'}"),
        encoding="utf-8",
    )
    marker = _previous_output(tmp_path / "site")
    code = main(
        [
            "build",
            "--content",
            str(mini),
            "--out",
            str(tmp_path / "site"),
            "--config-file",
            str(config),
        ]
    )
    assert code == 1
    assert "strict" in capsys.readouterr().err
    assert marker.read_text(encoding="utf-8") == "bản cũ"
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache")  # image cache
    assert leftovers == ["content", "mkdocs.yml", "pages", "site"]


def test_mkdocs_build_on_repository_config_works(tmp_path: Path):
    """Plain `mkdocs build --strict` on the repository's mkdocs.yml builds the sample site."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", CONFIG, "-d", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ca-nhan" / "hoang-thi-nhu-thanh" / "index.html").is_file()
    assert "WARNING" not in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.2)
    return False


def test_serve_shows_an_edited_story_without_restart(mini: Path):
    """`guongsang serve` rebuilds when a story under content/ changes."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/bai-viet/nguoi-thay-vung-cao/"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "serve",
            "--content",
            str(mini),
            "--dev-addr",
            f"127.0.0.1:{port}",
            "--config-file",
            CONFIG,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _wait_for(url, "Người thầy vùng cao", 60), "the server did not start"
        story = mini / "stories" / "nguoi-thay-vung-cao.md"
        story.write_text(
            story.read_text(encoding="utf-8").replace(
                "title: Người thầy vùng cao", "title: Người thầy vùng cao đã sửa"
            ),
            encoding="utf-8",
        )
        assert _wait_for(url, "Người thầy vùng cao đã sửa", 30)
    finally:
        _stop(server)


def _serve(content: Path, port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            *(sys.executable, "-m", "generator", "serve", "--content", str(content)),
            *("--dev-addr", f"127.0.0.1:{port}", "--config-file", CONFIG),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        pytest.fail("the server did not stop")


def _fetch_any(url: str) -> str:
    """The body of any answer, an error page included, within 5 seconds."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return str(error.read().decode("utf-8"))


def test_serve_keeps_the_last_good_site_with_the_errors_and_recovers(mini: Path):
    """Invalid content: every page still answers at once, the last good version under a
    banner naming each error as path:line:col; the next good save removes the banner."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    story_url = base + "bai-viet/nguoi-thay-vung-cao/"
    server = _serve(mini, port)
    try:
        assert _wait_for(story_url, "Người thầy vùng cao", 60), "the server did not start"
        person = mini / "people" / "nguyen-trung-tuyen.yml"
        good = person.read_text(encoding="utf-8")
        person.write_text(good + "khoa_la: 1\n", encoding="utf-8")
        assert _wait_for(story_url, "lỗi</h2>", 30)
        page = _fetch_any(story_url)
        assert "Người thầy vùng cao" in page  # the last good page, still served
        line = len(good.splitlines()) + 1
        assert f"people/nguyen-trung-tuyen.yml:{line}:1: lỗi:" in page
        assert "livereload" in page
        assert "lỗi</h2>" in _fetch_any(base + "khong-co-trang-nay/")
        person.write_text(good, encoding="utf-8")
        started = time.monotonic()
        while "lỗi</h2>" in _fetch_any(story_url):
            assert time.monotonic() - started < 30, "the banner stayed after the fix"
            time.sleep(0.1)
    finally:
        _stop(server)


def test_serve_starts_on_invalid_content_with_an_error_page(mini: Path):
    """Content broken from the start: the server still starts and every address shows the
    errors, reloading itself, until the content passes."""
    person = mini / "people" / "nguyen-trung-tuyen.yml"
    good = person.read_text(encoding="utf-8")
    person.write_text("name: [\n", encoding="utf-8")
    port = _free_port()
    home = f"http://127.0.0.1:{port}/"
    server = _serve(mini, port)
    try:
        deadline = time.monotonic() + 60
        page = ""
        while "lỗi" not in page and time.monotonic() < deadline:
            try:
                page = _fetch_any(home)
            except OSError:
                time.sleep(0.3)
        assert "Chưa dựng được trang nào từ nội dung này." in page
        assert "people/nguyen-trung-tuyen.yml:" in page
        assert '<meta http-equiv="refresh"' in page
        person.write_text(good, encoding="utf-8")
        assert _wait_for(home, "Gương sáng", 30)
        assert "Nội dung có" not in _fetch_any(home)
    finally:
        _stop(server)


def test_serve_on_a_busy_port_is_a_vietnamese_message(mini: Path):
    """A port already taken ends `serve` with a message naming the fix, not a traceback."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [
                *(sys.executable, "-m", "generator", "serve", "--content", str(mini)),
                *("--dev-addr", f"127.0.0.1:{port}", "--config-file", CONFIG),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"lỗi: địa chỉ 127.0.0.1:{port} đang được một chương trình khác dùng" in result.stderr
