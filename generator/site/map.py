"""The province map on /thong-ke/: a choropleth of the 34 current provinces, inline SVG.

The shapes come from the public-domain Natural Earth boundaries of the 63 provinces in force
until June 2025 (../shared/data/vn-provinces-63.geojson, see its SOURCE.md). Each old
province is placed in its current one by the project's own place resolver
(generator.places), the shared borders inside a merged province are dropped, and the result
is projected once into `data/provinces-34.json`, committed beside this module, so a build
needs neither the source file nor any network. Remake it with

    python -m generator.site.map ../shared/data/vn-provinces-63.geojson

Hoàng Sa and Trường Sa are not in that data (Natural Earth does not place them in Vietnam);
the map draws them as labelled island groups of Đà Nẵng and Khánh Hòa.
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from pathlib import Path
from typing import Any

from generator.places import PlaceResolver
from generator.vietnamese import format_number

SHAPES = Path(__file__).parent / "data" / "provinces-34.json"
ATTRIBUTION = "Ranh giới tỉnh: Natural Earth (phạm vi công cộng), gộp theo 34 tỉnh, thành phố."

_WEST, _EAST, _NORTH, _SOUTH = 102.0, 117.6, 23.6, 7.6
_SCALE = 30.0  # px per degree of latitude
_LON_FACTOR = math.cos(math.radians(16.0))
_PRECISION = 3  # decimals the source keeps: its points match exactly along shared borders

Point = tuple[float, float]
Ring = list[Point]


def project(longitude: float, latitude: float) -> tuple[float, float]:
    return ((longitude - _WEST) * _LON_FACTOR * _SCALE, (_NORTH - latitude) * _SCALE)


def frame() -> tuple[float, float]:
    """Width and height of the map in px."""
    return (_EAST - _WEST) * _LON_FACTOR * _SCALE, (_NORTH - _SOUTH) * _SCALE


# --- Making the shapes (run once, by hand, when the source changes) -----------------------


def _rings(geometry: dict[str, Any]) -> list[Ring]:
    coordinates = geometry["coordinates"]
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    rings: list[Ring] = []
    for polygon in polygons:
        for ring in polygon:
            rings.append([(round(x, _PRECISION), round(y, _PRECISION)) for x, y in ring])
    return rings


def dissolve(rings: Iterable[Ring]) -> list[Ring]:
    """The outline of several touching polygons: every edge two of them share is dropped.

    The source was simplified with its topology kept, so a shared border is the same points
    walked in opposite directions; what is left is chained back into closed rings.
    """
    edges: dict[Point, list[Point]] = defaultdict(list)
    counted: dict[tuple[Point, Point], int] = defaultdict(int)
    for ring in rings:
        for a, b in pairwise(ring):
            if a != b:
                counted[(a, b)] += 1
    for (a, b), n in counted.items():
        if (b, a) not in counted:
            edges[a].extend([b] * n)
    outline: list[Ring] = []
    while edges:
        start = next(iter(edges))
        ring = [start]
        point = start
        while edges.get(point):
            following = edges[point].pop()
            if not edges[point]:
                del edges[point]
            ring.append(following)
            point = following
            if point == start:
                break
        if len(ring) > 3:
            outline.append(ring)
    return outline


def _path(rings: Sequence[Ring]) -> str:
    parts = []
    for ring in rings:
        points = [project(x, y) for x, y in ring[:-1]]
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def make_shapes(source: Path) -> dict[str, object]:
    """Current province slug → SVG path data, from the 63-province GeoJSON."""
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    resolver = PlaceResolver()
    grouped: dict[str, list[Ring]] = defaultdict(list)
    for feature in features:
        province = resolver.resolve(feature["properties"]["name"]).province
        grouped[province.slug].extend(_rings(feature["geometry"]))
    width, height = frame()
    return {
        "source": "Natural Earth 1:10m Admin 1 (public domain), via ../shared/data",
        "width": round(width, 1),
        "height": round(height, 1),
        "provinces": {slug: _path(dissolve(rings)) for slug, rings in sorted(grouped.items())},
    }


def main(argv: Sequence[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write("cách dùng: python -m generator.site.map vn-provinces-63.geojson\n")
        return 2
    shapes = make_shapes(Path(argv[0]))
    SHAPES.parent.mkdir(exist_ok=True)
    text = json.dumps(shapes, ensure_ascii=False, indent=0, sort_keys=True)
    SHAPES.write_text(text + "\n", encoding="utf-8")
    return 0


# --- Drawing the map at build time ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MapArea:
    """One current province on the map: its name, count and listing (None when empty)."""

    slug: str
    label: str
    value: int
    url: str | None


# Hoàng Sa and Trường Sa are part of Vietnam and every map of it shows them.
# (name, islands as (lon, lat), latitude of the label)
_ARCHIPELAGOS: tuple[tuple[str, tuple[Point, ...], float], ...] = (
    (
        "Quần đảo Hoàng Sa (Đà Nẵng)",
        ((111.60, 16.55), (112.30, 16.80), (112.00, 16.10), (111.75, 16.30), (112.55, 16.45)),
        17.55,
    ),
    (
        "Quần đảo Trường Sa (Khánh Hòa)",
        (
            (114.30, 10.40), (114.50, 8.85), (115.30, 9.90), (113.90, 11.40), (111.90, 8.65),
            (112.90, 9.00), (114.90, 10.90), (116.10, 10.20), (113.20, 10.20),
        ),
        12.35,
    ),
)  # fmt: skip
LEVELS = 5  # colour steps for provinces with records; level 0 is "none yet"


def level(value: int, top: int) -> int:
    """0 for no records, else 1..LEVELS on a square-root scale (a few big provinces would
    otherwise leave every other one in the palest step): the first n with
    value ≤ top·(n/LEVELS)², in integers so a boundary value never falls the wrong side."""
    if value <= 0 or top <= 0:
        return 0
    return next(n for n in range(1, LEVELS + 1) if LEVELS**2 * value <= top * n**2)


def level_ranges(top: int) -> list[tuple[int, int, int]]:
    """(level, lowest, highest) count of each level that some count can reach."""
    highs = [top * n * n // LEVELS**2 for n in range(LEVELS + 1)]
    return [
        (n, highs[n - 1] + 1, highs[n]) for n in range(1, LEVELS + 1) if highs[n] > highs[n - 1]
    ]


def _archipelago(name: str, islands: Sequence[Point], latitude: float, width: float) -> str:
    """Island dots and a two-line label ("Quần đảo Trường Sa" / "(Khánh Hòa)") kept inside
    the map so a narrow screen never cuts the name off."""
    dots = "".join(
        '<circle class="gs-map__island" cx="{:.1f}" cy="{:.1f}" r="1.8"></circle>'.format(
            *project(lon, lat)
        )
        for lon, lat in islands
    )
    xs = [project(lon, lat)[0] for lon, lat in islands]
    _x, y = project(0.0, latitude)
    margin = 100.0
    x = min(max(sum(xs) / len(xs), margin), width - margin)
    title, _sep, rest = name.partition(" (")
    second = f'<tspan x="{x:.1f}" dy="1.2em">({escape(rest)}</tspan>' if rest else ""
    return (
        f'{dots}<text class="gs-map__label" text-anchor="middle" x="{x:.1f}" '
        f'y="{y:.1f}">{escape(title)}{second}</text>'
    )


def _area(area: MapArea, path: str, top: int, base: str) -> str:
    step = level(area.value, top)
    name = f"{area.label}: {format_number(area.value)} tập thể, cá nhân"
    shape = (
        f'<path class="gs-map__area gs-map__area--{step}" d="{path}">'
        f"<title>{escape(name)}</title></path>"
    )
    if area.url is None:
        return shape
    return f'<a href="{escape(base + area.url)}" aria-label="{escape(name)}">{shape}</a>'


_KEY_ROW = 24.0  # px per legend row


def _legend(top: int, height: float) -> str:
    """Colour steps with the counts they stand for, bottom left over the sea."""
    rows = []
    steps = [(0, "Chưa có")]
    for n, low, high in level_ranges(top):
        steps.append((n, format_number(low) if low == high else f"{low}–{high}"))
    y = height - _KEY_ROW * len(steps) - 6
    for row, (step, text) in enumerate(steps):
        top_y = y + row * _KEY_ROW
        rows.append(
            f'<rect class="gs-map__area--{step}" x="8" y="{top_y:.0f}" width="22" height="16">'
            f'</rect><text class="gs-map__legend" x="36" y="{top_y + 13:.0f}">{text}</text>'
        )
    return f'<g class="gs-map__key">{"".join(rows)}</g>'


def load_shapes() -> dict[str, str]:
    data = json.loads(SHAPES.read_text(encoding="utf-8"))
    provinces: dict[str, str] = data["provinces"]
    return provinces


def choropleth_svg(areas: Sequence[MapArea], base: str, *, svg_id: str = "ban-do") -> str:
    """The 34 provinces shaded by their number of records, each with records linking to its
    listing. A group of links, not a picture: keyboard and screen-reader users reach every
    province, and the page's table holds the same numbers."""
    shapes = load_shapes()
    width, height = frame()
    top = max((a.value for a in areas), default=0)
    drawn = [_area(a, shapes[a.slug], top, base) for a in areas if a.slug in shapes]
    islands = [_archipelago(*group, width) for group in _ARCHIPELAGOS]
    sea_x, sea_y = project(110.6, 14.2)
    counted = sorted((a for a in areas if a.value), key=lambda a: -a.value)
    described = "; ".join(f"{a.label}: {format_number(a.value)}" for a in counted)
    description = (
        "Bản đồ Việt Nam với 34 tỉnh, thành phố hiện nay, gồm quần đảo Hoàng Sa (Đà Nẵng) "
        "và quần đảo Trường Sa (Khánh Hòa); màu càng đậm, càng nhiều tập thể, cá nhân tiêu "
        "biểu. " + (described + "." if described else "Chưa có số liệu.")
    )
    return (
        f'<svg class="gs-choropleth" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="group" '
        f'aria-labelledby="{svg_id}-title" aria-describedby="{svg_id}-desc">'
        f'<title id="{svg_id}-title">Bản đồ tập thể, cá nhân tiêu biểu theo tỉnh, thành phố'
        f'</title><desc id="{svg_id}-desc">{escape(description)}</desc>'
        f'<rect class="gs-map__sea" width="{width:.0f}" height="{height:.0f}"></rect>'
        f"{''.join(drawn)}{''.join(islands)}"
        f'<text class="gs-map__sea-label" x="{sea_x:.1f}" y="{sea_y:.1f}">BIỂN ĐÔNG</text>'
        f"{_legend(top, height)}</svg>"
    )


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
