"""The browser editor's local backend: Decap's proxy protocol, answered by `guongsang serve`.

Decap CMS talks to a "local backend" with one JSON POST per action (`info`,
`entriesByFolder`, `persistEntry`, `persistMedia`, …), the protocol of npm `decap-server`
in its file-system mode. Answering it here, on the preview server's own address, instead of
starting decap-server beside it (see docs/benchmarks.md, "Browser editor backend"):

- nothing listens anywhere but the preview: decap-server binds every interface unless
  `BIND_HOST` is set, and has no login;
- requests are refused unless they come from this machine, name this server in `Host`
  (no DNS rebinding) and `Origin` (no other site's page), and are JSON (no simple-request
  CSRF);
- paths are confined to the content folder's record folders and `images/`, written
  atomically, never through a symlink; a photo is refused unless it is really a JPEG, PNG or
  WebP with the right suffix, the same rule as `guongsang check`;
- no Node.js process to start, watch and stop.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from generator.images import SUFFIX_FORMATS, ImageProblem, inspect_image

# The collections' folders in config.yml are written from the repository's root.
CONTENT_PREFIX = "content"
PAGE_SUFFIX = "/quan-tri/"
API_SUFFIX = "/quan-tri/api/v1"
MAX_REQUEST_BYTES = 40 * 1024 * 1024  # a 25 MB photo, base64-encoded
_RECORD_FOLDERS = {"people": ".yml", "collectives": ".yml", "stories": ".md", "books": ".yml"}
_MEDIA_FOLDER = "images"

Environ = dict[str, Any]
StartResponse = Callable[..., Any]
WsgiApp = Callable[[Environ, StartResponse], Iterable[bytes]]


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


class ContentFolder:
    """The files the editor may read and write, by their path in the repository."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def resolve(self, repo_path: str, *, writing: bool = False) -> Path:
        parts = PurePosixPath(repo_path.lstrip("/")).parts
        if len(parts) < 3 or parts[0] != CONTENT_PREFIX or any(p in {"..", "."} for p in parts):
            raise Refused(403, f"đường dẫn `{repo_path}` nằm ngoài thư mục nội dung")
        folder, rest = parts[1], parts[2:]
        if folder in _RECORD_FOLDERS:
            if len(rest) != 1 or (writing and not rest[0].endswith(_RECORD_FOLDERS[folder])):
                raise Refused(403, f"không ghi được `{repo_path}` vào `{folder}/`")
        elif folder == _MEDIA_FOLDER:
            if writing and PurePosixPath(rest[-1]).suffix.lower() not in SUFFIX_FORMATS:
                raise Refused(
                    422, "ảnh phải là tệp .jpg, .jpeg, .png hoặc .webp (JPEG, PNG hoặc WebP)"
                )
        elif not (folder == "taxonomies" and not writing):
            raise Refused(403, f"trình soạn thảo không dùng thư mục `{folder}/`")
        path = self.root.joinpath(folder, *rest)
        current = self.root
        for part in (folder, *rest):
            current = current / part
            if current.is_symlink():
                raise Refused(403, f"`{repo_path}` đi qua một liên kết tượng trưng (symlink)")
        return path

    def repo_path(self, path: Path) -> str:
        return "/".join((CONTENT_PREFIX, *path.relative_to(self.root).parts))

    def entry(self, repo_path: str, path: Path | None = None) -> dict[str, Any]:
        """`path`, when given, was found by `listing` and is already known to be safe."""
        try:
            data = (path or self.resolve(repo_path)).read_bytes()
        except (OSError, Refused):
            return {"data": None, "file": {"path": repo_path, "id": None}}
        return {"data": data.decode("utf-8"), "file": {"path": repo_path, "id": _sha256(data)}}

    def listing(self, folder: str, extension: str) -> list[tuple[str, Path]]:
        """(repository path, file) of the regular files in one of the editor's folders."""
        parts = PurePosixPath(folder.strip("/")).parts
        known = (*_RECORD_FOLDERS, _MEDIA_FOLDER)
        if len(parts) != 2 or parts[0] != CONTENT_PREFIX or parts[1] not in known:
            raise Refused(403, f"thư mục `{folder}` nằm ngoài thư mục nội dung")
        directory = self.root / parts[1]
        if directory.is_symlink():
            raise Refused(403, f"`{folder}` là một liên kết tượng trưng (symlink)")
        if not directory.is_dir():
            return []
        prefix = f"{CONTENT_PREFIX}/{parts[1]}/"
        with os.scandir(directory) as entries:
            return sorted(
                (prefix + e.name, Path(e.path))
                for e in entries
                if e.is_file(follow_symlinks=False)
                and not e.name.startswith(".")
                and e.name.endswith(extension)
            )

    def media(self, repo_path: str, path: Path | None = None) -> dict[str, Any]:
        data = (path or self.resolve(repo_path)).read_bytes()
        return {
            "id": _sha256(data),
            "content": base64.b64encode(data).decode("ascii"),
            "encoding": "base64",
            "path": repo_path,
            "name": PurePosixPath(repo_path).name,
        }

    def write(self, repo_path: str, data: bytes) -> Path:
        path = self.resolve(repo_path, writing=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".cms-", suffix=path.suffix, dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            if path.relative_to(self.root).parts[0] == _MEDIA_FOLDER:
                _check_photo(Path(temporary))
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return path

    def delete(self, repo_path: str) -> None:
        self.resolve(repo_path, writing=True).unlink(missing_ok=True)


def _check_photo(path: Path) -> None:
    try:
        inspect_image(path)
    except ImageProblem as problem:
        raise Refused(422, str(problem)) from None


class Actions:
    """One method per action of Decap's proxy protocol (file-system mode)."""

    def __init__(self, folder: ContentFolder) -> None:
        self.folder = folder

    def info(self, params: dict[str, Any]) -> Any:
        return {
            "repo": self.folder.root.parent.name,
            "publish_modes": ["simple"],
            "type": "local_fs",
        }

    def entriesByFolder(self, params: dict[str, Any]) -> Any:
        found = self.folder.listing(str(params["folder"]), str(params.get("extension", "")))
        return [self.folder.entry(repo_path, path) for repo_path, path in found]

    def entriesByFiles(self, params: dict[str, Any]) -> Any:
        return [self.folder.entry(str(f["path"])) for f in params["files"]]

    def getEntry(self, params: dict[str, Any]) -> Any:
        return self.folder.entry(str(params["path"]))

    def persistEntry(self, params: dict[str, Any]) -> Any:
        files = params.get("dataFiles") or [params["entry"]]
        for asset in params.get("assets", []):
            self.folder.write(str(asset["path"]), _decode(asset))
        for file in files:
            self.folder.write(str(file["path"]), str(file["raw"]).encode("utf-8"))
            if file.get("newPath"):
                target = self.folder.resolve(str(file["newPath"]), writing=True)
                self.folder.resolve(str(file["path"])).replace(target)
        return {"message": "entry persisted"}

    def getMedia(self, params: dict[str, Any]) -> Any:
        found = self.folder.listing(str(params["mediaFolder"]), "")
        return [self.folder.media(repo_path, path) for repo_path, path in found]

    def getMediaFile(self, params: dict[str, Any]) -> Any:
        return self.folder.media(str(params["path"]))

    def persistMedia(self, params: dict[str, Any]) -> Any:
        asset = params["asset"]
        path = self.folder.write(str(asset["path"]), _decode(asset))
        return self.folder.media(self.folder.repo_path(path))

    def deleteFile(self, params: dict[str, Any]) -> Any:
        self.folder.delete(str(params["path"]))
        return {"message": f"deleted file {params['path']}"}

    def deleteFiles(self, params: dict[str, Any]) -> Any:
        for path in params["paths"]:
            self.folder.delete(str(path))
        return {"message": "deleted files"}

    def getDeployPreview(self, params: dict[str, Any]) -> Any:
        return None


def _decode(asset: dict[str, Any]) -> bytes:
    if asset.get("encoding") != "base64":
        raise Refused(422, "tệp tải lên phải mã hóa base64")
    try:
        return base64.b64decode(str(asset["content"]), validate=True)
    except ValueError:
        raise Refused(422, "nội dung tệp tải lên bị hỏng (base64 không hợp lệ)") from None


_ACTIONS = frozenset(
    name for name in vars(Actions) if not name.startswith("_") and callable(vars(Actions)[name])
)


class LocalBackend:
    """WSGI middleware: answers `…/quan-tri/api/v1`, hands every other request to `app`."""

    def __init__(self, app: WsgiApp, content_root: Path, *, port: int, site_dir: Path) -> None:
        self.app = app
        self.actions = Actions(ContentFolder(content_root))
        self.port = port
        self.site_dir = site_dir

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO", ""))
        if path.endswith((PAGE_SUFFIX, f"{PAGE_SUFFIX}index.html")):
            return self._page(start_response)
        if not path.rstrip("/").endswith(API_SUFFIX):
            return self.app(environ, start_response)
        try:
            self._guard(environ)
            result = self.handle(self._body(environ))
            status, payload = 200, result
        except Refused as refused:
            status, payload = refused.status, {"error": refused.message}
        except (KeyError, TypeError, ValueError) as error:
            status, payload = 422, {"error": f"yêu cầu không hợp lệ ({error})"}
        except OSError as error:
            status, payload = 500, {"error": f"không ghi/đọc được tệp ({error.strerror})"}
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        reasons = {
            200: "OK",
            403: "Forbidden",
            413: "Too Large",
            415: "Unsupported",
            422: "Unprocessable",
            500: "Error",
        }
        start_response(
            f"{status} {reasons.get(status, 'Error')}",
            [
                ("Content-Type", "application/json; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
        return [body]

    def _page(self, start_response: StartResponse) -> Iterable[bytes]:
        """The editor page as built: the preview would add its live-reload script, which
        the page's CSP refuses, and a reload on every save would throw the form away."""
        try:
            body = (self.site_dir / "quan-tri" / "index.html").read_bytes()
        except OSError:
            start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
            return ["Chưa dựng xong trang /quan-tri/".encode()]
        start_response(
            "200 OK",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
            ],
        )
        return [body]

    def handle(self, request: Any) -> Any:
        if not isinstance(request, dict) or request.get("action") not in _ACTIONS:
            raise Refused(422, "hành động không được hỗ trợ")
        params = request.get("params") or {}
        if not isinstance(params, dict):
            raise Refused(422, "`params` phải là một đối tượng JSON")
        return getattr(self.actions, str(request["action"]))(params)

    def _allowed_hosts(self) -> set[str]:
        return {f"{host}:{self.port}" for host in ("127.0.0.1", "localhost", "[::1]")}

    def _guard(self, environ: Environ) -> None:
        if environ.get("REQUEST_METHOD") != "POST":
            raise Refused(403, "chỉ nhận yêu cầu POST")
        if not is_loopback(str(environ.get("REMOTE_ADDR", ""))):
            raise Refused(403, "chỉ sửa được nội dung từ chính máy này")
        if str(environ.get("HTTP_HOST", "")) not in self._allowed_hosts():
            raise Refused(403, "tên máy chủ không hợp lệ")
        origin = environ.get("HTTP_ORIGIN")
        if origin is not None and origin.removeprefix("http://") not in self._allowed_hosts():
            raise Refused(403, "yêu cầu đến từ một trang khác")
        if not str(environ.get("CONTENT_TYPE", "")).startswith("application/json"):
            raise Refused(415, "yêu cầu phải là JSON")

    def _body(self, environ: Environ) -> Any:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length <= 0 or length > MAX_REQUEST_BYTES:
            raise Refused(413, f"yêu cầu rỗng hoặc quá lớn (tối đa {MAX_REQUEST_BYTES} byte)")
        return json.loads(environ["wsgi.input"].read(length).decode("utf-8"))
