"""Statistics as inline SVG drawn at build time: bar charts and a map of Vietnam.

Every chart is an accessible image (role="img" with <title> and <desc>) readable without
JavaScript, and the page shows the same numbers as a table. Nothing is fetched: the map is
drawn from the provinces' coordinates and a simplified outline kept here.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from generator.index import Index
from generator.models import AwardLevel
from generator.site import urls
from generator.site.pages import AWARD_LEVEL_TITLES, province_title
from generator.site.text import shorten
from generator.vietnamese import format_number, sort_key


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    url: str | None = None  # site-relative page for this bar, if any


@dataclass(frozen=True, slots=True)
class Chart:
    id: str
    title: str
    unit: str  # what is counted, for the description and the table header
    bars: tuple[Bar, ...]

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)

    def describe(self) -> str:
        if not self.bars:
            return f"{self.title}: chưa có số liệu."
        parts = "; ".join(f"{bar.label}: {format_number(bar.value)}" for bar in self.bars)
        return f"{self.title} ({self.unit}). {parts}."


@dataclass(frozen=True, slots=True)
class MapPoint:
    label: str
    latitude: float
    longitude: float
    value: int
    url: str


@dataclass(frozen=True, slots=True)
class Statistics:
    charts: tuple[Chart, ...]
    map_points: tuple[MapPoint, ...]


def _by_count(bars: Iterable[Bar]) -> tuple[Bar, ...]:
    """Largest first, then by Vietnamese name; empty bars are left out."""
    return tuple(sorted((b for b in bars if b.value), key=lambda b: (-b.value, sort_key(b.label))))


def collect(index: Index) -> Statistics:
    records = "tập thể, cá nhân"
    provinces = _by_count(
        Bar(
            province_title(province),
            len(index.by_province.get(slug, [])),
            urls.province(slug),
        )
        for slug, province in index.provinces.items()
    )
    fields = _by_count(
        Bar(entry.name, len(index.by_field.get(entry.id, [])), urls.field(entry.id))
        for entry in index.fields.values()
    )
    movements = _by_count(
        Bar(entry.name, len(index.by_movement.get(entry.id, [])), urls.movement(entry.id))
        for entry in index.movements.values()
    )
    # Levels keep their own order, from the national level down.
    levels = tuple(
        Bar(AWARD_LEVEL_TITLES[level], count, urls.award_level(level))
        for level in AwardLevel
        if (count := len(index.by_award_level.get(level, [])))
    )
    award_years = Counter(
        award.year for record in index.records.values() for award in record.model.awards
    )
    story_years = Counter(story.model.date.year for story in index.stories)
    charts = (
        Chart("theo-dia-phuong", "Theo tỉnh, thành phố hiện nay", records, provinces),
        Chart("theo-linh-vuc", "Theo lĩnh vực", records, fields),
        Chart("theo-phong-trao", "Theo phong trào, cuộc vận động", records, movements),
        Chart("theo-cap-khen-thuong", "Theo cấp khen thưởng", records, levels),
        Chart(
            "khen-thuong-theo-nam",
            "Khen thưởng theo năm",
            "lượt khen thưởng",
            tuple(Bar(str(year), award_years[year]) for year in sorted(award_years)),
        ),
        Chart(
            "bai-viet-theo-nam",
            "Bài viết theo năm",
            "bài viết",
            tuple(Bar(str(year), story_years[year]) for year in sorted(story_years)),
        ),
    )
    points = tuple(
        MapPoint(
            province_title(province),
            province.latitude,
            province.longitude,
            len(index.by_province.get(slug, [])),
            urls.province(slug),
        )
        for slug, province in sorted(index.provinces.items())
    )
    return Statistics(charts, points)


# --- Bar charts ---------------------------------------------------------------------------

_ROW = 44  # px per bar: label line, bar, gap
_BAR_HEIGHT = 14
_LABEL_CHARS = 42  # what fits a 360-px phone at the chart's font size
_BAR_SPAN = 82.0  # % of the width the longest bar takes, leaving room for its number


def bar_chart_svg(chart: Chart) -> str:
    """Horizontal bars whose lengths are percentages, so text keeps its size at any width."""
    height = max(1, len(chart.bars)) * _ROW
    top = max((bar.value for bar in chart.bars), default=1)
    rows = []
    for position, bar in enumerate(chart.bars):
        y = position * _ROW
        width = max(0.5, _BAR_SPAN * bar.value / top)
        label = escape(shorten(bar.label, _LABEL_CHARS))
        rows.append(
            f"<g><title>{escape(bar.label)}: {format_number(bar.value)}</title>"
            f'<text class="gs-bars__label" x="0" y="{y + 14}">{label}</text>'
            f'<rect class="gs-bars__bar" x="0" y="{y + 20}" width="{width:.1f}%" '
            f'height="{_BAR_HEIGHT}" rx="2"></rect>'
            f'<text class="gs-bars__value" x="{width:.1f}%" dx="6" y="{y + 32}">'
            f"{format_number(bar.value)}</text></g>"
        )
    return (
        f'<svg class="gs-bars" xmlns="http://www.w3.org/2000/svg" width="100%" '
        f'height="{height}" role="img" aria-labelledby="{chart.id}-title {chart.id}-desc">'
        f'<title id="{chart.id}-title">{escape(chart.title)}</title>'
        f'<desc id="{chart.id}-desc">{escape(chart.describe())}</desc>'
        f"{''.join(rows)}</svg>"
    )


# --- Map ----------------------------------------------------------------------------------

# A simplified outline of mainland Vietnam as (longitude, latitude), clockwise from the
# Lào Cai–Lai Châu tripoint with China and Laos. It is a schematic for locating markers,
# not a survey; the page says so.
_MAINLAND: tuple[tuple[float, float], ...] = (
    (102.14, 22.40), (102.45, 22.75), (102.95, 22.50), (103.35, 22.80), (103.65, 22.78),
    (103.97, 22.52), (104.35, 22.70), (104.75, 22.85), (105.10, 23.25), (105.35, 23.38),
    (105.80, 23.05), (106.20, 22.98), (106.70, 22.85), (106.60, 22.40), (106.75, 22.00),
    (107.05, 21.80), (107.40, 21.60), (108.05, 21.55), (107.70, 21.35), (107.25, 21.05),
    (106.80, 20.75), (106.55, 20.25), (106.10, 19.95), (105.90, 19.55), (105.70, 18.95),
    (106.15, 18.20), (106.65, 17.40), (107.10, 16.90), (107.55, 16.55), (108.05, 16.30),
    (108.25, 16.05), (108.65, 15.50), (108.85, 15.15), (109.05, 14.60), (109.20, 13.90),
    (109.30, 13.20), (109.45, 12.85), (109.20, 12.25), (109.20, 11.75), (108.95, 11.35),
    (108.60, 11.05), (108.10, 10.90), (107.55, 10.55), (107.10, 10.35), (106.75, 10.15),
    (106.55, 9.75), (106.30, 9.45), (105.80, 9.20), (105.35, 8.85), (104.85, 8.58),
    (104.80, 9.05), (104.95, 9.70), (104.95, 10.00), (104.75, 10.25), (104.45, 10.42),
    (104.80, 10.55), (105.05, 10.90), (105.45, 10.95), (105.85, 10.85), (106.15, 11.05),
    (106.00, 11.70), (106.40, 11.95), (106.95, 12.15), (107.45, 12.30), (107.55, 12.75),
    (107.50, 13.30), (107.60, 13.90), (107.50, 14.45), (107.55, 14.70), (107.65, 15.25),
    (107.45, 15.55), (107.20, 16.05), (106.95, 16.35), (106.65, 16.60), (106.40, 17.05),
    (106.05, 17.45), (105.65, 18.00), (105.35, 18.40), (104.75, 18.80), (104.30, 19.15),
    (103.90, 19.30), (104.05, 19.65), (104.40, 19.95), (104.60, 20.30), (104.45, 20.55),
    (104.10, 20.95), (103.65, 20.70), (103.20, 20.85), (102.95, 21.25), (102.85, 21.70),
    (102.65, 21.85), (102.35, 22.10),
)  # fmt: skip
_ISLANDS: tuple[tuple[float, float, float], ...] = (  # longitude, latitude, radius in px
    (103.97, 10.22, 3.0),  # Phú Quốc
    (106.60, 8.69, 1.6),  # Côn Đảo
    (107.73, 20.13, 1.2),  # Bạch Long Vĩ
    (109.12, 15.38, 1.2),  # Lý Sơn
)
# Hoàng Sa and Trường Sa are part of Vietnam and every map of it shows them.
# (name, islands as (lon, lat), latitude of the label)
_ARCHIPELAGOS: tuple[tuple[str, tuple[tuple[float, float], ...], float], ...] = (
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

_WEST, _EAST, _NORTH, _SOUTH = 102.0, 117.6, 23.6, 7.6
_SCALE = 24.0  # px per degree of latitude
_LON_FACTOR = math.cos(math.radians(16.0))


def _project(longitude: float, latitude: float) -> tuple[float, float]:
    return (
        (longitude - _WEST) * _LON_FACTOR * _SCALE,
        (_NORTH - latitude) * _SCALE,
    )


def _path(points: Sequence[tuple[float, float]]) -> str:
    projected = [_project(lon, lat) for lon, lat in points]
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in projected) + "Z"


def _archipelago_label(
    name: str, islands: Sequence[tuple[float, float]], latitude: float, width: float
) -> str:
    """Two centred lines over the islands ("Quần đảo Trường Sa" / "(Khánh Hòa)"), kept
    inside the map so a narrow screen never cuts the name off."""
    xs = [_project(lon, lat)[0] for lon, lat in islands]
    _x, y = _project(0.0, latitude)
    margin = 62.0
    x = min(max(sum(xs) / len(xs), margin), width - margin)
    title, _sep, rest = name.partition(" (")
    second = f'<tspan x="{x:.1f}" dy="1.2em">({escape(rest)}</tspan>' if rest else ""
    return (
        f'<text class="gs-map__label" text-anchor="middle" x="{x:.1f}" y="{y:.1f}">'
        f"{escape(title)}{second}</text>"
    )


def map_svg(points: Sequence[MapPoint], *, svg_id: str = "ban-do") -> str:
    """Vietnam with a circle per current province, its area proportional to its count."""
    width = (_EAST - _WEST) * _LON_FACTOR * _SCALE
    height = (_NORTH - _SOUTH) * _SCALE
    top = max((p.value for p in points), default=0) or 1
    shapes = [
        f'<rect class="gs-map__sea" width="{width:.0f}" height="{height:.0f}"></rect>',
        f'<path class="gs-map__land" d="{_path(_MAINLAND)}"></path>',
    ]
    for lon, lat, radius in _ISLANDS:
        x, y = _project(lon, lat)
        shapes.append(
            f'<circle class="gs-map__land" cx="{x:.1f}" cy="{y:.1f}" r="{radius}"></circle>'
        )
    for name, islands, label_lat in _ARCHIPELAGOS:
        for lon, lat in islands:
            x, y = _project(lon, lat)
            shapes.append(
                f'<circle class="gs-map__island" cx="{x:.1f}" cy="{y:.1f}" r="1.4"></circle>'
            )
        shapes.append(_archipelago_label(name, islands, label_lat, width))
    x, y = _project(110.2, 14.2)
    shapes.append(f'<text class="gs-map__sea-label" x="{x:.1f}" y="{y:.1f}">BIỂN ĐÔNG</text>')
    counted = []
    for point in sorted(points, key=lambda p: -p.value):  # small circles drawn on top
        x, y = _project(point.longitude, point.latitude)
        if point.value:
            radius = 3.5 + 11.0 * math.sqrt(point.value / top)
            counted.append(point)
            shapes.append(
                f'<circle class="gs-map__marker" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}">'
                f"<title>{escape(point.label)}: {format_number(point.value)}</title></circle>"
            )
        else:
            shapes.append(
                f'<circle class="gs-map__empty" cx="{x:.1f}" cy="{y:.1f}" r="1.8"></circle>'
            )
    described = "; ".join(
        f"{p.label}: {format_number(p.value)}"
        for p in sorted(counted, key=lambda p: (-p.value, sort_key(p.label)))
    )
    description = (
        "Bản đồ Việt Nam (giản lược, gồm quần đảo Hoàng Sa và quần đảo Trường Sa), mỗi vòng "
        "tròn đỏ là một tỉnh, thành phố có tập thể, cá nhân tiêu biểu, càng lớn càng nhiều. "
        + (described + "." if described else "Chưa có số liệu.")
    )
    return (
        f'<svg class="gs-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} '
        f'{height:.0f}" role="img" aria-labelledby="{svg_id}-title {svg_id}-desc">'
        f'<title id="{svg_id}-title">Bản đồ tập thể, cá nhân tiêu biểu theo tỉnh, thành phố</title>'
        f'<desc id="{svg_id}-desc">{escape(description)}</desc>'
        f"{''.join(shapes)}</svg>"
    )
