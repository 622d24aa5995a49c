"""Images: the photos records and stories name, and every file in `content/images/`."""

from __future__ import annotations

from pathlib import Path

from generator.book.paper import print_warning
from generator.diagnostics import START, Position
from generator.images import ImageProblem, inspect_image, size_warnings
from generator.kinds import IMAGES
from generator.rules.context import Context, Validation
from generator.rules.files import IMAGE_SUFFIXES, content_file_problem
from generator.strict_yaml import Path_, PositionLookup


def check_content_image(
    context: Context,
    findings: Validation,
    path: Path,
    doc: PositionLookup,
    loc: Path_,
    rel: str,
    *,
    profile_photo: bool = False,
) -> None:
    problem = content_file_problem(context.root, rel, images_only=True)
    if problem:
        findings.report.error(path, doc.position_of(loc), problem)
        return
    book = finished_book(context)
    if book is None:
        return  # drafts are proofs: print resolution matters once a book is to be printed
    try:
        info = inspect_image(context.root / rel)
    except ImageProblem:
        return  # said once, at the file itself, by check_image_files
    warning = print_warning(info.width, info.height, profile_photo=profile_photo)
    if warning:
        findings.report.warning(
            path, doc.position_of(loc), f"`{rel}` (nếu in trong sách `{book}`): {warning}"
        )


def finished_book(context: Context) -> str | None:
    """The id of a book in `content/books/` that is not a draft, if there is one."""
    return next((b.id for b in context.content.books if not b.model.draft), None)


def check_record_photos(context: Context, findings: Validation) -> None:
    for record in context.checkable_records():
        if "photo" in record.failed:
            continue
        photo = record.model.photo
        if photo is not None:
            check_content_image(
                context,
                findings,
                record.path,
                record.doc,
                ("photo", "file"),
                photo.file,
                profile_photo=True,
            )


def check_story_images(context: Context, findings: Validation) -> None:
    without: list[Path] = []
    for story in context.checkable_stories():
        meta = story.model
        if "image" in story.failed:
            continue
        if meta.image is not None:
            check_content_image(
                context, findings, story.path, story.doc, ("image", "file"), meta.image.file
            )
        elif "published" not in story.failed and meta.published:
            without.append(story.path)
    if without:
        # The image is optional: one line for all, so it cannot crowd real warnings out of
        # GitHub's ten annotations a step.
        findings.report.warning(*missing_image_summary(without))


def check_image_files(context: Context, findings: Validation) -> None:
    """Every file in images/ is a real JPEG, PNG or WebP of a sensible size."""
    folder = context.root / IMAGES
    if not folder.is_dir():
        return
    report = findings.report
    for image in sorted(folder.rglob("*")):
        if image.is_symlink():
            report.error(image, START, "không dùng liên kết tượng trưng (symlink) trong `content/`")
            continue
        if not image.is_file() or image.name.startswith("."):
            continue
        if image.suffix.lower() not in IMAGE_SUFFIXES:
            report.error(
                image,
                START,
                f"định dạng `{image.suffix or image.name}` không được dùng; "
                "ảnh phải là .jpg, .jpeg, .png hoặc .webp",
            )
            continue
        try:
            info = inspect_image(image)
        except ImageProblem as problem:
            report.error(image, START, str(problem))
            continue
        for warning in size_warnings(info):
            report.warning(image, START, warning)


def missing_image_summary(paths: list[Path]) -> tuple[Path, Position, str]:
    """One warning for every published story without `image`, naming the first few."""
    if len(paths) == 1:
        return paths[0], START, "bài viết chưa có ảnh minh họa (`image`)"
    shown = ", ".join(f"`{path.stem}`" for path in paths[:3])
    more = f" và {len(paths) - 3} bài khác" if len(paths) > 3 else ""
    return (
        paths[0].parent,
        START,
        f"{len(paths)} bài viết chưa có ảnh minh họa (`image`): {shown}{more}; "
        "ảnh không bắt buộc, nhưng giúp bài nổi bật trên trang chủ và khi chia sẻ",
    )
