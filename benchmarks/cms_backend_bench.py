"""The browser editor's local backend: npm `decap-server` beside the preview, or ours inside it.

Both answer Decap's proxy protocol over the same synthetic content; measured: time from
start to the first answer, memory of what runs, and the latency of the requests an editing
session makes (list a collection, read an entry, save one).

Run: .venv/bin/python -m benchmarks.cms_backend_bench --n 1000
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from benchmarks.corpus import generate
from generator.cms.local_backend import LocalBackend

REPO = Path(__file__).resolve().parent.parent
DECAP_SERVER = REPO / "node_modules" / "decap-server" / "dist" / "index.js"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _post(url: str, payload: object) -> object:
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def _wait(url: str, timeout: float = 30) -> None:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            _post(url, {"action": "info"})
            return
        except OSError:
            time.sleep(0.01)
    raise SystemExit(f"no answer from {url}")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _session(url: str, rounds: int) -> dict[str, float]:
    """Median milliseconds of the requests an editor's session makes."""
    timings: dict[str, list[float]] = {"list people": [], "read entry": [], "save entry": []}
    raw = "name: Thử\nsummary: Thử.\nplace:\n  province: Cao Bằng\nfields:\n  - giao-duc\n"
    # Every field Decap's proxy sends: decap-server's request schema requires them all.
    folder = {"branch": "main", "folder": "content/people", "extension": "yml", "depth": 1}
    saved = {
        "branch": "main",
        "dataFiles": [{"path": "content/people/thu.yml", "raw": raw, "slug": "thu"}],
        "assets": [],
        "options": {"commitMessage": "Sửa cá nhân “thu”", "useWorkflow": False, "status": "draft"},
        "cmsLabelPrefix": "cms/",
    }
    entry = {"branch": "main", "path": "content/people/thu.yml"}
    calls: dict[str, Callable[[], object]] = {
        "list people": lambda: _post(url, {"action": "entriesByFolder", "params": folder}),
        "read entry": lambda: _post(url, {"action": "getEntry", "params": entry}),
        "save entry": lambda: _post(url, {"action": "persistEntry", "params": saved}),
    }
    for _ in range(rounds):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            timings[name].append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(values) for name, values in timings.items()}


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def _python_backend(content: Path) -> Iterator[tuple[str, float, float]]:
    port = _free_port()
    started = time.perf_counter()
    app = LocalBackend(lambda e, s: [], content, port=port, site_dir=content.parent)
    server: WSGIServer = make_server("127.0.0.1", port, app, handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}/quan-tri/api/v1"
    _wait(url)
    ready = time.perf_counter() - started
    try:
        yield url, ready, 0.0  # inside the preview's own process: no extra memory to speak of
    finally:
        server.shutdown()


@contextmanager
def _decap_server(content: Path) -> Iterator[tuple[str, float, float]]:
    port = _free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": "fs",
        "GIT_REPO_DIRECTORY": str(content.parent),
        "LOG_LEVEL": "error",
    }
    started = time.perf_counter()
    process = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/api/v1"
    try:
        _wait(url)
        ready = time.perf_counter() - started
        yield url, ready, _rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000, help="records in the synthetic corpus")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        generate(content, args.n)
        people = len(list((content / "people").glob("*.yml")))
        print(f"corpus: {args.n} records ({people} people)")
        backends = (("guongsang (Python)", _python_backend), ("decap-server", _decap_server))
        for name, backend in backends:
            with backend(content) as (url, ready, rss):
                timings = _session(url, args.rounds)
            memory = f"{rss:.0f} MB extra process" if rss else "in the preview's process"
            print(
                f"{name:20} first answer {ready * 1000:6.0f} ms; {memory}; "
                + "; ".join(f"{k} {v:.0f} ms" for k, v in timings.items())
            )


if __name__ == "__main__":
    main()
