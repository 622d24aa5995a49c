"""Output folders: never a source folder, published in one step, locked, readable, and a
write fault is a message while the old site survives."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from types import FrameType

import pytest

from generator.cli import main
from generator.site import output
from generator.site.output import MARKER, staged_output, write_marker
from tests.site_support import REPO

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project layout (mkdocs.yml, theme/, content/): a wrong delete stays here."""
    root = tmp_path / "du-an"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme", root / "theme")
    shutil.copytree(MINI, root / "content")
    # The build copies the browser editor from the project's npm packages.
    (root / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    return root


def _build(project: Path, out: str | Path, *extra: str) -> int:
    return main(
        [
            "build",
            "--content",
            str(project / "content"),
            "--config-file",
            str(project / "mkdocs.yml"),
            "--out",
            str(out),
            *extra,
        ]
    )


def _tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.mark.parametrize("out", [".", "content", "content/people", "theme", "theme/x", ".."])
def test_build_refuses_source_folders(project: Path, out: str, monkeypatch, capsys):
    """`--out .`, `--out content`, a folder inside content/ or theme/, or one holding the
    project, is refused and nothing in the project changes."""
    monkeypatch.chdir(project)
    before = _tree(project.parent)
    assert _build(project, out) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"lỗi: không dựng vào `{out}`: ")
    assert "Hãy chọn một thư mục riêng" in err
    assert _tree(project.parent) == before


def test_build_refuses_a_folder_with_files_but_no_marker(project: Path, tmp_path: Path, capsys):
    """A non-empty folder that no build wrote is kept, with the reason and the fix."""
    out = tmp_path / "tai-lieu"
    out.mkdir()
    (out / "luan-van.docx").write_bytes(b"quan trong")
    assert _build(project, out) == 1
    assert f"không có tệp đánh dấu `{MARKER}`" in capsys.readouterr().err
    assert _tree(out) == ["luan-van.docx"]


def test_build_replaces_an_earlier_build_and_fills_an_empty_folder(project: Path, tmp_path: Path):
    """An empty folder, then the same folder holding the marker, are both built into."""
    out = tmp_path / "site"
    out.mkdir()
    assert _build(project, out) == 0
    assert (out / MARKER).is_file()
    (out / "cu.html").write_text("cũ", encoding="utf-8")
    assert _build(project, out) == 0
    assert not (out / "cu.html").exists()
    assert (out / "ca-nhan" / "hoang-thi-nhu-thanh" / "index.html").is_file()


def test_plain_mkdocs_build_refuses_the_content_folder(project: Path):
    """`mkdocs build -d content` refuses instead of emptying content/ (MkDocs itself only
    guards its docs_dir)."""
    before = _tree(project)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", "content"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "không dựng vào" in result.stderr
    assert _tree(project) == before


def test_published_site_is_readable_by_other_users(project: Path, tmp_path: Path):
    """Even under umask 077 and from private theme files, folders are published 0755 and
    files 0644."""
    out = tmp_path / "site"
    for path in (project / "theme").rglob("*"):
        if path.is_file():
            path.chmod(0o600)
    previous = os.umask(0o077)
    try:
        assert _build(project, out) == 0
    finally:
        os.umask(previous)
    modes = {
        p.relative_to(out).as_posix(): p.stat().st_mode & 0o777 for p in [out, *out.rglob("*")]
    }
    assert modes.pop(".") == 0o755
    assert {m for p, m in modes.items() if (out / p).is_dir()} == {0o755}
    assert {m for p, m in modes.items() if (out / p).is_file()} == {0o644}


def test_stale_staging_folders_are_removed(project: Path, tmp_path: Path):
    """Staging and old folders left by killed builds beside the output are cleaned up."""
    out = tmp_path / "site"
    for name in (".site.moi-abcd1234", ".site.cu-zz_99xyz", ".site.lien-00000000"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("dở dang", encoding="utf-8")
    (tmp_path / ".site.moi-khac").mkdir()  # not a staging name: someone else's
    assert _build(project, out) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == [
        ".site.moi-khac"
    ]


def _publish(target: Path, version: str, *, kill_at: int = 0, fallback: bool = False) -> int:
    """Publish a two-page site `version` in a forked child, killed with SIGKILL at its
    `kill_at`th executed line of generator/site/output.py; returns how many lines ran."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read)
        os._exit(_publish_in_child(target, version, kill_at, fallback, write))
    os.close(write)
    with os.fdopen(read) as pipe:
        steps = pipe.read()
    _pid, status = os.waitpid(pid, 0)
    if kill_at:
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        return kill_at
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    return int(steps)


def _publish_in_child(target: Path, version: str, kill_at: int, fallback: bool, pipe: int) -> int:
    seen = 0

    def tracer(frame: FrameType, event: str, arg: object) -> object:
        nonlocal seen
        if frame.f_code.co_filename != output.__file__:
            return None
        if event == "line":
            seen += 1
            if seen == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
        return tracer

    try:
        if fallback:
            output._renameat2 = lambda: None  # as on a system without RENAME_EXCHANGE
        sys.settrace(tracer)
        with output.staged_output(target) as staging:
            (staging / "trang").mkdir()
            for name in ("index.html", "trang/index.html"):
                (staging / name).write_text(version, encoding="utf-8")
        sys.settrace(None)
        os.write(pipe, str(seen).encode())
        return 0
    except BaseException:
        return 1


# A publish in another process, for what a fork cannot show (strace, log lines).
_PUBLISH = textwrap.dedent(
    """
    import logging, sys
    from pathlib import Path
    from generator.site import output

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with output.staged_output(Path(sys.argv[1])) as staging:
        (staging / "trang").mkdir()
        for name in ("index.html", "trang/index.html"):
            (staging / name).write_text(sys.argv[2], encoding="utf-8")
    """
)


def _site_version(target: Path) -> str:
    versions = {
        (target / n).read_text(encoding="utf-8") for n in ("index.html", "trang/index.html")
    }
    assert len(versions) == 1, "a mix of two builds"
    return versions.pop()


@pytest.mark.parametrize("fallback", [False, True], ids=["exchange", "symlink"])
def test_a_kill_at_any_step_of_publishing_leaves_a_whole_site(tmp_path: Path, fallback: bool):
    """SIGKILL at every executed line of a publish: the target always holds the old or
    the new site, whole; the next publish removes what the killed one left."""
    target = tmp_path / "site"
    for _first_build_then_the_switch_to_a_link in range(2):
        _publish(target, "cũ", fallback=fallback)
    steps = int(_publish(target, "cũ", fallback=fallback))
    assert steps > 20
    for kill_at in range(1, steps + 1):
        _publish(target, f"mới {kill_at}", kill_at=kill_at, fallback=fallback)
        assert _site_version(target) in {"cũ", f"mới {kill_at}"} | {
            f"mới {n}" for n in range(kill_at)
        }
    _publish(target, "cuối", fallback=fallback)
    assert _site_version(target) == "cuối"
    left = sorted(p.name for p in tmp_path.iterdir())
    if fallback:
        assert target.is_symlink()
        assert left == [str(target.readlink()), "site"]
    else:
        assert left == ["site"]


def test_publishing_swaps_in_one_system_call(tmp_path: Path):
    """On Linux the publish of a new site over an old one is one renameat2(RENAME_EXCHANGE)."""
    if shutil.which("strace") is None:
        pytest.skip("strace is not installed")
    target = tmp_path / "site"
    _publish(target, "cũ")
    trace = tmp_path / "strace.txt"
    result = subprocess.run(
        [
            *("strace", "-f", "-qq", "-e", "trace=rename,renameat,renameat2", "-o", str(trace)),
            *(sys.executable, "-c", _PUBLISH, str(target), "mới"),
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        cwd=REPO,
    )
    if result.returncode != 0 and "ptrace" in result.stderr:
        pytest.skip("ptrace is not permitted here")
    assert result.returncode == 0, result.stderr
    calls = [line for line in trace.read_text().splitlines() if "rename" in line]
    assert len(calls) == 1, calls
    assert "RENAME_EXCHANGE" in calls[0]
    assert f'"{target}"' in calls[0]


def test_two_builds_to_one_folder_both_succeed(project: Path, tmp_path: Path):
    """Two `guongsang build` at once to one folder: the second waits, both exit 0."""
    out = tmp_path / "site"
    command = [sys.executable, "-m", "generator", "build", "--content", "content"]
    command += ["--config-file", "mkdocs.yml", "--out", str(out)]
    builds = [
        subprocess.Popen(command, cwd=project, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    errors = [build.communicate(timeout=240)[1] for build in builds]
    assert [build.returncode for build in builds] == [0, 0], errors
    assert (out / "ca-nhan" / "hoang-thi-nhu-thanh" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["du-an", "site"]


def test_lock_makes_the_second_publish_wait(tmp_path: Path):
    """While one publish holds a folder, another one beside it waits, then publishes."""
    target = tmp_path / "site"
    with staged_output(target) as staging:
        write_marker(staging)
        waiting = subprocess.Popen(
            [sys.executable, "-c", _PUBLISH, str(target), "thứ hai"],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        with pytest.raises(subprocess.TimeoutExpired):
            waiting.wait(timeout=1.5)
    _out, err = waiting.communicate(timeout=30)
    assert waiting.returncode == 0, err
    assert "Một lần dựng khác đang ghi vào" in err
    assert _site_version(target) == "thứ hai"


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))


def test_a_write_fault_is_a_message_and_the_old_site_stays(project: Path, tmp_path: Path):
    """A file-size limit (EFBIG) mid-build: a Vietnamese message, no traceback, old site kept."""
    out = tmp_path / "site"
    assert _build(project, out) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    result = subprocess.run(
        [
            *(sys.executable, "-m", "generator", "build", "--content", "content"),
            *("--config-file", "mkdocs.yml", "--out", str(out)),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=_limit_file_size,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "lỗi: không ghi được trang web" in result.stderr
    assert "vượt giới hạn kích thước tệp" in result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["du-an", "site"]


_FULL_DISK = textwrap.dedent(
    """
    set -e
    mount -t tmpfs -o size={size}k tmpfs "$DISK"
    cp -a "$OLD" "$DISK/site"
    cd "$PROJECT"
    set +e
    "$PYTHON" -m generator build --content content --config-file mkdocs.yml --out "$DISK/site" \
        2> "$RESULTS/err.txt"
    echo $? > "$RESULTS/code.txt"
    ls -A "$DISK" > "$RESULTS/left.txt"
    cp -a "$DISK/site" "$RESULTS/after"
    """
)


def test_a_full_disk_is_a_message_and_the_old_site_stays(project: Path, tmp_path: Path):
    """A real full disk (a small tmpfs, in a user and mount namespace): ENOSPC becomes a
    Vietnamese message without a traceback, and the old site survives whole."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare (util-linux) is not installed")
    old = tmp_path / "old"
    assert _build(project, old) == 0
    size_kb = sum(p.stat().st_size for p in old.rglob("*") if p.is_file()) // 1024
    disk, results = tmp_path / "disk", tmp_path / "results"
    disk.mkdir()
    results.mkdir()
    env = dict(os.environ, DISK=str(disk), OLD=str(old), PROJECT=str(project))
    env.update(RESULTS=str(results), PYTHON=sys.executable)
    script = _FULL_DISK.format(size=size_kb * 3 // 2 + 256)  # room for one site, not two
    result = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"no mount namespace here: {result.stderr.strip()}")
    err = (results / "err.txt").read_text(encoding="utf-8")
    assert (results / "code.txt").read_text().strip() == "1", err
    assert "Traceback" not in err
    assert "lỗi: không ghi được trang web" in err
    assert "ổ đĩa đã hết chỗ trống" in err
    assert (results / "left.txt").read_text().split() == ["site"]
    assert _tree(results / "after") == _tree(old)
    assert (results / "after" / MARKER).is_file()
