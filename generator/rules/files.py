"""Files named in content: inside `content/`, no links, the right kind, and there."""

from __future__ import annotations

import os
from pathlib import Path

from generator.images import SUFFIX_FORMATS
from generator.kinds import IMAGES

IMAGE_SUFFIXES = frozenset(SUFFIX_FORMATS)


def content_file_problem(root: Path, rel: str, *, images_only: bool) -> str | None:
    """Why `rel` (relative to the resolved content folder `root`) cannot be used, or None."""
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
