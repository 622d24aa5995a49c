"""Atomic output files: readers see the old file or the new one, never half of one."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A new, empty file beside `target` to write; it replaces `target` when the block ends
    without an error, and is removed otherwise."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # Beside the target, so the replace is a rename within one file system; hidden, and
    # with the target's suffix for writers that go by it. Created exclusively ("x"), with
    # the usual permissions (mkstemp's 0600 would hide published files from a web server).
    temporary = target.with_name(f".{target.stem}.{secrets.token_hex(6)}{target.suffix}")
    temporary.open("xb").close()
    try:
        yield temporary
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically."""
    with replacing(path) as temporary:
        temporary.write_bytes(data)
