"""Publishing a build: the previous output stays in place until a new one is complete.

A build is written into a staging folder beside its target, then published in one step:

- where the OS has it (Linux ≥ 3.15, on local file systems), `renameat2(RENAME_EXCHANGE)`
  swaps the staging folder and the target in a single system call, so at every instant the
  target path holds a complete site, the old one or the new one;
- elsewhere the target becomes a symbolic link to a sibling folder `.<name>.ban-…`, and a
  publish replaces that link with `rename(2)`, which is atomic for a link too. Only the
  first replacement there, which turns the real folder of the first build into the link,
  takes two steps.

One lock per parent folder (`flock` on the folder itself, so no lock file is left behind)
makes a second build to the same place wait for the first. Under that lock every staging
folder beside the target is a leftover of a killed build, and is removed. The published
tree gets the usual 0755/0644 modes, so a web server running as another user can read it.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "MARKER",
    "OutputFolderError",
    "Protected",
    "check_output_folder",
    "describe_os_error",
    "staged_output",
    "write_marker",
]

log = logging.getLogger(__name__)

DIR_MODE = 0o755
FILE_MODE = 0o644
PUBLISHING_UMASK = 0o022  # mkdir's 0777 and open's 0666 become DIR_MODE and FILE_MODE
_STAGING = "moi"  # a build being written
_LIVE = "ban"  # a published build, in the symbolic-link layout
_LINK = "lien"  # a link about to replace the target
_OLD = "cu"  # the previous build, from releases that published with two renames
_SUFFIX = "[a-z0-9_]{8}"  # tempfile's random part

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}

_Renameat2 = Callable[[int, bytes, int, bytes, int], int]

# Written into every site the generator builds: a folder with files but without it may be
# anything (a home folder, a checkout), and a publish would replace it whole.
MARKER = ".guongsang-build"
_MARKER_TEXT = (
    "Thư mục này do `guongsang build` dựng; lần dựng sau sẽ thay toàn bộ thư mục.\n"
    "This folder is built by `guongsang build`; the next build replaces all of it.\n"
)


class OutputFolderError(Exception):
    """An output folder a build must not replace; the message names the reason and the fix."""


@dataclass(frozen=True, slots=True)
class Protected:
    """A folder a build must never replace: the output may not be it or contain it, and,
    unless `may_hold_output` (the project folder, where `site/` lives), not lie inside it."""

    path: Path
    label: str
    may_hold_output: bool = False


def check_output_folder(out: Path, protected: list[Protected]) -> None:
    """Refuse an output folder whose replacement would destroy sources or unknown files."""
    real = Path(os.path.realpath(out))
    shown = out.as_posix()
    for folder in protected:
        source = Path(os.path.realpath(folder.path))
        if real == source:
            reason = f"đó chính là {folder.label}"
        elif real in source.parents:
            reason = f"thư mục này chứa {folder.label} `{folder.path.as_posix()}`"
        elif source in real.parents and not folder.may_hold_output:
            reason = f"thư mục này nằm trong {folder.label} `{folder.path.as_posix()}`"
        else:
            continue
        raise OutputFolderError(
            f"không dựng vào `{shown}`: {reason}, và mỗi lần dựng thay toàn bộ thư mục ra. "
            "Hãy chọn một thư mục riêng cho trang web, ví dụ `--out site`."
        )
    if real.exists() and not real.is_dir():
        raise OutputFolderError(f"không dựng vào `{shown}`: đó là một tệp, không phải thư mục.")
    if real.is_dir() and not (real / MARKER).is_file() and any(real.iterdir()):
        raise OutputFolderError(
            f"không dựng vào `{shown}`: thư mục đã có tệp nhưng không có tệp đánh dấu "
            f"`{MARKER}` của một lần dựng trước, nên có thể không phải trang web do guongsang "
            "dựng, mà mỗi lần dựng thay toàn bộ thư mục ra. Hãy chọn một thư mục trống hoặc "
            "chưa có; nếu chắc chắn thư mục này bỏ được, hãy tự xóa nó rồi dựng lại."
        )


# errno → (what went wrong, what to do), for the faults a build meets while writing.
_OS_ERRORS = {
    errno.ENOSPC: ("ổ đĩa đã hết chỗ trống", "hãy giải phóng dung lượng"),
    errno.EDQUOT: ("đã dùng hết hạn mức dung lượng được cấp", "hãy giải phóng dung lượng"),
    errno.EFBIG: ("một tệp vượt giới hạn kích thước tệp của hệ thống", "hãy nới giới hạn đó"),
    errno.EROFS: ("hệ thống tệp chỉ cho đọc", "hãy chọn thư mục ra ở nơi ghi được"),
    errno.EACCES: ("không có quyền ghi", "hãy kiểm tra quyền của thư mục ra"),
    errno.EPERM: ("hệ điều hành không cho phép thao tác này", "hãy kiểm tra quyền"),
    errno.EIO: ("ổ đĩa báo lỗi vào/ra", "hãy kiểm tra ổ đĩa"),
}


def describe_os_error(error: OSError, out: Path) -> str:
    """A file-system fault during a build, in Vietnamese, without a traceback."""
    cause, fix = _OS_ERRORS.get(error.errno or 0, (error.strerror or str(error), "hãy khắc phục"))
    during = f" (khi xử lý `{error.filename}`)" if error.filename else ""
    return f"không ghi được trang web vào `{out.as_posix()}`: {cause}{during}; {fix} rồi dựng lại."


def write_marker(site_dir: Path) -> None:
    (site_dir / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")


@contextmanager
def staged_output(target: Path) -> Iterator[Path]:
    """A fresh folder beside `target` to build into; published only if the block succeeds.

    On any failure the staging folder is removed and `target` is left exactly as it was.
    """
    target = _real_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _locked(target.parent, target), _publishing_umask():
        _remove_stale(target)
        staging = Path(tempfile.mkdtemp(prefix=_prefix(target, _STAGING), dir=target.parent))
        try:
            staging.chmod(DIR_MODE)  # mkdtemp's folder is private
            yield staging
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _publish(staging, target)
    log.debug("published %s", target)


def _prefix(target: Path, kind: str) -> str:
    return f".{target.name}.{kind}-"


def _real_target(target: Path) -> Path:
    """The path to publish at: the parent resolved; a link is followed unless it is ours."""
    target = Path(os.path.realpath(target.parent)) / target.name
    if target.is_symlink() and _live_folder(target) is None:
        return Path(os.path.realpath(target))
    return target


@contextmanager
def _locked(folder: Path, target: Path) -> Iterator[None]:
    if sys.platform == "win32":  # no flock; concurrent builds there are the user's to avoid
        yield
        return
    import fcntl

    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning("Một lần dựng khác đang ghi vào %s; chờ lần đó xong…", target)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _remove_stale(target: Path) -> None:
    """Remove what killed builds left beside `target`; only called under the lock."""
    pattern = re.compile(
        rf"\.{re.escape(target.name)}\.(?:{_STAGING}|{_LINK}|{_OLD}|{_LIVE})-{_SUFFIX}"
    )
    live = _live_folder(target)
    for entry in target.parent.iterdir():
        if entry.name == live or not pattern.fullmatch(entry.name):
            continue
        log.info("xóa thư mục tạm còn lại của một lần dựng bị dừng: %s", entry)
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


@contextmanager
def _publishing_umask() -> Iterator[None]:
    """0755 folders and 0644 files, whatever the builder's umask: a web server running as
    another user must read them. The mask is set while the site is written (forked
    workers inherit it) instead of changing every path afterwards, which took two system
    calls a file."""
    previous = os.umask(PUBLISHING_UMASK)
    try:
        yield
    finally:
        os.umask(previous)


def _publish(staging: Path, target: Path) -> None:
    if target.is_symlink():
        _switch_link(staging, target)
    elif not target.exists():
        staging.rename(target)  # atomic: nothing is there to replace
    elif exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now the previous build
    else:
        _switch_link(staging, target)


def _renameat2() -> _Renameat2 | None:
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(None, use_errno=True)
    function = getattr(libc, "renameat2", None)  # glibc ≥ 2.28
    if function is None:
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    renameat2: _Renameat2 = function
    return renameat2


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths in one system call; False where the OS or file system can't."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE):
        code = ctypes.get_errno()
        if code in _UNSUPPORTED:
            return False
        raise OSError(code, os.strerror(code), str(second))
    return True


def _live_folder(target: Path) -> str | None:
    """The sibling a target link of ours points to (`.<name>.ban-…`), else None."""
    if not target.is_symlink():
        return None
    pointed = str(target.readlink())
    if re.fullmatch(rf"{re.escape(_prefix(target, _LIVE))}{_SUFFIX}", pointed):
        return pointed
    return None


def _switch_link(staging: Path, target: Path) -> None:
    """The symbolic-link layout, for systems without RENAME_EXCHANGE."""
    live = Path(tempfile.mkdtemp(prefix=_prefix(target, _LIVE), dir=target.parent))
    live.rmdir()
    staging.rename(live)
    link = Path(tempfile.mkdtemp(prefix=_prefix(target, _LINK), dir=target.parent))
    link.rmdir()
    link.symlink_to(live.name)
    previous = _live_folder(target)
    if target.exists() and previous is None:
        # A real folder cannot be replaced by a link atomically: this first switch to the
        # link layout is the one publish with a moment where the target is missing.
        old = Path(tempfile.mkdtemp(prefix=_prefix(target, _OLD), dir=target.parent))
        old.rmdir()
        target.rename(old)
        link.replace(target)
        shutil.rmtree(old, ignore_errors=True)
        return
    link.replace(target)
    if previous is not None:
        shutil.rmtree(target.parent / previous, ignore_errors=True)
