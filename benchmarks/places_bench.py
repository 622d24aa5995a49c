"""Place resolution at national scale: 100,000 places drawn from 5,000 distinct ones.

Run: .venv/bin/python benchmarks/places_bench.py

Prints the data load (the package's JSON files into tables), the 5,000 distinct places
resolved once each (what a build of that many records pays), the 100,000 draws (the
resolver's cache answers repeats), and 2,000 current wards named under the province they
lay in before the reform, as editors write them after 1 July 2025.
"""

from __future__ import annotations

import random
import time

from generator.places import PlaceResolver, pre_reform_communes
from generator.places.tables import load_tables
from generator.vietnamese import fold


def _current_wards_under_former_province(rng: random.Random) -> list[tuple[str, None, str]]:
    tables = load_tables()
    places = [
        (tables.old_provinces[legacy_key].display, None, unit.display)
        for legacy_key, old in tables.old_provinces.items()
        if legacy_key == old.legacy_key
        for unit in tables.new_wards_from(legacy_key).units.values()
    ]
    return rng.sample(sorted(places), 2000)


def main() -> None:
    rng = random.Random(2025)
    load_tables.cache_clear()
    started = time.perf_counter()
    load_tables()
    loaded = time.perf_counter()
    distinct = rng.sample(pre_reform_communes(), 5000)
    # Sources spell names differently; a third drop unit types or diacritics.
    variants = [
        (p, d, c) if i % 3 else (fold(p), d.split(" ", 1)[-1], c.split(" ", 1)[-1])
        for i, (p, d, c) in enumerate(distinct)
    ]
    draws = rng.choices(variants, k=100_000)
    current = _current_wards_under_former_province(rng)
    resolver = PlaceResolver()
    first = time.perf_counter()
    for args in variants:
        resolver.resolve(*args)
    firsts = time.perf_counter()
    for args in draws:
        resolver.resolve(*args)
    done = time.perf_counter()
    for province, district, commune in current:
        resolver.resolve(province, district, commune)
    wards = time.perf_counter()
    print(f"data load: {loaded - started:.2f} s")
    print(f"5,000 distinct resolves, uncached: {firsts - first:.2f} s")
    print(f"100,000 resolves (5,000 distinct, cached): {done - firsts:.2f} s")
    print(f"2,000 current wards under their former province: {wards - done:.2f} s")


if __name__ == "__main__":
    main()
