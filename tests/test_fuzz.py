"""Seeded mutation fuzz: what `check` passes, the site and the book build; nothing tracebacks.

Each mutant is the sample content with one to three careless or hostile edits (lines cut,
doubled or swapped, values replaced by tricky ones, files truncated or corrupted, images
broken). Either `check` refuses the mutant with diagnostics, or every writer builds it.
Accepted mutants go through the site's writers and the book's print HTML and EPUB; the
first few (all of them in a long run) also through `guongsang build` itself (MkDocs) and
the PDF. CI runs a bounded number of mutants; `GUONGSANG_FUZZ=<count>` runs that many with
no time bound, `GUONGSANG_FUZZ_SEED` picks another sequence.
"""

from __future__ import annotations

import os
import random
import shutil
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from generator.pipeline import run
from tests.conftest import MINI
from tests.writers_support import REPO, build_books, build_site_parts, build_whole_site

SAMPLE = REPO / "content"
LONG = os.environ.get("GUONGSANG_FUZZ", "").isdigit()
COUNT = int(os.environ["GUONGSANG_FUZZ"]) if LONG else 120
SEED = int(os.environ.get("GUONGSANG_FUZZ_SEED", "20261201"))
# CI's bound: the mutants are cheap, but an accepted one is built by every writer.
BUDGET_S = None if LONG else 30.0
FULL_BUILDS = COUNT if LONG else 2  # MkDocs and WeasyPrint take seconds per mutant

NASTY = [
    "[" * 60,
    "![x](../images/anh-mau.png)",
    "![x](../images/anh-mau.jpg)",
    "![x](../images/%E1%BA%A3nh.png)",
    "![x](../images/anh-mau.png/)",
    "![x](images/a.jpg)",
    "[a](../people/khong-co.yml#x)",
    "[a](javascript:alert(1))",
    "[a](HTTPS://example.org)",
    "[a](//example.org/x)",
    "<script>alert(1)</script>",
    "<b>x</b>",
    "\u202e",
    "\u2067",
    "\u200b",
    "\x07",
    "\u2028",
    "#1",
    " # ghi chú",
    ": ",
    "- ",
    "  - x",
    "\t",
    "'",
    '"',
    "“ngoặc cong”",
    "*x",
    "&a",
    "!!python/object:os.system",
    "{a: b, c}",
    "}",
    "../",
    "ả" * 130,
    "0",
    "-1",
    "9999999999999",
    "null",
    "~",
    "yes",
    "2025-13-45",
    "2025-02",
    "😀👨‍👩‍👧",
    "Đắk Nông",
    "Sài Gòn",
    "[^1]",
    "[^1]: chú thích",
    "| a | b |\n|---|---|\n| ![x](../images/anh-mau.png) | c |",
    "> " * 30,
    "`" * 3,
    "\\",
]
VALUES = [
    "kinh-te",
    "giao-duc",
    "images/anh-mau.png",
    "images/anh-mau.jpg",
    "images/anh-mau.png/",
    "images/",
    "books/guong-sang-2025-loi-gioi-thieu.md",
    "../README.md",
    "tinh",
    "[giao-duc, giao-duc]",
    "[]",
    "{}",
    "''",
    "true",
    "2024",
    "x" * 500,
]

Mutation = Callable[[random.Random, Path], str]


def _text_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".yml", ".md"})


def _rewrite(path: Path, data: bytes) -> None:
    path.unlink()  # the base tree is hard-linked: never write through to it
    path.write_bytes(data)


def _lines(rng: random.Random, root: Path) -> tuple[Path, list[str]]:
    path = rng.choice(_text_files(root))
    return path, path.read_text(encoding="utf-8").split("\n")


def cut_line(rng: random.Random, root: Path) -> str:
    path, lines = _lines(rng, root)
    index = rng.randrange(len(lines))
    del lines[index]
    _rewrite(path, "\n".join(lines).encode())
    return f"cut line {index + 1} of {path.relative_to(root)}"


def double_line(rng: random.Random, root: Path) -> str:
    path, lines = _lines(rng, root)
    index = rng.randrange(len(lines))
    lines.insert(index, lines[index])
    _rewrite(path, "\n".join(lines).encode())
    return f"doubled line {index + 1} of {path.relative_to(root)}"


def swap_lines(rng: random.Random, root: Path) -> str:
    path, lines = _lines(rng, root)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    _rewrite(path, "\n".join(lines).encode())
    return f"swapped lines {a + 1} and {b + 1} of {path.relative_to(root)}"


def insert_nasty(rng: random.Random, root: Path) -> str:
    path, lines = _lines(rng, root)
    index = rng.randrange(len(lines))
    line = lines[index]
    at = rng.randrange(len(line) + 1)
    snippet = rng.choice(NASTY)
    lines[index] = line[:at] + snippet + line[at:]
    _rewrite(path, "\n".join(lines).encode())
    return f"inserted {snippet[:20]!r} at {path.relative_to(root)}:{index + 1}:{at + 1}"


def replace_value(rng: random.Random, root: Path) -> str:
    path, lines = _lines(rng, root)
    keyed = [i for i, line in enumerate(lines) if ": " in line or line.rstrip().endswith(":")]
    if not keyed:
        return insert_nasty(rng, root)
    index = rng.choice(keyed)
    key = lines[index].split(":", 1)[0]
    value = rng.choice(VALUES + NASTY)
    lines[index] = f"{key}: {value}"
    _rewrite(path, "\n".join(lines).encode())
    return f"set {path.relative_to(root)}:{index + 1} to {value[:20]!r}"


def add_list_item(rng: random.Random, root: Path) -> str:
    path, lines = _lines(rng, root)
    items = [i for i, line in enumerate(lines) if line.lstrip().startswith("- ")]
    if not items:
        return double_line(rng, root)
    index = rng.choice(items)
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    lines.insert(index + 1, f"{indent}- {rng.choice(VALUES)}")
    _rewrite(path, "\n".join(lines).encode())
    return f"added a list item after {path.relative_to(root)}:{index + 1}"


def corrupt_bytes(rng: random.Random, root: Path) -> str:
    path = rng.choice(sorted(p for p in root.rglob("*") if p.is_file()))
    data = bytearray(path.read_bytes())
    if not data:
        return cut_line(rng, root)
    if rng.random() < 0.5:
        data = data[: rng.randrange(len(data))]
        what = "truncated"
    else:
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        what = "flipped bytes of"
    _rewrite(path, bytes(data))
    return f"{what} {path.relative_to(root)}"


def break_image(rng: random.Random, root: Path) -> str:
    path = rng.choice(sorted((root / "images").iterdir()))
    choice = rng.randrange(3)
    if choice == 0:
        _rewrite(path, path.read_bytes()[: max(1, path.stat().st_size // 2)])
        return f"truncated image {path.name}"
    if choice == 1:
        _rewrite(path, b"not an image")
        return f"replaced image {path.name} with text"
    other = path.with_suffix(".png" if path.suffix == ".jpg" else ".jpg")
    if other.exists():
        other.unlink()
    path.rename(other)
    return f"renamed image {path.name} to {other.name}"


def file_tricks(rng: random.Random, root: Path) -> str:
    records = sorted((root / "people").glob("*.yml")) + sorted((root / "stories").glob("*.md"))
    path = rng.choice(records)
    choice = rng.randrange(4)
    if choice == 0:
        path.unlink()
        return f"deleted {path.relative_to(root)}"
    if choice == 1:
        shutil.copyfile(path, path.with_name(f"ban-sao-{path.name}"))
        return f"copied {path.relative_to(root)} under a new id"
    if choice == 2:
        path.rename(path.with_name(f"Tên Có Dấu{path.suffix}"))
        return f"renamed {path.relative_to(root)} to a name with diacritics"
    (root / "people" / f"{'a' * 250}.yml").write_bytes(path.read_bytes())
    return f"copied {path.relative_to(root)} under a 250-character id"


MUTATIONS: list[tuple[Mutation, int]] = [
    (cut_line, 3),
    (double_line, 3),
    (swap_lines, 2),
    (insert_nasty, 6),
    (replace_value, 5),
    (add_list_item, 3),
    (corrupt_bytes, 2),
    (break_image, 1),
    (file_tricks, 1),
]


def _base(tmp: Path) -> Path:
    """The sample content, plus photos the mutations can point records and stories at."""
    base = tmp / "base"
    shutil.copytree(SAMPLE, base)
    (base / "images").mkdir(exist_ok=True)
    shutil.copyfile(MINI / "images" / "anh-mau.png", base / "images" / "anh-mau.png")
    Image.effect_noise((120, 80), 60).convert("RGB").save(base / "images" / "anh-mau.jpg")
    person = sorted((base / "people").glob("*.yml"))[0]
    text = person.read_text(encoding="utf-8")
    if "\nphoto:" not in text:
        person.write_text(text + "photo:\n  file: images/anh-mau.jpg\n", encoding="utf-8")
    story = sorted((base / "stories").glob("*.md"))[0]
    story.write_text(
        story.read_text(encoding="utf-8") + "\n![Ảnh](../images/anh-mau.png)\n", encoding="utf-8"
    )
    return base


def _mutant(base: Path, target: Path, rng: random.Random) -> list[str]:
    shutil.copytree(base, target, copy_function=os.link)
    operations, weights = zip(*MUTATIONS, strict=True)
    return [
        rng.choices(operations, weights)[0](rng, target) for _ in range(rng.choice((1, 1, 2, 3)))
    ]


def _try(root: Path, out: Path, *, full: bool) -> tuple[str, str | None]:
    """("refused" | "built" | "check", traceback or None)."""
    try:
        outcome = run(root)
    except Exception:
        return "check", traceback.format_exc()
    if outcome.index is None:
        assert outcome.report.errors
        return "refused", None
    try:
        build_site_parts(outcome.index, out / "parts")
        build_books(outcome.index, pdf=full)
        if full:
            build_whole_site(root, out / "site")
    except Exception:
        return "built", traceback.format_exc()
    return "built", None


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_mutated_content_is_refused_or_built(tmp_path: Path) -> None:
    """No mutant of the sample content gives a traceback in check, the site or the book."""
    base = _base(tmp_path)
    verdict, problem = _try(base, tmp_path / "base-out", full=False)
    assert (verdict, problem) == ("built", None), problem
    rng = random.Random(SEED)
    started = time.monotonic()
    failures: list[str] = []
    counts = {"refused": 0, "built": 0}
    full_builds = 0
    for number in range(COUNT):
        if BUDGET_S is not None and time.monotonic() - started > BUDGET_S:
            break
        root = tmp_path / f"m{number}" / "content"
        applied = _mutant(base, root, rng)
        full = full_builds < FULL_BUILDS
        verdict, problem = _try(root, tmp_path / f"m{number}" / "out", full=full)
        full_builds += full and verdict == "built"
        if verdict in counts:
            counts[verdict] += 1
        if problem is not None:
            failures.append(f"mutant {number} ({'; '.join(applied)}) in {verdict}:\n{problem}")
        shutil.rmtree(root.parent)
    assert not failures, "\n\n".join(failures[:5])
    assert counts["refused"] and counts["built"], counts
