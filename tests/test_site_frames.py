"""Pages written from frames, over several processes, are the pages MkDocs would write."""

from __future__ import annotations

import os
import time
from functools import partial
from pathlib import Path

import pytest

from generator.mkdocs_adapter import build_site
from generator.parallel import WorkerError, run_forked, run_shared, runs
from generator.site import frames
from generator.site.minify import minify
from tests.site_support import REPO, SITE_URL, sample_with_extras


def _build(root: Path, content: Path, *, jobs: int, use_frames: bool = True) -> Path:
    out = root / f"site-{jobs}-{use_frames}"
    outcome = build_site(
        config_file=REPO / "mkdocs.yml",
        content=content,
        out=out,
        site_url=SITE_URL,
        jobs=jobs,
        frames=use_frames,
    )
    assert outcome.index is not None
    return out


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("frames")
    content = sample_with_extras(root / "content")
    return {
        "serial": _tree(_build(root, content, jobs=1)),
        "parallel": _tree(_build(root, content, jobs=3)),
        "unframed": _tree(_build(root, content, jobs=1, use_frames=False)),
    }


def test_parallel_build_is_byte_identical_to_serial(builds: dict[str, dict[str, bytes]]):
    """Three worker processes write exactly the files, bytes and search index of one."""
    serial, parallel = builds["serial"], builds["parallel"]
    assert sorted(serial) == sorted(parallel)
    assert [name for name in serial if serial[name] != parallel[name]] == []
    assert any(name.startswith("tim-kiem/chi-muc/") for name in serial)


def test_framed_pages_equal_pages_the_theme_renders(builds: dict[str, dict[str, bytes]]):
    """Every page written from a frame is the page MkDocs renders whole, once both are
    minified the same number of times (the frame and the body are minified apart)."""
    framed, whole = builds["serial"], builds["unframed"]
    assert sorted(framed) == sorted(whole)
    pages = [name for name in framed if name.endswith(".html")]
    assert len(pages) > 50
    differ = [
        name for name in pages if minify(framed[name].decode()) != minify(whole[name].decode())
    ]
    assert differ == []


def test_no_frame_page_is_published(builds: dict[str, dict[str, bytes]]):
    """The frames' own pages (`…/_khung-…/`) are removed once the pages are written."""
    assert [name for name in builds["serial"] if "_khung" in name] == []


def test_frame_refuses_an_altered_marker():
    """A marker a template changed (here JSON-escaped) is refused, not published."""
    page = f"<title>{frames.marker(frames.TITLE)}</title>{frames.marker(frames.BODY)}"
    assert frames.split(page).fill({"title": "A & B", "body": "<p>x</p>"}) == (
        "<title>A &amp; B</title><p>x</p>"
    )
    altered = page.replace("\ue000", "\\ue000", 1)
    with pytest.raises(frames.FrameError):
        frames.split(altered)


def test_worker_failure_fails_the_run_with_its_traceback():
    """An exception in a forked worker reaches the parent, naming its cause."""

    def fail() -> int:
        raise RuntimeError("hỏng ở tiến trình con")

    with pytest.raises(WorkerError, match="hỏng ở tiến trình con"):
        run_forked([lambda: os.getpid(), fail])
    pids = run_forked([os.getpid, os.getpid, os.getpid])
    assert pids[0] == os.getpid() and len(set(pids)) == 3


def test_shared_queue_runs_each_task_once_in_order(tmp_path: Path):
    """Tasks on a shared queue run once each, results in task order; while one worker is
    held by a long task, the other takes the rest."""
    flag = tmp_path / "taken"

    def long() -> int:
        for _ in range(3000):  # until another worker has taken a task (30 s at most)
            if flag.exists():
                return os.getpid()
            time.sleep(0.01)
        raise AssertionError("no other worker took a task")

    def short(number: int) -> tuple[int, int]:
        flag.touch()
        return number, os.getpid()

    results = run_shared([long, *(partial(short, n) for n in range(40))], workers=2)
    assert [number for number, _pid in results[1:]] == list(range(40))
    assert results[0] not in {pid for _number, pid in results[1:]}
    assert os.getpid() not in {results[0], *(pid for _number, pid in results[1:])}


def test_shared_queue_failure_names_its_cause():
    """A task failing on the shared queue fails the run with its traceback."""

    def fail() -> None:
        raise RuntimeError("hỏng giữa hàng đợi")

    with pytest.raises(WorkerError, match="hỏng giữa hàng đợi"):
        run_shared([int, fail, int], workers=2)


def test_runs_cover_every_item_once_in_order():
    """Pages are cut into at most `count` consecutive runs that together are the list."""
    items = list(range(103))
    parts = runs(items, 16)
    assert len(parts) <= 16 and [x for part in parts for x in part] == items
    assert runs([], 4) == [] and runs([1], 4) == [[1]]
