"""References between files: fields, movements, `member_of` and story subjects exist."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from generator.models import Person
from generator.rules.context import Context, Validation, repeated, suggest
from generator.strict_yaml import Path_, PositionLookup


def check_ids_exist(
    findings: Validation,
    path: Path,
    doc: PositionLookup,
    loc: Path_,
    values: Sequence[str],
    known: Collection[str],
    what: str,
) -> None:
    """Each of `values` (the list at `loc`) is one of `known` and written once."""
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            findings.report.error(path, doc.position_of((*loc, index)), repeated(value))
            continue
        seen.add(value)
        if value not in known:
            findings.report.error(
                path,
                doc.position_of((*loc, index)),
                f"không có {what} mã `{value}`{suggest(value, known)}",
            )


def check_records(context: Context, findings: Validation) -> None:
    for record in context.checkable_records():
        model, path, doc, failed = record.model, record.path, record.doc, record.failed
        if "fields" not in failed:
            check_ids_exist(
                findings, path, doc, ("fields",), model.fields, context.field_ids, "lĩnh vực"
            )
        if "movements" not in failed:
            check_ids_exist(
                findings,
                path,
                doc,
                ("movements",),
                model.movements,
                context.movement_ids,
                "phong trào",
            )
        if isinstance(model, Person) and "member_of" not in failed:
            check_ids_exist(
                findings,
                path,
                doc,
                ("member_of",),
                model.member_of,
                context.collective_ids,
                "tập thể",
            )


def check_story_subjects(context: Context, findings: Validation) -> None:
    for story in context.checkable_stories():
        meta, path, doc = story.model, story.path, story.doc
        if "subjects" in story.failed:
            continue
        published = "published" not in story.failed and meta.published
        seen: set[str] = set()
        for index, subject in enumerate(meta.subjects):
            target = context.records.get(subject)
            where = doc.position_of(("subjects", index))
            if subject in seen:
                findings.report.error(
                    path,
                    where,
                    f"mã `{subject}` đã có ở trên trong danh sách này; hãy xóa dòng lặp lại",
                )
            elif target is None:
                findings.report.error(
                    path,
                    where,
                    f"không có cá nhân hay tập thể mã `{subject}`"
                    f"{suggest(subject, context.records)}",
                )
            elif published and not getattr(target.model, "published", True):
                findings.report.error(
                    path,
                    where,
                    f"`{subject}` đang là bản nháp (`published: false`) nên bài đã đăng "
                    "không thể nói về hồ sơ này",
                )
            seen.add(subject)
