"""Read `content/` into typed models, collecting every problem instead of stopping at one."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Generic, TypeVar, cast

from pydantic import BaseModel, ValidationError

from generator.diagnostics import START, Diagnostic, Position, Report
from generator.encoding import looks_utf16, not_utf8_message
from generator.kinds import (
    BOOK,
    COLLECTIVE,
    FOLDERS,
    IMAGES,
    PERSON,
    STORY,
    TAXONOMY,
    TAXONOMY_FILES,
    ContentKind,
)
from generator.model_errors import report_validation_error
from generator.models import Book, Collective, Person, StoryMeta, TaxonomyEntry
from generator.parallel import run_forked, runs
from generator.recover import MAX_REPAIRS, blank_blocks, partial_model, without_missing
from generator.strict_yaml import Path_, PositionLookup, YamlDocument, parse_yaml
from generator.vietnamese import nfc

MAX_YAML_BYTES = 1_000_000
MAX_STORY_BYTES = 2_000_000
_FRONT_MATTER_FENCE = re.compile(r"^---[ \t]*$")
_FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)[ \t]*$")

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Loaded(Generic[M]):
    """A model with the file it came from and where each of its keys was written."""

    id: str
    path: Path
    model: M
    doc: PositionLookup
    # Keys that did not validate (see generator.recover); the model has no value for them.
    # Only partial records have any, and they never reach the index.
    failed: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class LoadedStory:
    id: str
    path: Path
    model: StoryMeta
    doc: PositionLookup
    body: str
    body_line: int  # line number of the body's first line in the file
    failed: frozenset[str] = frozenset()


@dataclass(slots=True)
class Content:
    root: Path
    people: list[Loaded[Person]] = field(default_factory=list)
    collectives: list[Loaded[Collective]] = field(default_factory=list)
    stories: list[LoadedStory] = field(default_factory=list)
    fields: list[TaxonomyEntry] = field(default_factory=list)
    movements: list[TaxonomyEntry] = field(default_factory=list)
    taxonomy_docs: dict[str, tuple[Path, YamlDocument]] = field(default_factory=dict)
    books: list[Loaded[Book]] = field(default_factory=list)
    text_files: dict[Path, str] = field(default_factory=dict)
    # Files with errors, as far as they could be read: checked, never published.
    partial_records: list[Loaded[Person] | Loaded[Collective]] = field(default_factory=list)
    partial_stories: list[LoadedStory] = field(default_factory=list)


def read_text(path: Path, limit: int, report: Report) -> str | None:
    """UTF-8 with or without BOM, NFC; None (with an error) when unreadable."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        report.error(path, START, f"không đọc được tệp ({error.strerror})")
        return None
    return decode_text(raw, path, limit, report)


def decode_text(raw: bytes, path: Path, limit: int, report: Report) -> str | None:
    if len(raw) > limit:
        report.error(path, START, f"tệp quá lớn ({len(raw):,} byte; tối đa {limit:,} byte)")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = error.start - (before.rfind(b"\n") + 1) + 1
        report.error(path, Position(line, col), not_utf8_message(raw))
        return None
    if "\x00" in text:
        message = (
            not_utf8_message(raw)
            if looks_utf16(raw)
            else "tệp có ký tự NUL; có thể đây không phải tệp văn bản"
        )
        report.error(path, START, message)
        return None
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n"))


def _problems_to_report(doc: YamlDocument, path: Path, report: Report) -> bool:
    for problem in doc.problems:
        report.error(path, problem.position, problem.message)
    for warning in doc.warnings:
        report.warning(path, warning.position, warning.message)
    return not doc.problems


class Locator:
    """Where the keys of a loaded file were written, worked out again only when asked.

    Holding every key's position for every file of a national site would double the memory
    of a build; the validator needs them only for the few files it reports on.
    """

    __slots__ = ("_doc", "_front_matter", "_path")

    def __init__(self, path: Path, *, front_matter: bool) -> None:
        self._path = path
        self._front_matter = front_matter
        self._doc: YamlDocument | None = None

    def position_of(self, path: Path_, *, key: bool = False) -> Position:
        if self._doc is None:
            self._doc = self._parse()
        return self._doc.position_of(path, key=key)

    def _parse(self) -> YamlDocument:
        ignored = Report()
        text = read_text(self._path, MAX_STORY_BYTES, ignored) or ""
        if not self._front_matter:
            return parse_yaml(text)
        parts = split_front_matter(text, self._path, ignored)
        return parse_yaml(parts[0] if parts else "", line_offset=1)


@dataclass(frozen=True, slots=True)
class _Built(Generic[M]):
    model: M
    failed: frozenset[str] = frozenset()
    doc: YamlDocument | None = None  # positions, when the file itself no longer gives them


def _build(
    model: type[M], text: str, path: Path, report: Report, *, line_offset: int = 0
) -> _Built[M] | None:
    """Parse and validate; positions are collected only to report a model error."""
    doc = parse_yaml(text, line_offset=line_offset, positions=False)
    if not _problems_to_report(doc, path, report):
        return _rest_after_syntax_error(model, text, doc, path, report, line_offset)
    if not isinstance(doc.data, dict):
        what = "rỗng" if doc.data is None else "không phải một nhóm khóa `khóa: giá trị`"
        report.error(path, START, f"nội dung tệp {what}")
        return None
    try:
        return _Built(model.model_validate(doc.data))
    except ValidationError as error:
        located = parse_yaml(text, line_offset=line_offset)
        report_validation_error(error, model, located, path, report)
        # "?": an error about the whole record (no key) still keeps it out of the index.
        failed = {str(item["loc"][0]) if item["loc"] else "?" for item in error.errors()}
        return _Built(*partial_model(model, doc.data, failed))


def _rest_after_syntax_error(
    model: type[M], text: str, doc: YamlDocument, path: Path, report: Report, line_offset: int
) -> _Built[M] | None:
    """The keys outside the broken blocks, checked as if the file stopped having them."""
    broken: set[str] = set()
    for _attempt in range(MAX_REPAIRS):
        text, emptied = blank_blocks(text, {p.position.line - line_offset for p in doc.problems})
        broken |= emptied
        doc = parse_yaml(text, line_offset=line_offset)
        if not doc.problems:
            break
    if doc.problems or not isinstance(doc.data, dict) or not doc.data:
        return None
    data: dict[str, object] = doc.data
    try:
        model.model_validate(data)
        failed = broken
    except ValidationError as error:
        rest = without_missing(error)
        if rest is not None:
            report_validation_error(rest, model, doc, path, report)
        failed = broken | {str(item["loc"][0]) if item["loc"] else "?" for item in error.errors()}
    return _Built(*partial_model(model, data, failed), doc)


T = TypeVar("T")
_Stamp = tuple[int, int, int]


class ParseCache:
    """Parsed files by kind and path, reused while their bytes stay the same.

    A live preview rebuilds on every save; re-parsing only the files whose bytes changed is
    what keeps a rebuild of a national site within seconds. Whoever loads the same content
    folder more than once owns one (the preview keeps one per content folder, see
    `generator.mkdocs_adapter`); a one-off `check` or `build` uses a fresh one. Results are
    immutable, and each file's diagnostics are replayed with it, so a cached load reports
    exactly what a fresh one would.
    """

    __slots__ = ("_entries",)

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[_Stamp, bytes, object, list[Diagnostic]]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def parse(
        self, kind: str, path: Path, report: Report, parse: Callable[[bytes, Report], T | None]
    ) -> T | None:
        key = (kind, str(path))
        cached = self._entries.get(key)
        try:
            info = path.stat()
            stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
            if cached is not None and cached[0] == stamp:
                report.diagnostics.extend(cached[3])
                return cast("T | None", cached[2])
            raw = path.read_bytes()
        except OSError as error:
            report.error(path, START, f"không đọc được tệp ({error.strerror})")
            return None
        digest = hashlib.blake2b(raw, digest_size=16).digest()
        if cached is not None and cached[1] == digest:  # touched, not changed
            self._entries[key] = (stamp, digest, cached[2], cached[3])
            report.diagnostics.extend(cached[3])
            return cast("T | None", cached[2])
        local = Report()
        result = parse(raw, local)
        report.extend(local)
        self._entries[key] = (stamp, digest, result, local.diagnostics)
        return result


def load_yaml_record(
    model: type[M], path: Path, report: Report, cache: ParseCache | None = None
) -> Loaded[M] | None:
    """The record in `path`, or None (with errors in `report`)."""
    loaded = _read_record(model, path, report, cache)
    return loaded if loaded is not None and not loaded.failed else None


def _read_record(
    model: type[M], path: Path, report: Report, cache: ParseCache | None
) -> Loaded[M] | None:
    """The record, or what could be read of it (`failed` says what could not)."""
    return (ParseCache() if cache is None else cache).parse(
        model.__name__, path, report, lambda raw, r: _parse_record(model, path, raw, r)
    )


def _parse_record(model: type[M], path: Path, raw: bytes, report: Report) -> Loaded[M] | None:
    text = decode_text(raw, path, MAX_YAML_BYTES, report)
    if text is None:
        return None
    built = _build(model, text, path, report)
    if built is None:
        return None
    doc = built.doc or Locator(path, front_matter=False)
    return Loaded(path.stem, path, built.model, doc, built.failed)


def split_front_matter(text: str, path: Path, report: Report) -> tuple[str, str, int] | None:
    """(front matter, body, first body line) — or None with an error."""
    lines = text.split("\n")
    if not lines or not _FRONT_MATTER_FENCE.match(lines[0]):
        report.error(
            path,
            START,
            "bài viết phải mở đầu bằng phần thông tin YAML đặt giữa hai dòng `---`",
        )
        return None
    for index in range(1, len(lines)):
        if _FRONT_MATTER_END.match(lines[index]):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    report.error(
        path,
        START,
        "phần thông tin YAML chưa được đóng: thêm một dòng `---` sau khóa cuối cùng",
    )
    return None


def load_story(path: Path, report: Report, cache: ParseCache | None = None) -> LoadedStory | None:
    """The story in `path`, or None (with errors in `report`)."""
    loaded = _read_story(path, report, cache)
    return loaded if loaded is not None and not loaded.failed else None


def _read_story(path: Path, report: Report, cache: ParseCache | None) -> LoadedStory | None:
    return (ParseCache() if cache is None else cache).parse(
        "story", path, report, lambda raw, r: _parse_story(path, raw, r)
    )


def _parse_story(path: Path, raw: bytes, report: Report) -> LoadedStory | None:
    text = decode_text(raw, path, MAX_STORY_BYTES, report)
    if text is None:
        return None
    parts = split_front_matter(text, path, report)
    if parts is None:
        return None
    front, body, body_line = parts
    meta = _build(StoryMeta, front, path, report, line_offset=1)
    if meta is None:
        return None
    doc = meta.doc or Locator(path, front_matter=True)
    return LoadedStory(path.stem, path, meta.model, doc, body, body_line, meta.failed)


def load_taxonomy(path: Path, report: Report) -> tuple[list[TaxonomyEntry], YamlDocument | None]:
    text = read_text(path, MAX_YAML_BYTES, report)
    if text is None:
        return [], None
    doc = parse_yaml(text)
    if not _problems_to_report(doc, path, report):
        return [], doc
    if not isinstance(doc.data, list):
        report.error(
            path, START, "tệp danh mục phải là một danh sách, mỗi mục bắt đầu bằng `- id:`"
        )
        return [], doc
    entries: list[TaxonomyEntry] = []
    for index, item in enumerate(doc.data):
        if not isinstance(item, dict):
            report.error(
                path,
                doc.position_of((index,)),
                f"mục {index + 1} phải có dạng `- id: …` và `name: …`",
            )
            continue
        try:
            entries.append(TaxonomyEntry.model_validate(item))
        except ValidationError as error:
            report_validation_error(error, TaxonomyEntry, doc, path, report, at=(index,))
    return entries, doc


def _files(directory: Path, report: Report) -> list[Path]:
    """Regular files of a content folder, refusing links (they could point outside it)."""
    if directory.is_symlink() or not directory.is_dir():  # a link: reported, never read
        return []
    found: list[Path] = []
    with os.scandir(directory) as entries:  # scandir's cached types spare a stat per file
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.startswith("."):
                continue
            path = directory / entry.name
            if entry.is_symlink():
                report.error(
                    path, START, "không dùng liên kết tượng trưng (symlink) trong `content/`"
                )
            elif entry.is_file():
                found.append(path)
            elif entry.is_dir() and directory.name != IMAGES:
                report.error(
                    path, START, f"thư mục `{directory.name}/` không được chứa thư mục con"
                )
    return found


def _wanted(path: Path, suffix: str, report: Report) -> bool:
    if path.suffix == suffix:
        return True
    if path.suffix.lower() in {".yaml", ".yml", ".md", ".markdown"}:
        report.error(
            path, START, f"đuôi tệp phải là `{suffix}` (đổi tên thành `{path.stem}{suffix}`)"
        )
    else:
        report.warning(path, START, "tệp này không thuộc loại nội dung nào nên sẽ bị bỏ qua")
    return False


def _check_top_level(root: Path, report: Report) -> None:
    for entry in sorted(root.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            report.error(entry, START, "không dùng liên kết tượng trưng (symlink) trong `content/`")
        elif entry.is_dir() and entry.name not in FOLDERS:
            report.warning(entry, START, "thư mục này không thuộc cấu trúc nội dung nên bị bỏ qua")


def _load_file(kind: ContentKind, path: Path, report: Report, cache: ParseCache) -> object:
    if kind.front_matter:
        return _read_story(path, report, cache)
    return _read_record(kind.model, path, report, cache)


def _load_folder(content: Content, kind: ContentKind, report: Report, cache: ParseCache) -> None:
    loaded: list[object] = getattr(content, kind.folder)
    for path in _files(content.root / kind.folder, report):
        if kind is BOOK and path.suffix == ".md":  # a foreword or part introduction
            text = read_text(path, MAX_STORY_BYTES, report)
            if text is not None:
                content.text_files[path] = text
        elif _wanted(path, kind.suffix, report) and (item := _load_file(kind, path, report, cache)):
            _keep(content, loaded, item)


BULK_KINDS = (PERSON, COLLECTIVE, STORY)
# Below this many files a fork and the pickled models cost more than a second core saves.
FORK_MIN_FILES = 2000


def _load_bulk_forked(content: Content, report: Report, workers: int) -> None:
    """The records and stories, read by `workers` processes, each a run of the files: a
    national site's hundred thousand files took most of a build's time on one core while
    the others waited. The result is the one-process result: the items and each file's
    diagnostics are kept in file order. A child sends its models back pickled (a tenth of
    the time they took to read), so the parent reads the first run itself."""
    listed = [
        (kind, path)
        for kind in BULK_KINDS
        for path in _files(content.root / kind.folder, report)
        if _wanted(path, kind.suffix, report)
    ]
    parts = runs(listed, workers if len(listed) >= FORK_MIN_FILES else 1)
    for part in run_forked([partial(_load_part, part) for part in parts], in_parent=0):
        for folder, item, diagnostics in part:
            report.diagnostics.extend(diagnostics)
            if item:
                _keep(content, getattr(content, folder), item)


def _load_part(
    files: Sequence[tuple[ContentKind, Path]],
) -> list[tuple[str, object, list[Diagnostic]]]:
    cache = ParseCache()
    done: list[tuple[str, object, list[Diagnostic]]] = []
    for kind, path in files:
        local = Report()
        item = _load_file(kind, path, local, cache)
        done.append((kind.folder, item, local.diagnostics))
    return done


def _keep(content: Content, loaded: list[object], item: object) -> None:
    if not getattr(item, "failed", None):
        loaded.append(item)
    elif isinstance(item, LoadedStory):
        content.partial_stories.append(item)
    elif isinstance(item, Loaded) and isinstance(item.model, Person | Collective):
        content.partial_records.append(item)


def _load_taxonomies(content: Content, report: Report) -> None:
    if (content.root / TAXONOMY.folder).is_symlink():  # reported, never read
        return
    for name in TAXONOMY_FILES:
        path = content.root / TAXONOMY.folder / f"{name}{TAXONOMY.suffix}"
        if not path.is_file() or path.is_symlink():
            report.error(path, START, f"thiếu tệp danh mục `{TAXONOMY.folder}/{name}.yml`")
            continue
        entries, doc = load_taxonomy(path, report)
        setattr(content, name, entries)
        if doc is not None:
            content.taxonomy_docs[name] = (path, doc)


def load_content(
    root: Path, cache: ParseCache | None = None, *, workers: int = 1
) -> tuple[Content, Report]:
    """Every content file under `root`, with every problem found on the way; with `workers`
    above one, a large folder's files are read by that many processes (see
    `_load_bulk_forked`)."""
    report = Report()
    content = Content(root=root)
    if not root.is_dir():
        report.error(root, START, "không tìm thấy thư mục nội dung")
        return content, report
    _check_top_level(root, report)
    forked = cache is None and workers > 1  # a preview's cache lives in this process
    cache = ParseCache() if cache is None else cache
    if forked:
        _load_bulk_forked(content, report, workers)
    else:
        for kind in BULK_KINDS:
            _load_folder(content, kind, report, cache)
    _load_taxonomies(content, report)
    _load_folder(content, BOOK, report, cache)
    return content, report
