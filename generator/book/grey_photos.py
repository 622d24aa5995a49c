"""Grey copies of the book's photos for a one-colour interior, made once and cached.

Ghostscript would otherwise decode every RGB JPEG each time a page draws it, convert it to
grey and encode it again: on a 500-page book that was half of its conversion time. The copy
goes through the same transform Ghostscript applies (LittleCMS, from the photo's own
profile or sRGB to Ghostscript's `default_gray.icc`, perceptual), so the file it receives is
already DeviceGray and passes through unchanged. Pixel sizes stay as they are: the layout,
and the resolution the preflight checks, do not move.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageCms

from generator.atomic import replacing
from generator.book.ghostscript import installed_profile

GREY_PROFILE = Path("/usr/share/color/icc/ghostscript/default_gray.icc")
_JPEG_QUALITY = 90  # a print copy: one generation more of JPEG loss, kept small


def grey_profile() -> Path:
    return installed_profile(GREY_PROFILE, "hồ sơ màu xám")


def grey_file(clean: Path) -> Path:
    """`clean` (a metadata-free copy in the book's cache) as greyscale, beside it.

    The clean copy's name already changes with its source, so the grey one's name does too.
    """
    target = clean.with_name(f"{clean.stem}-xam{clean.suffix}")
    if not target.is_file():
        with Image.open(clean) as picture:
            fmt = picture.format or "JPEG"
            grey = _to_grey(picture)
        with replacing(target) as temporary:
            options = {"quality": _JPEG_QUALITY} if fmt == "JPEG" else {"optimize": True}
            grey.save(temporary, format=fmt, **options)
    return target


def _to_grey(picture: Image.Image) -> Image.Image:
    if picture.mode in {"L", "LA", "1"}:
        return picture.convert("LA" if picture.mode == "LA" else "L")
    has_alpha = picture.mode in {"RGBA", "LA", "PA"} or "transparency" in picture.info
    icc = picture.info.get("icc_profile")
    rgb = picture.convert("RGB")
    source = (
        ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if isinstance(icc, bytes)
        else ImageCms.createProfile("sRGB")
    )
    transform = ImageCms.buildTransform(
        source, str(grey_profile()), "RGB", "L", renderingIntent=ImageCms.Intent.PERCEPTUAL
    )
    grey = transform.apply(rgb)
    if has_alpha:
        grey.putalpha(picture.convert("RGBA").getchannel("A"))
    return grey
