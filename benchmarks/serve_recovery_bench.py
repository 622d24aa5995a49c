"""Live preview with invalid content: how soon the error banner shows after a bad save, and
how soon the fixed page is served after the good save that follows.

Run: .venv/bin/python -m benchmarks.serve_recovery_bench --n 0 --rounds 5
(`--n 0`: the bundled sample content; otherwise a synthetic corpus of that many records.)
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import generate
from benchmarks.serve_bench import _fetch, _free_port, _wait_for, save_with_marker, serving

REPO = Path(__file__).resolve().parent.parent
BANNER = "lỗi</h2>"


def _wait_without(url: str, text: str, timeout: float) -> float | None:
    """Seconds until `url` answers without `text` (and answers at all)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        page = _fetch(url)
        if page and text not in page:
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


def _content(root: Path, n: int) -> Path:
    content = root / "content"
    if n:
        generate(content, n, seed=1)
    else:
        shutil.copytree(REPO / "content", content)
    return content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gs-serve-loi-") as tmp:
        content = _content(Path(tmp), args.n)
        story = sorted((content / "stories").iterdir())[0]
        port = _free_port()
        url = f"http://127.0.0.1:{port}/bai-viet/{story.stem}/"
        with serving(content, port):
            if _wait_for(url, "<html", 1800) is None:
                print("server did not start")
                return
            good = story.read_text(encoding="utf-8")
            for i in range(args.rounds):
                story.write_text(good.replace("title:", "title: [", 1), encoding="utf-8")
                shown = _wait_for(url, BANNER, 120)
                time.sleep(1)
                marker = save_with_marker(story, good, i)
                fixed = _wait_for(url, marker, 120)
                gone = _wait_without(url, BANNER, 120)
                print(
                    f"round {i + 1}: banner after {shown or float('nan'):.2f} s; "
                    f"fixed page served {fixed or float('nan'):.2f} s after the good save, "
                    f"banner gone by then: {gone is not None and gone < 0.5}"
                )
                time.sleep(1)


if __name__ == "__main__":
    main()
