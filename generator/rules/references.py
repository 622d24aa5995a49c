"""References between files: fields, movements, `member_of` and story subjects exist."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from generator.models import Person
from generator.rules.context import AnyRecord, Context, Validation
from generator.strict_yaml import Path_, PositionLookup
from generator.suggest import reference_hint


def check_ids_exist(
    findings: Validation,
    path: Path,
    doc: PositionLookup,
    loc: Path_,
    values: Sequence[str],
    known: Collection[str],
    what: str,
) -> None:
    """Each of `values` (the list at `loc`) is one of `known`, else an error at its item.

    `known` may map ids to names, so a name written for an id is answered with the id.
    """
    for index, value in enumerate(values):
        if value not in known:
            findings.report.error(
                path,
                doc.position_of((*loc, index)),
                f"không có {what} mã `{value}`{reference_hint(value, known)}",
            )


def check_records(context: Context, findings: Validation) -> None:
    fields = {entry.id: entry.name for entry in context.content.fields}
    movements = {entry.id: entry.name for entry in context.content.movements}
    collectives = {c.id: c.model.name for c in context.content.collectives}
    for record in context.all_records():
        model, path, doc = record.model, record.path, record.doc
        check_ids_exist(findings, path, doc, ("fields",), model.fields, fields, "lĩnh vực")
        check_ids_exist(
            findings, path, doc, ("movements",), model.movements, movements, "phong trào"
        )
        if isinstance(model, Person):
            check_ids_exist(
                findings,
                path,
                doc,
                ("member_of",),
                model.member_of,
                collectives,
                "tập thể",
            )


def check_story_subjects(context: Context, findings: Validation) -> None:
    for story in context.content.stories:
        meta, path, doc = story.model, story.path, story.doc
        for index, subject in enumerate(meta.subjects):
            target = context.records.get(subject)
            where = doc.position_of(("subjects", index))
            if target is None:
                findings.report.error(
                    path,
                    where,
                    f"không có cá nhân hay tập thể mã `{subject}`"
                    f"{reference_hint(subject, _names(context.records))}",
                )
            elif meta.published and not target.model.published:
                findings.report.error(
                    path,
                    where,
                    f"`{subject}` đang là bản nháp (`published: false`) nên bài đã đăng "
                    "không thể nói về hồ sơ này",
                )


def _names(records: Mapping[str, AnyRecord]) -> dict[str, str]:
    return {record_id: record.model.name for record_id, record in records.items()}
