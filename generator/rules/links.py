"""Links in a story body that the writers would drop without a word, said at their line.

The site and the book keep a link only when it is a web address in lower case (`https://…`,
`http://…`, `mailto:`, `tel:`), a `#` anchor, or a path to a published record or story;
anything else loses its target and keeps only its words. Here each such link is named
with the way to write it so it stays.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from generator.kinds import PAGE_KINDS, by_folder
from generator.links import LinkProblem, content_link, source_path
from generator.rules.context import Context
from generator.text import clip

KEPT_SCHEMES = ("http://", "https://", "mailto:", "tel:")


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
    try:  # read as the writers read it (generator.links), percent-encoding and all
        link = content_link(href, source_path(context.content.root, story_path))
    except LinkProblem:
        return f"liên kết `{clip(href)}` trỏ ra ngoài thư mục `content/` nên sẽ bị bỏ"
    rel = PurePosixPath(link.path)
    kind = by_folder(rel.parent.as_posix())
    if kind is not None and kind in PAGE_KINDS and kind.suffix == rel.suffix:
        page = context.records.get(rel.stem) or context.stories.get(rel.stem)
        if page is not None and getattr(page.model, "published", False):
            return None
        if (context.root / link.path).is_file():
            return (
                f"liên kết `{clip(href)}` trỏ tới bản nháp nên trang web chỉ giữ chữ của "
                "liên kết; hãy bỏ liên kết hoặc đăng hồ sơ, bài viết đó"
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
