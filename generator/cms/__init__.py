"""The browser editor at `/quan-tri/` (Decap CMS): its page, its generated configuration and
the local backend `guongsang serve` offers. The MkDocs adapter calls `publish_admin` after
each build and `local_backend` when a preview server starts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.cms.local_backend import LocalBackend, WsgiApp, is_loopback
from generator.cms.page import DecapMissing, Written, write_admin
from generator.cms.settings import CmsSettingsError, read_settings
from generator.cms.widgets import UnmappedField
from generator.index import Index

__all__ = ["CmsError", "local_backend", "publish_admin", "serves_locally"]


class CmsError(Exception):
    """The editor cannot be built: a bad `extra.cms` or no Decap package."""


def serves_locally(host: str) -> bool:
    """Local editing only when the preview listens on this machine alone."""
    return is_loopback(host)


def publish_admin(
    site_dir: Path,
    *,
    repo_root: Path,
    theme_dir: Path,
    index: Index,
    extra: Any,
    site_url: str,
    local: bool,
) -> Written:
    try:
        return write_admin(
            site_dir,
            repo_root=repo_root,
            theme_dir=theme_dir,
            fields=list(index.fields.values()),
            movements=list(index.movements.values()),
            settings=read_settings(extra),
            site_url=site_url,
            local=local,
        )
    except (CmsSettingsError, DecapMissing, UnmappedField) as error:
        raise CmsError(f"trang /quan-tri/: {error}") from None


def local_backend(app: WsgiApp, content_root: Path, *, port: int, site_dir: Path) -> WsgiApp:
    return LocalBackend(app, content_root, port=port, site_dir=site_dir)
