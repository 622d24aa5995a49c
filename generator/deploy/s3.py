"""`guongsang deploy s3`: the built site into an S3-compatible bucket, changed files only.

The bucket is listed once (ETags: the MD5 of each stored body); every file whose stored
body would differ is uploaded with its Content-Type, Cache-Control and Content-Encoding
(see `plan`), assets before pages; then objects under the prefix that the site no longer
has are deleted, so that an unpublished record disappears from storage too. Credentials
come from the usual AWS sources (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws, a role):
never from the command line, where they would land in the shell history.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3  # type: ignore[import-untyped]  # no stubs installed; kept to this module
from botocore.config import Config  # type: ignore[import-untyped]
from botocore.exceptions import (  # type: ignore[import-untyped]
    BotoCoreError,
    ClientError,
    NoCredentialsError,
)

from generator.deploy.plan import Upload, page_last, site_files, upload_for

log = logging.getLogger(__name__)

THREADS = 16  # requests in flight: uploads are small and latency-bound
DELETE_BATCH = 1000  # the most keys one DeleteObjects request takes


class DeployError(Exception):
    """The bucket could not be read or written; the message says why, in Vietnamese."""


@dataclass(frozen=True, slots=True)
class Target:
    bucket: str
    prefix: str = ""  # a folder in the bucket, "" or ending in "/"
    endpoint: str | None = None  # None: AWS itself
    region: str | None = None


@dataclass(slots=True)
class Report:
    uploaded: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)
    bytes: int = 0


def client(target: Target) -> Any:
    config = Config(
        s3={"addressing_style": "path"} if target.endpoint else {},
        retries={"max_attempts": 5, "mode": "standard"},
        max_pool_connections=THREADS,
    )
    # A session of its own: boto3's default one keeps the first credentials it found.
    return boto3.session.Session().client(
        "s3", endpoint_url=target.endpoint, region_name=target.region, config=config
    )


def stored_etags(s3: Any, target: Target) -> dict[str, str]:
    etags: dict[str, str] = {}
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=target.bucket, Prefix=target.prefix)
    for page in pages:
        for item in page.get("Contents", []):
            etags[item["Key"]] = item["ETag"].strip('"')
    return etags


def _put(s3: Any, bucket: str, upload: Upload) -> None:
    extra = {"ContentEncoding": upload.content_encoding} if upload.content_encoding else {}
    s3.put_object(
        Bucket=bucket,
        Key=upload.key,
        Body=upload.body,
        ContentType=upload.content_type,
        CacheControl=upload.cache_control,
        **extra,
    )


def _in_batches(keys: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(keys), DELETE_BATCH):
        yield keys[start : start + DELETE_BATCH]


def _upload_all(s3: Any, target: Target, uploads: list[Upload]) -> None:
    """Assets first, then pages, each group in parallel."""
    assets = [u for u in uploads if page_last(u.key)[0] == 0]
    pages = [u for u in uploads if page_last(u.key)[0] == 1]
    with ThreadPoolExecutor(THREADS) as pool:
        for group in (assets, pages):
            list(pool.map(lambda upload: _put(s3, target.bucket, upload), group))


def deploy(
    site: Path,
    target: Target,
    *,
    encoding: str = "gzip",
    delete: bool = True,
    dry_run: bool = False,
) -> Report:
    if not (site / "index.html").is_file():
        raise DeployError(f"{site}: không có index.html; hãy chạy `guongsang build` trước")
    s3 = client(target)
    report = Report()
    try:
        stored = stored_etags(s3, target)
        changed: list[Upload] = []
        keys: set[str] = set()
        for path, rel in sorted(site_files(site), key=lambda item: page_last(item[1])):
            upload = upload_for(path, rel, target.prefix, encoding)
            keys.add(upload.key)
            if stored.get(upload.key) == upload.etag:
                report.unchanged += 1
                continue
            changed.append(upload)
            report.uploaded.append(upload.key)
            report.bytes += len(upload.body)
        stale = sorted(set(stored) - keys) if delete else []
        report.deleted = stale
        if dry_run:
            return report
        _upload_all(s3, target, changed)
        for batch in _in_batches(stale):
            s3.delete_objects(
                Bucket=target.bucket, Delete={"Objects": [{"Key": k} for k in batch], "Quiet": True}
            )
    except ClientError as error:
        detail = error.response.get("Error", {})
        code, message = detail.get("Code", "?"), detail.get("Message", "")
        raise DeployError(f"kho `{target.bucket}` từ chối: {code} – {message}") from error
    except NoCredentialsError as error:
        raise DeployError(
            "chưa có khóa truy cập kho: đặt biến môi trường AWS_ACCESS_KEY_ID và "
            "AWS_SECRET_ACCESS_KEY (hoặc tệp ~/.aws/credentials) rồi chạy lại"
        ) from error
    except BotoCoreError as error:
        raise DeployError(f"không kết nối được kho lưu trữ: {error}") from error
    return report
