"""Web copies of photos: sized for the web, stripped of metadata, dimensions on every <img>."""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image

from generator.site.images import LARGE, THUMB, ImageShop, thumb_path
from tests.site_support import BuiltSite

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def _camera_photo(path: Path, size: tuple[int, int], orientation: int = 1) -> None:
    """A JPEG like a phone's: big, with GPS and an orientation tag."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "Điện thoại thử"
    exif.get_ifd(GPS_IFD)[2] = (21.0, 1.0, 30.0)
    Image.new("RGB", size, (150, 40, 40)).save(path, format="JPEG", exif=exif, quality=90)


def test_every_img_has_width_and_height(built_site: BuiltSite) -> None:
    """No <img> on any page lacks width and height, so nothing jumps while loading."""
    tags = [
        (page.relative_to(built_site.out), tag)
        for page in built_site.out.rglob("index.html")
        for tag in re.findall(r"<img\b[^>]*>", page.read_text(encoding="utf-8"))
    ]
    assert len(tags) > 10
    assert [t for t in tags if " width=" not in t[1] or " height=" not in t[1]] == []


def test_large_photo_is_downsized_and_thumbnailed(tmp_path: Path) -> None:
    """A 4000×3000 camera photo becomes a 1600-px copy and a 480-px thumbnail."""
    (tmp_path / "images").mkdir()
    _camera_photo(tmp_path / "images" / "lon.jpg", (4000, 3000))
    shop = ImageShop(tmp_path, tmp_path / "cache")
    picture = shop.prepare(["images/lon.jpg"])["images/lon.jpg"]
    assert (picture.large.width, picture.large.height) == (LARGE, 1200)
    assert (picture.thumb.width, picture.thumb.height) == (THUMB, 360)
    files = dict(shop.files())
    assert set(files) == {"images/lon.jpg", thumb_path("images/lon.jpg")}
    with Image.open(files["images/lon.jpg"]) as copy:
        assert copy.size == (LARGE, 1200)


def test_copies_carry_no_gps_or_camera_metadata(tmp_path: Path) -> None:
    """The published copies have no EXIF at all (no GPS position, no camera)."""
    (tmp_path / "images").mkdir()
    _camera_photo(tmp_path / "images" / "gps.jpg", (800, 600))
    shop = ImageShop(tmp_path, tmp_path / "cache")
    shop.prepare(["images/gps.jpg"])
    for _published, copy in shop.files():
        with Image.open(copy) as image:
            assert not image.getexif()


def test_orientation_is_applied_before_stripping(tmp_path: Path) -> None:
    """A portrait photo stored sideways (orientation 6) is published upright."""
    (tmp_path / "images").mkdir()
    _camera_photo(tmp_path / "images" / "doc.jpg", (600, 400), orientation=6)
    shop = ImageShop(tmp_path, tmp_path / "cache")
    picture = shop.prepare(["images/doc.jpg"])["images/doc.jpg"]
    assert (picture.large.width, picture.large.height) == (400, 600)


def test_unchanged_photos_are_not_encoded_again(tmp_path: Path) -> None:
    """A second build reuses the cached copies."""
    (tmp_path / "images").mkdir()
    _camera_photo(tmp_path / "images" / "a.jpg", (900, 600))
    ImageShop(tmp_path, tmp_path / "cache").prepare(["images/a.jpg"])
    copies = {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").glob("*.jpg")}
    ImageShop(tmp_path, tmp_path / "cache").prepare(["images/a.jpg"])
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").glob("*.jpg")} == copies
