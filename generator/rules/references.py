"""References between files: fields, movements, `member_of` and story subjects exist."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from generator.models import Person
from generator.rules.context import AnyRecord, Context, Validation, repeated
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
    """Each of `values` (the list at `loc`) is one of `known` and written once.

    `known` may map ids to names, so a name written for an id is answered with the id.
    """
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
                f"không có {what} mã `{value}`{reference_hint(value, known)}",
            )


def check_records(context: Context, findings: Validation) -> None:
    fields = {entry.id: entry.name for entry in context.content.fields}
    movements = {entry.id: entry.name for entry in context.content.movements}
    collectives = {
        record_id: name
        for record_id, name in _names(context.records).items()
        if record_id in context.collective_ids
    }
    for record in context.checkable_records():
        model, path, doc, failed = record.model, record.path, record.doc, record.failed
        if "fields" not in failed:
            check_ids_exist(findings, path, doc, ("fields",), model.fields, fields, "lĩnh vực")
        if "movements" not in failed:
            check_ids_exist(
                findings, path, doc, ("movements",), model.movements, movements, "phong trào"
            )
        if isinstance(model, Person) and "member_of" not in failed:
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
    for story in context.checkable_stories():
        meta, path, doc = story.model, story.path, story.doc
        if "subjects" in story.failed:
            continue
        published = "published" not in story.failed and meta.published
        seen: set[str] = set()
        for index, subject in enumerate(meta.subjects):
            # The position only for a problem: finding it parses the file again.
            problem = _subject_problem(context, subject, seen, published=published)
            if problem:
                findings.report.error(path, doc.position_of(("subjects", index)), problem)
            seen.add(subject)


def _subject_problem(
    context: Context, subject: str, seen: set[str], *, published: bool
) -> str | None:
    target = context.records.get(subject)
    if subject in seen:
        return repeated(subject)
    if target is None:
        return (
            f"không có cá nhân hay tập thể mã `{subject}`"
            f"{reference_hint(subject, _names(context.records))}"
        )
    if published and not getattr(target.model, "published", True):
        return (
            f"`{subject}` đang là bản nháp (`published: false`) nên bài đã đăng "
            "không thể nói về hồ sơ này"
        )
    return None


def _names(records: Mapping[str, AnyRecord]) -> dict[str, str]:
    # A partial record (its file has an error) may have no name: its id stands in.
    return {
        record_id: getattr(record.model, "name", record_id) for record_id, record in records.items()
    }
