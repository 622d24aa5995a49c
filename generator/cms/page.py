"""`/quan-tri/`: the browser editor's files, written into a built site.

Decap CMS is served from the site's own files, copied from the pinned npm package
(`node_modules/decap-cms/dist`) at build time: only the bundle, its lazily loaded chunks and
WebAssembly, and the licences — not the 50 MB of source maps nor the second (`cms.js`)
copy of the same bundle. They are copied, not hard-linked: a hard link would let any later
step that rewrites or re-permissions the published tree in place alter the pinned package
that every build shares. A preview rebuild skips files already copied.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

from generator.cms.config import LOCAL_API_PATH, cms_config, default_choices
from generator.cms.settings import CmsSettings
from generator.images import SUFFIX_FORMATS, WARN_BYTES, WARN_PIXELS
from generator.models import TaxonomyEntry
from generator.site import urls
from generator.site.assemble import DEFAULT_IMAGE

ADMIN_DIR = "quan-tri"
DECAP_PACKAGE = Path("node_modules") / "decap-cms"
THEME_FOLDER = "quan-tri"
_DIST_FILES = re.compile(
    r"^(decap-cms\.js|decap-cms\.js\.LICENSE\.txt|\d+\.decap-cms\.js|\w+\.wasm)$"
)
_THEME_FILES = ("admin.js", "admin.css", "preview.css", "LICENSE-decap-cms.txt")
_KINDS = {"people": "cá nhân", "collectives": "tập thể"}


class DecapMissing(Exception):
    """The npm package is not installed (or not the pinned version)."""


@dataclass(frozen=True, slots=True)
class Decap:
    dist: Path
    version: str

    def files(self) -> list[Path]:
        return sorted(p for p in self.dist.iterdir() if _DIST_FILES.match(p.name))


# A project folder elsewhere that builds with this checkout of the generator uses its package.
SOURCE_TREE = Path(__file__).resolve().parents[2]


def _package_root(project: Path, fallbacks: Sequence[Path]) -> Path:
    """Where `npm ci` put the package: beside mkdocs.yml or above it, else a fallback."""
    here = project.resolve()
    for folder in (here, *here.parents, *fallbacks):
        if (folder / DECAP_PACKAGE / "package.json").is_file():
            return folder
    return here


def find_decap(project: Path, fallbacks: Sequence[Path] = (SOURCE_TREE,)) -> Decap:
    """The installed package, checked against the version package.json pins."""
    repo_root = _package_root(project, fallbacks)
    package = repo_root / DECAP_PACKAGE
    try:
        installed = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        raise DecapMissing(
            f"chưa cài Decap CMS ({package}); chạy `npm ci` (hoặc `bash .ci/setup`) ở thư mục dự án"
        ) from None
    try:
        pinned = json.loads((repo_root / "package.json").read_text(encoding="utf-8"))
        wanted = pinned["devDependencies"]["decap-cms"]
    except (OSError, ValueError, KeyError):
        wanted = installed
    if installed != wanted:
        raise DecapMissing(
            f"Decap CMS đã cài là {installed}, package.json ghim {wanted}; chạy lại `npm ci`"
        )
    return Decap(package / "dist", installed)


def content_security_policy(settings: CmsSettings) -> str:
    """What Decap needs and no more: its code only from the site, data only from the site
    and GitHub's API. `unsafe-eval`: Decap compiles its config schema with ajv at start;
    `unsafe-inline` styles: its interface is styled by emotion's injected <style> tags."""
    connect = " ".join(["'self'", "blob:", "data:", *settings.connect_origins()])
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob: https://avatars.githubusercontent.com",
            "media-src 'self' blob:",
            "font-src 'self' data:",
            f"connect-src {connect}",
            "frame-src 'self' blob:",
            "worker-src 'self' blob:",
            "manifest-src 'self'",
            "base-uri 'self'",
            "form-action 'none'",
            "object-src 'none'",
        ]
    )


def _field_shapes(fields: list[dict[str, Any]]) -> dict[str, Any]:
    """{keys: [[name, shape], …]} in form order, for admin.js to order nested keys."""
    keys: list[list[Any]] = []
    for field in fields:
        if field.get("name") == "body":
            continue
        keys.append([field["name"], _shape(field)])
    return {"keys": keys}


def _shape(field: dict[str, Any]) -> Any:
    if field["widget"] == "object":
        return _field_shapes(field["fields"])
    if field["widget"] == "list" and "fields" in field:
        return {"item": _field_shapes(field["fields"])}
    return None


def settings_script(
    config: dict[str, Any],
    settings: CmsSettings,
    taxonomies: dict[str, Sequence[TaxonomyEntry]],
    theme: Path,
    *,
    local: bool,
) -> str:
    data = {
        # Decap could fetch config.yml itself, but refuses it unless the web server labels
        # it YAML, which neither MkDocs' preview nor every static host does.
        "config": config,
        "enabled": settings.enabled,
        "local": local,
        "localApiPath": LOCAL_API_PATH,
        "image": {
            "suffixes": sorted(SUFFIX_FORMATS),
            "warnBytes": WARN_BYTES,
            "warnPixels": WARN_PIXELS,
        },
        "fieldOrder": {c["name"]: _field_shapes(c["fields"]) for c in config["collections"]},
        "kinds": _KINDS,
        "taxonomies": {k: {e.id: e.name for e in v} for k, v in taxonomies.items()},
        "vi": json.loads((theme / "locale-vi.json").read_text(encoding="utf-8")),
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return (
        "// Tạo tự động bởi Gương sáng (generator/cms); đừng sửa tay.\n"
        "window.CMS_MANUAL_INIT = true;\n"
        f"window.GUONGSANG_CMS = {payload};\n"
    )


def _place(source: Path, target: Path) -> int:
    """Copy one file unless an identical copy is there; returns the bytes copied."""
    wanted = source.stat()
    try:
        there = target.stat()
    except FileNotFoundError:
        pass
    else:
        if there.st_size == wanted.st_size and there.st_mtime_ns == wanted.st_mtime_ns:
            return 0
    shutil.copyfile(source, target)  # the umask's modes, not the source's
    os.utime(target, ns=(wanted.st_atime_ns, wanted.st_mtime_ns))  # what the check above reads
    return wanted.st_size


@dataclass(frozen=True, slots=True)
class Written:
    files: int
    bytes_copied: int
    bytes_total: int


def write_admin(
    site_dir: Path,
    *,
    repo_root: Path,
    theme_dir: Path,
    fields: Sequence[TaxonomyEntry],
    movements: Sequence[TaxonomyEntry],
    settings: CmsSettings,
    site_url: str = "",
    local: bool = False,
) -> Written:
    """Write `/quan-tri/` into `site_dir`; DecapMissing when the npm package is absent."""
    decap = find_decap(repo_root)
    theme = theme_dir / THEME_FOLDER
    out = site_dir / ADMIN_DIR
    out.mkdir(parents=True, exist_ok=True)
    config = cms_config(default_choices(fields, movements), settings, site_url=site_url)
    generated = {
        "settings.js": settings_script(
            config, settings, {"fields": fields, "movements": movements}, theme, local=local
        ),
        "index.html": Template((theme / "index.html").read_text(encoding="utf-8")).substitute(
            csp=html.escape(content_security_policy(settings)),
            og_image=html.escape(urls.absolute(site_url, DEFAULT_IMAGE)),
        ),
    }
    for name, text in generated.items():
        (out / name).write_text(text, encoding="utf-8")
    copied = total = 0
    sources = [*decap.files(), *(theme / name for name in _THEME_FILES)]
    for source in sources:
        copied += _place(source, out / source.name)
        total += source.stat().st_size
    return Written(len(sources) + len(generated), copied, total)
