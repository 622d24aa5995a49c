"""CPU time of writing the search index alone, for work on generator/search/.

Loads, validates and indexes the content once (generator.pipeline.run), freezes it for the
garbage collector as the build's forked workers do (generator/parallel.py), then times
`write_search_index` --runs times with `time.process_time()` (user + system CPU of this
process) and prints every run and the best. A shared machine is noisy: compare the best of
several runs, and old against new in turns.

Run: .venv/bin/python -m benchmarks.search_cpu --content /tmp/scale-own/content-10000 --runs 3
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import tempfile
import time
from pathlib import Path

from generator.pipeline import run
from generator.search import write_search_index


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="cProfile one run, by tottime")
    args = parser.parse_args()
    index = run(args.content).index
    if index is None:
        sys.stderr.write(f"{args.content}: nội dung có lỗi, hãy chạy `guongsang check`\n")
        return 1
    gc.collect()
    gc.freeze()
    times = []
    for _ in range(1 if args.profile else args.runs):
        with tempfile.TemporaryDirectory() as site:
            profile = cProfile.Profile() if args.profile else None
            started = time.process_time()
            if profile:
                profile.runcall(write_search_index, index, Path(site))
            else:
                write_search_index(index, Path(site))
            times.append(time.process_time() - started)
            if profile:
                pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(30)
    sys.stdout.write(f"CPU s: {' '.join(f'{t:.2f}' for t in times)}; best {min(times):.2f}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
