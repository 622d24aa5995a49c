"""Live preview latency: how long after saving an edited story `guongsang serve` serves it.

Run: .venv/bin/python -m benchmarks.serve_bench --n 10000
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.corpus import generate

REPO = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, timeout: float) -> float | None:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if text in _fetch(url):
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


@contextmanager
def serving(content: Path, port: int) -> Iterator[None]:
    """`guongsang serve` on `content`, quiet, at 127.0.0.1:`port`, stopped on the way out."""
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "generator", "serve", "--content", str(content)),
            *("--dev-addr", f"127.0.0.1:{port}"),
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        server.terminate()
        server.wait(timeout=30)


def save_with_marker(story: Path, text: str, number: int) -> str:
    """Save `story` as `text` plus a new paragraph that no build has shown yet; return it."""
    marker = f"Đoạn sửa số {number} {time.time_ns()}"
    story.write_text(text + f"\n\n{marker}\n", encoding="utf-8")
    return marker


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gs-serve-") as tmp:
        content = Path(tmp) / "content"
        generate(content, args.n, seed=1)
        story = sorted((content / "stories").iterdir())[
            len(list((content / "stories").iterdir())) // 2
        ]
        port = _free_port()
        url = f"http://127.0.0.1:{port}/bai-viet/{story.stem}/"
        started = time.perf_counter()
        with serving(content, port):
            first = _wait_for(url, "<html", 1800)
            print(
                f"N={args.n}: first build served after {time.perf_counter() - started:.1f} s"
                if first is not None
                else "server did not start"
            )
            for i in range(args.edits):
                marker = save_with_marker(story, story.read_text(encoding="utf-8"), i)
                seen = _wait_for(url, marker, 120)
                print(
                    f"edit {i + 1}: served {seen:.2f} s after save"
                    if seen is not None
                    else f"edit {i + 1}: not served within 120 s"
                )
                time.sleep(1)


if __name__ == "__main__":
    main()
