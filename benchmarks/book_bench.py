"""The book at 500 pages: our full `compile_book` (PDF) against a plain WeasyPrint render of
the same final HTML, and the print files (`press`: interior and cover through Ghostscript,
then the preflight) against the screen PDF, each in its own process so each peak memory is
its own.

Run: .venv/bin/python -m benchmarks.book_bench [--records 350] [--repeat 3] [--work DIR]

The three are run alternately `--repeat` times; the table gives the fastest wall time and
the lowest CPU time of each (the least disturbed by other work on the machine), and the
highest peak memory. Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from textwrap import dedent

from benchmarks.corpus import generate

BOOK_ID = "sach-do-hieu-nang"
EPOCH = "1767225600"
BOOK = """
title: Gương sáng học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh
subtitle: Sách tổng hợp để đo hiệu năng (nội dung không có thật)
compiler: Nhóm phát triển Gương sáng
publisher: Nhà xuất bản Thử nghiệm
year: 2025
foreword: books/sach-do-hieu-nang-loi-gioi-thieu.md
parts:
  - title: Phần I. Những tập thể tiêu biểu
    select: {kind: collective}
    order: province
  - title: Phần II. Những cá nhân tiêu biểu
    select: {kind: person}
    order: name
colophon:
  responsible_publisher: Người Chịu Trách Nhiệm
  responsible_content: Người Phụ Trách Nội Dung
  editors: [Biên Tập Viên Một, Biên Tập Viên Hai]
  cover_designer: Người Trình Bày
  layout: Người Chế Bản
  proofreader: Người Sửa Bản In
  size: "14,5 × 20,5 cm"
  print_run: 400 bản
  printer: Công ty In Thử nghiệm
  registration_no: 0000-2025/CXBIPH/0-00/TN
  decision_no: 000/QĐ-NXBTN
  isbn: 978-604-0-00000-2
  legal_deposit: Quý I năm 2026
  price_note: Sách không bán
"""
PRINT_PIXELS = 1400  # 113 mm of text width at 300 ppi is 1335 pixels
FOREWORD = "Lời giới thiệu của sách tổng hợp để đo hiệu năng.[^1]\n\n[^1]: Chú thích.\n"


def _usage() -> dict[str, float]:
    # Children too: Ghostscript runs as a command, and its time is the press build's time.
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    return {"cpu": cpu, "peak_mb": max(own.ru_maxrss, children.ru_maxrss) / 1024}


def _child_compile(content: Path, out: Path, formats: str = "pdf") -> dict[str, object]:
    import weasyprint  # noqa: F401  # loaded before the clock starts, as in the plain run

    from generator.book.commands import compile_book

    started, cpu = time.perf_counter(), _usage()["cpu"]
    code = compile_book(content, BOOK_ID, out, set(formats.split(",")))
    seconds = time.perf_counter() - started
    return {"code": code, "seconds": seconds, **_usage(), "cpu": _usage()["cpu"] - cpu}


def _child_html(content: Path, target: Path) -> dict[str, object]:
    """The final HTML exactly as `compile_book` gives it to WeasyPrint."""
    from generator.book.assemble import assemble
    from generator.book.commands import build_time
    from generator.book.fonts import font_faces
    from generator.book.html import print_html
    from generator.pipeline import run

    index = run(content).index
    assert index is not None
    html = print_html(assemble(index, BOOK_ID), index.root, font_faces(), build_time())
    target.write_text(html, encoding="utf-8")
    return {"bytes": len(html.encode("utf-8"))}


def _child_plain(content: Path, html_file: Path, target: Path) -> dict[str, object]:
    import weasyprint

    html = html_file.read_text(encoding="utf-8")
    started, cpu = time.perf_counter(), _usage()["cpu"]
    document = weasyprint.HTML(string=html, base_url=f"{content.resolve().as_uri()}/").render()
    target.write_bytes(document.write_pdf())
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        **_usage(),
        "cpu": _usage()["cpu"] - cpu,
        "pages": len(document.pages),
    }


def _run_child(*args: str) -> dict[str, object]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    repo = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.book_bench", "--child", *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=repo,
    )
    data: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    lines = info.stdout.splitlines()
    return int(next(line.split()[-1] for line in lines if line.startswith("Pages:")))


def _best(runs: list[dict[str, object]]) -> tuple[float, float, float]:
    """The fastest wall time, the lowest CPU time (each the run least disturbed by other work
    on the machine, not necessarily the same run) and the highest peak memory of all runs."""
    wall = min(float(str(run["seconds"])) for run in runs)
    cpu = min(float(str(run["cpu"])) for run in runs)
    peak = max(float(str(run["peak_mb"])) for run in runs)
    return wall, cpu, peak


def _prepare(work: Path, records: int) -> Path:
    content = work / "content"
    generate(content, records, seed=2025)
    books = content / "books"
    books.mkdir(exist_ok=True)
    (books / f"{BOOK_ID}.yml").write_text(dedent(BOOK).lstrip(), encoding="utf-8")
    (books / f"{BOOK_ID}-loi-gioi-thieu.md").write_text(FOREWORD, encoding="utf-8")
    _print_sized_photos(content / "images")
    return content


def _print_sized_photos(folder: Path) -> None:
    """The corpus's web-sized photos, enlarged to print size (≥ 300 ppi at text width).

    The press build ends with the preflight, which rightly rejects 480-pixel photos; the
    benchmark times a book the print shop would accept.
    """
    from PIL import Image

    for path in sorted(folder.glob("*")):
        with Image.open(path) as image:
            if image.width >= PRINT_PIXELS:
                continue
            height = round(image.height * PRINT_PIXELS / image.width)
            image.resize((PRINT_PIXELS, height), Image.Resampling.LANCZOS).save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--records", type=int, default=350, help="synthetic records (350 make about 500 pages)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, alternating")
    parser.add_argument("--work", type=Path, default=Path("/tmp/book-bench"))
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *paths = args.child
        if kind == "press":
            print(json.dumps(_child_compile(Path(paths[0]), Path(paths[1]), "press")))
            return
        children = {"compile": _child_compile, "html": _child_html, "plain": _child_plain}
        print(json.dumps(children[kind](*map(Path, paths))))
        return

    work: Path = args.work
    content = _prepare(work, args.records)
    _run_child("html", str(content), str(work / "final.html"))
    load_before = os.getloadavg()[0]
    ours: list[dict[str, object]] = []
    plain: list[dict[str, object]] = []
    press: list[dict[str, object]] = []
    for _ in range(args.repeat):
        ours.append(_run_child("compile", str(content), str(work / "ours")))
        plain.append(
            _run_child("plain", str(content), str(work / "final.html"), str(work / "plain.pdf"))
        )
        press.append(_run_child("press", str(content), str(work / "press")))
    assert all(run["code"] == 0 for run in ours + press)
    pages, plain_pages = _pages(work / "ours" / f"{BOOK_ID}.pdf"), plain[0]["pages"]
    ours_s, ours_cpu, ours_mb = _best(ours)
    plain_s, plain_cpu, plain_mb = _best(plain)
    print(f"Load average before the runs: {load_before:.2f}\n")
    print("| records | pages | | wall (best) | CPU (best) | peak RSS |")
    print("|---|---|---|---|---|---|")
    print(
        f"| {args.records} | {pages} | `compile_book` (PDF) | {ours_s:.1f} s | {ours_cpu:.1f} s "
        f"| {ours_mb:.0f} MB |"
    )
    print(
        f"| | {plain_pages} | plain WeasyPrint, same HTML | {plain_s:.1f} s | {plain_cpu:.1f} s "
        f"| {plain_mb:.0f} MB |"
    )
    print(
        f"| | | **ratio** | **{ours_s / plain_s:.2f}×** | {ours_cpu / plain_cpu:.2f}× "
        f"| {ours_mb / plain_mb:.2f}× |"
    )
    press_s, press_cpu, press_mb = _best(press)
    interior = _pages(work / "press" / f"{BOOK_ID}-ruot.pdf")
    print(
        f"| | {interior} | `press` (interior + cover, Ghostscript, preflight) | {press_s:.1f} s "
        f"| {press_cpu:.1f} s | {press_mb:.0f} MB |"
    )
    print(
        f"| | | **press / screen PDF** | **{press_s / ours_s:.2f}×** | "
        f"{press_cpu / ours_cpu:.2f}× | {press_mb / ours_mb:.2f}× |"
    )
    press_runs = ", ".join(
        f"{float(str(r['seconds'])):.1f} (CPU {float(str(r['cpu'])):.1f})" for r in press
    )
    print(f"\nPress runs in seconds: {press_runs}")
    runs = ", ".join(
        f"{float(str(a['seconds'])):.1f}/{float(str(b['seconds'])):.1f}"
        f" (CPU {float(str(a['cpu'])):.1f}/{float(str(b['cpu'])):.1f})"
        for a, b in zip(ours, plain, strict=True)
    )
    load = os.getloadavg()[0]
    print(f"\nAll runs, ours/plain in seconds: {runs}; load average at the end: {load:.2f}")


if __name__ == "__main__":
    main()
