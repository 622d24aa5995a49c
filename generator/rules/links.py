"""Links in a story body that the writers would drop without a word, said at their line.

The site and the book keep a link only when it is a web address in lower case (`https://…`,
`http://…`, `mailto:`, `tel:`), a `#` anchor, or a path to a published record or story;
anything else loses its target and keeps only its words. Here each such link is named
with the way to write it so it stays.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.rules.context import Context, clip

KEPT_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_PAGES = {"people": ".yml", "collectives": ".yml", "stories": ".md"}


def _scheme_case(href: str) -> str | None:
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*):", href)
    if match is None or href.startswith(KEPT_SCHEMES):
        return None
    lowered = match[1].lower() + href[len(match[1]) :]
    if lowered.startswith(KEPT_SCHEMES):
        return (
            f"liên kết `{clip(href)}` sẽ bị bỏ vì phần đầu viết hoa; "
            f"hãy viết bằng chữ thường: `{clip(lowered)}`"
        )
    return None


def _page_problem(context: Context, story_path: Path, href: str) -> str | None:
    target = href.split("#", 1)[0]
    resolved = Path(os.path.normpath(context.root / story_path.parent.name / target))
    if not resolved.is_relative_to(context.root):
        return f"liên kết `{clip(href)}` trỏ ra ngoài thư mục `content/` nên sẽ bị bỏ"
    rel = resolved.relative_to(context.root)
    page_id = rel.stem
    folder = rel.parent.as_posix()
    if _PAGES.get(folder) == rel.suffix and resolved.is_file():
        page = context.records.get(page_id) or context.stories.get(page_id)
        if page is not None and page.model.published:
            return None
        return (
            f"liên kết `{clip(href)}` trỏ tới bản nháp nên trang web chỉ giữ chữ của liên kết; "
            "hãy bỏ liên kết hoặc đăng hồ sơ, bài viết đó"
        )
    return (
        f"liên kết `{clip(href)}` không trỏ tới hồ sơ hay bài viết nào nên trang web chỉ giữ "
        "chữ của liên kết; hãy ghi địa chỉ đầy đủ `https://…`, hoặc đường dẫn tới một hồ sơ, "
        "bài viết như `../people/ma-ho-so.yml`"
    )


def dropped_link(context: Context, story_path: Path, href: str) -> tuple[bool, str] | None:
    """(is it an error, why) the writers would drop this link target; None when kept.

    A web address written wrongly is an error: its fix is certain. A path to no published
    page is a warning: the words stay, and the page may be published later.
    """
    if not href or href.startswith(("#", *KEPT_SCHEMES)):
        return None
    if href.startswith("//"):
        return True, (
            f"liên kết `{clip(href)}` thiếu phần đầu nên sẽ bị bỏ; "
            f"hãy viết đầy đủ: `https:{clip(href)}`"
        )
    cased = _scheme_case(href)
    if cased is not None:
        return True, cased
    if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", href):
        return None  # other schemes are refused as unsafe by the body rule
    problem = _page_problem(context, story_path, href)
    return (False, problem) if problem else None
