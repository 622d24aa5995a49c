"""Place resolution at national scale: 100,000 places drawn from 5,000 distinct ones.

Run: .venv/bin/python benchmarks/places_bench.py
"""

from __future__ import annotations

import random
import time

from generator.places import PlaceResolver, pre_reform_communes
from generator.vietnamese import fold


def main() -> None:
    rng = random.Random(2025)
    distinct = rng.sample(pre_reform_communes(), 5000)
    # Sources spell names differently; a third drop unit types or diacritics.
    variants = [
        (p, d, c) if i % 3 else (fold(p), d.split(" ", 1)[-1], c.split(" ", 1)[-1])
        for i, (p, d, c) in enumerate(distinct)
    ]
    draws = rng.choices(variants, k=100_000)
    started = time.perf_counter()
    resolver = PlaceResolver()
    resolver.resolve("Cao Bằng")
    loaded = time.perf_counter()
    for args in draws:
        resolver.resolve(*args)
    done = time.perf_counter()
    print(f"data load: {loaded - started:.2f} s")
    print(f"100,000 resolves (5,000 distinct): {done - loaded:.2f} s")


if __name__ == "__main__":
    main()
