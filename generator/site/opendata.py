"""Open data at /du-lieu/: the published records and stories as CSV and JSON.

One table of columns per kind is the only description of the files: the CSV header, the
JSON keys and the documentation on the /du-lieu/ page all come from it. Only published
content is in the Index, so drafts never reach these files. Gender, year of birth and
ethnicity are left out although profiles show them: a bulk file of them is personal data of
a sensitive kind (ethnic origin) under Nghị định 13/2023/NĐ-CP, and no reuse needs them.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, Any, BinaryIO, Generic, TypeVar, cast

from generator.index import Index, Record, Story
from generator.models import Award, Collective, Person, Source
from generator.site import urls
from generator.site.pages import province_title

CSV_LIST_SEPARATOR = " | "  # joins a list inside one CSV cell; JSON keeps real lists
_NO_RECORDS = "[]}"  # how json.dumps ends the document (records last) when it is empty
# Above this many rows a file runs to megabytes (about 0.7 KB a row): it is published as a
# ZIP, a tenth of the size, which every office computer opens. Smaller sites keep plain files
# that open with one click.
ZIP_ABOVE_ROWS = 5_000
ZIP_SUFFIX = ".zip"
Value = str | int | list[str] | None
T = TypeVar("T", Record, Story)


@dataclass(frozen=True, slots=True)
class Column(Generic[T]):
    name: str
    description: str  # Vietnamese, shown on /du-lieu/
    value: Callable[[T, Index], Value]


@dataclass(frozen=True, slots=True)
class Dataset(Generic[T]):
    slug: str  # file name without suffix, e.g. "ca-nhan"
    title: str
    columns: tuple[Column[T], ...]
    rows: Callable[[Index], Sequence[T]]

    def csv_path(self, rows: int) -> str:
        return self._path("csv", rows)

    def json_path(self, rows: int) -> str:
        return self._path("json", rows)

    def _path(self, suffix: str, rows: int) -> str:
        path = f"{urls.OPEN_DATA}{self.slug}.{suffix}"
        return path + ZIP_SUFFIX if zipped(rows) else path

    def records(self, index: Index) -> Iterator[dict[str, Value]]:
        """One row's values at a time: the files are written as the rows come."""
        for row in self.rows(index):
            yield {column.name: column.value(row, index) for column in self.columns}


def zipped(rows: int) -> bool:
    return rows > ZIP_ABOVE_ROWS


def _award(award: Award) -> str:
    return f"{award.year}: {award.title} ({award.level.label}, {award.issuer})"


def _source(source: Source) -> str:
    parts = [source.title or "", source.publisher, source.date.isoformat() if source.date else ""]
    text = ", ".join(p for p in parts if p)
    return f"{text} <{source.url}>" if source.url else text


def _person(record: Record) -> Person | None:
    return record.model if isinstance(record.model, Person) else None


def _only(kind: type[Person | Collective], attribute: str) -> Callable[[Record, Index], Value]:
    """A column of one kind's own key (a person's position, a collective's type)."""

    def value(record: Record, _index: Index) -> Value:
        model = record.model
        found: Value = getattr(model, attribute) if isinstance(model, kind) else None
        return found

    return value


def _record_columns(site_url: str) -> tuple[Column[Record], ...]:
    return (
        Column("id", "Mã hồ sơ (tên tệp), không đổi", lambda r, _i: r.id),
        Column("url", "Địa chỉ trang hồ sơ", lambda r, _i: urls.absolute(site_url, r.url)),
        Column("ten", "Họ và tên hoặc tên tập thể", lambda r, _i: r.name),
        Column("tom_tat", "Tóm tắt", lambda r, _i: r.model.summary),
        Column("dia_danh_theo_nguon", "Địa danh như nguồn tin ghi", lambda r, _i: r.place.as_named),
        Column(
            "tinh_hien_nay",
            "Tỉnh, thành phố hiện nay (sau sắp xếp năm 2025)",
            lambda r, _i: province_title(r.place.province),
        ),
        Column(
            "linh_vuc",
            "Lĩnh vực",
            lambda r, i: [i.fields[f].name for f in r.model.fields],
        ),
        Column(
            "phong_trao",
            "Phong trào, cuộc vận động",
            lambda r, i: [i.movements[m].name for m in r.model.movements],
        ),
        Column("mo_hinh", "Các mô hình", lambda r, _i: [m.name for m in r.model.models]),
        Column("thanh_tich", "Thành tích", lambda r, _i: list(r.model.achievements)),
        Column(
            "khen_thuong",
            "Khen thưởng: năm: danh hiệu (cấp, cơ quan)",
            lambda r, _i: [_award(a) for a in r.model.awards],
        ),
        Column(
            "nguon",
            "Nguồn tin: tiêu đề, cơ quan, ngày <địa chỉ>",
            lambda r, _i: [_source(s) for s in r.model.sources],
        ),
        Column("tu_khoa", "Từ khóa", lambda r, _i: list(r.model.tags)),
    )


def _people(site_url: str) -> Dataset[Record]:
    extra: tuple[Column[Record], ...] = (
        Column("chuc_vu", "Chức vụ", _only(Person, "position")),
        Column("don_vi", "Đơn vị công tác", _only(Person, "organization")),
        Column(
            "thuoc_tap_the",
            "Mã các tập thể mà cá nhân là thành viên (xem tap-the)",
            lambda r, i: [c for c in p.member_of if c in i.records] if (p := _person(r)) else [],
        ),
    )
    base = _record_columns(site_url)
    return Dataset(
        "ca-nhan", "Cá nhân tiêu biểu", (*base[:4], *extra, *base[4:]), lambda i: i.people
    )


def _collectives(site_url: str) -> Dataset[Record]:
    extra: tuple[Column[Record], ...] = (
        Column(
            "loai_hinh",
            "Loại hình tập thể",
            _only(Collective, "type"),
        ),
        Column(
            "truc_thuoc",
            "Tổ chức cấp trên",
            _only(Collective, "parent"),
        ),
        Column(
            "so_thanh_vien",
            "Số thành viên",
            _only(Collective, "members"),
        ),
        Column(
            "nam_thanh_lap",
            "Năm thành lập",
            _only(Collective, "founded"),
        ),
    )
    base = _record_columns(site_url)
    return Dataset(
        "tap-the", "Tập thể tiêu biểu", (*base[:4], *extra, *base[4:]), lambda i: i.collectives
    )


def _stories(site_url: str) -> Dataset[Story]:
    columns: tuple[Column[Story], ...] = (
        Column("id", "Mã bài viết (tên tệp), không đổi", lambda s, _i: s.id),
        Column("url", "Địa chỉ trang bài viết", lambda s, _i: urls.absolute(site_url, s.url)),
        Column("tieu_de", "Tiêu đề", lambda s, _i: s.title),
        Column("ngay", "Ngày đăng (năm-tháng-ngày)", lambda s, _i: s.model.date.isoformat()),
        Column("tac_gia", "Tác giả", lambda s, _i: s.model.author),
        Column("sa_po", "Sa-pô (đoạn mở đầu)", lambda s, _i: s.model.lead),
        Column(
            "nhan_vat",
            "Mã các cá nhân, tập thể trong bài (xem ca-nhan, tap-the)",
            lambda s, i: [r.id for r in i.subjects_of(s)],
        ),
        Column(
            "nguon",
            "Nguồn bài: tiêu đề, cơ quan, ngày <địa chỉ>",
            lambda s, _i: _source(s.model.source) if s.model.source else None,
        ),
        Column("tu_khoa", "Từ khóa", lambda s, _i: list(s.model.tags)),
    )
    return Dataset("bai-viet", "Bài viết", columns, lambda i: i.stories)


def datasets(site_url: str) -> tuple[Dataset[Record], Dataset[Record], Dataset[Story]]:
    return _people(site_url), _collectives(site_url), _stories(site_url)


def _cell(value: Value) -> str | int:
    if value is None:
        return ""
    if isinstance(value, list):
        return CSV_LIST_SEPARATOR.join(value)
    return value


def write_csv(dataset: Dataset[Any], index: Index, out: BinaryIO) -> None:
    """UTF-8 with a byte-order mark, CRLF rows: Excel opens Vietnamese text correctly.
    Row by row: the people's file of a national site is tens of megabytes."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=False)
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([column.name for column in dataset.columns])
    for row in dataset.records(index):
        writer.writerow([_cell(value) for value in row.values()])
    text.flush()
    text.detach()


def write_json(dataset: Dataset[Any], index: Index, licence: str, out: BinaryIO) -> None:
    """One record per line: readable, and a third smaller than indented JSON. Written record
    by record: the whole document at once costs several times its size at 100,000 records."""
    head = {
        "title": dataset.title,
        "licence": licence,
        "columns": {column.name: column.description for column in dataset.columns},
        "records": [],
    }
    empty = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
    out.write(empty[: -len(_NO_RECORDS)].encode() + b"[")
    separator = ""
    for record in dataset.records(index):
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        out.write(f"{separator}{text}".encode())
        separator = ",\n"
    out.write(b"]}")


@contextmanager
def zip_member(out: BinaryIO, name: str) -> Iterator[IO[bytes]]:
    """One file in a ZIP, written as it comes; a fixed date and mode, so the same data gives
    the same bytes."""
    with zipfile.ZipFile(out, "w") as archive:
        info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED  # zlib's default level, 6
        info.external_attr = 0o644 << 16
        with archive.open(info, "w") as member:
            yield member


def write_open_data(index: Index, site_url: str, licence: str, site_dir: Path) -> None:
    """Every dataset as CSV and JSON under `site_dir`, each file as its rows come."""
    for dataset in datasets(site_url):
        rows = len(dataset.rows(index))
        for path, write in (
            (dataset.csv_path(rows), partial(write_csv, dataset, index)),
            (dataset.json_path(rows), partial(write_json, dataset, index, licence)),
        ):
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as out:
                if not zipped(rows):
                    write(out)
                    continue
                with zip_member(out, path.rsplit("/", 1)[-1].removesuffix(ZIP_SUFFIX)) as member:
                    write(cast("BinaryIO", member))
