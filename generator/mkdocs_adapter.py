"""The MkDocs plugin and the `build`/`serve` wrappers: the only module that imports mkdocs.

Each event hands over to plain functions in `generator.site`, so the site can move to
another tool (MkDocs 2 drops plugins) by rewriting this file alone. Pages are virtual
(`File.generated`) with an empty Markdown source: Python-Markdown never sees content text.
Their bodies are rendered just before MkDocs writes each page and dropped right after, so
memory does not grow with the number of pages.
"""

from __future__ import annotations

import errno
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage

from generator import cms
from generator.diagnostics import Position, Report, Severity, format_text
from generator.index import Index
from generator.parallel import WorkerError, default_jobs
from generator.pipeline import Outcome, run
from generator.search import write_search_index, write_search_index_soon
from generator.site import csp, frames, urls
from generator.site.assemble import DEFAULT_IMAGE, PageMeta, Site, site_url_warning
from generator.site.incremental import Rebuild, RebuildTracker
from generator.site.minify import minify
from generator.site.opendata import write_open_data
from generator.site.output import (
    OutputFolderError,
    Protected,
    check_output_folder,
    describe_os_error,
    staged_output,
    write_marker,
)
from generator.site.preview import PreviewStatus, ResponseFilter
from generator.site.writer import write_all, write_framed

__all__ = ["GuongSangPlugin", "SiteBuildError", "build_site", "serve_site"]

PLUGIN_NAME = "guongsang"
# `guongsang build/serve --content DIR` reach the plugin this way: `mkdocs serve` reloads
# the configuration (and the plugin) on every rebuild, so no object can carry it across.
CONTENT_ENV = "GUONGSANG_CONTENT"
# Theme files that are not the site's: the book's templates and assets, the page-body
# templates (read by generator.site.render), and Material's search scripts, which only its
# search plugin loads (the site has none: it fails Vietnamese, DESIGN §5).
_NOT_PUBLISHED = (
    "book/",
    "guongsang/",
    "assets/javascripts/lunr/",
    "assets/javascripts/workers/",
    # Material's script and palette: theme/base.html loads neither (the site uses no Material
    # script, and its colours are its own), and nobody reads the source maps.
    "assets/javascripts/bundle.",
    "assets/stylesheets/palette.",
    "quan-tri/",  # the browser editor's sources; generator.cms writes /quan-tri/ itself
)

log = logging.getLogger(f"mkdocs.plugins.{PLUGIN_NAME}")


# `mkdocs serve` makes new plugin objects for every rebuild but calls on_startup only once,
# so what a preview remembers between rebuilds lives here, per content folder.
_preview = {"incremental": False, "serving": False}
_TRACKERS: dict[str, RebuildTracker] = {}
_PREVIEW_STATUS = PreviewStatus()


class SiteBuildError(Exception):
    """MkDocs refused the build (configuration, strict-mode warning, theme error)."""


class GuongSangConfig(base.Config):  # type: ignore[no-untyped-call]  # mkdocs is untyped there
    content = c.Type(str, default="content")
    jobs = c.Type(int, default=0)  # page-writing processes; 0: one per core


class GuongSangPlugin(BasePlugin[GuongSangConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.site: Site | None = None
        self.content_root: Path | None = None
        self.preloaded: Outcome | None = None  # set by build_site, which already loaded
        self.hand_written: list[str] = []  # URLs of the pages in docs_dir
        self.rebuild = Rebuild(pages=None)
        self.command = "build"
        # Page frames (generator.site.frames): MkDocs renders one page per frame, the
        # plugin writes the pages of that kind from it after MkDocs is done.
        self.use_frames = True  # build_site(frames=False): every page through MkDocs
        self.jobs: int | None = None  # set by build_site; else the `jobs` option
        self.frame_keys: dict[str, frames.FrameKey] = {}  # frame page src_uri → key
        self.frames: dict[frames.FrameKey, frames.Frame] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        _preview["incremental"] = command == "serve" and dirty
        _preview["serving"] = command == "serve"  # a preview is local on purpose
        self.command = command

    def _tracker(self) -> RebuildTracker:
        if self.content_root is None:
            raise PluginError("guongsang: on_config has not run")
        return _TRACKERS.setdefault(str(self.content_root.resolve()), RebuildTracker())

    # Late: content is loaded against the configuration other plugins have settled
    # (site_url, theme.custom_dir).
    @event_priority(-50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.content_root = content_root(self.config.content, config.config_file_path)
        if self.command == "build" and self.preloaded is None:
            guard_output(config, self.content_root)  # plain `mkdocs build`
        cache = self._tracker().cache if _preview["incremental"] else None
        outcome = self.preloaded or run(self.content_root, cache=cache)
        log_report(outcome.report)
        theme_dir = config.theme.custom_dir
        if theme_dir is None:
            raise PluginError("mkdocs.yml: `theme.custom_dir` phải trỏ tới thư mục `theme/`")
        index = self._index_to_build(outcome)
        if index is None:
            self.site = None  # a preview with no good build yet: the error page only
            return config
        self.site = Site(
            index,
            theme_dir=Path(theme_dir),
            site_url=config.site_url or "",
            site_description=config.site_description or "",
            report_url=str(config.extra.get("report_url") or ""),
            data_licence=(
                str(config.extra.get("data_licence") or ""),
                str(config.extra.get("data_licence_url") or ""),
            ),
        )
        warning = site_url_warning(config.site_url or "")
        if warning and not self.preloaded and not _preview["serving"]:
            log.info("cảnh báo: %s", warning)  # info: a warning would fail strict builds
        return config

    def _index_to_build(self, outcome: Outcome) -> Index | None:
        """The index of this content; in a preview of invalid content, the last good one
        (the errors go to the banner instead of stopping the server)."""
        if self.command == "serve" and self.content_root is not None:
            errors = [format_text(d) for d in outcome.report.errors]
            key = str(self.content_root.resolve())
            return _PREVIEW_STATUS.settle(key, outcome.index, errors)
        if outcome.index is None:
            raise PluginError(
                f"Nội dung có {len(outcome.report.errors)} lỗi; trang web chưa được dựng."
            )
        return outcome.index

    # Early: other plugins' on_files should see the site's pages and images.
    @event_priority(50)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.hand_written = [file.url for file in files.documentation_pages()]
        if self.site is None:
            return drop_theme_internals(files)
        site = self.site
        if _preview["incremental"]:
            self.rebuild = self._tracker().next_build(site.index, site.plan, site.theme_dir)
        self.frame_keys = framed_keys(site) if self.use_frames else {}
        return add_site_files(files, config, site, self.rebuild, self.frame_keys)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        # The theme's sections bar and share image come from the one URL table.
        env.globals["gs_urls"] = urls
        env.globals["guongsang_csp"] = csp.SITE_POLICY  # theme/main.html's meta tag
        env.globals["material_stylesheet"] = material_stylesheet(config.theme.dirs)
        return env

    def on_page_markdown(
        self, markdown: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        if self.site is None:
            return markdown
        key = self.frame_keys.get(page.file.src_uri)
        meta = frame_meta(key) if key else page_meta(self.site, page, config)
        page.meta.update(meta)
        return markdown

    def on_page_context(
        self, context: Any, /, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        if page.file.src_uri in self.frame_keys:
            page.content = frames.marker(frames.BODY)
            if page.canonical_url:
                page.canonical_url = frames.marker(frames.URL)
            return context
        site = self.site
        planned = site.page(page.file.src_uri) if site and page.file.generated_by else None
        if site is not None and planned is not None:
            page.content = site.render(planned)
        return context

    # Last: the policy hashes the inline scripts of the final HTML, so any plugin that
    # changes a page must have done so already.
    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        if page.file.generated_by:
            page.content = None  # written out: let it go
        output = with_csp(minify(output))  # hashes of the final, minified scripts
        key = self.frame_keys.get(page.file.src_uri)
        if key is not None:
            try:
                self.frames[key] = frames.split(output)
            except frames.FrameError as error:
                raise PluginError(f"{page.file.src_uri}: {error}") from error
        return output

    @event_priority(-100)  # last, as on_post_page
    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return with_csp(minify(output_content))  # 404.html

    # Late: the feed, sitemap and search index describe the finished output, and the
    # marker is written once the build is complete.
    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        write_marker(site_dir)
        (site_dir / csp.HEADERS_FILE).write_text(csp.headers_file(), "utf-8")
        if self.site is None:
            return  # a preview with no good build yet
        site = self.site
        remove_pages(site_dir, [frames.frame_url(key) for key in self.frames])
        pages = [
            page
            for page in site.pages()
            if self.rebuild.wants(page.src_uri)
            and frames.frame_key(page.url, page.og_type) in self.frames
        ]
        extra = partial(write_extra_files, site, site_dir, self.hand_written)
        if _preview["incremental"]:
            # A preview serves the edited page first; its search index follows in the
            # background, from a thread: the preview server runs threads, so no fork.
            write_framed(site, self.frames, pages, site_dir)
            write_search_index_soon(site.index, site_dir)
            extra()
        else:
            jobs = self.jobs or self.config.jobs or default_jobs(len(pages))
            search = partial(write_search_index, site.index, site_dir)
            try:
                written = write_all(
                    site, self.frames, pages, site_dir, jobs=jobs, alongside=[search, extra]
                )
            except WorkerError as error:
                raise PluginError(f"guongsang: một tiến trình ghi trang bị lỗi:\n{error}") from None
            log.info(
                "%d trang từ khung, %.1f MB, %d tiến trình",
                written.pages,
                written.bytes / 1e6,
                jobs,
            )
        write_admin(site, config)
        remove_pages(site_dir, self.rebuild.removed_urls)

    # Last: the response filter wraps whatever handler other plugins have installed.
    @event_priority(-100)
    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        if self.content_root is not None:
            server.watch(str(self.content_root))
            offer_local_editing(server, config, self.content_root)
        install_preview_filter(server)
        return server


def content_root(option: str, config_file: str | None) -> Path:
    """The content folder: from the CLI, else the plugin option beside mkdocs.yml."""
    chosen = Path(os.environ.get(CONTENT_ENV) or option)
    if chosen.is_absolute() or config_file is None:
        return chosen
    return Path(config_file).parent / chosen


def log_report(report: Report) -> None:
    """The same lines as `guongsang check`. Content warnings stay at info level: they are
    the editors' to fix, and must not trip MkDocs' strict mode."""
    for diagnostic in report.sorted():
        level = logging.ERROR if diagnostic.severity is Severity.ERROR else logging.INFO
        log.log(level, format_text(diagnostic))


def install_preview_filter(server: LiveReloadServer) -> None:
    """Every HTML answer of the preview server shows the content errors, if any; the
    server's own handler stays what it wraps (wsgiref's public `set_app`)."""
    app = server.get_app() or server.serve_request
    server.set_app(ResponseFilter(app, _PREVIEW_STATUS, csp.with_hashes))


def with_csp(html: str) -> str:
    return csp.with_hashes(html.encode()).decode()


def material_stylesheet(theme_dirs: list[str]) -> str:
    """Material's main stylesheet, whose name carries a hash that changes with its version."""
    for folder in theme_dirs:
        for path in sorted(Path(folder).glob("assets/stylesheets/main.*.min.css")):
            return f"assets/stylesheets/{path.name}"
    raise PluginError("không tìm thấy tệp kiểu (stylesheet) của Material trong giao diện.")


def drop_theme_internals(files: Files) -> Files:
    for file in list(files):
        internal = file.src_uri.startswith(_NOT_PUBLISHED) or file.src_uri.endswith(".map")
        if internal and not file.is_documentation_page():
            files.remove(file)
    return files


def framed_keys(site: Site) -> dict[str, frames.FrameKey]:
    """The frame page (src_uri) of every kind of page that is written from a frame."""
    keys = {frames.frame_key(page.url, page.og_type) for page in site.pages()}
    return {frames.frame_src_uri(key): key for key in sorted(k for k in keys if k)}


def frame_meta(key: frames.FrameKey) -> dict[str, Any]:
    meta = PageMeta(
        title=frames.marker(frames.TITLE),
        description=frames.marker(frames.DESCRIPTION),
        og_type=key[2],
        image=frames.marker(frames.IMAGE),
        head=frames.marker(frames.HEAD),
    )
    return {"title": meta.title, "description": meta.description, "guongsang": meta}


def add_site_files(
    files: Files,
    config: MkDocsConfig,
    site: Site,
    rebuild: Rebuild | None = None,
    frame_keys: dict[str, frames.FrameKey] | None = None,
) -> Files:
    drop_theme_internals(files)
    framed = set((frame_keys or {}).values())
    for src_uri in frame_keys or {}:
        files.append(
            File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        )
    for page in site.pages():
        if frames.frame_key(page.url, page.og_type) in framed:
            continue  # written from its frame after the build (on_post_build)
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(
                f"`{page.src_uri}` trong docs_dir trùng với trang do Gương sáng tạo ra; "
                "hãy đổi tên tệp đó"
            )
        if rebuild is not None and not rebuild.wants(page.src_uri):
            # A preview rebuild keeps the page written last time (dirty builds do not clean
            # the output) and spares MkDocs a Page object for it; page bodies carry their
            # own links, so no other page needs it among MkDocs' files.
            continue
        files.append(
            File.generated(config, page.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        )
    for published, source in site.images():
        files.append(
            File.generated(
                config, published, abs_src_path=str(source), inclusion=InclusionLevel.NOT_IN_NAV
            )
        )
    return files


def page_meta(site: Site, page: MkDocsPage, config: MkDocsConfig) -> dict[str, Any]:
    planned = site.page(page.file.src_uri) if page.file.generated_by else None
    if planned is not None:
        meta = site.meta(planned)
    else:
        meta = PageMeta(
            title=str(page.meta.get("title") or page.title or config.site_name),
            description=str(page.meta.get("description") or config.site_description or ""),
            og_type="website",
            image=site.absolute(DEFAULT_IMAGE),
        )
    return {"title": meta.title, "description": meta.description, "guongsang": meta}


def remove_pages(site_dir: Path, urls: list[str]) -> None:
    """A preview drops the pages of records that were deleted or unpublished."""
    for url in urls:
        (site_dir / url / "index.html").unlink(missing_ok=True)


def offer_local_editing(server: LiveReloadServer, config: MkDocsConfig, content: Path) -> None:
    """The browser editor's local backend, on the preview's own address when it is local."""
    app = server.get_app()
    if app is None or not cms.serves_locally(config.dev_addr.host):
        return
    port = config.dev_addr.port
    server.set_app(cms.local_backend(app, content, port=port, site_dir=Path(server.root)))
    log.info(
        "Trình soạn thảo: http://%s:%s/quan-tri/ (sửa thẳng thư mục %s)",
        config.dev_addr.host,
        port,
        content,
    )


def write_admin(site: Site, config: MkDocsConfig) -> None:
    """/quan-tri/, the browser editor; a preview also offers it the local backend."""
    try:
        cms.publish_admin(
            Path(config.site_dir),
            repo_root=Path(config.config_file_path or "mkdocs.yml").parent,
            theme_dir=site.theme_dir,
            index=site.index,
            extra=config.extra,
            site_url=site.site_url,
            local=_preview["serving"] and cms.serves_locally(config.dev_addr.host),
        )
    except cms.CmsError as error:
        raise PluginError(str(error)) from None


def write_extra_files(site: Site, site_dir: Path, hand_written: list[str]) -> None:
    for name, data in site.extra_files(hand_written).items():
        (site_dir / name).write_bytes(data)
    write_open_data(site.index, site.site_url, site.data_licence[0], site_dir)


@contextmanager
def _content_env(content: Path) -> Iterator[None]:
    previous = os.environ.get(CONTENT_ENV)
    os.environ[CONTENT_ENV] = str(content.resolve())
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(CONTENT_ENV, None)
        else:
            os.environ[CONTENT_ENV] = previous


def protected_folders(config: MkDocsConfig, content: Path) -> list[Protected]:
    """What an output folder must not be, hold or (but for the project) lie inside."""
    project = Path(config.config_file_path or ".").parent
    folders = [
        Protected(project, "thư mục dự án (nơi có mkdocs.yml)", may_hold_output=True),
        Protected(project / ".git", "kho Git của dự án"),
        Protected(content, "thư mục nội dung"),
        Protected(Path(config.docs_dir), "thư mục trang viết tay (`docs_dir`)"),
        Protected(Path(__file__).parent, "mã nguồn guongsang"),
    ]
    if config.theme.custom_dir:
        folders.append(Protected(Path(config.theme.custom_dir), "thư mục giao diện (`theme/`)"))
    return folders


def guard_output(config: MkDocsConfig, content: Path, out: Path | None = None) -> None:
    try:
        check_output_folder(out or Path(config.site_dir), protected_folders(config, content))
    except OutputFolderError as error:
        raise PluginError(str(error)) from None


def build_site(
    *,
    config_file: Path,
    content: Path,
    out: Path,
    site_url: str | None = None,
    jobs: int | None = None,
    frames: bool = True,
) -> Outcome:
    """Check the content, then build into a staging folder that replaces `out` on success.

    Content errors are returned in the outcome (index None) and nothing is built; an
    output folder that must not be replaced, a write fault or any MkDocs failure raises
    SiteBuildError. Either way `out` is left as it was.
    """
    outcome = run(content, workers=jobs or default_jobs())
    if outcome.index is None:
        return outcome
    overrides: dict[str, Any] = {"strict": True}
    if site_url:
        overrides["site_url"] = site_url
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        with _content_env(content):
            config = load_config(str(config_file), **overrides)
            guard_output(config, content, out)
            plugin = config.plugins.get(PLUGIN_NAME)
            if not isinstance(plugin, GuongSangPlugin):
                raise SiteBuildError(f"{config_file}: thiếu `plugins: [{PLUGIN_NAME}]`")
            plugin.preloaded = outcome
            if warning := site_url_warning(config.site_url or ""):
                outcome.report.warning(config_file, _line_of(config_file, "site_url:"), warning)
            plugin.jobs = jobs
            plugin.use_frames = frames
            with staged_output(out) as staging:
                config.site_dir = str(staging)
                _build(config)
    except MkDocsException as error:
        raise SiteBuildError(error.format_message()) from None
    except OSError as error:
        raise SiteBuildError(describe_os_error(error, out)) from None
    return outcome


def _line_of(path: Path, prefix: str) -> Position:
    """Where a top-level key is written in a config file, for a diagnostic pointing at it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next((n for n, line in enumerate(lines, 1) if line.startswith(prefix)), 1)
    return Position(number, 1)


def _build(config: MkDocsConfig) -> None:
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


def serve_site(*, config_file: Path, content: Path, dev_addr: str | None = None) -> None:
    """Live preview: MkDocs' server, rebuilding on edits under `content` (see on_serve)."""
    os.environ[CONTENT_ENV] = str(content.resolve())
    # Dirty builds write only the pages an edit touches (generator.site.incremental); MkDocs
    # warns about every dirty build, so the preview cannot run in strict mode.
    options: dict[str, Any] = {"dev_addr": dev_addr} if dev_addr else {}
    try:
        mkdocs_serve(
            config_file=str(config_file),
            livereload=True,
            build_type="dirty",
            strict=False,
            **options,
        )
    except MkDocsException as error:
        raise SiteBuildError(error.format_message()) from error
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise SiteBuildError(
                f"địa chỉ {dev_addr or '127.0.0.1:8000'} đang được một chương trình khác dùng; "
                "hãy tắt nó, hoặc chọn cổng khác, ví dụ `--dev-addr 127.0.0.1:8001`"
            ) from None
        raise SiteBuildError(f"máy chủ xem trước dừng: {error.strerror or error}") from None
