"""Image files: what they really are, whether they are fit to publish, and clean copies.

`inspect_image` is what `check` runs on every file in `content/images/`: it refuses what a
writer could not decode (a truncated file, a decompression bomb) before any writer sees it.
`write_clean` and `clean_bytes` are the one way every output (the site's web copies, the
book's PDF and EPUB) turns an editor's photo into a published one: decoded and re-encoded,
so no EXIF (camera, time, GPS), XMP, PNG text chunk or JPEG comment travels with it.
"""

from __future__ import annotations

import hashlib
import io
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from generator.atomic import replacing

SUFFIX_FORMATS: dict[str, str] = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
WARN_BYTES = 2 * 1024 * 1024
WARN_PIXELS = 4000
# Refused before decoding: a 50-megapixel photo already needs 150 MB to decode, and no page
# or printed page needs more. Pillow's own guard only refuses at twice its limit.
MAX_PIXELS = 50_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
_SAVE_OPTIONS: dict[str, dict[str, object]] = {
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 4},
}
_strict_decoding = threading.Lock()
_BROKEN = "tệp không phải ảnh hợp lệ hoặc đã hỏng; hãy xuất lại ảnh dạng JPEG, PNG hoặc WebP"


@dataclass(frozen=True, slots=True)
class ImageInfo:
    format: str
    width: int
    height: int
    size: int


class ImageProblem(Exception):
    pass


def _too_many_pixels(width: int, height: int) -> ImageProblem:
    return ImageProblem(
        f"ảnh {width}×{height} điểm ảnh ({width * height / 1e6:.0f} megapixel) quá lớn; "
        f"tối đa {MAX_PIXELS // 1_000_000} megapixel — hãy thu nhỏ ảnh (cạnh dài khoảng "
        f"{WARN_PIXELS} điểm ảnh là đủ)"
    )


def _open(path: Path) -> Image.Image:
    try:
        with warnings.catch_warnings():
            # Between Pillow's limit and twice it, only a warning: the size check below
            # refuses it with the image's real size.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(path)
    except Image.DecompressionBombError:
        raise ImageProblem(
            f"ảnh quá lớn (quá {MAX_PIXELS // 1_000_000} megapixel); hãy thu nhỏ ảnh"
        ) from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise ImageProblem(_BROKEN) from None


def inspect_image(path: Path) -> ImageInfo:
    """Decode the whole image; raise ImageProblem (Vietnamese) when it is not a usable photo.

    The size is read from the header first, so an oversized image is refused before its
    pixels are decoded. JPEGs decode at 1/8 scale: every byte is still read, which is what
    finds a truncated file, at a fraction of the time and memory.
    """
    with _open(path) as image:
        fmt = image.format or ""
        width, height = image.size
        expected = SUFFIX_FORMATS.get(path.suffix.lower())
        if fmt != expected:
            raise ImageProblem(
                f"tệp có đuôi `{path.suffix}` nhưng thực chất là ảnh "
                f"{fmt or 'không rõ định dạng'}; "
                "hãy xuất lại ảnh dạng JPEG, PNG hoặc WebP với đúng đuôi tệp"
            )
        if width * height > MAX_PIXELS:
            raise _too_many_pixels(width, height)
        _decode_all(image, path)
    return ImageInfo(fmt, width, height, path.stat().st_size)


def _decode_all(image: Image.Image, path: Path) -> None:
    if image.format == "JPEG":
        image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
    try:
        with _strict_decoding:
            # WeasyPrint sets this process-wide on import; a check must not inherit it.
            lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
            try:
                image.load()
            finally:
                ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        truncated = "truncated" in str(error) or "broken data stream" in str(error)
        if truncated:
            raise ImageProblem(
                "ảnh bị cắt cụt (tệp không đủ dữ liệu, có thể do tải lên hoặc chép chưa xong); "
                "hãy chép lại tệp ảnh gốc"
            ) from None
        raise ImageProblem(_BROKEN) from None


def size_warnings(info: ImageInfo) -> list[str]:
    warnings_: list[str] = []
    if info.size > WARN_BYTES:
        warnings_.append(
            f"ảnh nặng {info.size / 1024 / 1024:.1f} MB (nên dưới 2 MB); "
            "trang web sẽ dùng bản thu nhỏ, nhưng hãy nén ảnh trước khi gửi"
        )
    if max(info.width, info.height) > WARN_PIXELS:
        warnings_.append(
            f"ảnh {info.width}×{info.height} điểm ảnh (nên cạnh dài tối đa {WARN_PIXELS}); "
            "hãy thu nhỏ ảnh trước khi gửi"
        )
    return warnings_


def _clean_picture(source: Path, limit: int | None) -> tuple[Image.Image, str, bytes | None]:
    """The pixels of `source`, upright, at most `limit` px on the long edge, nothing else."""
    with Image.open(source) as original:
        fmt = original.format or "JPEG"
        icc = original.info.get("icc_profile")
        picture = ImageOps.exif_transpose(original)
        if limit is not None:
            picture.thumbnail((limit, limit), Image.Resampling.LANCZOS)
        picture.load()
    if fmt == "JPEG" and picture.mode not in {"RGB", "L"}:
        picture = picture.convert("RGB")
    # Pillow writes an image's `info` back out (JPEG comments, XMP, EXIF); start with none.
    picture.info = {}
    return picture, fmt, icc if isinstance(icc, bytes) else None


def _save(picture: Image.Image, stream: object, fmt: str, icc: bytes | None) -> None:
    options = dict(_SAVE_OPTIONS.get(fmt, {}))
    if icc:
        options["icc_profile"] = icc  # colours, not metadata: keep them right
    # No `exif=`, `xmp=`, `comment=` or `pnginfo=`: the copy carries none of them.
    picture.save(stream, format=fmt, **options)  # type: ignore[arg-type]


def write_clean(source: Path, target: Path, limit: int | None = None) -> tuple[int, int]:
    """Re-encode `source` into `target` (atomically) without metadata; its pixel size."""
    picture, fmt, icc = _clean_picture(source, limit)
    with replacing(target) as temporary:
        _save(picture, temporary, fmt, icc)
    return picture.size


def clean_bytes(source: Path, fmt: str | None = None) -> bytes:
    """`source` re-encoded without metadata, in its own format or in `fmt` (e.g. "PNG")."""
    picture, own, icc = _clean_picture(source, None)
    buffer = io.BytesIO()
    _save(picture, buffer, fmt or own, icc)
    return buffer.getvalue()


def cache_dir(content_root: Path, purpose: str) -> Path:
    """Beside the content folder, so every build of the same content shares it."""
    return content_root.resolve().parent / ".cache" / f"guongsang-{purpose}"


def clean_file(source: Path, cache_dir: Path) -> Path:
    """A full-size clean copy of `source` in `cache_dir`, made again only when it changes."""
    info = source.stat()
    key = hashlib.blake2b(
        f"{source.resolve()}\0{info.st_mtime_ns}\0{info.st_size}".encode(), digest_size=12
    ).hexdigest()
    target = cache_dir / f"{key}{source.suffix.lower()}"
    if not target.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        write_clean(source, target)
    return target
