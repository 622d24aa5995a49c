from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from generator.diagnostics import format_text
from generator.pipeline import Outcome, run

TESTS = Path(__file__).parent
MINI = TESTS / "fixtures" / "mini"
GOLDEN = TESTS / "golden"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A private copy of the small valid content tree."""
    target = tmp_path / "content"
    shutil.copytree(MINI, target)
    return target


def check_lines(outcome: Outcome, root: Path) -> list[str]:
    return [format_text(d, cwd=root) for d in outcome.report.sorted()]


def assert_golden(name: str, lines: list[str]) -> None:
    path = GOLDEN / f"{name}.txt"
    text = "\n".join(lines) + "\n"
    if UPDATE_GOLDEN or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not UPDATE_GOLDEN:
            pytest.fail(f"golden file {path.name} was missing and has been written; review it")
    assert text == path.read_text(encoding="utf-8")


def check(root: Path) -> tuple[Outcome, list[str]]:
    outcome = run(root)
    return outcome, check_lines(outcome, root)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory):
    """The sample content plus test records, built once for the whole session."""
    from tests.site_support import build_sample

    return build_sample(tmp_path_factory.mktemp("built"))


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, shared by every browser test."""
    assert Path(CHROMIUM).is_file(), "Debian chromium is missing; run .ci/setup"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield chromium
        chromium.close()
