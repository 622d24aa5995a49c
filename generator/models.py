"""Typed models of the content files (DESIGN §2). Descriptions are shown to editors."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any, Literal, Self, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from generator.fields import (
    ContentFile,
    Count,
    Flag,
    Id,
    IsoDate,
    Line,
    Tag,
    Text,
    Url,
    Year,
)

# One `__pydantic_fields_set__` per distinct set of keys written, shared by every model
# that has it: pydantic gives each instance a set of its own (700 bytes for 5 keys or more),
# 30 % of a loaded record, ~180 MB at 100,000 records. Frozen models never add to it and
# pydantic copies it before changing a copy's (`model_copy`).
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @model_validator(mode="after")
    def _share_fields_set(self) -> Self:
        written = self.__pydantic_fields_set__
        shared = _FIELDS_SETS.setdefault(frozenset(written), written)
        object.__setattr__(self, "__pydantic_fields_set__", shared)
        return self

    @model_validator(mode="before")
    @classmethod
    def _blank_is_absent(cls, data: Any) -> Any:
        """An optional key left blank counts as not written: `position: ""`, or a block such
        as `photo: {caption: ""}` that could never be valid, which browser editors save
        for untouched fields (decaporg/decap-cms#7748). `select: {}` keeps its meaning."""
        if not isinstance(data, dict):
            return data
        if not _any_blank(data.values()):
            return data
        return {k: v for k, v in data.items() if not _blank_optional(cls, k, v)}


def _any_blank(values: Iterable[Any]) -> bool:
    """`any(_blank(v) for v in values)` without a call per value: most records have no blank
    value at all, and this runs for every block of every record."""
    for value in values:
        if value is None or (isinstance(value, str) and not value.strip()):
            return True
        if isinstance(value, dict) and _blank(value):
            return True
    return False


def _blank(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, dict):
        return all(_blank(v) for v in value.values())
    return value is None


def _blank_optional(model: type[BaseModel], key: str, value: Any) -> bool:
    if not _blank(value):  # first: it is cheaper than looking up the field
        return False
    info = model.model_fields.get(key)
    if info is None or info.is_required():
        return False
    if not isinstance(value, dict):
        return True
    block = next((a for a in get_args(info.annotation) if a is not type(None)), None)
    return (
        isinstance(block, type)
        and issubclass(block, BaseModel)
        and any(f.is_required() for f in block.model_fields.values())
    )


class AwardLevel(StrEnum):
    NATIONAL = "trung-uong"
    MINISTRY = "bo-nganh"
    PROVINCE = "tinh"
    DISTRICT = "huyen"
    COMMUNE = "xa"

    @property
    def label(self) -> str:
        return AWARD_LEVEL_LABELS[self]

    @property
    def rank(self) -> int:
        """Higher is more senior: national 5 … commune 1."""
        return len(AWARD_LEVEL_LABELS) - list(AWARD_LEVEL_LABELS).index(self)


AWARD_LEVEL_LABELS: dict[AwardLevel, str] = {
    AwardLevel.NATIONAL: "Trung ương",
    AwardLevel.MINISTRY: "Bộ, ngành",
    AwardLevel.PROVINCE: "Tỉnh, thành phố",
    AwardLevel.DISTRICT: "Huyện",
    AwardLevel.COMMUNE: "Xã, cơ sở",
}


class Place(Strict):
    province: Line = Field(
        description="Tỉnh/thành phố như nguồn tin ghi (tên trước hay sau 1/7/2025 đều được)"
    )
    district: Line | None = Field(None, description="Quận/huyện/thị xã như nguồn tin ghi")
    commune: Line | None = Field(None, description="Xã/phường/thị trấn như nguồn tin ghi")
    detail: Line | None = Field(None, description="Thôn, tổ dân phố, địa chỉ chi tiết")


class Award(Strict):
    title: Line = Field(description="Tên hình thức khen thưởng, ví dụ `Bằng khen`")
    level: AwardLevel = Field(description="Cấp khen: trung-uong, bo-nganh, tinh, huyen hoặc xa")
    issuer: Line = Field(description="Cơ quan khen thưởng, ví dụ `Ban Tuyên giáo Trung ương`")
    year: Year = Field(description="Năm khen thưởng")
    decision: Line | None = Field(None, description="Số quyết định khen thưởng")
    date: IsoDate | None = Field(
        None, description="Ngày quyết định, dạng 2023-06-12 (hoặc 2023-06, 2023)"
    )


class Source(Strict):
    publisher: Line = Field(description="Cơ quan báo chí hoặc đơn vị đưa tin")
    title: Line | None = Field(None, description="Tên bài báo hoặc văn bản")
    url: Url | None = Field(None, description="Đường dẫn http(s) tới nguồn")
    date: IsoDate | None = Field(
        None, description="Ngày đăng, dạng 2024-01-18 (hoặc 2024-01, 2024)"
    )
    author: Line | None = Field(None, description="Tác giả bài viết")


class Photo(Strict):
    file: ContentFile = Field(description="Tệp ảnh trong `content/`, ví dụ `images/ten-anh.jpg`")
    caption: Line | None = Field(None, description="Chú thích ảnh")
    credit: Line | None = Field(None, description="Tác giả/nguồn ảnh")


class PracticeModel(Strict):
    """A 'mô hình' — a named good practice."""

    name: Line = Field(description="Tên mô hình")
    since: Year | None = Field(None, description="Năm bắt đầu")
    description: Text | None = Field(None, description="Mô tả ngắn")


class RecordBase(Strict):
    name: Line = Field(max_length=200, description="Tên đầy đủ")
    summary: Text = Field(max_length=400, description="Tóm tắt 1–2 câu (tối đa 400 ký tự)")
    place: Place = Field(description="Địa phương")
    fields: list[Id] = Field(min_length=1, description="Lĩnh vực: mã trong taxonomies/fields.yml")
    movements: list[Id] = Field(
        default_factory=list, description="Phong trào: mã trong taxonomies/movements.yml"
    )
    models: list[PracticeModel] = Field(default_factory=list, description="Các mô hình")
    achievements: list[Text] = Field(default_factory=list, description="Thành tích nổi bật")
    awards: list[Award] = Field(default_factory=list, description="Khen thưởng")
    photo: Photo | None = Field(None, description="Ảnh đại diện")
    sources: list[Source] = Field(default_factory=list, description="Nguồn tin")
    tags: list[Tag] = Field(default_factory=list, description="Từ khóa")
    published: Flag = Field(True, description="`false` là bản nháp, không đăng")


class Person(RecordBase):
    position: Line | None = Field(None, description="Chức vụ")
    organization: Line | None = Field(None, description="Đơn vị công tác")
    member_of: list[Id] = Field(
        default_factory=list, description="Mã các tập thể mà cá nhân là thành viên"
    )
    gender: Literal["nam", "nữ"] | None = Field(None, description="Giới tính: nam hoặc nữ")
    birth_year: Year | None = Field(None, description="Năm sinh")
    ethnicity: Line | None = Field(None, description="Dân tộc, ví dụ `Dao`")


class Collective(RecordBase):
    type: Line = Field(description="Loại tập thể, ví dụ `Chi hội phụ nữ`, `Đoàn thanh niên`")
    parent: Line | None = Field(None, description="Tổ chức cấp trên")
    members: Count | None = Field(None, description="Số thành viên")
    founded: Year | None = Field(None, description="Năm thành lập")


class StoryImage(Photo):
    pass


class StoryMeta(Strict):
    title: Line = Field(max_length=250, description="Tiêu đề bài viết")
    subjects: list[Id] = Field(
        min_length=1, description="Mã các cá nhân/tập thể được nói đến trong bài"
    )
    date: IsoDate = Field(
        description="Ngày đăng bài (bài viết lại từ một bài báo: ngày bài báo đó đăng), "
        "dạng 2023-06-12, hoặc 2023-06, 2023 khi nguồn chỉ ghi tháng hay năm"
    )
    lead: Text = Field(max_length=600, description="Sa-pô (tối đa 600 ký tự)")
    author: Line | None = Field(None, description="Tác giả")
    source: Source | None = Field(None, description="Nguồn bài viết")
    image: StoryImage | None = Field(None, description="Ảnh minh họa chính")
    tags: list[Tag] = Field(default_factory=list, description="Từ khóa")
    featured: Flag = Field(False, description="`true` để đưa lên trang chủ")
    published: Flag = Field(True, description="`false` là bản nháp, không đăng")


class TaxonomyEntry(Strict):
    id: Id = Field(description="Mã: chữ thường không dấu, nối bằng `-`")
    name: Line = Field(description="Tên hiển thị")
    description: Text | None = Field(None, description="Mô tả")


RecordKind = Literal["person", "collective"]


class Selection(Strict):
    kind: RecordKind | None = Field(None, description="person (cá nhân) hoặc collective (tập thể)")
    provinces: list[Line] = Field(default_factory=list, description="Tỉnh/thành phố (hiện nay)")
    fields: list[Id] = Field(default_factory=list, description="Mã lĩnh vực")
    movements: list[Id] = Field(default_factory=list, description="Mã phong trào")
    years: list[Year] = Field(
        default_factory=list,
        max_length=2,
        description="[từ năm, đến năm]: có khen thưởng hoặc bài viết trong khoảng này",
    )
    min_award_level: AwardLevel | None = Field(None, description="Cấp khen thấp nhất")

    @model_validator(mode="after")
    def _years_in_order(self) -> Selection:
        if len(self.years) == 2 and self.years[0] > self.years[1]:
            raise ValueError("`years` phải viết [năm đầu, năm cuối]")
        return self


class BookPart(Strict):
    title: Line = Field(description="Tên phần, ví dụ `Phần I. Những tập thể tiêu biểu`")
    intro: ContentFile | None = Field(None, description="Tệp Markdown giới thiệu phần")
    select: Selection | None = Field(None, description="Chọn hồ sơ theo điều kiện")
    stories: list[Id] = Field(
        default_factory=list, description="Danh sách mã bài viết, theo thứ tự"
    )
    order: Literal["name", "date", "province"] = Field(
        "name", description="Sắp xếp: name, date, province"
    )

    @model_validator(mode="after")
    def _one_way_to_choose(self) -> BookPart:
        if (self.select is None) == (not self.stories):
            raise ValueError("mỗi phần dùng đúng một trong hai cách: `select` hoặc `stories`")
        return self


PageSize = Literal["145x205mm", "A5", "A4", "160x240mm"]
PaperName = Literal["offset-70", "offset-80", "offset-100", "couche-115"]


class PageSetup(Strict):
    size: PageSize = Field("145x205mm", description="Khổ sách: 145x205mm, A5, A4, 160x240mm")
    bleed: Line = Field("0mm", pattern=r"^\d+(\.\d+)?mm$", description="Lề xén, ví dụ `3mm`")
    crop_marks: Flag = Field(False, description="In dấu cắt")
    paper: PaperName = Field(
        "offset-80",
        description="Giấy ruột, để tính gáy sách: offset-70, offset-80, offset-100, couche-115",
    )
    paper_mm: float | None = Field(
        None, gt=0, le=1, description="Độ dày một tờ giấy ruột (mm); ghi thì dùng thay `paper`"
    )
    colour_interior: Flag = Field(
        False, description="`true`: ruột in màu (CMYK); mặc định ruột in một màu đen"
    )
    page_multiple: Literal[4, 8, 16] = Field(
        4, description="Số trang ruột là bội của 4, 8 hoặc 16 (thêm trang trắng trước trang cuối)"
    )


# Luật Xuất bản 2012, Điều 27: what every published book must print, worded as the colophon
# prints it; the check's messages and the schema's descriptions both read these.
COLOPHON_LABELS: dict[str, str] = {
    "responsible_publisher": "Chịu trách nhiệm xuất bản",
    "responsible_content": "Chịu trách nhiệm nội dung",
    "editors": "Biên tập nội dung",
    "cover_designer": "Trình bày bìa",
    "layout": "Chế bản",
    "proofreader": "Sửa bản in",
    "size": "Khổ sách",
    "print_run": "Số lượng in",
    "printer": "Cơ sở in",
    "registration_no": "Số xác nhận đăng ký xuất bản",
    "decision_no": "Số quyết định xuất bản",
    "isbn": "Mã ISBN",
    "legal_deposit": "Thời gian nộp lưu chiểu",
    "price_note": "Giá bán",
}


def _colophon(key: str, hint: str = "") -> str:
    return COLOPHON_LABELS[key] + hint


class Colophon(Strict):
    """Luật Xuất bản 2012, Điều 27: what every published book must print."""

    responsible_publisher: Line | None = Field(
        None, description=_colophon("responsible_publisher", " (Giám đốc – Tổng biên tập)")
    )
    responsible_content: Line | None = Field(None, description=_colophon("responsible_content"))
    editors: list[Line] = Field(default_factory=list, description=_colophon("editors"))
    cover_designer: Line | None = Field(None, description=_colophon("cover_designer"))
    layout: Line | None = Field(None, description=_colophon("layout"))
    proofreader: Line | None = Field(None, description=_colophon("proofreader"))
    size: Line | None = Field(None, description=_colophon("size", ", ví dụ `14,5 × 20,5 cm`"))
    print_run: Line | None = Field(None, description=_colophon("print_run", ", ví dụ `1.000 bản`"))
    printer: Line | None = Field(None, description=_colophon("printer", " (tên và địa chỉ)"))
    registration_no: Line | None = Field(None, description=_colophon("registration_no"))
    decision_no: Line | None = Field(None, description=_colophon("decision_no"))
    isbn: Line | None = Field(None, description=_colophon("isbn"))
    legal_deposit: Line | None = Field(
        None, description=_colophon("legal_deposit", ", ví dụ `Quý I năm 2026`")
    )
    price_note: Line | None = Field(
        None,
        description=_colophon(
            "price_note", " hoặc ghi chú `Sách không bán`, `Sách Nhà nước đặt hàng`"
        ),
    )


class Book(Strict):
    title: Line = Field(description="Tên sách")
    subtitle: Line | None = Field(None, description="Phụ đề")
    compiler: Line = Field(description="Người/cơ quan biên soạn")
    publisher: Line | None = Field(
        None, description="Nhà xuất bản (bắt buộc khi không phải bản thảo)"
    )
    publisher_address: Line | None = Field(
        None, description="Địa chỉ nhà xuất bản, in ở trang thông tin xuất bản"
    )
    year: Year = Field(description="Năm xuất bản")
    draft: Flag = Field(False, description="`true`: bản thảo, mỗi trang ghi BẢN THẢO")
    foreword: ContentFile | None = Field(None, description="Tệp Markdown lời giới thiệu")
    blurb: Text | None = Field(None, description="Lời giới thiệu ngắn in ở bìa sau")
    page: PageSetup = Field(default_factory=PageSetup, description="Khổ trang")
    parts: list[BookPart] = Field(min_length=1, description="Các phần của sách")
    colophon: Colophon = Field(default_factory=Colophon, description="Thông tin xuất bản")
