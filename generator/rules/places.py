"""Places: every record's place resolves to today's administrative units."""

from __future__ import annotations

from generator.places import UnknownPlace
from generator.rules.context import AnyRecord, Context, Validation


def check(context: Context, findings: Validation) -> None:
    for record in context.checkable_records():
        if "place" not in record.failed:
            check_place(context, findings, record)


def check_place(context: Context, findings: Validation, record: AnyRecord) -> None:
    place = record.model.place
    doc = record.doc
    try:
        resolved = context.resolver.resolve(place.province, place.district, place.commune)
    except UnknownPlace as error:
        findings.report.error(record.path, doc.position_of(("place", "province")), str(error))
        return
    if resolved.unresolved:
        names = ", ".join(f"`{s}`" for s in resolved.suggestions)
        hint = f"; có phải ý bạn là {names}?" if names else "."
        # At the line of the part that failed: the commune's, or the district's.
        part = resolved.unresolved_part or "commune"
        findings.report.warning(
            record.path,
            doc.position_of(("place", part)),
            f"không tìm thấy {resolved.unresolved} trong danh mục hành chính{hint} "
            f"Trang sẽ chỉ ghi theo cấp tỉnh ({resolved.province.full_name}).",
        )
    findings.places[record.id] = resolved
