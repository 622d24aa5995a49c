"""Checks across files: ids, references, places, files, story bodies and books."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from generator.diagnostics import START, Position, Report
from generator.fields import ID_PATTERN
from generator.images import SUFFIX_FORMATS, ImageProblem, inspect_image, size_warnings
from generator.load import Content, Loaded, LoadedStory
from generator.markdown import is_safe_link, scan_body
from generator.models import Book, Collective, Person, RecordBase
from generator.places import PlaceResolver, ResolvedPlace, UnknownPlace, current_provinces
from generator.strict_yaml import Path_, PositionLookup
from generator.vietnamese import fold, slugify

IMAGE_SUFFIXES = frozenset(SUFFIX_FORMATS)
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
    "price_note": "Giá bán hoặc ghi chú `Sách không bán`",
}

AnyRecord = Loaded[Person] | Loaded[Collective]


@dataclass(slots=True)
class Validation:
    report: Report = field(default_factory=Report)
    places: dict[str, ResolvedPlace] = field(default_factory=dict)


def _suggest(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=3, cutoff=0.6)
    return f"; có phải ý bạn là {', '.join(f'`{c}`' for c in close)}?" if close else ""


class _Checker:
    def __init__(self, content: Content, resolver: PlaceResolver) -> None:
        self.content = content
        self.root = content.root.resolve()
        self.resolver = resolver
        self.result = Validation()
        self.report = self.result.report
        self.records: dict[str, AnyRecord] = {}
        for person in content.people:
            self.records.setdefault(person.id, person)
        for collective in content.collectives:
            self.records.setdefault(collective.id, collective)
        self.stories = {story.id: story for story in content.stories}
        self.collective_ids = {c.id for c in content.collectives}
        self.field_ids = {entry.id for entry in content.fields}
        self.movement_ids = {entry.id for entry in content.movements}

    def run(self) -> Validation:
        self.check_ids()
        self.check_taxonomies()
        records: list[AnyRecord] = [*self.content.people, *self.content.collectives]
        for record in records:
            self.check_record(record)
        for story in self.content.stories:
            self.check_story(story)
        for book in self.content.books:
            self.check_book(book)
        self.check_image_files()
        return self.result

    def check_ids(self) -> None:
        seen: dict[str, Path] = {}
        files: list[Path] = [
            *(r.path for r in self.content.people),
            *(r.path for r in self.content.collectives),
            *(s.path for s in self.content.stories),
        ]
        for path in files:
            stem = path.stem
            if not ID_PATTERN.match(stem):
                self.report.error(
                    path,
                    START,
                    f"tên tệp `{path.name}` phải gồm chữ thường không dấu, chữ số và dấu `-` "
                    f"(ví dụ `{_slug_hint(stem)}{path.suffix}`)",
                )
            if stem in seen:
                other = seen[stem]
                self.report.error(
                    path,
                    START,
                    f"mã `{stem}` đã được dùng cho `{other.parent.name}/{other.name}`; "
                    "mỗi hồ sơ và bài viết cần một mã riêng",
                )
            else:
                seen[stem] = path

    def check_taxonomies(self) -> None:
        for name, (path, doc) in self.content.taxonomy_docs.items():
            entries = getattr(self.content, name)
            seen: set[str] = set()
            for index, entry in enumerate(entries):
                if entry.id in seen:
                    self.report.error(
                        path, doc.position_of((index, "id")), f"mã `{entry.id}` bị lặp lại"
                    )
                seen.add(entry.id)

    def _check_refs(
        self,
        path: Path,
        doc: PositionLookup,
        loc: Path_,
        values: Sequence[str],
        known: set[str],
        what: str,
    ) -> None:
        for index, value in enumerate(values):
            if value not in known:
                self.report.error(
                    path,
                    doc.position_of((*loc, index)),
                    f"không có {what} mã `{value}`{_suggest(value, known)}",
                )

    def check_record(self, record: AnyRecord) -> None:
        model: RecordBase = record.model
        path, doc = record.path, record.doc
        self._check_refs(path, doc, ("fields",), model.fields, self.field_ids, "lĩnh vực")
        self._check_refs(
            path, doc, ("movements",), model.movements, self.movement_ids, "phong trào"
        )
        if isinstance(model, Person):
            self._check_refs(
                path, doc, ("member_of",), model.member_of, self.collective_ids, "tập thể"
            )
        self.check_place(record)
        if model.photo is not None:
            self.check_content_image(path, doc, ("photo", "file"), model.photo.file)

    def check_place(self, record: AnyRecord) -> None:
        place = record.model.place
        doc = record.doc
        try:
            resolved = self.resolver.resolve(place.province, place.district, place.commune)
        except UnknownPlace as error:
            key = error.level if error.level in {"district", "commune"} else "province"
            names = ", ".join(f"`{s}`" for s in error.suggestions)
            hint = f"; có phải ý bạn là {names}?" if names else ""
            self.report.error(
                record.path,
                doc.position_of(("place", key)),
                f"không tìm thấy địa danh `{error.given}`{hint}",
            )
            return
        if resolved.unresolved:
            names = ", ".join(f"`{s}`" for s in resolved.suggestions)
            hint = f"; có phải ý bạn là {names}?" if names else ""
            self.report.warning(
                record.path,
                doc.position_of(("place",)),
                f"không tìm thấy {resolved.unresolved} trong danh mục hành chính{hint} "
                f"Trang sẽ chỉ ghi theo cấp tỉnh ({resolved.province.full_name}).",
            )
        self.result.places[record.id] = resolved

    def check_content_image(self, path: Path, doc: PositionLookup, loc: Path_, rel: str) -> None:
        problem = self.content_file_problem(rel, images_only=True)
        if problem:
            self.report.error(path, doc.position_of(loc), problem)

    def check_image_files(self) -> None:
        """Every file in images/ is a real JPEG, PNG or WebP of a sensible size."""
        folder = self.root / "images"
        if not folder.is_dir():
            return
        for image in sorted(folder.rglob("*")):
            if image.is_symlink():
                self.report.error(
                    image, START, "không dùng liên kết tượng trưng (symlink) trong `content/`"
                )
                continue
            if not image.is_file() or image.name.startswith("."):
                continue
            if image.suffix.lower() not in IMAGE_SUFFIXES:
                self.report.error(
                    image,
                    START,
                    f"định dạng `{image.suffix or image.name}` không được dùng; "
                    "ảnh phải là .jpg, .jpeg, .png hoặc .webp",
                )
                continue
            try:
                info = inspect_image(image)
            except ImageProblem as problem:
                self.report.error(image, START, str(problem))
                continue
            for warning in size_warnings(info):
                self.report.warning(image, START, warning)

    def content_file_problem(self, rel: str, *, images_only: bool) -> str | None:
        # Lexical normalisation, then an lstat walk for links: exact, and without the cost of
        # resolving every path of a national site.
        candidate = Path(os.path.normpath(self.root / rel))
        if not candidate.is_relative_to(self.root):
            return f"`{rel}` nằm ngoài thư mục `content/`"
        if _first_symlink(candidate, self.root) is not None:
            return (
                f"`{rel}` là liên kết tượng trưng (symlink), không được phép; hãy chép tệp thật vào"
            )
        if images_only:
            if candidate.suffix.lower() not in IMAGE_SUFFIXES:
                return f"ảnh `{rel}` phải có đuôi .jpg, .jpeg, .png hoặc .webp"
            if not candidate.is_relative_to(self.root / "images"):
                return f"ảnh `{rel}` phải nằm trong thư mục `content/images/`"
        if not candidate.is_file():
            return f"không tìm thấy tệp `{rel}` trong `content/`"
        return None

    def check_story(self, story: LoadedStory) -> None:
        meta, path, doc = story.model, story.path, story.doc
        for index, subject in enumerate(meta.subjects):
            target = self.records.get(subject)
            where = doc.position_of(("subjects", index))
            if target is None:
                self.report.error(
                    path,
                    where,
                    f"không có cá nhân hay tập thể mã `{subject}`{_suggest(subject, self.records)}",
                )
            elif meta.published and not target.model.published:
                self.report.error(
                    path,
                    where,
                    f"`{subject}` đang là bản nháp (`published: false`) nên bài đã đăng "
                    "không thể nói về hồ sơ này",
                )
        if meta.image is not None:
            self.check_content_image(path, doc, ("image", "file"), meta.image.file)
        elif meta.published:
            self.report.warning(path, START, "bài viết chưa có ảnh minh họa (`image`)")
        self.check_body(story)

    def check_body(self, story: LoadedStory) -> None:
        for item in scan_body(story.body):
            where = Position(story.body_line + item.line, item.column + 1)
            if item.kind == "html":
                self.report.error(
                    story.path,
                    where,
                    f"không dùng mã HTML trong bài viết (`{_clip(item.value)}`); "
                    "hãy viết bằng Markdown",
                )
            elif item.kind == "link" and not is_safe_link(item.value):
                self.report.error(
                    story.path,
                    where,
                    f"liên kết `{_clip(item.value)}` không được phép; "
                    "chỉ dùng liên kết `https://`, `http://` hoặc `mailto:`",
                )
            elif item.kind == "image":
                problem = self.body_image_problem(story.path, item.value)
                if problem:
                    self.report.error(story.path, where, problem)

    def body_image_problem(self, story_path: Path, src: str) -> str | None:
        if not src or "://" in src or src.startswith(("/", "data:")):
            return (
                f"ảnh `{_clip(src)}` phải là tệp trong `content/images/`, "
                "viết tương đối như `../images/ten-anh.jpg`"
            )
        target = Path(os.path.normpath(self.root / story_path.parent.name / src))
        if not target.is_relative_to(self.root):
            return f"ảnh `{src}` nằm ngoài thư mục `content/`"
        return self.content_file_problem(target.relative_to(self.root).as_posix(), images_only=True)

    def check_book(self, book: Loaded[Book]) -> None:
        model, path, doc = book.model, book.path, book.doc
        if not model.draft:
            if not model.publisher:
                self.report.error(
                    path,
                    START,
                    "thiếu khóa `publisher` (Nhà xuất bản); chỉ bản thảo (`draft: true`) "
                    "mới được để trống",
                )
            for key, label in COLOPHON_LABELS.items():
                if not getattr(model.colophon, key):
                    self.report.error(
                        path,
                        doc.position_of(("colophon",), key=True),
                        f"thiếu `colophon` › `{key}` ({label}); Luật Xuất bản 2012, Điều 27 "
                        "bắt buộc ghi thông tin này (hoặc đặt `draft: true` khi còn là bản thảo)",
                    )
        if model.colophon.isbn and not _valid_isbn(model.colophon.isbn):
            self.report.error(
                path,
                doc.position_of(("colophon", "isbn")),
                f"mã ISBN `{model.colophon.isbn}` không đúng (sai số kiểm tra)",
            )
        if model.foreword is not None:
            self._check_markdown_file(path, doc, ("foreword",), model.foreword)
        province_names = _province_names()
        for p_index, part in enumerate(model.parts):
            if part.intro is not None:
                self._check_markdown_file(path, doc, ("parts", p_index, "intro"), part.intro)
            if part.select is not None:
                base = ("parts", p_index, "select")
                select = part.select
                self._check_refs(
                    path, doc, (*base, "fields"), select.fields, self.field_ids, "lĩnh vực"
                )
                self._check_refs(
                    path,
                    doc,
                    (*base, "movements"),
                    select.movements,
                    self.movement_ids,
                    "phong trào",
                )
                for i, value in enumerate(part.select.provinces):
                    if fold(value) not in province_names:
                        self.report.error(
                            path,
                            doc.position_of((*base, "provinces", i)),
                            f"`{value}` không phải tỉnh/thành phố hiện nay (34 đơn vị từ 1/7/2025)"
                            f"{self._current_hint(value)}",
                        )
            for i, story_id in enumerate(part.stories):
                story = self.stories.get(story_id)
                where = doc.position_of(("parts", p_index, "stories", i))
                if story is None:
                    self.report.error(
                        path,
                        where,
                        f"không có bài viết mã `{story_id}`{_suggest(story_id, self.stories)}",
                    )
                elif not story.model.published:
                    self.report.error(path, where, f"bài viết `{story_id}` đang là bản nháp")

    def _current_hint(self, name: str) -> str:
        try:
            current = self.resolver.resolve(name).province
        except UnknownPlace:
            return _suggest(name, (p.name for p in current_provinces()))
        return f"; địa bàn này nay thuộc {current.full_name}, hãy ghi `{current.name}`"

    def _check_markdown_file(self, path: Path, doc: PositionLookup, loc: Path_, rel: str) -> None:
        problem = self.content_file_problem(rel, images_only=False)
        if problem is None and not rel.endswith(".md"):
            problem = f"`{rel}` phải là tệp Markdown (.md)"
        if problem is not None:
            self.report.error(path, doc.position_of(loc), problem)
            return
        text = self.content.text_files.get(self.root / rel)
        if text is None:
            return
        for item in scan_body(text):
            if item.kind == "html":
                self.report.error(
                    self.root / rel,
                    Position(item.line + 1, item.column + 1),
                    f"không dùng mã HTML (`{_clip(item.value)}`); hãy viết bằng Markdown",
                )


def _province_names() -> set[str]:
    return {fold(p.name) for p in current_provinces()}


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _slug_hint(stem: str) -> str:
    return slugify(stem) or "ten-ho-so"


def _first_symlink(path: Path, root: Path) -> Path | None:
    current = path
    while current != root and current != current.parent:
        if current.is_symlink():
            return current
        current = current.parent
    return None


def _valid_isbn(isbn: str) -> bool:
    digits = [c for c in isbn.upper() if c.isdigit() or c == "X"]
    if len(digits) == 13 and all(c.isdigit() for c in digits):
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
        return total % 10 == 0
    if len(digits) == 10:
        values = [10 if c == "X" else int(c) for c in digits]
        return sum(v * (10 - i) for i, v in enumerate(values)) % 11 == 0
    return False


@cache
def shared_resolver() -> PlaceResolver:
    """One resolver per process: its cache of resolved places outlives each rebuild."""
    return PlaceResolver()


def validate(content: Content, resolver: PlaceResolver | None = None) -> Validation:
    return _Checker(content, resolver or shared_resolver()).run()
