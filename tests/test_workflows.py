"""The editors' pull-request workflow files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_official_and_pinned_to_a_commit(workflow: Path) -> None:
    """Every `uses:` is an actions/* action pinned to a full commit SHA."""
    uses = re.findall(r"uses:\s*(\S+)", workflow.read_text(encoding="utf-8"))
    assert uses
    for action in uses:
        assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", action), action


def test_pull_request_workflow_checks_builds_and_uploads() -> None:
    """The PR workflow annotates with --format github, builds site and book, uploads both."""
    text = (REPO / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    steps = data["jobs"]["check-and-build"]["steps"]
    commands = "\n".join(step.get("run", "") for step in steps)
    assert "guongsang check --format github" in commands
    assert "guongsang build" in commands
    assert "guongsang book" in commands
    assert "guongsang diff" in commands
    uploads = [s["with"]["path"] for s in steps if "upload-artifact" in s.get("uses", "")]
    assert uploads == ["site", "dist"]


def test_pages_workflow_deploys_only_from_main() -> None:
    """The Pages workflow runs on main and deploys the built site."""
    data = yaml.safe_load(
        (REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    )
    assert data[True]["push"]["branches"] == ["main"]  # PyYAML reads the key `on` as True
    assert "deploy" in data["jobs"]


def test_pre_commit_hook_runs_check() -> None:
    """Both pre-commit files run `guongsang check` on content changes."""
    local = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = local["repos"][0]["hooks"][0]
    assert hook["entry"].endswith("guongsang check") and hook["files"] == "^content/"
    published = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert published[0]["entry"] == "guongsang check"


def _code_blocks(markdown: str, language: str) -> list[str]:
    blocks = re.findall(rf"^( *)```{language}\n(.*?)^\1```", markdown, flags=re.M | re.S)
    return [re.sub(rf"^{indent}", "", body, flags=re.M) for indent, body in blocks]


def test_contributing_examples_pass_check(tmp_path: Path) -> None:
    """The person and story examples in CONTRIBUTING.md pass `guongsang check`."""
    import shutil

    from PIL import Image

    from generator.pipeline import run

    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    person = _code_blocks(guide, "yaml")[0]
    story = _code_blocks(guide, "markdown")[0]
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    (content / "people" / "hoang-thi-nhu-thanh.yml").write_text(person, encoding="utf-8")
    (content / "stories" / "nguoi-thay-vung-cao.md").write_text(story, encoding="utf-8")
    (content / "images").mkdir(exist_ok=True)
    Image.new("RGB", (40, 30)).save(content / "images" / "lop-tin-hoc-kim-hy.jpg")
    outcome = run(content)
    assert outcome.report.errors == []


def test_pages_workflow_builds_with_the_public_address() -> None:
    """The Pages build sets the real site URL and the repository's issue form."""
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text("utf-8"))
    step = next(
        s for s in workflow["jobs"]["build"]["steps"] if "guongsang build" in s.get("run", "")
    )
    assert step["env"]["GUONGSANG_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert step["env"]["GUONGSANG_REPORT_URL"].endswith("/issues/new")
