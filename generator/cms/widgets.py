"""Decap CMS form fields, worked out from the pydantic models.

Every model field becomes one Decap field: its type picks the widget, the label comes from
`generator.labels` (the JSON Schema's titles too), the hint is the field's description (the
schema's description), and `required` is what the model says. A few keys hold references
that no type can express (taxonomy ids, collective ids, the province); `OVERRIDES` gives
them selects and relations.
A field whose type has no widget raises `UnmappedField`, so a new model field cannot reach
editors without a form control.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from annotated_types import MaxLen, MinLen
from pydantic import AfterValidator, BaseModel, BeforeValidator, PlainValidator
from pydantic.fields import FieldInfo

from generator import fields as scalar
from generator.labels import key_label
from generator.models import AWARD_LEVEL_LABELS, AwardLevel

Widget = dict[str, Any]
Option = dict[str, Any]

DATE_FORMAT = "YYYY-MM-DD"
ID_REGEX = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SUBJECTS_WIDGET = "guongsang-subjects"


class UnmappedField(TypeError):
    """A model field whose type no Decap widget stands for."""


def label_for(model: type[BaseModel], key: str, info: FieldInfo) -> str:
    """The key's Vietnamese name; the key itself while generator/labels.py lacks one (a
    test names every such key, so it never ships)."""
    return info.title or key_label(model.__name__, key)


@dataclass(frozen=True, slots=True)
class Choices:
    """The lists the form offers, read from the content and the place data."""

    fields: Sequence[Option]
    movements: Sequence[Option]
    provinces: Sequence[Option]
    current_provinces: Sequence[Option]


def _select(options: Sequence[Option], *, multiple: bool = False) -> Widget:
    widget: Widget = {"widget": "select", "options": list(options)}
    if multiple:
        widget["multiple"] = True
    return widget


def _relation(collection: str, *, multiple: bool = True) -> Widget:
    return {
        "widget": "relation",
        "collection": collection,
        "value_field": "{{slug}}",
        "search_fields": ["title" if collection == "stories" else "name"],
        "display_fields": ["title" if collection == "stories" else "name"],
        "multiple": multiple,
        "options_length": 20,
    }


def _image() -> Widget:
    return {"widget": "image", "choose_url": False, "media_library": {"allow_multiple": False}}


# A story's subjects are people or collectives; one relation widget reads one collection, so
# a small registered widget (theme/quan-tri/admin.js) searches both and keeps one list.
_SUBJECTS: Widget = {
    **_relation("people"),
    "widget": SUBJECTS_WIDGET,
    "collections": ["people", "collectives"],
}

OVERRIDES: dict[str, Callable[[Choices], Widget]] = {
    "RecordBase.fields": lambda c: _select(c.fields, multiple=True),
    "RecordBase.movements": lambda c: _select(c.movements, multiple=True),
    "Selection.fields": lambda c: _select(c.fields, multiple=True),
    "Selection.movements": lambda c: _select(c.movements, multiple=True),
    "Selection.provinces": lambda c: _select(c.current_provinces, multiple=True),
    "Place.province": lambda c: _select(c.provinces),
    "Person.member_of": lambda c: _relation("collectives"),
    "StoryMeta.subjects": lambda c: dict(_SUBJECTS),
    "BookPart.stories": lambda c: _relation("stories"),
    "Photo.file": lambda c: _image(),
}

_DATE: Widget = {
    "widget": "datetime",
    "format": DATE_FORMAT,
    "date_format": "DD/MM/YYYY",
    "time_format": False,
    "picker_utc": True,
}
_BY_VALIDATOR: dict[Callable[..., Any], Widget] = {
    scalar.parse_flag: {"widget": "boolean"},
    scalar.parse_year: {
        "widget": "number",
        "value_type": "int",
        "min": scalar.MIN_YEAR,
        "max": scalar.MAX_YEAR,
    },
    scalar.parse_count: {"widget": "number", "value_type": "int", "min": 0},
    scalar.parse_iso_date: _DATE,
    scalar.check_text: {"widget": "text"},
    scalar.check_line: {"widget": "string"},
    scalar.check_relative_file: {"widget": "string"},
    scalar.check_id: {
        "widget": "string",
        "pattern": [ID_REGEX, "Chỉ dùng chữ thường không dấu, chữ số và dấu -"],
    },
    scalar.check_url: {
        "widget": "string",
        "pattern": [r"^https?://\S+$", "Đường dẫn phải bắt đầu bằng https:// hoặc http://"],
    },
}


_PARTIAL_DATE: Widget = {
    "widget": "string",
    "pattern": [scalar.DATE_PATTERN, "Ghi ngày dạng 2024-01-18, hoặc 2024-01, 2024"],
}


def _date_widget(widget: Widget, *, required: bool) -> None:
    """A required date (a story's) gets the calendar, starting at today; an optional one
    (an award's, a source's) is often only a month or a year, which no calendar can take."""
    if required:
        widget["default"] = "{{now}}"
        return
    for key in _DATE:
        widget.pop(key, None)
    widget.update(_PARTIAL_DATE)


def _owner(model: type[BaseModel], key: str) -> str:
    """The class that declares `key`, so overrides written for a base apply to its children."""
    for cls in model.__mro__:
        if key in getattr(cls, "__annotations__", {}):
            return cls.__name__
    return model.__name__


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """The type without `| None` and `Annotated`, and the metadata found on the way."""
    found: list[Any] = []
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            for item in extra:
                found.extend(item.metadata if isinstance(item, FieldInfo) else [item])
        elif origin in (Union, types.UnionType):
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        else:
            return annotation, found


def _length_pattern(limit: int) -> list[str]:
    return [rf"^[\s\S]{{0,{limit}}}$", f"Tối đa {limit} ký tự"]


def _scalar(annotation: Any, metadata: list[Any], where: str) -> Widget:
    if get_origin(annotation) is Literal:
        return _select([{"label": str(v), "value": v} for v in get_args(annotation)])
    if annotation is float:  # a measure such as the paper's thickness in mm
        return {"widget": "number", "value_type": "float", "step": 0.01}
    if isinstance(annotation, type) and issubclass(annotation, AwardLevel):
        return _select([{"label": AWARD_LEVEL_LABELS[v], "value": v.value} for v in AwardLevel])
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _select([{"label": str(v.value), "value": str(v.value)} for v in annotation])
    for item in metadata:
        validator = isinstance(item, AfterValidator | BeforeValidator | PlainValidator)
        if validator and item.func in _BY_VALIDATOR:
            widget = dict(_BY_VALIDATOR[item.func])
            limit = next((m.max_length for m in metadata if isinstance(m, MaxLen)), None)
            if limit is not None and widget["widget"] in {"string", "text"}:
                widget["pattern"] = _length_pattern(limit)
            return widget
    raise UnmappedField(f"{where}: no Decap widget for {annotation!r}")


class FormBuilder:
    """Decap fields for models, with the choices the selects offer."""

    def __init__(self, choices: Choices) -> None:
        self.choices = choices

    def fields(
        self,
        model: type[BaseModel],
        *,
        order: Sequence[str] = (),
        inside_optional: bool = False,
    ) -> list[Widget]:
        # The template order may name keys of nested blocks; only this model's keys count.
        ordered = [k for k in order if k in model.model_fields]
        keys = [*ordered, *(k for k in model.model_fields if k not in ordered)]
        return [
            self.field(model, key, model.model_fields[key], inside_optional=inside_optional)
            for key in keys
        ]

    def field(
        self, model: type[BaseModel], key: str, info: FieldInfo, *, inside_optional: bool
    ) -> Widget:
        where = f"{_owner(model, key)}.{key}"
        required = info.is_required() and not inside_optional
        widget: Widget = {"label": label_for(model, key, info), "name": key}
        override = OVERRIDES.get(where)
        annotation, metadata = _unwrap(info.annotation)
        metadata = [*info.metadata, *metadata]
        if override is not None:
            widget.update(override(self.choices))
        else:
            widget.update(self._by_type(annotation, metadata, where, optional=not required))
        hint = info.description or ""
        if info.is_required() and inside_optional:
            hint = f"{hint} (bắt buộc khi dùng mục này)".strip()
        if hint and hint.casefold() != widget["label"].casefold():
            widget["hint"] = hint
        widget["required"] = required
        if not info.is_required() and isinstance(info.default, bool):
            widget["default"] = info.default
        if widget["widget"] == "datetime":
            _date_widget(widget, required=required)
        minimum = next((m.min_length for m in metadata if isinstance(m, MinLen)), None)
        if minimum and widget["widget"] in {"list", "select", "relation", SUBJECTS_WIDGET}:
            widget["min"] = minimum
        maximum = next((m.max_length for m in metadata if isinstance(m, MaxLen)), None)
        if maximum and widget["widget"] == "list":
            widget["max"] = maximum
        return widget

    def _by_type(
        self, annotation: Any, metadata: list[Any], where: str, *, optional: bool
    ) -> Widget:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            # decaporg/decap-cms#7748: Decap validates the children of an object even when
            # the object is optional and untouched, so required children of an optional
            # block would stop every save; `check` still requires them once the block is used.
            return {"widget": "object", "fields": self.fields(annotation, inside_optional=optional)}
        if get_origin(annotation) is list:
            return self._list(get_args(annotation)[0], where)
        return _scalar(annotation, metadata, where)

    def _list(self, item: Any, where: str) -> Widget:
        item_type, item_meta = _unwrap(item)
        if isinstance(item_type, type) and issubclass(item_type, BaseModel):
            first = next(iter(item_type.model_fields))
            return {
                "widget": "list",
                "collapsed": True,
                "summary": f"{{{{fields.{first}}}}}",
                "fields": self.fields(item_type),
            }
        inner = {"label": "Mục", "name": "item", **_scalar(item_type, item_meta, where)}
        return {"widget": "list", "field": inner}
