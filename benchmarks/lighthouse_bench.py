"""Lighthouse 12 in mobile mode on the sample site: home, a profile, a story, the search page.

Builds the bundled sample content, serves it on 127.0.0.1 (a free port, text gzip-compressed
as GitHub Pages does), runs Lighthouse with
Debian Chromium once per page (or --runs times, keeping the median performance score) and
prints a Markdown table for docs/benchmarks.md. Two shared cores make the performance score
indicative; the other categories do not depend on speed.

Run: nice .venv/bin/python -m benchmarks.lighthouse_bench [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.search_bench import serve
from generator.mkdocs_adapter import build_site

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
PAGES = {
    "home": "",
    "profile": "ca-nhan/hoang-thi-nhu-thanh/",
    "story": "bai-viet/chi-bo-tieu-thuong-dau-tien-o-thua-thien-hue/",
    "search": "tim-kiem/?q=nhu%20thanh",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def _lighthouse(url: str, out: Path) -> dict[str, float]:
    env = {**os.environ, "CHROME_PATH": CHROME}
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--chrome-flags=--headless --no-sandbox --disable-gpu",
            "--form-factor=mobile",
            "--output=json",
            f"--output-path={out}",
        ],
        env=env,
        check=True,
        timeout=300,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {name: 100 * report["categories"][name]["score"] for name in CATEGORIES}
    audits = report["audits"]
    scores["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    scores["lcp_ms"] = audits["largest-contentful-paint"]["numericValue"]
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=1, help="runs per page (median kept)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        outcome = build_site(
            config_file=REPO / "mkdocs.yml",
            content=REPO / "content",
            out=out,
            site_url="https://guongsang.example/",
        )
        if outcome.index is None:
            sys.stderr.write("sample content has errors\n")
            return 1
        print("| page | performance | accessibility | best practices | SEO | CLS | LCP |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        # Text gzip-compressed on the fly, as GitHub Pages serves it.
        with serve(out) as base:
            for name, path in PAGES.items():
                runs = [
                    _lighthouse(base + path, Path(tmp) / f"{name}-{n}.json")
                    for n in range(args.runs)
                ]
                best = sorted(runs, key=lambda r: r["performance"])[len(runs) // 2]
                perf = statistics.median(r["performance"] for r in runs)
                print(
                    f"| {name} | {perf:.0f} | {best['accessibility']:.0f} | "
                    f"{best['best-practices']:.0f} | {best['seo']:.0f} | {best['cls']:.3f} | "
                    f"{best['lcp_ms'] / 1000:.1f} s |"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
