"""Image files: what they really are, and whether they are fit for the web."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

SUFFIX_FORMATS: dict[str, str] = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
WARN_BYTES = 2 * 1024 * 1024
WARN_PIXELS = 4000
# Pillow refuses decompression bombs above this many pixels; a photo never needs more.
Image.MAX_IMAGE_PIXELS = 100_000_000


@dataclass(frozen=True, slots=True)
class ImageInfo:
    format: str
    width: int
    height: int
    size: int


class ImageProblem(Exception):
    pass


def inspect_image(path: Path) -> ImageInfo:
    """Read only the header; raise ImageProblem (Vietnamese) when it is not a usable photo."""
    try:
        with Image.open(path) as image:
            fmt = image.format or ""
            width, height = image.size
    except Image.DecompressionBombError:
        raise ImageProblem("ảnh quá lớn (quá nhiều điểm ảnh); hãy thu nhỏ ảnh") from None
    except (UnidentifiedImageError, OSError):
        raise ImageProblem(
            "tệp không phải ảnh hợp lệ hoặc đã hỏng; hãy xuất lại ảnh dạng JPEG, PNG hoặc WebP"
        ) from None
    expected = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt != expected:
        raise ImageProblem(
            f"tệp có đuôi `{path.suffix}` nhưng thực chất là ảnh {fmt or 'không rõ định dạng'}; "
            "hãy xuất lại ảnh dạng JPEG, PNG hoặc WebP với đúng đuôi tệp"
        )
    return ImageInfo(fmt, width, height, path.stat().st_size)


def size_warnings(info: ImageInfo) -> list[str]:
    warnings: list[str] = []
    if info.size > WARN_BYTES:
        warnings.append(
            f"ảnh nặng {info.size / 1024 / 1024:.1f} MB (nên dưới 2 MB); "
            "trang web sẽ dùng bản thu nhỏ, nhưng hãy nén ảnh trước khi gửi"
        )
    if max(info.width, info.height) > WARN_PIXELS:
        warnings.append(
            f"ảnh {info.width}×{info.height} điểm ảnh (nên cạnh dài tối đa {WARN_PIXELS}); "
            "hãy thu nhỏ ảnh trước khi gửi"
        )
    return warnings
