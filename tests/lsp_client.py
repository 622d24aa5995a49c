"""A small Language Server Protocol client: drives yaml-language-server as VS Code does."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import IO, Any

REPO = Path(__file__).resolve().parent.parent
SERVER = REPO / "node_modules" / ".bin" / "yaml-language-server"


class LanguageServer:
    """One server process over stdio; answers the server's configuration requests."""

    def __init__(self, workspace: Path, yaml_settings: dict[str, Any]) -> None:
        self.workspace = workspace
        self.settings = {"yaml": yaml_settings}
        self._proc = subprocess.Popen(
            [str(SERVER), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=workspace,
        )
        self._next_id = 0
        self._responses: dict[int, dict[str, Any]] = {}
        self._notes: queue.Queue[dict[str, Any]] = queue.Queue()
        self._ready = threading.Condition()
        threading.Thread(target=self._read_loop, daemon=True).start()

    def _send(self, message: dict[str, Any]) -> None:
        assert self._proc.stdin is not None
        body = json.dumps(message).encode("utf-8")
        self._proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self._proc.stdin.flush()

    @staticmethod
    def _read_message(stream: IO[bytes]) -> dict[str, Any] | None:
        length = 0
        while True:
            line = stream.readline()
            if not line:
                return None
            if not line.strip():
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        message: dict[str, Any] = json.loads(stream.read(length))
        return message

    def _read_loop(self) -> None:
        assert self._proc.stdout is not None
        while (message := self._read_message(self._proc.stdout)) is not None:
            if "method" in message and "id" in message:
                self._answer(message)
            elif "id" in message:
                with self._ready:
                    self._responses[message["id"]] = message
                    self._ready.notify_all()
            else:
                self._notes.put(message)

    def _answer(self, request: dict[str, Any]) -> None:
        result: Any = None
        if request["method"] == "workspace/configuration":
            result = [
                self.settings.get(item.get("section", ""), None)
                for item in request["params"]["items"]
            ]
        self._send({"jsonrpc": "2.0", "id": request["id"], "result": result})

    def request(self, method: str, params: dict[str, Any], timeout: float = 30) -> Any:
        self._next_id += 1
        ident = self._next_id
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        with self._ready:
            if not self._ready.wait_for(lambda: ident in self._responses, timeout):
                raise TimeoutError(f"no answer to {method}")
            answer = self._responses.pop(ident)
        assert "error" not in answer, answer
        return answer.get("result")

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def start(self) -> None:
        root = self.workspace.as_uri()
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root,
                "workspaceFolders": [{"uri": root, "name": self.workspace.name}],
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "completion": {
                            "completionItem": {
                                "snippetSupport": True,
                                "documentationFormat": ["markdown", "plaintext"],
                            }
                        }
                    },
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})

    def open(self, rel: str, text: str, language: str = "yaml") -> str:
        uri = (self.workspace / rel).as_uri()
        document = {"uri": uri, "languageId": language, "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": document})
        return uri

    def diagnostics(self, uri: str, timeout: float = 30) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                note = self._notes.get(timeout=left)
            except queue.Empty:
                break
            params = note.get("params", {})
            if note.get("method") == "textDocument/publishDiagnostics" and params["uri"] == uri:
                found: list[dict[str, Any]] = params["diagnostics"]
                return found
        raise TimeoutError(f"no diagnostics for {uri}")

    def completion_labels(self, uri: str, line: int, character: int) -> list[str]:
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        items = result.get("items", []) if isinstance(result, dict) else result or []
        return [str(item["label"]) for item in items]

    def close(self) -> None:
        try:
            self.request("shutdown", {}, timeout=5)
            self.notify("exit", {})
            self._proc.wait(timeout=5)
        except (TimeoutError, subprocess.TimeoutExpired, OSError):
            self._proc.kill()
            self._proc.wait()
