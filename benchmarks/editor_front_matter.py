"""What yaml-language-server says about whole story files: why stories are not mapped as YAML.

Run: .venv/bin/python benchmarks/editor_front_matter.py

Sends every sample story to the real server (with the project's .vscode/settings.json and
freshly generated schemas) as VS Code would if `*.md` were associated with YAML, and counts
the diagnostics in the front matter and in the body. Results are in docs/editor-support.md.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.schema import known_ids, write_schemas  # noqa: E402
from tests.lsp_client import LanguageServer  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder)
        shutil.copytree(REPO / "content", workspace / "content")
        (workspace / ".vscode").mkdir()
        shutil.copy(REPO / ".vscode" / "settings.json", workspace / ".vscode" / "settings.json")
        write_schemas(workspace / ".vscode" / "schemas", known_ids(workspace / "content"))
        settings = json.loads((workspace / ".vscode" / "settings.json").read_text("utf-8"))
        server = LanguageServer(workspace, {"schemas": settings["yaml.schemas"], "validate": True})
        server.start()
        front_total = body_total = 0
        stories = sorted((workspace / "content" / "stories").glob("*.md"))
        for path in stories:
            text = path.read_text(encoding="utf-8")
            closing = text.split("\n").index("---", 1)
            found = server.diagnostics(server.open(f"content/stories/{path.name}", text))
            front = sum(d["range"]["start"]["line"] <= closing for d in found)
            front_total += front
            body_total += len(found) - front
            print(f"{path.name}: front matter {front}, body {len(found) - front}")
        server.close()
        print(f"{len(stories)} stories: front matter {front_total}, body {body_total}")


if __name__ == "__main__":
    main()
