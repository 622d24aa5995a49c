"""The local backend `guongsang serve` offers the browser editor, and what it may write."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from generator.cms.local_backend import LocalBackend
from generator.models import BookPart
from generator.pipeline import run
from tests.conftest import check

PORT = 8000
HOST = f"127.0.0.1:{PORT}"


def _fallback(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"site"]


@pytest.fixture
def api(mini: Path, tmp_path: Path) -> LocalBackend:
    site = tmp_path / "site"
    (site / "quan-tri").mkdir(parents=True)
    (site / "quan-tri" / "index.html").write_text("<!doctype html><title>x</title>")
    return LocalBackend(_fallback, mini, port=PORT, site_dir=site)


def call(
    api: LocalBackend, payload: Any, *, path: str = "/quan-tri/api/v1", **headers: str
) -> tuple[int, Any]:
    body = json.dumps(payload).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": HOST,
        "HTTP_ORIGIN": f"http://{HOST}",
        "CONTENT_TYPE": "application/json; charset=utf-8",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
    }
    for key, value in headers.items():
        if value == "":
            environ.pop(key, None)
        else:
            environ[key] = value
    status: list[str] = []
    chunks = api(environ, lambda s, h: status.append(s))
    data = b"".join(chunks)
    return int(status[0].split()[0]), json.loads(data) if data.startswith((b"{", b"[")) else data


def _jpeg() -> str:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (176, 18, 15)).save(out, "JPEG")
    return base64.b64encode(out.getvalue()).decode()


def test_info_names_a_simple_file_system_backend(api: LocalBackend):
    """Decap switches editorial workflow to direct saves against the working copy."""
    status, info = call(api, {"action": "info"})
    assert status == 200
    repo = api.actions.folder.root.parent.name
    assert info == {"repo": repo, "publish_modes": ["simple"], "type": "local_fs"}


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("HTTP_ORIGIN", "https://evil.example"),
        ("HTTP_HOST", "evil.example:8000"),
        ("REMOTE_ADDR", "192.168.1.20"),
        ("CONTENT_TYPE", "text/plain"),
        ("REQUEST_METHOD", "GET"),
    ],
)
def test_requests_from_elsewhere_are_refused(api: LocalBackend, header: str, value: str):
    """Other sites' pages, rebinding host names, other machines and simple requests fail."""
    status, body = call(api, {"action": "info"}, **{header: value})
    assert status in {403, 415}
    assert "error" in body


def test_other_requests_reach_the_site(api: LocalBackend):
    """Everything but the API and the editor page is the preview's own."""
    assert call(api, {}, path="/ca-nhan/") == (200, b"site")


def test_editor_page_is_served_without_live_reload(api: LocalBackend):
    """The page comes from the built file as is (no injected script for its CSP to refuse)."""
    status, body = call(api, {}, path="/quan-tri/")
    assert status == 200 and body == b"<!doctype html><title>x</title>"


def test_entries_are_listed_and_read(api: LocalBackend):
    """entriesByFolder returns every record file with its text and a content hash."""
    status, entries = call(
        api,
        {"action": "entriesByFolder", "params": {"folder": "content/people", "extension": "yml"}},
    )
    assert status == 200
    paths = [e["file"]["path"] for e in entries]
    assert "content/people/hoang-thi-nhu-thanh.yml" in paths
    assert all(e["data"] and len(e["file"]["id"]) == 64 for e in entries)


@pytest.mark.parametrize(
    "path",
    [
        "content/../mkdocs.yml",
        "mkdocs.yml",
        "content/people/../../x.yml",
        "content/people/a.md",
        "content/taxonomies/fields.yml",
        "content/people/sub/a.yml",
        "/etc/passwd",
    ],
)
def test_writes_stay_in_the_record_folders(api: LocalBackend, path: str):
    """Nothing is written outside content/'s record folders, or with the wrong suffix."""
    params = {"dataFiles": [{"path": path, "raw": "x"}], "assets": []}
    status, body = call(api, {"action": "persistEntry", "params": params})
    assert status == 403, body
    assert not (api.actions.folder.root.parent / "x.yml").exists()


def test_symlinks_are_not_followed(api: LocalBackend, tmp_path: Path):
    """A link planted in content/ cannot carry a write outside it."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (api.actions.folder.root / "images" / "link").symlink_to(outside)
    asset = {"path": "content/images/link/a.jpg", "content": _jpeg(), "encoding": "base64"}
    status, _body = call(api, {"action": "persistMedia", "params": {"asset": asset}})
    assert status == 403
    assert list(outside.iterdir()) == []


def test_photo_must_really_be_an_image(api: LocalBackend):
    """A file named .jpg that is not a JPEG is refused with check's message; none is left."""
    fake = base64.b64encode(b"<svg onload=alert(1)>").decode()
    asset = {"path": "content/images/anh.jpg", "content": fake, "encoding": "base64"}
    status, body = call(api, {"action": "persistMedia", "params": {"asset": asset}})
    assert status == 422 and "không phải ảnh hợp lệ" in body["error"]
    images = api.actions.folder.root / "images"
    assert sorted(p.name for p in images.iterdir()) == ["anh-mau.png"]


def test_photo_with_a_refused_suffix_is_refused(api: LocalBackend):
    """GIF and SVG never reach content/images."""
    asset = {"path": "content/images/anh.svg", "content": _jpeg(), "encoding": "base64"}
    status, body = call(api, {"action": "persistMedia", "params": {"asset": asset}})
    assert status == 422 and ".webp" in body["error"]


def test_saved_entry_with_photo_passes_check(api: LocalBackend):
    """A record and its photo saved in one request make valid content."""
    raw = (
        "name: Vàng Thị Mai\nsummary: Người giữ rừng.\nplace:\n  province: Hà Giang\n"
        "fields:\n  - giao-duc\nphoto:\n  file: images/mai.jpg\npublished: true\n"
    )
    params = {
        "dataFiles": [{"path": "content/people/vang-thi-mai.yml", "raw": raw, "slug": "x"}],
        "assets": [{"path": "content/images/mai.jpg", "content": _jpeg(), "encoding": "base64"}],
    }
    assert call(api, {"action": "persistEntry", "params": params})[0] == 200
    outcome = run(api.actions.folder.root)
    assert outcome.report.errors == []
    assert "vang-thi-mai" in outcome.index.records  # type: ignore[union-attr]


def test_raw_html_typed_in_a_story_is_refused_with_its_line(api: LocalBackend):
    """The editor saves `<br>` as typed; `check` still refuses it and names the line."""
    raw = (
        "---\ntitle: Bài mới\nsubjects:\n  - hoang-thi-nhu-thanh\ndate: 2025-01-02\n"
        "lead: Sa-pô.\n---\nDòng một<br>dòng hai\n"
    )
    params = {"dataFiles": [{"path": "content/stories/bai-moi.md", "raw": raw}], "assets": []}
    assert call(api, {"action": "persistEntry", "params": params})[0] == 200
    _outcome, lines = check(api.actions.folder.root)
    assert any(line.startswith("stories/bai-moi.md:8:") and "HTML" in line for line in lines), lines


def test_blank_optional_keys_are_read_as_absent(mini: Path):
    """`position: ""` and `photo: {caption: ""}` (what Decap leaves) pass as not written."""
    path = mini / "people" / "hoang-thi-nhu-thanh.yml"
    path.write_text(
        path.read_text(encoding="utf-8") + 'position: ""\nethnicity: " "\n', encoding="utf-8"
    )
    extra = mini / "people" / "trong.yml"
    extra.write_text(
        "name: Trống\nsummary: Tóm tắt.\nplace: {province: Cao Bằng}\nfields: [giao-duc]\n"
        'photo: {caption: "", credit: ""}\n',
        encoding="utf-8",
    )
    outcome, lines = check(mini)
    assert [line for line in lines if "lỗi" in line] == []
    assert outcome.index is not None
    assert outcome.index.records["trong"].model.photo is None


def test_a_started_block_is_still_checked(mini: Path):
    """A photo with a caption but no file is an error: only blank blocks are absent."""
    (mini / "people" / "nua.yml").write_text(
        "name: Nửa\nsummary: Tóm tắt.\nplace: {province: Cao Bằng}\nfields: [giao-duc]\n"
        "photo: {caption: Chân dung}\n",
        encoding="utf-8",
    )
    _outcome, lines = check(mini)
    assert any("nua.yml" in line and "file" in line for line in lines), lines


def test_an_empty_selection_keeps_its_meaning():
    """`select: {}` in a book part means every record; it is not a blank block."""
    assert BookPart.model_validate({"title": "P", "select": {}}).select is not None
