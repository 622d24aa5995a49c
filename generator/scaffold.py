"""`guongsang new`: a new content file with every key and a Vietnamese hint beside it."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic_core import PydanticCustomError

from generator.fields import ID_PATTERN, PartialDate, parse_iso_date
from generator.kinds import SCAFFOLD_KINDS, by_name
from generator.vietnamese import nfc, slugify

KINDS = tuple(kind.name for kind in SCAFFOLD_KINDS)
MAX_ID_LENGTH = 80


class ScaffoldError(Exception):
    pass


def _quoted(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars, so any name is written safely.
    return json.dumps(text, ensure_ascii=False)


# Guidance sits on its own line above each key, never after a value: a comment after an
# unquoted value is where YAML would cut the text an editor fills in (`thôn #1` → `thôn`).
_HELP = """\
# Dòng bắt đầu bằng # là hướng dẫn, máy bỏ qua. Khóa có # ở đầu là khóa không bắt buộc:
# xóa dấu # (và dấu cách sau nó) để dùng. Giá trị có dấu `: ` hay ` #`, hoặc bắt đầu bằng
# `*`, `&`, `@`, thì đặt cả giá trị trong dấu nháy kép thẳng: "…".
"""

_COMMON_TAIL = """\

# BẮT BUỘC. Tóm tắt 1–2 câu, tối đa 400 ký tự.
summary: ""

# BẮT BUỘC. Địa phương, ghi như nguồn tin (tên trước 1/7/2025 cũng được): tỉnh/thành phố
# (province), ví dụ Bình Thuận; quận/huyện (district), ví dụ Tuy Phong; xã/phường
# (commune), ví dụ Phú Lạc; thôn, tổ dân phố… (detail).
place:
  province: ""
  # district: ""
  # commune: ""
  # detail: ""

# BẮT BUỘC. Lĩnh vực: mã trong content/taxonomies/fields.yml (ít nhất 1), mỗi mã một dòng.
fields:
  - ""

# Phong trào: mã trong content/taxonomies/movements.yml.
# movements:
#   - dan-van-kheo

# Các mô hình: tên mô hình, năm bắt đầu (since), mô tả ngắn.
# models:
#   - name: ""
#     since: 2021
#     description: ""

# Thành tích nổi bật, mỗi dòng một ý.
# achievements:
#   - ""

# Khen thưởng, mỗi lần khen một nhóm bắt đầu bằng `- title:` (hình thức khen thưởng).
# Cấp (level): trung-uong, bo-nganh, tinh, huyen hoặc xa; cơ quan khen thưởng (issuer);
# số quyết định (decision); ngày quyết định (date), dạng 2024-05-19 (hoặc 2024-05, 2024).
# awards:
#   - title: Bằng khen
#     level: tinh
#     issuer: ""
#     year: 2024
#     decision: ""
#     date: 2024-05-19

# Ảnh đại diện: đặt tệp ảnh trong content/images/ rồi ghi `images/tên-tệp.jpg`.
# Chú thích ảnh (caption); tác giả/nguồn ảnh (credit).
# photo:
#   file: images/ten-anh.jpg
#   caption: ""
#   credit: ""

# Nguồn tin (nên có ít nhất một): publisher là báo, cổng thông tin hay đơn vị đăng tin; bài
# không ghi cơ quan nào thì ghi tên trang web đăng bài. Tên bài (title); tác giả (author);
# ngày đăng (date), dạng 2024-01-18 (nguồn chỉ ghi tháng hay năm: 2024-01, 2024).
sources:
  - publisher: ""
    # title: ""
    # url: https://…
    # date: 2024-01-18
    # author: ""

# Từ khóa.
# tags:
#   - ""

# false = bản nháp, chưa đăng.
published: true
"""

_PERSON_HEAD = """\
# Hồ sơ cá nhân.
{help}
# BẮT BUỘC. Họ và tên đầy đủ.
name: {name}

# Chức vụ; đơn vị công tác.
# position: ""
# organization: ""

# Mã các tập thể mà người này là thành viên (tên tệp trong content/collectives/, không có .yml).
# member_of:
#   - ma-tap-the

# Giới tính (nam hoặc nữ); năm sinh; dân tộc, ví dụ Dao.
# gender: nữ
# birth_year: 1985
# ethnicity: ""
"""

_COLLECTIVE_HEAD = """\
# Hồ sơ tập thể.
{help}
# BẮT BUỘC. Tên đầy đủ của tập thể.
name: {name}

# BẮT BUỘC. Loại tập thể: Chi hội phụ nữ, Đoàn thanh niên, Công an, Doanh nghiệp…
type: ""

# Tổ chức cấp trên; số thành viên; năm thành lập.
# parent: ""
# members: 30
# founded: 2010
"""

_STORY = """\
---
# Bài viết. Phần giữa hai dòng --- là thông tin bài; nội dung bài viết ở bên dưới.
{help}
# BẮT BUỘC. Tiêu đề.
title: {title}

# BẮT BUỘC. Mã các cá nhân/tập thể được nói đến (tên tệp, không có .yml), mỗi mã một dòng.
subjects:
  - ""

# BẮT BUỘC. Ngày đăng bài: bài viết lại từ một bài báo thì ghi ngày bài báo đó đăng (như
# source.date); bài viết mới thì ghi ngày gửi bài. Dạng NĂM-THÁNG-NGÀY: 2024-01-18; nguồn
# chỉ ghi tháng hay năm thì 2024-01 hoặc 2024.
date: {date}

# BẮT BUỘC. Sa-pô: đoạn mở đầu, tối đa 600 ký tự.
lead: ""

# Tác giả bài viết này.
# author: ""

# Nguồn bài viết: publisher là báo, cổng thông tin hay đơn vị đăng bài (bài không ghi cơ
# quan nào thì ghi tên trang web); title: tên bài gốc; author: tác giả bài gốc; date: ngày
# bài gốc đăng; url: đường dẫn.
# source:
#   publisher: ""
#   title: ""
#   author: ""
#   date: 2024-01-18
#   url: https://…

# Ảnh minh họa chính: đặt tệp trong content/images/; caption: chú thích; credit: tác giả ảnh.
# image:
#   file: images/ten-anh.jpg
#   caption: ""
#   credit: ""

# Từ khóa.
# tags:
#   - ""

# true = đưa lên trang chủ; published: false = bản nháp.
featured: false
published: true
---

Viết nội dung bài ở đây bằng Markdown. Không dùng mã HTML.

## Tiêu đề nhỏ

Chèn ảnh: ![Chú thích ảnh](../images/ten-anh.jpg)
"""


def render_template(kind: str, name: str, story_date: PartialDate | None = None) -> str:
    """The new file's text; a story without a date gets an empty one, which `check` refuses."""
    quoted = _quoted(name)
    help_text = _HELP.rstrip("\n")
    if kind == "person":
        return _PERSON_HEAD.format(name=quoted, help=help_text) + _COMMON_TAIL
    if kind == "collective":
        return _COLLECTIVE_HEAD.format(name=quoted, help=help_text) + _COMMON_TAIL
    shown = story_date.isoformat() if story_date is not None else '""'
    return _STORY.format(title=quoted, date=shown, help=help_text)


def _file_id(name: str, file_id: str | None) -> str:
    if file_id is None:
        made = slugify(name)[:MAX_ID_LENGTH].rstrip("-")
        if not made:
            raise ScaffoldError("tên phải có ít nhất một chữ cái hoặc chữ số")
        return made
    if not ID_PATTERN.match(file_id) or len(file_id) > MAX_ID_LENGTH:
        raise ScaffoldError(
            f"mã `{file_id}` chỉ được gồm chữ thường không dấu, chữ số và dấu `-`, tối đa "
            f"{MAX_ID_LENGTH} ký tự (ví dụ `{slugify(file_id)[:MAX_ID_LENGTH] or 'nguyen-van-an'}`)"
        )
    return file_id


def parse_story_date(text: str) -> PartialDate:
    """`--date` as an editor types it: `2024-01-18`, `2024-01` or `2024`."""
    try:
        return parse_iso_date(nfc(text))
    except PydanticCustomError as error:
        raise ScaffoldError(f"`--date`: {error.message()}") from None


def scaffold(
    content: Path,
    kind: str,
    name: str,
    story_date: PartialDate | None = None,
    *,
    file_id: str | None = None,
) -> Path:
    """Write the file and return its path; never overwrites."""
    name = nfc(name).strip()
    file_id = _file_id(name, file_id)
    chosen = by_name(kind)
    path = content / chosen.folder / f"{file_id}{chosen.suffix}"
    for other in SCAFFOLD_KINDS:
        existing = content / other.folder / f"{file_id}{other.suffix}"
        if existing.exists():
            raise ScaffoldError(
                f"đã có tệp `{existing.as_posix()}` dùng mã `{file_id}`; "
                "hãy đặt tên khác (ví dụ thêm tên địa phương) hoặc chọn mã khác bằng `--id`"
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(render_template(kind, name, story_date))
    return path
