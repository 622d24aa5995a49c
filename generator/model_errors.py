"""Turn pydantic validation errors into Vietnamese messages at the editor's line."""

from __future__ import annotations

import difflib
from enum import Enum
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.diagnostics import Report
from generator.labels import award_level_from_words, key_from_words
from generator.models import AWARD_LEVEL_LABELS, AwardLevel
from generator.strict_yaml import PositionLookup
from generator.suggest import name_instead_of_id


def _label(loc: tuple[str | int, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"mục {item + 1}")
        else:
            parts.append(f"`{item}`")
    return " › ".join(parts) if parts else "tệp"


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that owns the last key of `loc`, following nested fields and lists."""
    current: Any = model
    for item in loc:
        if isinstance(item, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(item)
        if field is None:
            return None
        current = _innermost_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _innermost_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _innermost_model(arg)
        if found is not None:
            return found
    return None


def _enum_choices(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    owner = _model_at(model, loc[:-1]) if loc else None
    if owner is None or not isinstance(loc[-1], str):
        return []
    field = owner.model_fields.get(loc[-1])
    if field is None:
        return []
    for arg in (field.annotation, *get_args(field.annotation)):
        if isinstance(arg, type) and issubclass(arg, Enum):
            return [str(member.value) for member in arg]
        literal_args = get_args(arg)
        if literal_args and all(isinstance(a, str) for a in literal_args):
            return [str(a) for a in literal_args]
    return []


def _description(model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    owner = _model_at(model, loc[:-1]) if loc else None
    if owner is None or not isinstance(loc[-1], str) or loc[-1] not in owner.model_fields:
        return ""
    return owner.model_fields[loc[-1]].description or ""


def _describe_type(value: Any) -> str:
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "một nhóm khóa"
    if value is None:
        return "để trống"
    return f"`{value}`"


def _unknown_key(model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    owner = _model_at(model, loc[:-1])
    known = list(owner.model_fields) if owner is not None else []
    key = str(loc[-1])
    meant = key_from_words(key, owner.__name__, known) if owner is not None else None
    close = [meant] if meant else difflib.get_close_matches(key, known, n=1, cutoff=0.5)
    suggestion = f"; có phải ý bạn là `{close[0]}`?" if close else ""
    allowed = f"; các khóa được dùng: {', '.join(known)}" if known and not close else ""
    return f"khóa `{key}` không được dùng ở đây{suggestion}{allowed}"


def _enum_message(model: type[BaseModel], loc: tuple[str | int, ...], given: Any) -> str:
    choices = _enum_choices(model, loc)
    if set(choices) == {level.value for level in AwardLevel}:
        listed = ", ".join(
            f"`{level.value}` ({label})" for level, label in AWARD_LEVEL_LABELS.items()
        )
        meant = award_level_from_words(given) if isinstance(given, str) else None
        if meant is not None:
            return (
                f"giá trị {_describe_type(given)} không hợp lệ; cấp khen ghi bằng mã: "
                f"có phải ý bạn là `{meant.value}` ({meant.label})?"
            )
    else:
        listed = ", ".join(f"`{c}`" for c in choices)
    return f"giá trị {_describe_type(given)} không hợp lệ; chọn một trong: {listed}"


def _named_reference(root: Path, loc: tuple[str | int, ...], given: Any) -> str | None:
    keys = [part for part in loc if isinstance(part, str)]
    if not keys or not isinstance(given, str):
        return None
    found = name_instead_of_id(root, keys[-1], given)
    if found is None:
        return None
    meant, name = found
    shown = f" ({name})" if name else ""
    return f"`{given}` là tên, ở đây cần ghi mã: có phải ý bạn là `{meant}`{shown}?"


def _message(
    model: type[BaseModel],
    error: ErrorDetails,
    at: tuple[str | int, ...],
    root: Path | None = None,
) -> str:
    loc = tuple(error["loc"])
    kind = error["type"]
    field = _label((*at, *loc))
    if kind == "missing":
        description = _description(model, loc)
        hint = f" ({description})" if description else ""
        return f"thiếu khóa bắt buộc {field}{hint}"
    if kind == "extra_forbidden":
        return _unknown_key(model, loc)
    if error.get("input", "") is None and kind != "vi_empty":
        description = _description(model, loc)
        hint = f" ({description})" if description else ""
        return f"{field} đang để trống; hãy điền giá trị{hint}, hoặc xóa cả dòng nếu không cần"
    if kind == "vi_id" and root is not None:
        named = _named_reference(root, loc, error.get("input"))
        if named:
            return f"{field}: {named}"
    if kind.startswith("vi_"):
        return f"{field}: {error['msg']}"
    if kind in {"enum", "literal_error"}:
        return f"{field}: {_enum_message(model, loc, error.get('input'))}"
    return _shape_message(model, error, field)


def _shape_message(model: type[BaseModel], error: ErrorDetails, field: str) -> str:
    """A value of the wrong kind, size or form."""
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "string_too_long":
        length = len(str(error.get("input", "")))
        return f"{field} dài {length} ký tự, tối đa {ctx.get('max_length')} ký tự"
    if kind == "too_short":
        return f"{field} cần ít nhất {ctx.get('min_length')} mục"
    if kind == "too_long":
        return f"{field} có nhiều nhất {ctx.get('max_length')} mục"
    if kind == "string_type":
        return f"{field} phải là văn bản, không phải {_describe_type(error.get('input'))}"
    if kind == "list_type":
        return (
            f"{field} phải là một danh sách (mỗi mục trên một dòng bắt đầu bằng `- `), "
            f"không phải {_describe_type(error.get('input'))}"
        )
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return (
            f"{field} phải là một nhóm khóa (mỗi dòng `khóa: giá trị`), "
            f"không phải {_describe_type(error.get('input'))}"
        )
    if kind == "string_pattern_mismatch":
        description = _description(model, loc)
        hint = f" ({description})" if description else ""
        return f"{field}: giá trị {_describe_type(error.get('input'))} không đúng định dạng{hint}"
    if kind == "value_error":
        return f"{field}: {str(error['msg']).removeprefix('Value error, ')}"
    return f"{field}: giá trị {_describe_type(error.get('input'))} không hợp lệ"


def _suggested_keys(
    model: type[BaseModel], items: list[ErrorDetails]
) -> set[tuple[str | int, ...]]:
    """Keys written in Vietnamese or misspelt whose intended key is reported missing."""
    meant: set[tuple[str | int, ...]] = set()
    for item in items:
        loc = tuple(item["loc"])
        owner = _model_at(model, loc[:-1]) if item["type"] == "extra_forbidden" else None
        if owner is None:
            continue
        known = list(owner.model_fields)
        key = key_from_words(str(loc[-1]), owner.__name__, known)
        if key is not None:
            meant.add((*loc[:-1], key))
    return meant


def report_validation_error(
    error: ValidationError,
    model: type[BaseModel],
    doc: PositionLookup,
    path: Path,
    report: Report,
    at: tuple[str | int, ...] = (),
) -> None:
    """Report each error; `at` is where the validated value sits inside the file."""
    items = error.errors(include_url=False)
    meant = _suggested_keys(model, items)
    root = path.parent.parent
    for item in items:
        loc = (*at, *item["loc"])
        if item["type"] == "missing" and tuple(item["loc"]) in meant:
            continue  # the unknown key that was meant for it already says so
        if item["type"] == "missing":
            position = doc.position_of(loc[:-1], key=True)
        else:
            position = doc.position_of(loc, key=item["type"] == "extra_forbidden")
        report.error(path, position, _message(model, item, at, root))
