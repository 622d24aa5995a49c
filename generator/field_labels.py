"""Short Vietnamese labels for every key of the content files (DESIGN §2).

One table for every tool that shows a key to editors: the browser editor's form labels
(generator.cms) and the JSON Schemas' titles may both read it. The longer hint for a key is
its model field's `description`. A `title=` set on a model field wins over this table, so
the models can take the labels over without anyone else changing.
"""

from __future__ import annotations

from pydantic.fields import FieldInfo

# By "Model.key" where one key means different things in different models, else by key.
LABELS: dict[str, str] = {
    "Person.name": "Họ và tên",
    "Collective.name": "Tên tập thể",
    "PracticeModel.name": "Tên mô hình",
    "summary": "Tóm tắt",
    "position": "Chức vụ",
    "organization": "Đơn vị công tác",
    "member_of": "Thành viên của tập thể",
    "gender": "Giới tính",
    "birth_year": "Năm sinh",
    "ethnicity": "Dân tộc",
    "place": "Địa phương",
    "province": "Tỉnh/thành phố",
    "district": "Quận/huyện",
    "commune": "Xã/phường",
    "detail": "Thôn, địa chỉ",
    "fields": "Lĩnh vực",
    "movements": "Phong trào",
    "models": "Mô hình",
    "since": "Năm bắt đầu",
    "description": "Mô tả",
    "achievements": "Thành tích",
    "awards": "Khen thưởng",
    "Award.title": "Hình thức khen thưởng",
    "level": "Cấp khen",
    "issuer": "Cơ quan khen thưởng",
    "Award.year": "Năm",
    "decision": "Số quyết định",
    "Award.date": "Ngày quyết định",
    "photo": "Ảnh đại diện",
    "file": "Tệp ảnh",
    "caption": "Chú thích ảnh",
    "credit": "Tác giả ảnh",
    "sources": "Nguồn tin",
    "publisher": "Cơ quan đăng tin",
    "Source.title": "Tên bài",
    "url": "Đường dẫn",
    "Source.date": "Ngày đăng",
    "author": "Tác giả",
    "tags": "Từ khóa",
    "published": "Đăng công khai",
    "type": "Loại tập thể",
    "parent": "Tổ chức cấp trên",
    "members": "Số thành viên",
    "founded": "Năm thành lập",
    "StoryMeta.title": "Tiêu đề",
    "subjects": "Cá nhân, tập thể trong bài",
    "StoryMeta.date": "Ngày đăng",
    "lead": "Sa-pô",
    "source": "Nguồn bài viết",
    "image": "Ảnh minh họa",
    "featured": "Đưa lên trang chủ",
    "body": "Nội dung bài viết",
    "Book.title": "Tên sách",
    "subtitle": "Phụ đề",
    "compiler": "Biên soạn",
    "blurb": "Lời giới thiệu ở bìa sau",
    "Book.publisher": "Nhà xuất bản",
    "Book.year": "Năm xuất bản",
    "draft": "Bản thảo",
    "foreword": "Lời giới thiệu",
    "page": "Khổ trang",
    "size": "Khổ",
    "bleed": "Lề xén",
    "crop_marks": "Dấu cắt",
    "paper": "Giấy ruột",
    "paper_mm": "Độ dày giấy (mm)",
    "colour_interior": "Ruột in màu",
    "page_multiple": "Số trang là bội của",
    "parts": "Các phần",
    "BookPart.title": "Tên phần",
    "intro": "Giới thiệu phần",
    "select": "Chọn hồ sơ theo điều kiện",
    "stories": "Các bài viết",
    "order": "Sắp xếp",
    "kind": "Loại hồ sơ",
    "provinces": "Tỉnh/thành phố",
    "years": "Khoảng năm",
    "min_award_level": "Cấp khen thấp nhất",
    "colophon": "Thông tin xuất bản",
    "responsible_publisher": "Chịu trách nhiệm xuất bản",
    "responsible_content": "Chịu trách nhiệm nội dung",
    "editors": "Biên tập nội dung",
    "cover_designer": "Trình bày bìa",
    "layout": "Chế bản",
    "proofreader": "Sửa bản in",
    "Colophon.size": "Khổ sách",
    "print_run": "Số lượng in",
    "printer": "Cơ sở in",
    "registration_no": "Số đăng ký xuất bản",
    "decision_no": "Số quyết định xuất bản",
    "isbn": "ISBN",
    "legal_deposit": "Nộp lưu chiểu",
    "price_note": "Giá bán",
    "id": "Mã",
    "name": "Tên",
}


class MissingLabel(LookupError):
    pass


def label_for(model_name: str, key: str, info: FieldInfo | None = None) -> str:
    """The label of `key` in `model_name`; MissingLabel when the table lacks one."""
    if info is not None and info.title:
        return info.title
    for candidate in (f"{model_name}.{key}", key):
        if candidate in LABELS:
            return LABELS[candidate]
    raise MissingLabel(f"{model_name}.{key}")
