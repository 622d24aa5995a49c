"""Files named in content: inside `content/`, no links, the right kind, and there."""

from __future__ import annotations

import os
from pathlib import Path

from generator.images import SUFFIX_FORMATS
from generator.kinds import IMAGES

IMAGE_SUFFIXES = frozenset(SUFFIX_FORMATS)


# What Linux file systems allow (NAME_MAX, PATH_MAX): longer names crash every file call.
MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 4000


def name_problem(rel: str) -> str | None:
    """Why `rel` cannot be a file's name on any file system the site is built on, or None."""
    if rel.endswith(("/", "\\")):
        return f"`{rel}` kết thúc bằng `/` nên là thư mục, không phải tệp; hãy bỏ dấu `/` cuối"
    if len(rel.encode()) > MAX_PATH_BYTES:
        return f"đường dẫn `{rel[:40]}…` quá dài (tối đa {MAX_PATH_BYTES} byte)"
    for part in rel.split("/"):
        if len(part.encode()) > MAX_NAME_BYTES:
            return (
                f"tên `{part[:40]}…` quá dài ({len(part.encode())} byte; hệ thống tệp cho phép "
                f"tối đa {MAX_NAME_BYTES} byte cho mỗi tên); hãy đặt tên tệp ngắn hơn"
            )
    if "\x00" in rel:
        return f"`{rel}` có ký tự NUL, không thể là tên tệp"
    return None


def content_file_problem(root: Path, rel: str, *, images_only: bool) -> str | None:
    """Why `rel` (relative to the resolved content folder `root`) cannot be used, or None."""
    problem = name_problem(rel)
    if problem is not None:
        return problem
    try:
        return _file_problem(root, rel, images_only=images_only)
    except (OSError, ValueError) as error:  # a name the file system still refuses
        return f"không đọc được `{rel}` ({getattr(error, 'strerror', None) or error})"


def _file_problem(root: Path, rel: str, *, images_only: bool) -> str | None:
    # Lexical normalisation, then an lstat walk for links: exact, and without the cost of
    # resolving every path of a national site.
    candidate = Path(os.path.normpath(root / rel))
    if not candidate.is_relative_to(root):
        return f"`{rel}` nằm ngoài thư mục `content/`"
    if first_symlink(candidate, root) is not None:
        return f"`{rel}` là liên kết tượng trưng (symlink), không được phép; hãy chép tệp thật vào"
    if images_only:
        if candidate.suffix.lower() not in IMAGE_SUFFIXES:
            return f"ảnh `{rel}` phải có đuôi .jpg, .jpeg, .png hoặc .webp"
        if not candidate.is_relative_to(root / IMAGES):
            if (root / IMAGES / rel).is_file():  # a bare file name of an image that is there
                return f"ảnh `{rel}` nằm trong thư mục `content/images/`: hãy viết `images/{rel}`"
            return f"ảnh `{rel}` phải nằm trong thư mục `content/images/`"
    if not candidate.is_file():
        return f"không tìm thấy tệp `{rel}` trong `content/`"
    return None


def first_symlink(path: Path, root: Path) -> Path | None:
    current = path
    while current != root and current != current.parent:
        if current.is_symlink():
            return current
        current = current.parent
    return None
