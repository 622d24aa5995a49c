"""CPU time of `generator.pipeline.run` (load, validate, index) on a generated corpus.

Run: .venv/bin/python -m benchmarks.pipeline_bench [--records 10000] [--repeat 3] [--work DIR]

Each run is a fresh process, so every run pays what a `guongsang build` pays (place tables,
empty caches); the table gives the lowest CPU time (`time.process_time()`) of each phase
over `--repeat` runs, the least disturbed by other work on the machine.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.corpus import generate

# Times each phase as run() calls it, so the phases add up to run() itself.
_CHILD = """
import json, sys, time
from pathlib import Path
from generator import pipeline

phases = {}

def timed(name, function):
    def inner(*args, **kwargs):
        start = time.process_time()
        result = function(*args, **kwargs)
        phases[name] = time.process_time() - start
        return result
    return inner

for name in ("load_content", "validate", "build_index"):
    setattr(pipeline, name, timed(name, getattr(pipeline, name)))
start = time.process_time()
outcome = pipeline.run(Path(sys.argv[1]))
phases["run"] = time.process_time() - start
phases["errors"] = len(outcome.report.errors)
print(json.dumps(phases))
"""


def measure(content: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(content)], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, help="reuse this folder for the corpus")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="pipeline-bench-"))
    content = work / f"content-{args.records}"
    if not content.is_dir():
        generate(content, args.records)
    runs = [measure(content) for _ in range(args.repeat)]
    print(f"| records | load | validate | index | run() | errors |  (CPU s, best of {args.repeat})")
    print("|---|---|---|---|---|---|")
    best = {key: min(run[key] for run in runs) for key in runs[0]}
    print(
        f"| {args.records:,} | {best['load_content']:.2f} | {best['validate']:.2f} "
        f"| {best.get('build_index', 0.0):.2f} | {best['run']:.2f} | {int(best['errors'])} |"
    )


if __name__ == "__main__":
    main()
