"""The browser editor end to end: headless Debian Chromium fills Decap's forms at /quan-tri/.

`guongsang serve` runs on a temporary copy of the sample content with its local backend;
the browser creates a collective, a person with a photo and a story, and what it saved must
pass `guongsang check` and build into pages. Any console error or request to another host
fails the test; screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page

from generator.mkdocs_adapter import build_site
from generator.pipeline import run
from generator.vietnamese import slugify
from tests.site_support import REPO, serve

ARTIFACTS = Path(__file__).parent / "artifacts"
SERVE = (sys.executable, "-m", "generator", "serve")
PERSON = "Đặng Thị Ngọc Thịnh"
COLLECTIVE = "Chi đoàn Thanh niên thôn Đồng Tâm"
STORY = "Người giữ lửa ở Đồng Tâm"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Preview:
    base: str
    content: Path
    log: Path


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    """`guongsang serve` on a private copy of the sample content, stopped afterwards."""
    root = tmp_path_factory.mktemp("cms")
    content = root / "content"
    shutil.copytree(REPO / "content", content)
    port = _free_port()
    log = root / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*SERVE, "--content", str(content), "--dev-addr", f"127.0.0.1:{port}"],
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "GUONGSANG_SITE_URL": f"http://127.0.0.1:{port}/"},
        )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(base + "quan-tri/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"guongsang serve did not start:\n{log.read_text()}")
            time.sleep(0.5)
        yield Preview(base, content, log)
    finally:
        process.terminate()
        process.wait(timeout=30)


@dataclass
class Watch:
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def _open(browser: Browser, preview: Preview) -> tuple[Page, Watch]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    watch = Watch()
    local = urlsplit(preview.base).netloc
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.errors.append(str(e)))
    page.on(
        "request",
        lambda r: (
            None
            if urlsplit(r.url).scheme in {"data", "blob"} or urlsplit(r.url).netloc == local
            else watch.outside.append(r.url)
        ),
    )
    page.goto(preview.base + "quan-tri/")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Cá nhân").first.wait_for()
    return page, watch


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"cms-{name}.png"))


def _choose(page: Page, label: str, text: str) -> None:
    """Type into a select or relation box and take the first match."""
    box = page.get_by_label(label, exact=False)
    box.click()
    page.keyboard.type(text)
    page.get_by_role("option").filter(has_text=text).first.click()


def _publish(page: Page) -> None:
    page.get_by_role("button", name="Công bố").first.click()
    page.get_by_text("Công bố ngay").click()
    page.get_by_text("Đã công bố").first.wait_for(timeout=20_000)


def _new(page: Page, preview: Preview, collection: str) -> None:
    page.goto(f"{preview.base}quan-tri/#/collections/{collection}/new")
    # The preview template shows its placeholder once Decap has made the empty draft;
    # typing before that is thrown away when the draft arrives.
    page.frame_locator("iframe").get_by_text("(chưa có").wait_for()


def _upload_photo(page: Page, button: str, photo: Path) -> None:
    page.get_by_role("button", name=button).first.click()
    page.locator("input[type=file]").set_input_files(str(photo))
    page.get_by_text(photo.name).first.wait_for()
    page.get_by_role("button", name="Dùng ảnh đã chọn").click()


def _pick_photo(page: Page, photo: Path) -> None:
    """Choose a photo already in content/images from the media library."""
    page.get_by_role("button", name="Chọn ảnh").first.click()
    page.get_by_text(photo.name).first.click()
    page.get_by_role("button", name="Dùng ảnh đã chọn").click()


@pytest.fixture(scope="module")
def photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("photo") / "chan-dung-ngoc-thinh.jpg"
    Image.new("RGB", (800, 600), (176, 18, 15)).save(path, quality=85)
    return path


@pytest.fixture(scope="module")
def created(browser: Browser, preview: Preview, photo: Path) -> Iterator[Watch]:
    """A collective, a person with a photo and a story, made through the forms."""
    page, watch = _open(browser, preview)
    try:
        _fill_forms(page, preview, photo)
    except Exception:
        _shot(page, "failure")
        (ARTIFACTS / "cms-failure.txt").write_text(page.inner_text("body"), encoding="utf-8")
        raise
    finally:
        page.close()
    yield watch


def _fill_forms(page: Page, preview: Preview, photo: Path) -> None:
    _shot(page, "collections")

    _new(page, preview, "collectives")
    page.get_by_label("Tên tập thể").fill(COLLECTIVE)
    page.get_by_label("Loại tập thể").fill("Đoàn thanh niên")
    page.get_by_label("Tóm tắt").fill("Chi đoàn đi đầu trong phong trào thanh niên tình nguyện.")
    _choose(page, "Tỉnh/thành phố", "Bình Thuận")
    page.get_by_label("Quận/huyện").fill("Tuy Phong")
    _choose(page, "Lĩnh vực", "Giáo dục")
    _publish(page)
    _shot(page, "collective")

    _new(page, preview, "people")
    page.get_by_label("Họ và tên").fill(PERSON)
    page.get_by_label("Chức vụ").fill("Bí thư Chi đoàn")
    _choose(page, "Thành viên của tập thể", COLLECTIVE)
    page.get_by_label("Năm sinh").fill("1994")
    page.get_by_label("Tóm tắt").fill("Người dạy chữ cho trẻ em thôn Đồng Tâm suốt mười năm.")
    _choose(page, "Tỉnh/thành phố", "Cao Bằng")
    _choose(page, "Lĩnh vực", "Giáo dục")
    page.get_by_role("button", name="Thêm khen thưởng").click()
    page.get_by_label("Hình thức khen thưởng").fill("Bằng khen")
    _choose(page, "Cấp khen", "Tỉnh")
    page.get_by_label("Cơ quan khen thưởng").fill("UBND tỉnh Cao Bằng")
    page.get_by_label("Năm", exact=True).fill("2024")
    _upload_photo(page, "Chọn ảnh", photo)
    page.get_by_label("Chú thích ảnh").fill("Chị Thịnh trên lớp")
    _shot(page, "person-form")
    _publish(page)

    _new(page, preview, "stories")
    page.get_by_label("Tiêu đề", exact=True).fill(STORY)
    _choose(page, "Cá nhân, tập thể trong bài", "Ngọc Thịnh")
    _choose(page, "Cá nhân, tập thể trong bài", COLLECTIVE)
    page.get_by_label("Sa-pô").fill("Mười năm, một lớp học, hàng trăm em nhỏ biết chữ.")
    _pick_photo(page, photo)
    page.get_by_label("Chú thích ảnh").fill("Lớp học buổi tối")
    editor = page.locator("[data-slate-editor]").first
    editor.click()
    page.keyboard.type("Lớp học mở mỗi tối ở nhà văn hóa thôn.")
    _shot(page, "story-form")
    _publish(page)


def test_editor_makes_no_outside_request_and_logs_no_error(created: Watch):
    """Every request stays on the preview server; the console has no error."""
    assert created.outside == []
    assert created.errors == []


def test_saved_records_use_the_id_rule(created: Watch, preview: Preview):
    """File names follow the project's id rule (đ→d), the same as `guongsang new`."""
    assert (preview.content / "people" / f"{slugify(PERSON)}.yml").is_file()
    assert (preview.content / "collectives" / f"{slugify(COLLECTIVE)}.yml").is_file()
    assert (preview.content / "stories" / f"{slugify(STORY)}.md").is_file()


def test_what_the_editor_saved_passes_check(created: Watch, preview: Preview):
    """`guongsang check` finds no error in the content the forms wrote."""
    outcome = run(preview.content)
    assert [str(d) for d in outcome.report.errors] == []
    assert outcome.index is not None
    person = outcome.index.records[slugify(PERSON)]
    assert person.model.member_of == [slugify(COLLECTIVE)]
    assert person.model.photo is not None
    assert (preview.content / person.model.photo.file).is_file()
    story = outcome.index.story_by_id[slugify(STORY)]
    assert set(story.model.subjects) == {slugify(PERSON), slugify(COLLECTIVE)}
    assert story.model.image is not None and story.model.image.file == person.model.photo.file


def test_saved_files_are_minimal_and_in_template_order(created: Watch, preview: Preview):
    """No empty keys are written, and keys follow the `guongsang new` template's order."""
    text = (preview.content / "people" / f"{slugify(PERSON)}.yml").read_text(encoding="utf-8")
    assert '""' not in text and "{}" not in text and "[]" not in text
    keys = [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()]
    assert keys == [
        "name",
        "position",
        "member_of",
        "birth_year",
        "summary",
        "place",
        "fields",
        "awards",
        "photo",
        "published",
    ]


def test_saved_records_build_into_pages(created: Watch, preview: Preview):
    """The preview rebuilt itself: the new profile and story pages are served."""
    deadline = time.monotonic() + 60
    urls = [f"ca-nhan/{slugify(PERSON)}/", f"bai-viet/{slugify(STORY)}/"]
    missing = list(urls)
    while missing and time.monotonic() < deadline:
        for url in list(missing):
            try:
                with urllib.request.urlopen(preview.base + url, timeout=5) as response:
                    if PERSON in response.read().decode("utf-8"):
                        missing.remove(url)
            except OSError:
                pass
        time.sleep(1)
    assert missing == []


def test_interface_is_vietnamese_everywhere(browser: Browser, preview: Preview, created: Watch):
    """Every phrase Decap has in English has a Vietnamese one (its own or ours)."""
    page, watch = _open(browser, preview)
    missing = page.evaluate(
        """() => {
          const flat = (o, p = "") => Object.entries(o).flatMap(([k, v]) =>
            v && typeof v === "object" ? flat(v, p + k + ".") : [p + k]);
          const vi = new Set(flat(CMS.getLocale("vi")));
          return flat(CMS.getLocale("en")).filter((k) => !vi.has(k));
        }"""
    )
    _shot(page, "home")
    page.close()
    assert missing == []
    assert watch.errors == [] and watch.outside == []


def _edit(page: Page, preview: Preview, entry: str, label: str, value: str) -> None:
    page.goto(f"{preview.base}quan-tri/#/collections/people/entries/{entry}")
    box = page.get_by_label(label)
    box.wait_for()
    page.frame_locator("iframe").locator("h1").first.wait_for()
    box.fill(value)
    _publish(page)


def _changed_lines(before: str, after: str) -> tuple[int, int]:
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    added = sum(1 for d in diff if d.startswith("+") and not d.startswith("+++"))
    removed = sum(1 for d in diff if d.startswith("-") and not d.startswith("---"))
    return added, removed


def test_one_field_edit_of_an_existing_record(browser: Browser, preview: Preview, created: Watch):
    """Measured: the first save normalises the file, a later one-field edit is one line."""
    path = preview.content / "people" / "hoang-thi-nhu-thanh.yml"
    original = path.read_text(encoding="utf-8")
    page, watch = _open(browser, preview)
    _edit(page, preview, "hoang-thi-nhu-thanh", "Chức vụ", "Trưởng ban Quản lý chợ Đông Ba, Huế")
    first = path.read_text(encoding="utf-8")
    _edit(page, preview, "hoang-thi-nhu-thanh", "Đơn vị công tác", "Ban Quản lý chợ Đông Ba, Huế")
    second = path.read_text(encoding="utf-8")
    page.close()
    measured = {"first": _changed_lines(original, first), "second": _changed_lines(first, second)}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "cms-edit-diff.json").write_text(json.dumps(measured), encoding="utf-8")
    assert measured["second"] == (1, 1)
    assert run(preview.content).report.errors == []
    assert watch.errors == [] and watch.outside == []


@pytest.fixture(scope="module")
def github_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample site built as the Pages workflow would, with the GitHub settings set."""
    root = tmp_path_factory.mktemp("github")
    content = root / "content"
    shutil.copytree(REPO / "content", content)
    settings = {"GUONGSANG_CMS_REPO": "ban-tuyen-giao/guong-sang", "GUONGSANG_CMS_BRANCH": "main"}
    with pytest.MonkeyPatch.context() as env:
        for key, value in settings.items():
            env.setenv(key, value)
        outcome = build_site(config_file=REPO / "mkdocs.yml", content=content, out=root / "site")
    assert outcome.index is not None
    yield root / "site"


def test_published_editor_offers_the_github_login(browser: Browser, github_build: Path):
    """On the built site the editor starts with GitHub's login and asks no other host."""
    with serve(github_build) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        outside: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on(
            "request",
            lambda r: None if r.url.startswith((base, "data:", "blob:")) else outside.append(r.url),
        )
        page.goto(base + "quan-tri/")
        page.get_by_role("button", name="Đăng nhập bằng GitHub").wait_for()
        _shot(page, "github-login")
        context.close()
    assert errors == [] and outside == []
