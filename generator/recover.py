"""What can still be read of a file that failed, so one run reports every error in it.

A record whose `summary` is empty still names fields, collectives and a place that the
checks can look at; a file with a YAML syntax error on one line still has keys above and
below it. Such a file never reaches the index: it is kept as a *partial* model holding only
the keys that validated, and the validation rules check those (references, places, files)
so that the editor hears about all of it at once (issue 12: "mọi lỗi được báo cùng một
lúc").
"""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

M = TypeVar("M", bound=BaseModel)
_TOP_LEVEL_KEY = re.compile(r"^[^\s#-][^:]*:")
MAX_REPAIRS = 5  # syntax errors blanked out per file before giving up on the rest


@cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    info = model.model_fields[name]
    annotated: Any = Annotated[info.annotation, info]  # the field as the model validates it
    return TypeAdapter(annotated)


def partial_model(
    model: type[M], data: dict[str, Any], failed: set[str]
) -> tuple[M, frozenset[str]]:
    """`model` built from the keys of `data` that validate on their own.

    Returns the model and the keys it lacks (those that failed and the required ones not
    given): the model has no attribute for them, so a reader must check first.
    """
    values: dict[str, Any] = {}
    fields = model.model_fields
    for name, raw in data.items():
        if name in failed or name not in fields:
            continue
        try:
            values[name] = _adapter(model, name).validate_python(raw)
        except ValidationError:
            failed.add(name)
    lacking = {name for name, info in fields.items() if info.is_required() and name not in values}
    return model.model_construct(**values), frozenset(failed | lacking)


def blank_blocks(text: str, lines: set[int]) -> tuple[str, set[str]]:
    """`text` with each top-level key block holding one of `lines` (1-based) left empty.

    Line numbers stay as they were, so what is reported from the rest points at the file.
    Also returns the keys of the blocks emptied (`?` for text before the first key).
    """
    rows = text.split("\n")
    starts = [i for i, row in enumerate(rows) if _TOP_LEVEL_KEY.match(row)]
    emptied: set[str] = set()
    for line in lines:
        index = min(max(line - 1, 0), len(rows) - 1)
        start = max((s for s in starts if s <= index), default=0)
        end = min((s for s in starts if s > index), default=len(rows))
        key = _TOP_LEVEL_KEY.match(rows[start])
        emptied.add(key.group().rstrip(":").strip() if key else "?")
        for i in range(start, end):
            rows[i] = ""
    return "\n".join(rows), emptied


def without_missing(error: ValidationError) -> ValidationError | None:
    """`error` without its "missing key" items: after a syntax error they may well be there.

    None when nothing else is left to report.
    """
    details: list[InitErrorDetails] = []
    for item in error.errors(include_url=False):
        if item["type"] == "missing":
            continue
        kind: str | PydanticCustomError = item["type"]
        if item["type"].startswith("vi_"):  # the project's own errors (generator.fields)
            kind = PydanticCustomError(item["type"], item["msg"])
        detail: InitErrorDetails = {"type": kind, "loc": item["loc"], "input": item["input"]}
        if "ctx" in item:
            detail["ctx"] = item["ctx"]
        details.append(detail)
    return ValidationError.from_exception_data(error.title, details) if details else None
