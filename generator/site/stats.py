"""Statistics as inline SVG drawn at build time: bar charts (and the numbers for the
province map, drawn by generator.site.map).

Every chart is an accessible image (role="img" with <title> and <desc>) readable without
JavaScript, and the page shows the same numbers as a table. Nothing is fetched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from generator.index import Index
from generator.models import AwardLevel
from generator.site import urls
from generator.site.map import MapArea
from generator.site.pages import province_title
from generator.text import shorten
from generator.vietnamese import format_number, sort_key
from generator.vocabulary import award_level_title


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
class Statistics:
    charts: tuple[Chart, ...]
    map_areas: tuple[MapArea, ...]


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
        Bar(award_level_title(level), count, urls.award_level(level))
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
    areas = tuple(
        MapArea(
            slug,
            province_title(province),
            count := len(index.by_province.get(slug, [])),
            urls.province(slug) if count else None,  # empty listings are not built
        )
        for slug, province in sorted(index.provinces.items())
    )
    return Statistics(charts, areas)


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
