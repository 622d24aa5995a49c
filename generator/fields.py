"""Scalar types for editor-written values.

The strict YAML reader hands every scalar over as the text the editor typed, so these types
decide what counts as a year, a flag or a date. They accept only unambiguous spellings,
which is what keeps YAML 1.1's `no` → False and `012` → 10 from ever reaching the content.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from generator.vietnamese import has_invisible_controls

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MIN_YEAR = 1890
MAX_YEAR = 2100


def _fail(code: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(code, message)


def _as_text(value: Any) -> str:
    if isinstance(value, bool | int | float):
        return str(value).lower() if isinstance(value, bool) else str(value)
    if not isinstance(value, str):
        raise _fail("vi_scalar", "phải là một giá trị đơn, không phải danh sách hay nhóm khóa")
    return value.strip()


def parse_flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _as_text(value)
    if text in {"true", "True", "TRUE"}:
        return True
    if text in {"false", "False", "FALSE"}:
        return False
    raise _fail("vi_flag", f"phải là `true` hoặc `false` (không dùng `{text}`)")


def _parse_whole_number(value: Any, what: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = _as_text(value)
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
        raise _fail(
            "vi_number",
            f"{what} viết liền, không có dấu phân cách hàng nghìn: `{re.sub(r'[.,]', '', text)}`",
        )
    if not re.fullmatch(r"0|[1-9]\d{0,8}", text):
        raise _fail(
            "vi_number", f"{what} phải là một số nguyên viết bằng chữ số (không dùng `{text}`)"
        )
    return int(text)


def parse_year(value: Any) -> int:
    year = _parse_whole_number(value, "năm")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _fail("vi_year", f"năm phải gồm bốn chữ số, trong khoảng {MIN_YEAR}–{MAX_YEAR}")
    return year


def parse_count(value: Any) -> int:
    return _parse_whole_number(value, "số lượng")


Precision = Literal["day", "month", "year"]


class PartialDate(date):
    """A date only as precise as its source: a day, a month (`2025-01`) or a year (`2025`).

    It is the period's first day for every calculation (sorting, years, feeds), so a story
    dated `2025` sorts after the dated stories of 2025 when newest come first; `isoformat()`
    gives the precision that was written, which is also a valid HTML `<time>` value.
    """

    __slots__ = ("precision",)
    precision: Precision

    def __new__(cls, year: int, month: int | None = None, day: int | None = None) -> PartialDate:
        self = super().__new__(cls, year, month or 1, day or 1)
        self.precision = "day" if day else "month" if month else "year"
        return self

    def __reduce__(self) -> tuple[type[PartialDate], tuple[int, int | None, int | None]]:
        month = self.month if self.precision != "year" else None
        return (type(self), (self.year, month, self.day if self.precision == "day" else None))

    def isoformat(self) -> str:
        if self.precision == "year":
            return f"{self.year:04d}"
        if self.precision == "month":
            return f"{self.year:04d}-{self.month:02d}"
        return super().isoformat()

    def __repr__(self) -> str:
        return f"PartialDate({self.isoformat()!r})"


_DATE_TEXT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _date_format_hint(text: str) -> str:
    vn = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if vn is not None:
        day, month, year = vn.groups()
        return f"; ví dụ `{year}-{int(month):02d}-{int(day):02d}`"
    month_year = re.fullmatch(r"(?:tháng\s*)?(\d{1,2})[/-](\d{4})", text, re.IGNORECASE)
    if month_year is not None:
        return f"; ví dụ `{month_year[2]}-{int(month_year[1]):02d}`"
    return ""


def parse_iso_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, date):
        return PartialDate(value.year, value.month, value.day)
    text = _as_text(value)
    if not text:
        raise _fail(
            "vi_date",
            "chưa ghi ngày; hãy ghi theo dạng NĂM-THÁNG-NGÀY (`2023-06-12`), hoặc `2023-06`, "
            "`2023` khi nguồn chỉ ghi tháng hay năm",
        )
    match = _DATE_TEXT.fullmatch(text)
    if match is None:
        raise _fail(
            "vi_date",
            "ngày phải viết theo dạng NĂM-THÁNG-NGÀY (`2023-06-12`); nguồn chỉ ghi tháng "
            f"hoặc năm thì viết `2023-06` hoặc `2023`{_date_format_hint(text)}",
        )
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None  # the pattern always has a year
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _fail("vi_date", f"năm của ngày phải trong khoảng {MIN_YEAR}–{MAX_YEAR}")
    try:
        return PartialDate(year, month, day)
    except ValueError:
        raise _fail("vi_date", f"ngày `{text}` không có trên lịch") from None


def check_text(value: str) -> str:
    if not value.strip():
        raise _fail("vi_empty", "không được để trống")
    return value.strip()


def check_line(value: str) -> str:
    value = check_text(value)
    if "\n" in value:
        raise _fail("vi_line", "phải viết trên một dòng")
    if has_invisible_controls(value):
        raise _fail(
            "vi_invisible",
            "có ký tự vô hình (ký tự độ rộng 0 hoặc điều khiển chiều viết); hãy gõ lại giá trị này",
        )
    return value


def check_id(value: str) -> str:
    if not value:
        raise _fail("vi_empty", 'mục này đang để trống (`- ""`); hãy ghi mã vào, hoặc xóa cả dòng')
    if has_invisible_controls(value):
        raise _fail("vi_invisible", "mã có ký tự vô hình; hãy gõ lại mã này")
    if not ID_PATTERN.match(value):
        raise _fail(
            "vi_id",
            f"mã `{value}` chỉ được gồm chữ thường không dấu, chữ số và dấu `-` "
            "(ví dụ `nguyen-van-an`)",
        )
    return value


def check_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise _fail("vi_url", "đường dẫn phải bắt đầu bằng `https://` hoặc `http://`")
    if any(ch.isspace() for ch in value.strip()):
        raise _fail("vi_url", "đường dẫn không được có dấu cách")
    return value.strip()


def check_relative_file(value: str) -> str:
    value = check_line(value)
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value) or "://" in value:
        raise _fail(
            "vi_path", "đường dẫn tệp phải tính từ thư mục `content/`, ví dụ `images/anh.jpg`"
        )
    if "\\" in value:
        fixed = re.sub(r"^(\.\./)+", "", value.replace("\\", "/"))
        raise _fail(
            "vi_path",
            f"đường dẫn tệp dùng dấu `/`, không dùng dấu `\\` của Windows: hãy viết `{fixed}`",
        )
    if ".." in value.split("/"):
        raise _fail("vi_path", "đường dẫn tệp không được dùng `..` để ra khỏi thư mục `content/`")
    return value


Flag = Annotated[bool, BeforeValidator(parse_flag)]
Year = Annotated[int, BeforeValidator(parse_year)]
Count = Annotated[int, BeforeValidator(parse_count)]
IsoDate = Annotated[
    PartialDate,
    PlainValidator(parse_iso_date),
    PlainSerializer(PartialDate.isoformat, when_used="json"),
    # `date: 2024` is a number to a YAML editor, a year to the checker.
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": DATE_PATTERN,
            "minimum": MIN_YEAR,
            "maximum": MAX_YEAR,
        }
    ),
]
Text = Annotated[str, AfterValidator(check_text)]
Line = Annotated[str, AfterValidator(check_line)]
Id = Annotated[str, AfterValidator(check_id)]
Url = Annotated[str, AfterValidator(check_url)]
ContentFile = Annotated[str, AfterValidator(check_relative_file)]
Tag = Annotated[str, AfterValidator(check_line), Field(max_length=60)]
