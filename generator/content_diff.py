"""`guongsang diff`: what a branch adds, changes and removes, as Markdown for a pull request.

Everything in the summary that a contributor chose (file names, names, titles) is written as
a code span (`generator.escape`), so a pull request cannot put links, images, @mentions or
HTML into the job summary, nor break its tables. Nothing is read through a symbolic link,
so no text from outside `content/` is ever shown. `--base` must name a commit and reaches
git after `--end-of-options`; paths go after `--`.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.diagnostics import Report
from generator.escape import markdown_code
from generator.fields import ID_PATTERN
from generator.images import ImageProblem, inspect_image
from generator.kinds import PAGE_KINDS
from generator.load import load_story, read_text
from generator.site import urls
from generator.strict_yaml import parse_yaml

__all__ = ["GitError", "content_diff", "render_markdown", "resolve_base"]

_KINDS = {k.folder: k.name for k in PAGE_KINDS}
_KIND_LABELS = {k.name: k.label for k in PAGE_KINDS}
_STATUS_LABELS = {"A": "Thêm mới", "M": "Sửa", "D": "Xóa", "T": "Đổi loại tệp"}
_SYMLINK = "⚠️ liên kết tượng trưng (symlink): không đọc; `guongsang check` sẽ báo lỗi"


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


def _git(repo: Path, *args: str) -> bytes:
    """Raw output: file names are bytes, and need not be UTF-8."""
    try:
        result = subprocess.run(["git", *args], cwd=repo, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("không tìm thấy lệnh `git`") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise GitError(message or f"git {args[0]} lỗi")
    return result.stdout


def _names(output: bytes) -> list[str]:
    """NUL-separated names from git `-z`, as the file system spells them (os.fsdecode)."""
    return [os.fsdecode(name) for name in output.split(b"\0")]


def resolve_base(root: Path, base: str) -> str:
    """The commit `base` names; anything git could read as an option is refused."""
    if not base or base.startswith("-"):
        raise GitError(
            f"`--base {base}` không hợp lệ: phải là tên nhánh, thẻ hoặc mã commit "
            "(không bắt đầu bằng `-`), ví dụ `--base origin/main`"
        )
    try:
        out = _git(root, "rev-parse", "--verify", "--end-of-options", f"{base}^{{commit}}")
    except GitError:
        raise GitError(
            f"không tìm thấy nhánh hoặc commit `{base}`; nếu là nhánh trên máy chủ, "
            "hãy chạy `git fetch` trước (trong CI: `fetch-depth: 0`)"
        ) from None
    return out.decode("ascii").strip()


@dataclass(frozen=True, slots=True)
class _Checkout:
    root: Path
    prefix: str  # the content folder, relative to the repository root
    merge_base: str

    @classmethod
    def open(cls, content: Path, base: str) -> _Checkout:
        root = Path(os.fsdecode(_git(content, "rev-parse", "--show-toplevel").strip()))
        prefix = content.resolve().relative_to(root.resolve()).as_posix()
        commit = resolve_base(root, base)
        return cls(root, prefix, _git(root, "merge-base", commit, "HEAD").decode().strip())

    def _relative(self, name: str) -> PurePosixPath:
        return PurePosixPath(name).relative_to(self.prefix)

    def changed_files(self) -> list[Change]:
        """Content files that differ from the merge base in the working tree, committed or not."""
        out = _names(
            _git(
                self.root,
                "diff",
                "--name-status",
                "--no-renames",
                "-z",
                self.merge_base,
                "--",
                self.prefix,
            )
        )
        changes = [
            Change(status[0], self._relative(name))
            for status, name in zip(out[0::2], out[1::2], strict=False)
            if status
        ]
        untracked = _git(
            self.root, "ls-files", "--others", "--exclude-standard", "-z", "--", self.prefix
        )
        changes += [Change("A", self._relative(name)) for name in _names(untracked) if name]
        return sorted(changes, key=lambda c: (c.path.as_posix(), c.status))

    def old_text(self, rel: PurePosixPath) -> str | None:
        """The file's text at the merge base; None for a symbolic link, whose blob is the
        link's target, not content."""
        entry = _git(self.root, "ls-tree", "-z", self.merge_base, "--", f"{self.prefix}/{rel}")
        mode, kind, obj = entry.split(b"\t", 1)[0].split(b" ") if entry else (b"", b"", b"")
        if mode == b"120000" or kind != b"blob":
            return None
        return _git(self.root, "cat-file", "blob", obj.decode()).decode("utf-8", "replace")


def _readable(content: Path, rel: PurePosixPath) -> Path | None:
    """The file at `rel`, unless it or a folder on the way is a symbolic link."""
    path = content
    for part in rel.parts:
        path = path / part
        if path.is_symlink():
            return None
    return path


def _title_from_yaml(text: str | None, key: str) -> str | None:
    if text is None:
        return None
    data = parse_yaml(text).data
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _story_title(path: Path | None, old: str | None) -> str | None:
    if old is not None:
        front = old.split("\n---", 1)[0].removeprefix("---\n")
        return _title_from_yaml(front, "title")
    story = load_story(path, Report()) if path is not None else None
    return story.model.title if story else None


def page_url(site_url: str, kind: str, item_id: str) -> str | None:
    """Only a valid id makes a URL: any other file name is refused by `check`."""
    if not ID_PATTERN.match(item_id):
        return None
    return urls.absolute(site_url, urls.page(kind, item_id))


def describe(content: Path, checkout: _Checkout, change: Change, site_url: str) -> Entry:
    parts = change.path.parts
    folder = parts[0] if parts else ""
    kind = _KINDS.get(folder)
    path = None if change.status == "D" else _readable(content, change.path)
    if change.status != "D" and path is None:
        return Entry(change.status, kind or "other", change.path, change.path.name, None, _SYMLINK)
    if kind is not None and len(parts) == 2:
        item_id = change.path.stem
        url = page_url(site_url, kind, item_id) if change.status != "D" else None
        old = checkout.old_text(change.path) if change.status == "D" else None
        if kind == "story":
            title = _story_title(path, old)
        else:
            text = old if path is None else read_text(path, 10**6, Report())
            title = _title_from_yaml(text, "name")
        return Entry(change.status, kind, change.path, title or item_id, url)
    if folder == "images" and path is not None:
        try:
            info = inspect_image(path)
            detail = f"{info.width}×{info.height}, {info.size / 1024:.0f} KB"
        except ImageProblem as problem:
            detail = f"⚠️ {markdown_code(str(problem), in_table=True)}"
        return Entry(change.status, "image", change.path, change.path.name, None, detail)
    kind_name = "image" if folder == "images" else "other"
    return Entry(change.status, kind_name, change.path, change.path.name, None)


def render_markdown(entries: list[Entry], base: str) -> str:
    if not entries:
        return f"Không có thay đổi nội dung so với {markdown_code(base)}.\n"
    lines = [f"## Thay đổi nội dung so với {markdown_code(base)}", ""]
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
            name = markdown_code(e.title, in_table=True) + (f" ({e.detail})" if e.detail else "")
            file = markdown_code(f"content/{e.path.as_posix()}", in_table=True)
            page = f"<{e.url}>" if e.url else "—"
            lines.append(
                f"| {_STATUS_LABELS.get(e.status, e.status)} | {label} | {name} | {file} | {page} |"
            )
    return "\n".join(lines) + "\n"


def content_diff(content: Path, base: str, site_url: str = "") -> str:
    checkout = _Checkout.open(content, base)
    entries = [
        describe(content, checkout, change, site_url.rstrip("/"))
        for change in checkout.changed_files()
    ]
    return render_markdown(entries, base)
