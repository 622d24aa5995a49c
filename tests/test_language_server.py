"""The real yaml-language-server, with the project's .vscode/settings.json, helps editors."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator

import pytest

from generator.schema import known_ids, write_schemas
from tests.conftest import MINI
from tests.lsp_client import REPO, SERVER, LanguageServer

PERSON = "name: Nguyễn Văn An\nsummary: Một tấm gương.\nplace:\n  province: Cao Bằng\n"
COLLECTIVE = "name: Chi đoàn A\ntype: Chi đoàn\nsummary: Một tập thể.\nplace:\n  province: Huế\n"
STORY = "---\ntitle: Bài thử\ndate: 2024-01-18\nlead: Sa-pô.\n"
VIETNAMESE_OBJECT_MESSAGE = "chỉ dùng các khóa được gợi ý"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LanguageServer]:
    """A workspace like a fresh clone after `bash .ci/setup`: settings, content, schemas."""
    assert SERVER.exists(), "yaml-language-server is missing; run bash .ci/setup"
    workspace = tmp_path_factory.mktemp("workspace")
    shutil.copytree(MINI, workspace / "content")
    (workspace / ".vscode").mkdir()
    shutil.copy(REPO / ".vscode" / "settings.json", workspace / ".vscode" / "settings.json")
    settings = json.loads((workspace / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    schema_dir = next(iter(settings["yaml.schemas"])).rsplit("/", 1)[0]
    write_schemas(workspace / schema_dir, known_ids(workspace / "content"))
    yaml_settings = {
        "schemas": settings["yaml.schemas"],
        "validate": True,
        "completion": True,
        "hover": True,
    }
    language_server = LanguageServer(workspace, yaml_settings)
    language_server.start()
    yield language_server
    language_server.close()


def _unknown_key_message(server: LanguageServer, rel: str, text: str, key_line: int) -> str:
    uri = server.open(rel, text)
    found = server.diagnostics(uri)
    at_key = [d["message"] for d in found if d["range"]["start"]["line"] == key_line]
    assert at_key, found
    return at_key[0]


@pytest.mark.parametrize(
    ("rel", "text", "line"),
    [
        ("content/people/mot.yml", PERSON + "fields:\n  - giao-duc\ntom_tat: x\n", 6),
        ("content/collectives/mot.yml", COLLECTIVE + "fields:\n  - giao-duc\nloai: x\n", 7),
        ("content/stories/mot.md", STORY + "subjects:\n  - nguyen-trung-tuyen\nsapo: x\n", 6),
    ],
)
def test_unknown_key_is_described_in_vietnamese(
    server: LanguageServer, rel: str, text: str, line: int
) -> None:
    """An unknown key gets a Vietnamese diagnostic on its own line."""
    assert VIETNAMESE_OBJECT_MESSAGE in _unknown_key_message(server, rel, text, line)


@pytest.mark.parametrize(
    ("rel", "text", "expected"),
    [
        ("content/people/hai.yml", PERSON, {"fields", "member_of", "birth_year", "awards"}),
        ("content/collectives/hai.yml", COLLECTIVE, {"fields", "members", "founded"}),
        ("content/stories/hai.md", STORY, {"subjects", "source", "image", "featured"}),
    ],
)
def test_keys_are_completed(
    server: LanguageServer, rel: str, text: str, expected: set[str]
) -> None:
    """On an empty line at the top level, every missing key is offered."""
    uri = server.open(rel, text + "\n")
    server.diagnostics(uri)
    labels = set(server.completion_labels(uri, text.count("\n"), 0))
    assert expected <= labels, labels


@pytest.mark.parametrize(
    ("rel", "text", "expected"),
    [
        ("content/people/ba.yml", PERSON + "fields:\n  - ", {"giao-duc", "phu-nu"}),
        ("content/collectives/ba.yml", COLLECTIVE + "fields:\n  - ", {"giao-duc", "phu-nu"}),
        ("content/people/bon.yml", PERSON + "member_of:\n  - ", {"chi-hoi-phu-nu-cong-to"}),
        (
            "content/stories/ba.md",
            STORY + "subjects:\n  - ",
            {"nguyen-trung-tuyen", "chi-hoi-phu-nu-cong-to"},
        ),
    ],
)
def test_ids_are_completed(server: LanguageServer, rel: str, text: str, expected: set[str]) -> None:
    """After `- ` in a list of references, the content's ids are offered."""
    uri = server.open(rel, text)
    server.diagnostics(uri)
    lines = text.split("\n")
    labels = set(server.completion_labels(uri, len(lines) - 1, len(lines[-1])))
    assert expected <= labels, labels


def test_award_level_in_words_is_described_in_vietnamese(server: LanguageServer) -> None:
    """`level: cấp tỉnh` is flagged with the Vietnamese list of level ids."""
    text = PERSON + "fields:\n  - giao-duc\nawards:\n  - title: Bằng khen\n    level: cấp tỉnh\n"
    uri = server.open("content/people/nam.yml", text + "    issuer: UBND\n    year: 2024\n")
    messages = [d["message"] for d in server.diagnostics(uri) if d["range"]["start"]["line"] == 8]
    assert any("`tinh` (Tỉnh, thành phố)" in m for m in messages), messages


def test_valid_content_has_no_diagnostics(server: LanguageServer) -> None:
    """What `check` accepts, the schema accepts: the fixture's records and front matter."""
    content = server.workspace / "content"
    for path in sorted([*content.glob("people/*.yml"), *content.glob("collectives/*.yml")]):
        uri = server.open(f"{path.relative_to(server.workspace)}", path.read_text("utf-8"))
        assert server.diagnostics(uri) == [], path.name
    for path in sorted(content.glob("stories/*.md")):
        # The front matter alone: the server reads a body after `---` as a second document.
        front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0] + "\n"
        uri = server.open(f"{path.relative_to(server.workspace)}", front, "markdown")
        found = server.diagnostics(uri)
        assert found == [], (path.name, found)
