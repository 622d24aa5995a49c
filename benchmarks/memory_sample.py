"""Peak memory of every process of a command: the build forks page workers and a search
child, and `ru_maxrss` alone names only the largest of them.

Reads `/proc/<pid>/status` (VmRSS, VmHWM) and `smaps_rollup` (PSS, private dirty) of the
command and all its descendants every `--interval` seconds, then prints each process's own
peaks and the largest sum of PSS (the physical memory of the whole tree).

Run: .venv/bin/python -m benchmarks.memory_sample -- .venv/bin/python -m generator build
     --content /tmp/scale-w100k/content-100000 --out /tmp/s100k
"""

from __future__ import annotations

import argparse
import subprocess
import time
from pathlib import Path

STATUS_KEYS = ("VmRSS", "VmHWM")
ROLLUP_KEYS = ("Pss", "Private_Dirty")


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


def _fields(path: Path, keys: tuple[str, ...]) -> dict[str, int]:
    values = {}
    for line in path.read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in keys:
            values[name] = int(rest.split()[0])  # kB
    return values


def sample(pid: int) -> dict[str, int] | None:
    try:
        return _fields(Path(f"/proc/{pid}/status"), (*STATUS_KEYS, "PPid")) | _fields(
            Path(f"/proc/{pid}/smaps_rollup"), ROLLUP_KEYS
        )
    except OSError:  # the process has just ended
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interval", type=float, default=0.5)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    started = time.monotonic()
    child = subprocess.Popen(command)
    peaks: dict[int, dict[str, int]] = {}
    most_pss = 0
    while child.poll() is None:
        total = 0
        for pid in descendants(child.pid):
            values = sample(pid)
            if values is None:
                continue
            seen = peaks.setdefault(pid, {"PPid": values["PPid"]})
            for key in (*STATUS_KEYS, *ROLLUP_KEYS):
                seen[key] = max(seen.get(key, 0), values.get(key, 0))
            total += values.get("Pss", 0)
        most_pss = max(most_pss, total)
        time.sleep(args.interval)
    elapsed = time.monotonic() - started
    print(f"exit {child.returncode} after {elapsed:.0f} s; largest sum of PSS {most_pss >> 10} MiB")
    for pid, seen in peaks.items():
        sizes = ", ".join(f"{k} {seen.get(k, 0) >> 10} MiB" for k in (*STATUS_KEYS, *ROLLUP_KEYS))
        print(f"pid {pid} (parent {seen['PPid']}): {sizes}")
    raise SystemExit(child.returncode)


if __name__ == "__main__":
    main()
