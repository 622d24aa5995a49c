"""Vietnamese names of the content keys: one table for the schema, the checker and the CMS.

A key's longer explanation is its `description` on the model (generator/models.py); its
short Vietnamese name, the words editors use for it, and the labels of award levels live
here, so every writer that shows a key to an editor shows the same words.
"""

from __future__ import annotations

import re

from generator.models import AWARD_LEVEL_LABELS, COLOPHON_LABELS, AwardLevel
from generator.vietnamese import fold

KEY_LABELS: dict[str, str] = {
    "name": "Tên",
    "summary": "Tóm tắt",
    "place": "Địa phương",
    "province": "Tỉnh/thành phố",
    "district": "Quận/huyện",
    "commune": "Xã/phường",
    "detail": "Địa chỉ chi tiết",
    "fields": "Lĩnh vực",
    "movements": "Phong trào",
    "models": "Mô hình",
    "since": "Năm bắt đầu",
    "description": "Mô tả",
    "achievements": "Thành tích",
    "awards": "Khen thưởng",
    "title": "Tiêu đề",
    "level": "Cấp khen",
    "issuer": "Cơ quan khen thưởng",
    "year": "Năm",
    "decision": "Số quyết định",
    "date": "Ngày",
    "photo": "Ảnh đại diện",
    "file": "Tệp ảnh",
    "caption": "Chú thích ảnh",
    "credit": "Tác giả ảnh",
    "sources": "Nguồn tin",
    "source": "Nguồn bài viết",
    "publisher": "Cơ quan đưa tin",
    "url": "Đường dẫn",
    "author": "Tác giả",
    "tags": "Từ khóa",
    "published": "Đăng",
    "position": "Chức vụ",
    "organization": "Đơn vị công tác",
    "member_of": "Thành viên của tập thể",
    "gender": "Giới tính",
    "birth_year": "Năm sinh",
    "ethnicity": "Dân tộc",
    "type": "Loại tập thể",
    "parent": "Tổ chức cấp trên",
    "members": "Số thành viên",
    "founded": "Năm thành lập",
    "subjects": "Cá nhân, tập thể trong bài",
    "lead": "Sa-pô",
    "image": "Ảnh minh họa",
    "featured": "Đưa lên trang chủ",
    "id": "Mã",
    "subtitle": "Phụ đề",
    "compiler": "Người biên soạn",
    "draft": "Bản thảo",
    "foreword": "Lời giới thiệu",
    "page": "Khổ trang",
    "parts": "Các phần",
    "colophon": "Thông tin xuất bản",
    "intro": "Giới thiệu phần",
    "select": "Chọn hồ sơ",
    "stories": "Bài viết",
    "order": "Sắp xếp",
    "kind": "Loại hồ sơ",
    "provinces": "Tỉnh/thành phố",
    "years": "Khoảng năm",
    "min_award_level": "Cấp khen thấp nhất",
    "size": "Khổ sách",
    "bleed": "Lề xén",
    "crop_marks": "Dấu cắt",
    **COLOPHON_LABELS,  # Luật Xuất bản 2012, Điều 27: worded once, in the models
    "publisher_address": "Địa chỉ nhà xuất bản",
    "blurb": "Lời giới thiệu ở bìa sau",
    "paper": "Giấy ruột",
    "paper_mm": "Độ dày tờ giấy (mm)",
    "colour_interior": "Ruột in màu",
    "page_multiple": "Số trang là bội của",
}

# Where one key means something else in one kind of file.
MODEL_KEY_LABELS: dict[str, dict[str, str]] = {
    "Person": {"name": "Họ và tên"},
    "Collective": {"name": "Tên tập thể"},
    "PracticeModel": {"name": "Tên mô hình"},
    "Award": {"title": "Hình thức khen thưởng", "date": "Ngày quyết định"},
    "Source": {"title": "Tên bài", "date": "Ngày đăng"},
    "StoryMeta": {"date": "Ngày đăng", "author": "Tác giả bài viết"},
    "StoryImage": {"file": "Tệp ảnh"},
    "TaxonomyEntry": {"name": "Tên hiển thị"},
    "Book": {"title": "Tên sách", "publisher": "Nhà xuất bản", "year": "Năm xuất bản"},
    "BookPart": {"title": "Tên phần"},
    "PageSetup": {"size": "Khổ sách"},
}

# Other words editors write for a key (folded: no diacritics, words joined by spaces).
_KEY_WORDS: dict[str, str] = {
    "ten": "name",
    "ho ten": "name",
    "ho va ten": "name",
    "ten day du": "name",
    "tom tat": "summary",
    "gioi thieu": "summary",
    "dia ban": "place",
    "noi": "place",
    "que quan": "place",
    "tinh": "province",
    "thanh pho": "province",
    "tinh thanh": "province",
    "huyen": "district",
    "quan": "district",
    "xa": "commune",
    "phuong": "commune",
    "dia chi": "detail",
    "linh vuc": "fields",
    "phong trao": "movements",
    "mo hinh": "models",
    "thanh tich": "achievements",
    "khen thuong": "awards",
    "danh hieu": "awards",
    "anh": "photo",
    "hinh anh": "photo",
    "nguon": "sources",
    "tu khoa": "tags",
    "the": "tags",
    "chuc vu": "position",
    "don vi": "organization",
    "co quan": "organization",
    "tap the": "member_of",
    "thanh vien": "member_of",
    "nam sinh": "birth_year",
    "loai": "type",
    "so thanh vien": "members",
    "thanh lap": "founded",
    "tieu de": "title",
    "ten bai": "title",
    "nhan vat": "subjects",
    "doi tuong": "subjects",
    "ngay dang": "date",
    "sapo": "lead",
    "sa po": "lead",
    "mo dau": "lead",
    "chu thich": "caption",
    "cap": "level",
    "nam": "year",
    "quyet dinh": "decision",
    "so qd": "decision",
    "tep": "file",
    "duong dan": "url",
    "link": "url",
    "bao": "publisher",
    "co quan bao chi": "publisher",
    "nha xuat ban": "publisher",
    "dang": "published",
    "noi bat": "featured",
    "tu nam": "since",
}

AWARD_LEVEL_WORDS: dict[str, AwardLevel] = {
    "trung uong": AwardLevel.NATIONAL,
    "nha nuoc": AwardLevel.NATIONAL,
    "quoc gia": AwardLevel.NATIONAL,
    "chinh phu": AwardLevel.NATIONAL,
    "chu tich nuoc": AwardLevel.NATIONAL,
    "thu tuong": AwardLevel.NATIONAL,
    "bo": AwardLevel.MINISTRY,
    "nganh": AwardLevel.MINISTRY,
    "bo nganh": AwardLevel.MINISTRY,
    "tinh": AwardLevel.PROVINCE,
    "thanh pho": AwardLevel.PROVINCE,
    "ubnd tinh": AwardLevel.PROVINCE,
    "huyen": AwardLevel.DISTRICT,
    "quan": AwardLevel.DISTRICT,
    "thi xa": AwardLevel.DISTRICT,
    "xa": AwardLevel.COMMUNE,
    "phuong": AwardLevel.COMMUNE,
    "thi tran": AwardLevel.COMMUNE,
    "co so": AwardLevel.COMMUNE,
}


def key_label(model_name: str, key: str) -> str:
    """The Vietnamese name of `key` in a model, e.g. `title` of an Award is its kind."""
    return MODEL_KEY_LABELS.get(model_name, {}).get(key) or KEY_LABELS.get(key, key)


def folded_words(text: str) -> str:
    """`Tóm_tắt`, `tóm tắt`, `TOM-TAT` → `tom tat`."""
    return " ".join(re.split(r"[\s_\-.:]+", fold(text).strip())).strip()


def key_from_words(text: str, model_name: str, known: list[str]) -> str | None:
    """The key an editor meant by writing its Vietnamese name (`tên` → `name`)."""
    words = folded_words(text)
    for key in known:
        if folded_words(key_label(model_name, key)) == words:
            return key
    meant = _KEY_WORDS.get(words)
    return meant if meant in known else None


def award_level_from_words(text: str) -> AwardLevel | None:
    """`cấp tỉnh`, `Tỉnh, thành phố`, `UBND tỉnh` → `tinh`."""
    words = folded_words(text.replace(",", " "))
    for level, label in AWARD_LEVEL_LABELS.items():
        if folded_words(label.replace(",", " ")) == words:
            return level
    words = words.removeprefix("cap ").strip()
    return AWARD_LEVEL_WORDS.get(words)


# Each kind of group of keys: its Vietnamese name and what it holds.
MODEL_LABELS: dict[str, tuple[str, str]] = {
    "Person": ("Hồ sơ cá nhân", "Một cá nhân tiêu biểu: tên, tóm tắt, địa phương, lĩnh vực…"),
    "Collective": ("Hồ sơ tập thể", "Một tập thể tiêu biểu: tên, loại, địa phương, lĩnh vực…"),
    "StoryMeta": ("Thông tin bài viết", "Phần giữa hai dòng `---` ở đầu bài viết"),
    "Place": ("Địa phương", "Địa phương ghi như nguồn tin, tên trước hay sau 1/7/2025 đều được"),
    "Award": ("Khen thưởng", "Một lần khen thưởng: hình thức, cấp, cơ quan khen, năm"),
    "Source": ("Nguồn tin", "Bài báo hoặc văn bản làm nguồn: cơ quan đưa tin, tên bài, ngày…"),
    "Photo": ("Ảnh", "Tệp ảnh trong `content/images/`, kèm chú thích và tác giả ảnh"),
    "StoryImage": ("Ảnh minh họa", "Tệp ảnh trong `content/images/`, kèm chú thích và tác giả"),
    "PracticeModel": ("Mô hình", "Một mô hình, cách làm hay: tên, năm bắt đầu, mô tả"),
    "TaxonomyEntry": ("Mục danh mục", "Một lĩnh vực hay phong trào: mã và tên hiển thị"),
    "Book": ("Định nghĩa sách", "Tên sách, người biên soạn, các phần của sách"),
    "BookPart": ("Phần của sách", "Một phần: tên phần và cách chọn hồ sơ hoặc bài viết"),
    "Selection": ("Cách chọn hồ sơ", "Điều kiện chọn hồ sơ: loại, tỉnh, lĩnh vực, năm…"),
    "PageSetup": ("Khổ trang", "Khổ sách, lề xén, dấu cắt"),
    "Colophon": ("Thông tin xuất bản", "Các dòng Luật Xuất bản 2012, Điều 27 bắt buộc in"),
}
