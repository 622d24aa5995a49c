"""From a link or image source written in a story's or a book's Markdown to a content path.

`check`, the site and the book all read links through `content_link`, so what the check
accepts is what the writers find. Targets are read as CommonMark and Markdown editors write
them: percent-encoded (`../images/%E1%BA%A3nh.png`, `anh%20dep.jpg`) or not, with an
optional `#fragment` or `?query`. Everything here is lexical: `..` is judged as written,
as a Markdown preview would, and no file is opened.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

__all__ = ["ContentLink", "LinkProblem", "content_link", "is_local", "source_path"]

# A scheme (`https:`, `mailto:`, `javascript:`) or a host (`//example.org/…`): not a file.
_NOT_A_FILE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*:|//|\\\\)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class ContentLink:
    path: str  # relative to content/, POSIX separators, decoded: `images/ảnh đẹp.png`
    fragment: str  # decoded, without `#`; empty when none


class LinkProblem(ValueError):
    """Why a local target cannot name a file in `content/` (Vietnamese, for the editor)."""


def is_local(written: str) -> bool:
    """Whether `written` points into the content folder rather than elsewhere or nowhere."""
    target = written.strip()
    return bool(target) and not target.startswith("#") and not _NOT_A_FILE.match(target)


def content_link(written: str, source: PurePosixPath) -> ContentLink:
    """The content path `written` names from the file `source` (relative to content/).

    Raises LinkProblem when it is not a local path (see `is_local`), leaves `content/`,
    names a folder (ends with `/`) or holds characters no file name has.
    """
    target = written.strip()
    if not is_local(target):
        raise LinkProblem(f"`{written}` không phải đường dẫn tới một tệp trong `content/`")
    parts = urlsplit(target)
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if not path:
        raise LinkProblem(f"`{written}` không chỉ tới tệp nào")
    if "\\" in path:
        raise LinkProblem(
            f"`{written}` dùng dấu `\\` của Windows; hãy viết dấu `/`, "
            "ví dụ `../images/ten-anh.jpg`"
        )
    if _CONTROL.search(path):
        raise LinkProblem(f"`{written}` có ký tự điều khiển, không thể là tên tệp")
    if path.startswith("/"):
        raise LinkProblem(
            f"`{written}` là đường dẫn tuyệt đối; hãy viết tương đối, như `../images/ten-anh.jpg`"
        )
    if path.endswith("/"):
        raise LinkProblem(f"`{written}` kết thúc bằng `/` nên là thư mục, không phải tệp")
    joined = posixpath.normpath(posixpath.join(str(source.parent), path))
    if joined == ".." or joined.startswith("../") or joined == ".":
        raise LinkProblem(f"`{written}` nằm ngoài thư mục `content/`")
    return ContentLink(joined, fragment)


def source_path(root: Path, source: Path) -> PurePosixPath:
    """`source` (a file under the content folder `root`) as the path `content_link` takes."""
    base = Path(os.path.normpath(root.absolute()))
    path = Path(os.path.normpath(source.absolute()))
    if not path.is_relative_to(base):
        raise LinkProblem(f"`{source}` nằm ngoài thư mục `content/`")
    return PurePosixPath(path.relative_to(base).as_posix())
