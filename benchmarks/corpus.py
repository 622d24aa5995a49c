"""Synthetic content for benchmarks: N valid records and N/5 stories, deterministic by seed.

Names follow the frequency of Vietnamese family names; places are spread over the 63 former
and 34 current provinces (half written as sources before the 2025 reform would name them);
awards cover every level; a few small photos are shared. The text is generic, clearly
synthetic prose — never claims about real people.

Run: .venv/bin/python benchmarks/corpus.py --n 10000 --out /tmp/corpus-10k
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

from generator.places import current_provinces, pre_reform_communes
from generator.vietnamese import slugify

REPO = Path(__file__).resolve().parent.parent
FAMILY = [
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Huỳnh", 3),
    ("Phan", 4),
    ("Vũ", 3),
    ("Võ", 2),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 1),
    ("Ngô", 1),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
    ("Lường", 1),
    ("Hà", 1),
    ("Triệu", 1),
]
MIDDLE_MALE = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Ngọc", "Xuân", "Trung", "Thanh", "Đình"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Kim", "Diệu"]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Định",
    "Giang",
    "Hải",
    "Hiếu",
    "Hùng",
    "Khánh",
    "Long",
    "Minh",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thắng",
    "Tuấn",
    "Việt",
]
GIVEN_FEMALE = [
    "Anh",
    "Chi",
    "Dung",
    "Đào",
    "Hà",
    "Hằng",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Ngọc",
    "Oanh",
    "Phương",
    "Thảo",
    "Thủy",
    "Trang",
    "Uyên",
    "Yến",
]
ETHNICITIES = ["Kinh", "Tày", "Thái", "Mường", "Khmer", "Hmông", "Nùng", "Dao", "Ê Đê", "Gia Rai"]
COLLECTIVE_TYPES = [
    ("Chi hội phụ nữ", "Chi hội Phụ nữ thôn"),
    ("Đoàn thanh niên", "Chi đoàn thanh niên xã"),
    ("Công an", "Công an xã"),
    ("Hội Nông dân", "Chi hội Nông dân thôn"),
    ("Hội Cựu chiến binh", "Chi hội Cựu chiến binh xã"),
    ("Trường học", "Trường Tiểu học"),
    ("Trạm y tế", "Trạm Y tế xã"),
    ("Hợp tác xã", "Hợp tác xã nông nghiệp"),
]
POSITIONS = [
    "Bí thư Chi bộ",
    "Trưởng thôn",
    "Giáo viên",
    "Bác sĩ",
    "Chủ tịch Hội Nông dân xã",
    "Công an viên",
    "Chi hội trưởng Chi hội Phụ nữ",
    "Bí thư Chi đoàn",
    "Y sĩ",
]
AWARD_TITLES = ["Bằng khen", "Giấy khen", "Chiến sĩ thi đua", "Danh hiệu Lao động tiên tiến"]
ISSUERS = {
    "trung-uong": "Ban Tuyên giáo Trung ương",
    "bo-nganh": "Bộ Giáo dục và Đào tạo",
    "tinh": "Ủy ban nhân dân tỉnh",
    "huyen": "Ủy ban nhân dân huyện",
    "xa": "Ủy ban nhân dân xã",
}
MODELS = [
    "Tủ sách pháp luật",
    "Con đường bích họa",
    "Quỹ khuyến học",
    "Tổ tự quản an ninh",
    "Nuôi lợn đất tiết kiệm",
    "Vườn rau dinh dưỡng",
    "Lớp học xóa mù chữ",
    "Thắp sáng đường quê",
    "Ngôi nhà nhân ái",
    "Sổ tay làm theo Bác",
]
SENTENCES = [
    "Nhiều năm qua, {name} bền bỉ với những việc làm nhỏ mà thiết thực ở {place}.",
    "Mô hình “{model}” được bà con hưởng ứng và duy trì đều đặn.",
    "Học tập và làm theo tấm gương đạo đức Hồ Chí Minh, mỗi việc làm đều hướng về người dân.",
    "Những kết quả ấy góp phần xây dựng nông thôn mới và đô thị văn minh.",
    "Tinh thần đoàn kết, tương trợ lan tỏa trong cộng đồng dân cư.",
    "Việc làm được duy trì qua từng năm, có sơ kết, rút kinh nghiệm.",
    "Đây là nội dung tổng hợp dùng để đo hiệu năng, không phải tin thật.",
]


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def _person_name(rng: random.Random) -> tuple[str, str]:
    gender = rng.choice(["nam", "nữ"])
    middle = rng.choice(MIDDLE_MALE if gender == "nam" else MIDDLE_FEMALE)
    given = rng.choice(GIVEN_MALE if gender == "nam" else GIVEN_FEMALE)
    return f"{_weighted(rng, FAMILY)} {middle} {given}", gender


def _place(rng: random.Random, communes: list[tuple[str, str, str]]) -> dict[str, str]:
    if rng.random() < 0.5:
        province, district, commune = rng.choice(communes)
        return {"province": province, "district": district, "commune": commune}
    return {"province": rng.choice(current_provinces()).name}


def _awards(rng: random.Random) -> list[dict[str, object]]:
    awards = []
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
        level = rng.choice(list(ISSUERS))
        awards.append(
            {
                "title": rng.choice(AWARD_TITLES),
                "level": level,
                "issuer": ISSUERS[level],
                "year": rng.randint(2016, 2025),
            }
        )
    return awards


def _prose(rng: random.Random, name: str, place: str, sentences: int) -> str:
    words = {"name": name, "place": place, "model": rng.choice(MODELS)}
    return " ".join(rng.choice(SENTENCES).format(**words) for _ in range(sentences))


def _write_yaml(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _photos(images: Path, count: int) -> list[str]:
    images.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(count):
        picture = Image.new("RGB", (480, 360), (120 + 20 * i, 60, 50))
        ImageDraw.Draw(picture).ellipse((140, 60, 340, 300), fill=(230, 200, 170))
        name = f"anh-tong-hop-{i + 1}.jpg"
        picture.save(images / name, quality=80)
        names.append(f"images/{name}")
    return names


def generate(out: Path, n: int, seed: int = 1) -> None:
    """Write a complete content tree with `n` records and `n // 5` stories into `out`."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for folder in ("people", "collectives", "stories", "taxonomies"):
        (out / folder).mkdir(parents=True)
    for name in ("fields.yml", "movements.yml"):
        shutil.copy(REPO / "content" / "taxonomies" / name, out / "taxonomies" / name)
    fields = [e["id"] for e in yaml.safe_load((out / "taxonomies/fields.yml").read_text("utf-8"))]
    movements = [
        e["id"] for e in yaml.safe_load((out / "taxonomies/movements.yml").read_text("utf-8"))
    ]
    photos = _photos(out / "images", 4)
    communes = pre_reform_communes()
    used: set[str] = set()
    subjects: list[tuple[str, str]] = []

    def unique(base: str) -> str:
        candidate, k = base, 1
        while candidate in used:
            k += 1
            candidate = f"{base}-{k}"
        used.add(candidate)
        return candidate

    for i in range(n):
        place = _place(rng, communes)
        place_text = place.get("commune") or place["province"]
        record: dict[str, object]
        if i % 3:
            name, gender = _person_name(rng)
            record = {
                "name": name,
                "summary": "",
                "position": rng.choice(POSITIONS),
                "gender": gender,
                "birth_year": rng.randint(1950, 2002),
                "ethnicity": rng.choice(ETHNICITIES),
            }
            folder = "people"
        else:
            kind, prefix = rng.choice(COLLECTIVE_TYPES)
            name = f"{prefix} {place_text}"
            record = {
                "name": name,
                "summary": "",
                "type": kind,
                "members": rng.randint(8, 400),
                "founded": rng.randint(1960, 2020),
            }
            folder = "collectives"
        record["summary"] = _prose(rng, name, place_text, 2)[:390]
        record["place"] = place
        record["fields"] = rng.sample(fields, rng.randint(1, 2))
        record["movements"] = rng.sample(movements, rng.randint(0, 2))
        record["models"] = [{"name": rng.choice(MODELS), "since": rng.randint(2010, 2024)}]
        record["achievements"] = [_prose(rng, name, place_text, 1)]
        record["awards"] = _awards(rng)
        if rng.random() < 0.2:
            record["photo"] = {
                "file": rng.choice(photos),
                "caption": f"{name} (ảnh tổng hợp)",
                "credit": "Ảnh minh họa",
            }
        record["sources"] = [
            {
                "publisher": "Nguồn tổng hợp để đo hiệu năng",
                "date": (date(2021, 1, 1) + timedelta(days=rng.randint(0, 1700))),
            }
        ]
        record_id = unique(slugify(name)[:60].rstrip("-"))
        _write_yaml(out / folder / f"{record_id}.yml", record)
        subjects.append((record_id, name))

    for _ in range(n // 5):
        chosen = rng.sample(subjects, min(len(subjects), rng.randint(1, 2)))
        title = f"{chosen[0][1]}: {rng.choice(MODELS).lower()} ở cơ sở"
        front = {
            "title": title,
            "subjects": [c[0] for c in chosen],
            "date": date(2021, 1, 1) + timedelta(days=rng.randint(0, 1750)),
            "lead": _prose(rng, chosen[0][1], "địa phương", 2)[:590],
            "tags": ["tổng hợp"],
        }
        if rng.random() < 0.3:
            front["image"] = {"file": rng.choice(photos), "caption": "Ảnh minh họa tổng hợp"}
        paragraphs = [_prose(rng, chosen[0][1], "địa phương", 4) for _ in range(rng.randint(3, 6))]
        body = "\n\n## Kết quả\n\n".join(paragraphs)
        story_id = unique(slugify(title)[:70].rstrip("-"))
        head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        (out / "stories" / f"{story_id}.md").write_text(f"---\n{head}---\n\n{body}\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="number of records")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    generate(args.out, args.n, args.seed)
    print(f"wrote {args.n} records and {args.n // 5} stories to {args.out}")


if __name__ == "__main__":
    main()
