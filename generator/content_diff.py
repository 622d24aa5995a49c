"""`guongsang diff`: what a branch adds, changes and removes, as Markdown for a pull request."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.diagnostics import Report
from generator.images import ImageProblem, inspect_image
from generator.kinds import PAGE_KINDS
from generator.load import load_story, read_text
from generator.site import urls
from generator.strict_yaml import parse_yaml

_KINDS = {k.folder: k.name for k in PAGE_KINDS}
_KIND_LABELS = {k.name: k.label for k in PAGE_KINDS}
_STATUS_LABELS = {"A": "Thêm mới", "M": "Sửa", "D": "Xóa"}


class GitError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class Change:
    status: str  # A, M or D (a rename is a D and an A: the URL changes too)
    path: PurePosixPath  # relative to the content folder


@dataclass(frozen=True, slots=True)
class Entry:
    status: str
    kind: str  # person | collective | story | image | other
    path: PurePosixPath
    title: str
    url: str | None
    detail: str = ""


def _git(repo: Path, *args: str) -> str:
    try:
        result = subprocess.run(
            ["git", *args], cwd=repo, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise GitError("không tìm thấy lệnh `git`") from None
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git {' '.join(args)} lỗi")
    return result.stdout


@dataclass(frozen=True, slots=True)
class _Checkout:
    root: Path
    prefix: str  # the content folder, relative to the repository root
    merge_base: str

    @classmethod
    def open(cls, content: Path, base: str) -> _Checkout:
        root = Path(_git(content, "rev-parse", "--show-toplevel").strip())
        prefix = content.resolve().relative_to(root.resolve()).as_posix()
        return cls(root, prefix, _git(root, "merge-base", base, "HEAD").strip())

    def changed_files(self) -> list[Change]:
        """Content files that differ from the merge base in the working tree, committed or not."""
        out = _git(
            self.root,
            "diff",
            "--name-status",
            "--no-renames",
            "-z",
            self.merge_base,
            "--",
            self.prefix,
        ).split("\0")
        changes = [
            Change(status[0], PurePosixPath(name).relative_to(self.prefix))
            for status, name in zip(out[0::2], out[1::2], strict=False)
            if status
        ]
        untracked = _git(
            self.root, "ls-files", "--others", "--exclude-standard", "-z", "--", self.prefix
        )
        changes += [
            Change("A", PurePosixPath(name).relative_to(self.prefix))
            for name in untracked.split("\0")
            if name
        ]
        return sorted(changes, key=lambda c: (c.path.as_posix(), c.status))

    def old_text(self, rel: PurePosixPath) -> str | None:
        try:
            return _git(self.root, "show", f"{self.merge_base}:{self.prefix}/{rel.as_posix()}")
        except GitError:
            return None


def _title_from_yaml(text: str | None, key: str) -> str | None:
    if text is None:
        return None
    data = parse_yaml(text).data
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _story_title(content: Path, rel: PurePosixPath, old: str | None) -> str | None:
    if old is not None:
        front = old.split("\n---", 1)[0].removeprefix("---\n")
        return _title_from_yaml(front, "title")
    story = load_story(content / rel, Report())
    return story.model.title if story else None


def describe(content: Path, checkout: _Checkout, change: Change, site_url: str) -> Entry:
    parts = change.path.parts
    folder = parts[0] if parts else ""
    kind = _KINDS.get(folder)
    if kind is not None and len(parts) == 2:
        item_id = change.path.stem
        url = urls.absolute(site_url, urls.page(kind, item_id)) if change.status != "D" else None
        old = checkout.old_text(change.path) if change.status == "D" else None
        if kind == "story":
            title = _story_title(content, change.path, old)
        else:
            text = old if old is not None else read_text(content / change.path, 10**6, Report())
            title = _title_from_yaml(text, "name")
        return Entry(change.status, kind, change.path, title or item_id, url)
    if folder == "images" and change.status != "D":
        try:
            info = inspect_image(content / change.path)
            detail = f"{info.width}×{info.height}, {info.size / 1024:.0f} KB"
        except ImageProblem as problem:
            detail = f"⚠️ {problem}"
        return Entry(change.status, "image", change.path, change.path.name, None, detail)
    kind_name = "image" if folder == "images" else "other"
    return Entry(change.status, kind_name, change.path, change.path.name, None)


def render_markdown(entries: list[Entry], base: str) -> str:
    if not entries:
        return f"Không có thay đổi nội dung so với `{base}`.\n"
    lines = [f"## Thay đổi nội dung so với `{base}`", ""]
    counts = {s: sum(1 for e in entries if e.status == s) for s in _STATUS_LABELS}
    lines.append(
        ", ".join(f"{_STATUS_LABELS[s].lower()}: {n}" for s, n in counts.items() if n).capitalize()
        + "."
    )
    groups = [
        ("Hồ sơ và bài viết", [e for e in entries if e.kind in _KIND_LABELS]),
        ("Ảnh", [e for e in entries if e.kind == "image"]),
        ("Tệp khác", [e for e in entries if e.kind == "other"]),
    ]
    for heading, group in groups:
        if not group:
            continue
        lines += ["", f"### {heading}", ""]
        lines.append("| Thay đổi | Loại | Tên | Tệp | Trang |")
        lines.append("|---|---|---|---|---|")
        for e in group:
            label = _KIND_LABELS.get(e.kind, "Ảnh" if e.kind == "image" else "Tệp")
            name = _cell(e.title) + (f" ({_cell(e.detail)})" if e.detail else "")
            page = f"<{e.url}>" if e.url else "—"
            lines.append(
                f"| {_STATUS_LABELS.get(e.status, e.status)} | {label} | {name} "
                f"| `content/{e.path.as_posix()}` | {page} |"
            )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    # Table cells: a pipe would split the cell, and markup in a name must show as text.
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def content_diff(content: Path, base: str, site_url: str = "") -> str:
    checkout = _Checkout.open(content, base)
    entries = [
        describe(content, checkout, change, site_url.rstrip("/"))
        for change in checkout.changed_files()
    ]
    return render_markdown(entries, base)
