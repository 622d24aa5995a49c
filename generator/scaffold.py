"""`guongsang new`: a new content file with every key and a Vietnamese hint beside it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from generator.kinds import SCAFFOLD_KINDS, by_name
from generator.vietnamese import nfc, slugify

KINDS = tuple(kind.name for kind in SCAFFOLD_KINDS)
MAX_ID_LENGTH = 80


class ScaffoldError(Exception):
    pass


def _quoted(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars, so any name is written safely.
    return json.dumps(text, ensure_ascii=False)


_COMMON_TAIL = """\
summary: ""                 # BẮT BUỘC. Tóm tắt 1–2 câu, tối đa 400 ký tự
place:                      # BẮT BUỘC. Địa phương, ghi như nguồn tin (tên cũ trước 1/7/2025 cũng được)
  province: ""              #   tỉnh/thành phố, ví dụ: Bình Thuận
  # district: ""            #   quận/huyện, ví dụ: Tuy Phong
  # commune: ""             #   xã/phường, ví dụ: Phú Lạc
  # detail: ""              #   thôn, tổ dân phố…
fields:                     # BẮT BUỘC. Lĩnh vực: mã trong taxonomies/fields.yml (ít nhất 1)
  - ""
# movements:                # Phong trào: mã trong taxonomies/movements.yml
#   - dan-van-kheo
# models:                   # Các mô hình
#   - name: ""              #   tên mô hình
#     since: 2021           #   năm bắt đầu
#     description: ""       #   mô tả ngắn
# achievements:             # Thành tích nổi bật, mỗi dòng một ý
#   - ""
# awards:                   # Khen thưởng
#   - title: Bằng khen      #   hình thức khen thưởng
#     level: tinh           #   cấp: trung-uong, bo-nganh, tinh, huyen, xa
#     issuer: ""            #   cơ quan khen thưởng
#     year: 2024            #   năm
#     decision: ""          #   số quyết định (nếu có)
#     date: 2024-05-19      #   ngày quyết định (nếu có)
# photo:                    # Ảnh đại diện (đặt tệp ảnh trong content/images/)
#   file: images/ten-anh.jpg
#   caption: ""             #   chú thích
#   credit: ""              #   tác giả/nguồn ảnh
sources:                    # Nguồn tin (nên có ít nhất một nguồn)
  - publisher: ""           #   cơ quan báo chí, ví dụ: Báo Cao Bằng
    # title: ""             #   tên bài
    # url: https://…        #   đường dẫn
    # date: 2024-01-18      #   ngày đăng, dạng NĂM-THÁNG-NGÀY
    # author: ""            #   tác giả
# tags:                     # Từ khóa
#   - ""
published: true             # false = bản nháp, chưa đăng
"""

_PERSON_HEAD = """\
# Hồ sơ cá nhân. Dòng bắt đầu bằng # là hướng dẫn; bỏ # ở đầu dòng để dùng khóa đó.
name: {name}                # BẮT BUỘC. Họ và tên đầy đủ
# position: ""              # Chức vụ
# organization: ""          # Đơn vị công tác
# member_of:                # Mã các tập thể mà người này là thành viên
#   - ma-tap-the
# gender: nữ                # Giới tính: nam hoặc nữ
# birth_year: 1985          # Năm sinh
# ethnicity: ""             # Dân tộc, ví dụ: Dao
"""

_COLLECTIVE_HEAD = """\
# Hồ sơ tập thể. Dòng bắt đầu bằng # là hướng dẫn; bỏ # ở đầu dòng để dùng khóa đó.
name: {name}                # BẮT BUỘC. Tên đầy đủ của tập thể
type: ""                    # BẮT BUỘC. Loại: Chi hội phụ nữ, Đoàn thanh niên, Công an, Doanh nghiệp…
# parent: ""                # Tổ chức cấp trên
# members: 30               # Số thành viên
# founded: 2010             # Năm thành lập
"""

_STORY = """\
---
# Bài viết. Phần giữa hai dòng --- là thông tin bài; nội dung bài viết bên dưới.
title: {title}              # BẮT BUỘC. Tiêu đề
subjects:                   # BẮT BUỘC. Mã các cá nhân/tập thể được nói đến (tên tệp, không có .yml)
  - ""
date: {today}               # BẮT BUỘC. Ngày đăng, dạng NĂM-THÁNG-NGÀY
lead: ""                    # BẮT BUỘC. Sa-pô: đoạn mở đầu, tối đa 600 ký tự
# author: ""                # Tác giả
# source:                   # Nguồn bài viết
#   publisher: ""           #   cơ quan báo chí
#   date: 2024-01-18        #   ngày đăng
#   url: https://…          #   đường dẫn
# image:                    # Ảnh minh họa chính (đặt tệp trong content/images/)
#   file: images/ten-anh.jpg
#   caption: ""
#   credit: ""
# tags:
#   - ""
featured: false             # true = đưa lên trang chủ
published: true             # false = bản nháp
---

Viết nội dung bài ở đây bằng Markdown. Không dùng mã HTML.

## Tiêu đề nhỏ

Chèn ảnh: ![Chú thích ảnh](../images/ten-anh.jpg)
"""


def render_template(kind: str, name: str, today: date) -> str:
    quoted = _quoted(name)
    if kind == "person":
        return _PERSON_HEAD.format(name=quoted) + _COMMON_TAIL
    if kind == "collective":
        return _COLLECTIVE_HEAD.format(name=quoted) + _COMMON_TAIL
    return _STORY.format(title=quoted, today=today.isoformat())


def scaffold(content: Path, kind: str, name: str, today: date | None = None) -> Path:
    """Write the file and return its path; never overwrites."""
    name = nfc(name).strip()
    file_id = slugify(name)[:MAX_ID_LENGTH].rstrip("-")
    if not file_id:
        raise ScaffoldError("tên phải có ít nhất một chữ cái hoặc chữ số")
    chosen = by_name(kind)
    path = content / chosen.folder / f"{file_id}{chosen.suffix}"
    for other in SCAFFOLD_KINDS:
        existing = content / other.folder / f"{file_id}{other.suffix}"
        if existing.exists():
            raise ScaffoldError(
                f"đã có tệp `{existing.as_posix()}` dùng mã `{file_id}`; "
                "hãy đặt tên khác (ví dụ thêm tên địa phương) để có mã riêng"
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(render_template(kind, name, today or date.today()))
    return path
