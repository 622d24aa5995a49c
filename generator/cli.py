"""The `guongsang` command."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from generator import __version__
from generator.content_diff import GitError, content_diff
from generator.diagnostics import Report, format_text, github_report_lines
from generator.parallel import default_jobs
from generator.pipeline import run
from generator.scaffold import KINDS, ScaffoldError, parse_story_date, scaffold
from generator.schema import SCHEMA_DIR, known_ids, write_schemas

__all__ = ["build_parser", "main"]

log = logging.getLogger("guongsang")


def _emit_report(report: Report, fmt: str) -> None:
    if fmt == "github":
        lines = github_report_lines(report.sorted())
    else:
        lines = [format_text(diagnostic) for diagnostic in report.sorted()]
    for line in lines:
        sys.stdout.write(line + "\n")


def _summary(report: Report) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    files = len({d.path for d in report.errors})
    if errors:
        return (
            f"Có {errors} lỗi trong {files} tệp và {warnings} cảnh báo. "
            "Hãy sửa các lỗi trên rồi chạy lại."
        )
    return f"Không có lỗi ({warnings} cảnh báo)."


def cmd_check(args: argparse.Namespace) -> int:
    outcome = run(Path(args.content), workers=default_jobs())
    _emit_report(outcome.report, args.format)
    if outcome.index is not None:
        idx = outcome.index
        sys.stderr.write(
            f"Nội dung hợp lệ: {len(idx.people)} cá nhân, {len(idx.collectives)} tập thể, "
            f"{len(idx.stories)} bài viết, {len(idx.books)} sách. {_summary(outcome.report)}\n"
        )
        return 0
    sys.stderr.write(_summary(outcome.report) + "\n")
    return 1


def cmd_new(args: argparse.Namespace) -> int:
    try:
        story_date = parse_story_date(args.date) if args.date else None
        path = scaffold(Path(args.content), args.kind, args.name, story_date, file_id=args.file_id)
    except ScaffoldError as error:
        sys.stderr.write(f"lỗi: {error}\n")
        return 1
    sys.stdout.write(f"{path.as_posix()}\n")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    try:
        summary = content_diff(Path(args.content), args.base, args.site_url)
    except GitError as error:
        sys.stderr.write(f"lỗi: {error}\n")
        return 1
    sys.stdout.write(summary)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    content = Path(args.content)
    ids = known_ids(content) if content.is_dir() else None
    for path in write_schemas(Path(args.out), ids):
        sys.stdout.write(f"{path.as_posix()}\n")
    return 0


def cmd_book(args: argparse.Namespace) -> int:
    from generator.book.commands import compile_book, parse_formats
    from generator.book.errors import BookError

    try:
        # `--preflight` alone checks the print files already in --out, without a rebuild.
        given = args.format or ("" if args.preflight else "pdf,epub")
        formats = parse_formats(given) if given else set()
    except BookError as error:
        sys.stderr.write(f"lỗi: {error}\n")
        return 1
    return compile_book(
        Path(args.content), args.id, Path(args.out), formats, preflight=args.preflight
    )


def cmd_build(args: argparse.Namespace) -> int:
    from generator.mkdocs_adapter import SiteBuildError, build_site

    out = Path(args.out)
    try:
        outcome = build_site(
            config_file=Path(args.config_file),
            content=Path(args.content),
            out=out,
            site_url=args.site_url,
            jobs=args.jobs or None,
        )
    except SiteBuildError as error:
        sys.stderr.write(f"lỗi: {error}\nTrang web chưa được dựng; thư mục {out} giữ nguyên.\n")
        return 1
    _emit_report(outcome.report, "text")
    if outcome.index is None:
        sys.stderr.write(f"{_summary(outcome.report)} Thư mục {out} giữ nguyên.\n")
        return 1
    sys.stderr.write(f"Đã dựng trang web vào {out}. {_summary(outcome.report)}\n")
    return 0


def cmd_deploy(args: argparse.Namespace) -> int:
    from generator.deploy.s3 import DeployError, Target, deploy

    prefix = args.prefix.strip("/") + "/" if args.prefix.strip("/") else ""
    target = Target(args.bucket, prefix, args.endpoint_url, args.region)
    try:
        report = deploy(
            Path(args.site),
            target,
            encoding=args.compress,
            delete=not args.keep_stale,
            dry_run=args.dry_run,
        )
    except DeployError as error:
        sys.stderr.write(f"lỗi: {error}\n")
        return 1
    done = "Sẽ" if args.dry_run else "Đã"
    sys.stderr.write(
        f"{done} tải lên {len(report.uploaded)} tệp ({report.bytes / 1e6:.1f} MB), "
        f"xóa {len(report.deleted)} tệp cũ; {report.unchanged} tệp không đổi.\n"
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.mkdocs_adapter import SiteBuildError, serve_site

    try:
        serve_site(
            config_file=Path(args.config_file), content=Path(args.content), dev_addr=args.dev_addr
        )
    except SiteBuildError as error:
        sys.stderr.write(f"lỗi: {error}\n")
        return 1
    return 0


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"cần một số nguyên dương, không phải {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guongsang",
        description="Gương sáng: kiểm tra nội dung, dựng trang web và sách.",
    )
    parser.add_argument("--version", action="version", version=f"guongsang {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "--content", default="content", help="thư mục nội dung (mặc định: content)"
        )
        return sub

    check = add("check", "kiểm tra toàn bộ nội dung và báo mọi lỗi")
    check.add_argument(
        "--format", choices=("text", "github"), default="text", help="định dạng báo lỗi"
    )
    check.set_defaults(func=cmd_check)

    new = add("new", "tạo tệp mới có sẵn mọi khóa kèm hướng dẫn")
    new.add_argument(
        "kind", choices=KINDS, help="person (cá nhân), collective (tập thể), story (bài viết)"
    )
    new.add_argument("name", help="tên cá nhân/tập thể hoặc tiêu đề bài viết")
    new.add_argument(
        "--id",
        dest="file_id",
        help="mã ngắn làm tên tệp (mặc định: tên viết không dấu), ví dụ nguoi-thay-kim-hy",
    )
    new.add_argument(
        "--date",
        help="bài viết: ngày đăng, dạng 2024-01-18 (hoặc 2024-01, 2024); "
        "không ghi thì để trống để điền sau",
    )
    new.set_defaults(func=cmd_new)

    schema = add(
        "schema",
        "ghi JSON Schema cho các tệp nội dung (gợi ý khóa và mã khi soạn trong VS Code)",
    )
    schema.add_argument("--out", default=SCHEMA_DIR, help=f"thư mục ghi (mặc định: {SCHEMA_DIR})")
    schema.set_defaults(func=cmd_schema)

    diff = add(
        "diff", "tóm tắt (Markdown) những gì một nhánh thêm, sửa, xóa — dán vào pull request"
    )
    diff.add_argument("--base", default="origin/main", help="nhánh gốc để so sánh")
    diff.add_argument("--site-url", default="", help="địa chỉ trang web, để ghi đường dẫn đầy đủ")
    diff.set_defaults(func=cmd_diff)

    book = add("book", "dựng sách PDF (để in) và EPUB từ content/books/<mã>.yml")
    book.add_argument("id", help="mã sách: tên tệp trong content/books/, không có đuôi .yml")
    book.add_argument("--out", default="dist", help="thư mục ghi (mặc định: dist)")
    book.add_argument(
        "--format",
        default=None,
        help="pdf (đọc trên màn hình), epub, press (tệp in: ruột và bìa), ghép bằng dấu phẩy "
        "(mặc định: pdf,epub)",
    )
    book.add_argument(
        "--preflight",
        action="store_true",
        help="kiểm tra tệp in (ruột, bìa) trong --out; một mình thì không dựng lại",
    )
    book.set_defaults(func=cmd_book)

    build = add("build", "dựng trang web (MkDocs) vào một thư mục")
    build.add_argument("--out", default="site", help="thư mục ghi (mặc định: site)")
    build.add_argument("--site-url", help="địa chỉ công khai của trang, ví dụ https://…/")
    build.add_argument("--config-file", default="mkdocs.yml", help="mặc định: mkdocs.yml")
    build.add_argument(
        "--jobs",
        type=_positive,
        default=0,
        help="số tiến trình ghi trang (mặc định: số nhân CPU)",
    )
    build.set_defaults(func=cmd_build)

    from generator.deploy.plan import ENCODINGS

    deploy = commands.add_parser(
        "deploy",
        help="đưa trang đã dựng lên kho lưu trữ S3 (chỉ các tệp đã đổi)",
        description="đưa trang đã dựng lên kho lưu trữ tương thích S3 (chỉ các tệp đã đổi); "
        "khóa truy cập lấy từ AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY hoặc ~/.aws",
    )
    deploy.add_argument("target", choices=("s3",), help="loại kho: s3")
    deploy.add_argument("--bucket", required=True, help="tên bucket")
    deploy.add_argument("--prefix", default="", help="thư mục trong bucket (mặc định: gốc)")
    deploy.add_argument("--endpoint-url", help="địa chỉ kho không phải AWS, ví dụ https://…")
    deploy.add_argument("--region", help="vùng, ví dụ ap-southeast-1")
    deploy.add_argument("--site", default="site", help="thư mục đã dựng (mặc định: site)")
    deploy.add_argument(
        "--compress", choices=ENCODINGS, default="gzip", help="nén văn bản (mặc định: gzip)"
    )
    deploy.add_argument(
        "--keep-stale", action="store_true", help="giữ các tệp trong kho mà trang không còn"
    )
    deploy.add_argument("--dry-run", action="store_true", help="chỉ báo sẽ làm gì")
    deploy.set_defaults(func=cmd_deploy)

    serve = add("serve", "xem trước trang web, tự dựng lại khi sửa nội dung")
    serve.add_argument("--dev-addr", help="địa chỉ máy chủ xem trước (mặc định: 127.0.0.1:8000)")
    serve.add_argument("--config-file", default="mkdocs.yml", help="mặc định: mkdocs.yml")
    serve.set_defaults(func=cmd_serve)
    return parser


def command() -> NoReturn:
    """The `guongsang` program: `main`, then an exit that leaves the heap to the system.

    Python's own exit frees every object one by one: after a build of 10,000 records that
    took 1.5–2.5 s of CPU, the last and serial part of the build. Output is flushed and the
    logging handlers closed first; every file the commands write is closed by then."""
    code = main()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    # Editors and publishers read every INFO line; pikepdf announces its log bridge in
    # English when it is first imported, by whichever book step comes first.
    logging.getLogger("pikepdf").setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    code: int = args.func(args)
    return code
