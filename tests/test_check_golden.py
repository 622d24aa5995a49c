"""Golden cases: each bad input gives its own Vietnamese error at its line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.places import PlaceResolver, UnknownPlace
from tests.conftest import assert_golden, check

PERSON = """\
name: Nguyễn Văn An
summary: Một tấm gương.
place:
  province: Cao Bằng
fields:
  - giao-duc
"""

STORY_HEAD = """\
---
title: Bài thử
subjects:
  - nguyen-trung-tuyen
date: 2024-01-18
lead: Sa-pô.
image:
  file: images/anh-mau.png
---
"""


def write(rel: str, text: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    return apply


def write_bytes(rel: str, data: bytes) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        (root / rel).write_bytes(data)

    return apply


def image(rel: str, fmt: str, size: tuple[int, int], noise: bool = False) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        from PIL import Image

        picture = Image.effect_noise(size, 90).convert("RGB") if noise else Image.new("RGB", size)
        picture.save(root / rel, format=fmt, quality=100)

    return apply


def symlink(rel: str, target: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        (root / rel).symlink_to(target)

    return apply


CASES: dict[str, list[Callable[[Path], None]]] = {
    "duplicate_key": [write("people/an.yml", PERSON + "name: Nguyễn Văn Bình\n")],
    "anchor_alias": [
        write("people/an.yml", PERSON + "tags: &t\n  - a\nachievements: *t\n"),
    ],
    "custom_tag": [write("people/an.yml", PERSON + "birth_year: !!int 1980\n")],
    "python_tag": [write("people/an.yml", PERSON + "ethnicity: !!python/object:os.system x\n")],
    "yaml11_bool": [write("people/an.yml", PERSON + "published: no\n")],
    "yaml11_octal": [write("people/an.yml", PERSON + "birth_year: 012\n")],
    "thousands_separator": [
        write(
            "collectives/hoi.yml",
            "name: Hội A\nsummary: S.\ntype: Hội\nmembers: 1.000\n"
            "place:\n  province: Cao Bằng\nfields:\n  - giao-duc\n",
        )
    ],
    "bad_date": [
        write("stories/bai.md", STORY_HEAD.replace("2024-01-18", "18/01/2024") + "Thân bài.\n")
    ],
    "front_matter_unterminated": [
        write("stories/bai.md", STORY_HEAD.rstrip("-\n") + "\nThân bài không có dòng đóng.\n")
    ],
    "front_matter_missing": [write("stories/bai.md", "# Bài thử\n\nThân bài.\n")],
    "tab_indent": [write("people/an.yml", PERSON.replace("  province", "\tprovince"))],
    "colon_in_value": [
        write("people/an.yml", PERSON.replace("Một tấm gương.", "Gương sáng: thầy giáo"))
    ],
    "zero_width_in_name": [write("people/an.yml", PERSON.replace("Văn An", "Văn\u200b An"))],
    "bidi_in_reference": [
        write("people/an.yml", PERSON + "member_of:\n  - chi-hoi\u202e-phu-nu-cong-to\n")
    ],
    "unknown_key": [write("people/an.yml", PERSON.replace("summary:", "summery:"))],
    "missing_keys": [write("people/an.yml", "name: Nguyễn Văn An\n")],
    "wrong_types": [
        write(
            "people/an.yml",
            PERSON + "gender: khác\nawards:\n  - title: Bằng khen\n    level: quoc-gia\n"
            "    issuer: UBND\n    year: hai nghìn\nmodels: Mô hình A\n",
        )
    ],
    "summary_too_long": [write("people/an.yml", PERSON.replace("Một tấm gương.", "Dài. " * 90))],
    "bad_file_name": [write("people/Nguyen_Van_An.yml", PERSON)],
    "wrong_extension": [write("people/an.yaml", PERSON)],
    "duplicate_id": [write("stories/nguyen-trung-tuyen.md", STORY_HEAD + "Thân bài.\n")],
    "unknown_references": [
        write(
            "people/an.yml",
            PERSON.replace("giao-duc", "giao-duk")
            + "movements:\n  - dan-van\nmember_of:\n  - chi-hoi-phu-nu\n",
        ),
        write(
            "stories/bai.md",
            STORY_HEAD.replace("nguyen-trung-tuyen", "nguyen-trung-tuyenn") + "x\n",
        ),
    ],
    "draft_subject": [
        write("stories/bai.md", STORY_HEAD.replace("nguyen-trung-tuyen", "ban-nhap") + "x\n")
    ],
    "unknown_province": [write("people/an.yml", PERSON.replace("Cao Bằng", "Bình Thuânn"))],
    "photo_problems": [
        write("people/an.yml", PERSON + "photo:\n  file: images/khong-co.jpg\n"),
        write("people/binh.yml", PERSON + "photo:\n  file: ../../mat-khau.jpg\n"),
        write("people/chi.yml", PERSON + "photo:\n  file: images/anh.gif\n"),
        write("people/dung.yml", PERSON + "photo:\n  file: /etc/passwd\n"),
        write("people/giang.yml", PERSON + "photo:\n  file: images/lien-ket.png\n"),
        symlink("images/lien-ket.png", "/etc/hostname"),
    ],
    "image_files": [
        image("images/gif-doi-ten.jpg", "GIF", (4, 4)),
        image("images/anh.gif", "GIF", (4, 4)),
        write("images/hong.png", "không phải ảnh"),
        image("images/rong.png", "PNG", (4200, 10)),
        image("images/nang.jpg", "JPEG", (1400, 1400), noise=True),
        write("images/ghi-chu.txt", "x"),
    ],
    "url_scheme": [
        write(
            "people/an.yml",
            PERSON + "sources:\n  - publisher: Báo A\n    url: javascript:alert(1)\n"
            "  - publisher: Báo B\n    url: ftp://example.org/a\n",
        )
    ],
    "raw_html": [
        write(
            "stories/bai.md",
            STORY_HEAD + "Đoạn một.\n\nCó <b>chữ đậm</b> kiểu HTML.\n\n"
            '<script>alert("x")</script>\n\n[Bấm](javascript:alert(1))\n',
        )
    ],
    "body_images": [
        write(
            "stories/bai.md",
            STORY_HEAD + "![a](../images/khong-co.png)\n\n![b](../../ngoai.png)\n\n"
            "![c](https://example.org/x.png)\n\n![d](../images/anh-mau.png)\n",
        )
    ],
    "book_colophon": [
        write(
            "books/sach.yml",
            "title: Sách A\ncompiler: Ban A\nyear: 2025\n"
            "colophon:\n  isbn: 978-604-0-00000-1\n  price_note: Sách không bán\n"
            "parts:\n  - title: Phần I\n    stories: [khong-co, ban-nhap-bai]\n"
            "  - title: Phần II\n"
            "    select: {fields: [khong-co], provinces: [Bắc Kạn, Thái Nguyên]}\n"
            "foreword: books/khong-co.md\n",
        )
    ],
    "book_part_shape": [
        write(
            "books/sach.yml",
            "title: Sách A\ncompiler: Ban A\nyear: 2025\ndraft: true\n"
            "page: {size: B5, bleed: 3 mm}\n"
            "parts:\n  - title: Phần I\n"
            "  - title: Phần II\n    stories: [a]\n    select: {kind: person}\n",
        )
    ],
    "not_utf8": [write_bytes("people/an.yml", "name: Nguyễn\n".encode("utf-16"))],
    "many_files_at_once": [
        write("people/an.yml", PERSON + "name: X\n"),
        write("people/binh.yml", PERSON.replace("summary:", "tom_tat:")),
        write("stories/bai.md", STORY_HEAD + "<div>khối</div>\n"),
        write(
            "taxonomies/fields.yml",
            "- id: giao-duc\n  name: Giáo dục\n- id: phu-nu\n  name: Phụ nữ\n"
            "- id: giao-duc\n  name: Lặp\n",
        ),
    ],
    "comma_in_flow_mapping": [
        write(
            "people/an.yml",
            PERSON + "models:\n  - {name: Dòng tộc giữ gìn an ninh trật tự, họ tộc tự quản}\n",
        )
    ],
    "colon_in_flow_mapping": [
        write(
            "people/an.yml",
            PERSON + "photo: {file: images/anh-mau.png, credit: Ảnh: Báo Cao Bằng}\n",
        )
    ],
    "value_starts_with_star_or_ampersand": [
        write("people/an.yml", PERSON.replace("Một tấm gương.", "*Nguyễn* dạy giỏi.")),
        write("people/binh.yml", PERSON.replace("Một tấm gương.", "& Cộng sự.")),
    ],
    "key_without_space": [write("people/an.yml", PERSON.replace("name: ", "name:"))],
    "unclosed_quote": [
        write("people/an.yml", PERSON.replace("Một tấm gương.", '"Một tấm gương.')),
        write("people/binh.yml", PERSON.replace("Nguyễn Văn An", '"Nguyễn Văn An')),
    ],
    "empty_value": [
        write(
            "people/an.yml",
            PERSON + "awards:\n  - title: Bằng khen\n    level: tinh\n"
            "    issuer: UBND tỉnh Cao Bằng\n    year:\n",
        )
    ],
    "curly_quotes": [
        write("people/an.yml", PERSON.replace("Một tấm gương.", "“Gương sáng: thầy giáo”")),
        write("people/binh.yml", PERSON.replace("Một tấm gương.", "“Một tấm gương.”")),
    ],
    "vietnamese_keys": [
        write(
            "people/an.yml",
            "tên: Nguyễn Văn An\ntóm tắt: Một tấm gương.\nđịa phương:\n  tỉnh: Cao Bằng\n"
            "lĩnh vực:\n  - giao-duc\n",
        )
    ],
    "names_instead_of_ids": [
        write(
            "people/an.yml",
            PERSON.replace("giao-duc", "Công tác phụ nữ")
            + "member_of:\n  - Chi hội Phụ nữ thôn Cống To\nawards:\n  - title: Bằng khen\n"
            "    level: cấp tỉnh\n    issuer: UBND tỉnh Cao Bằng\n    year: 2024\n",
        ),
        write(
            "stories/bai.md",
            STORY_HEAD.replace("nguyen-trung-tuyen", "Nguyễn Trung Tuyền") + "x\n",
        ),
    ],
    "empty_list_item": [write("people/an.yml", PERSON.replace("giao-duc", '""'))],
    "windows_path": [
        write("people/an.yml", PERSON + "photo:\n  file: ..\\images\\anh-mau.png\n"),
    ],
    "iframe": [
        write(
            "stories/bai.md",
            STORY_HEAD + 'Xem video:\n\n<iframe src="https://www.youtube.com/embed/x"></iframe>\n',
        )
    ],
    "bare_photo_name": [write("people/an.yml", PERSON + "photo:\n  file: anh-mau.png\n")],
    "body_image_windows_path": [
        write("stories/bai.md", STORY_HEAD + "![Ảnh](..\\images\\anh-mau.png)\n")
    ],
    "dropped_links": [
        write(
            "stories/bai.md",
            STORY_HEAD + "[Báo](HTTPS://baocaobang.vn/a), [cổng](//thainguyen.gov.vn/b).\n\n"
            "[Hồ sơ](../people/khong-co.yml), [nháp](ban-nhap-bai.md), "
            "[đúng](../people/nguyen-trung-tuyen.yml), [mục](#muc).\n",
        )
    ],
    "line_separator": [
        write(
            "people/an.yml", PERSON.replace("Một tấm gương.", "Một tấm\u2028gương.") + "name: B\n"
        )
    ],
}

# Accepted, but each with the warning that says what YAML did to the text.
WARNING_CASES: dict[str, list[Callable[[Path], None]]] = {
    "comment_cuts_value": [
        write(
            "people/an.yml",
            PERSON.replace("Một tấm gương.", "Bí thư Chi đoàn thôn #1, người đi đầu."),
        )
    ],
    "place_not_in_catalogue": [
        write(
            "people/an.yml",
            PERSON.replace(
                "  province: Cao Bằng\n", "  province: Cao Bằng\n  commune: Xã Không Có\n"
            ),
        ),
        write(
            "people/binh.yml",
            PERSON.replace("  province: Cao Bằng\n", "  province: Cao Bằng\n  commune: Qqqq\n"),
        ),
    ],
    "stories_without_image": [
        write("stories/bai-mot.md", STORY_HEAD.replace("image:\n  file: images/anh-mau.png\n", "")),
        write("stories/bai-hai.md", STORY_HEAD.replace("image:\n  file: images/anh-mau.png\n", "")),
    ],
    "curly_quotes_kept": [
        write("people/an.yml", PERSON.replace("Nguyễn Văn An", "“Nguyễn Văn An”")),
    ],
}


@pytest.mark.parametrize("case", sorted(WARNING_CASES))
def test_accepted_input_gives_golden_warnings(mini: Path, case: str) -> None:
    """Text YAML reads differently from how it looks is accepted with a warning at its line."""
    for apply in WARNING_CASES[case]:
        apply(mini)
    outcome, lines = check(mini)
    assert outcome.report.errors == [], lines
    assert_golden(case, lines)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_gives_golden_errors(mini: Path, case: str) -> None:
    """Each bad input is reported with its exact message, file, line and column."""
    for apply in CASES[case]:
        apply(mini)
    outcome, lines = check(mini)
    assert outcome.report.errors, "the bad input must produce at least one error"
    assert outcome.index is None
    assert_golden(case, lines)


def test_sample_fixture_is_valid(mini: Path) -> None:
    """The small fixture tree passes with only warnings."""
    outcome, lines = check(mini)
    assert outcome.report.errors == [], lines
    assert outcome.index is not None


# Places as editors write them after 1 July 2025 (issue 12), one person file each, by id:
# each class is accepted where the data knows the place, and a misspelt one is reported
# at the line of the part that failed. The golden file ends with where each place resolves.
PLACE_CASES: dict[str, dict[str, str]] = {
    "place_current_ward_under_former_province": {
        "dak-nong": "place: {province: Đắk Nông, commune: Phường Bắc Gia Nghĩa}\n",
        "dak-nong-sai": "place:\n  province: Đắk Nông\n  commune: Phường Bắc Gia Nghiaa\n",
    },
    "place_2025_commune_under_old_province": {
        "tuy-phong": "place: {province: Bình Thuận, commune: xã Tuy Phong}\n",
        "tuy-phong-huyen": (
            "place:\n  province: Bình Thuận\n  district: Tuy Phong\n  commune: Tuy Phong\n"
        ),
    },
    "place_old_district_under_new_province": {
        "lam-dong": (
            "place:\n  province: Lâm Đồng\n  district: huyện Tuy Phong\n  commune: xã Phú Lạc\n"
        ),
        "lam-dong-sai": "place:\n  province: Lâm Đồng\n  district: huyện Tuy Phongg\n",
        "lam-dong-khong-goi-y": "place:\n  province: Lâm Đồng\n  commune: xã Xyzw\n",
    },
    "place_common_city_name": {
        "sai-gon": "place: {province: Sài Gòn}\n",
        "sai-gon-quan": "place:\n  province: Sai Gon\n  district: Quận 1\n  commune: Bến Nghé\n",
        "sai-gon-sai": "place:\n  province: Sài Gònn\n",
    },
}


@pytest.mark.parametrize("case", sorted(PLACE_CASES))
def test_places_after_2025_give_golden_results(mini: Path, case: str) -> None:
    """Each post-2025 way of writing a place resolves, or is reported at its part's line."""
    people = PLACE_CASES[case]
    for person_id, place in people.items():
        text = PERSON.replace("place:\n  province: Cao Bằng\n", place)
        write(f"people/{person_id}.yml", text)(mini)
    outcome, lines = check(mini)
    resolver = PlaceResolver()
    resolved = []
    for person in sorted(outcome.content.people, key=lambda p: p.id):
        if person.id in people:
            place = person.model.place
            try:
                shown = resolver.resolve(place.province, place.district, place.commune).display()
            except UnknownPlace:
                shown = "(không tìm thấy)"
            resolved.append(f"{person.id} → {shown}")
    assert_golden(case, [line for line in lines if "chưa có ảnh" not in line] + resolved)
