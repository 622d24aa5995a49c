"""Files for machines beside the pages: robots.txt, the web app manifest and its PNG icons.

Phones want PNG icons (an SVG favicon is not used for the home screen or by iOS), so the
PNGs are drawn at build time from the site's SVG mark with Pillow. The mark is a flat
drawing: filled rectangles (rounded) and polygons, which is all this reader understands.
"""

from __future__ import annotations

import io
import json
import re
from functools import cache
from pathlib import Path
from xml.etree import ElementTree as ET

from PIL import Image, ImageDraw

MARK = "assets/images/favicon.svg"
ICON_PNG = "assets/images/icon-512.png"
ICON_SIZES = {"assets/images/icon-192.png": 192, ICON_PNG: 512}
APPLE_TOUCH_ICON = "assets/images/apple-touch-icon.png"  # iOS: 180 px, no transparency
MANIFEST = "manifest.webmanifest"
ROBOTS = "robots.txt"
THEME_COLOR = "#8e0c0c"
BACKGROUND = "#ffffff"
_SUPERSAMPLE = 4  # drawn larger, then scaled down: smooth edges without a vector renderer
_SVG = "{http://www.w3.org/2000/svg}"
_TOKEN = re.compile(r"[MmLlHhVvZz]|-?(?:\d+\.?\d*|\.\d+)")

Polygon = list[tuple[float, float]]


def robots_txt(site_url: str) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n".encode()


def manifest(name: str, description: str) -> bytes:
    """The web app manifest; paths are relative to it, so it works under any base path."""
    data = {
        "name": name,
        "short_name": name,
        "description": description,
        "lang": "vi",
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": BACKGROUND,
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": path, "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"}
            for path, size in ICON_SIZES.items()
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _path_polygon(d: str) -> Polygon:
    """Straight-line path data (M, L, H, V, Z, absolute or relative) as one polygon."""
    points: Polygon = []
    x = y = 0.0
    command = "M"
    tokens = _TOKEN.findall(d)
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if token.isalpha():
            command = token
            position += 1
            if command in "Zz":
                continue
        relative = command.islower()
        if command in "MmLl":
            dx, dy = float(tokens[position]), float(tokens[position + 1])
            position += 2
            x, y = (x + dx, y + dy) if relative else (dx, dy)
        elif command in "Hh":
            x = x + float(tokens[position]) if relative else float(tokens[position])
            position += 1
        elif command in "Vv":
            y = y + float(tokens[position]) if relative else float(tokens[position])
            position += 1
        else:
            raise ValueError(f"{MARK}: lệnh đường vẽ `{command}` chưa được hỗ trợ")
        points.append((x, y))
    return points


def _draw(svg: bytes, size: int, background: str | None) -> bytes:
    root = ET.fromstring(svg)
    _x, _y, width, _height = (float(v) for v in root.attrib["viewBox"].split())
    scale = size * _SUPERSAMPLE / width
    canvas = Image.new("RGBA", (size * _SUPERSAMPLE,) * 2, background or (0, 0, 0, 0))
    pen = ImageDraw.Draw(canvas)
    for element in root.iter():
        fill = element.attrib.get("fill")
        if element.tag == f"{_SVG}rect" and fill:
            w = float(element.attrib.get("width", "0")) * scale
            h = float(element.attrib.get("height", "0")) * scale
            left = float(element.attrib.get("x", "0")) * scale
            top = float(element.attrib.get("y", "0")) * scale
            # A full-bleed icon for iOS, which rounds the corners itself.
            radius = 0 if background else float(element.attrib.get("rx", "0")) * scale
            pen.rounded_rectangle((left, top, left + w, top + h), radius=radius, fill=fill)
        elif element.tag == f"{_SVG}path" and fill:
            polygon = [(px * scale, py * scale) for px, py in _path_polygon(element.attrib["d"])]
            pen.polygon(polygon, fill=fill)
    image = canvas.resize((size, size), Image.Resampling.LANCZOS)
    if background:
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


@cache
def icons(mark: Path) -> dict[str, bytes]:
    """The PNG icons by published path, drawn once per process from the SVG mark."""
    svg = mark.read_bytes()
    files = {path: _draw(svg, size, None) for path, size in ICON_SIZES.items()}
    files[APPLE_TOUCH_ICON] = _draw(svg, 180, BACKGROUND)
    return files


def machine_files(site_url: str, name: str, description: str, theme_dir: Path) -> dict[str, bytes]:
    return {
        ROBOTS: robots_txt(site_url),
        MANIFEST: manifest(name, description),
        **icons(theme_dir / MARK),
    }
