"""Geometry of the salary range bar, drawn as server-side SVG.

The page's Content-Security-Policy (``style-src 'self'``) forbids inline ``style``
attributes, so widths cannot be set in HTML; SVG geometry attributes (x, width) are not
styles and carry the numbers instead.
"""

import math
from dataclasses import dataclass

WIDTH = 640
PADDING = 28  # room for the first and last tick labels
BAR_Y, BAR_HEIGHT = 14, 18
TICK_Y = 56
HEIGHT = 64
MIN_FILL = 4  # a range of one value still shows as a visible mark


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class RangeChart:
    width: int
    height: int
    track_x: float
    track_width: float
    bar_y: int
    bar_height: int
    fill_x: float
    fill_width: float
    tick_top: int
    tick_bottom: int
    tick_y: int
    axis_max: int
    ticks: tuple[Tick, ...]


def _nice_step(span: float, *, max_ticks: int = 6) -> int:
    raw = span / max_ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    return int(next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw))


def short_amount(value: int) -> str:
    """150000 -> "150k", 1250000 -> "1.25M"."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 1_000:
        return f"{value / 1_000:g}k"
    return str(value)


def range_chart(*, salary_from: int, salary_to: int) -> RangeChart:
    """A 0-based axis a quarter wider than the top of the range, with round ticks."""
    step = _nice_step(salary_to * 1.25)
    axis_max = step * math.ceil(salary_to * 1.25 / step)
    inner = WIDTH - 2 * PADDING

    def x(value: float) -> float:
        return round(PADDING + inner * value / axis_max, 1)

    fill_width = round(max(MIN_FILL, x(salary_to) - x(salary_from)), 1)
    return RangeChart(
        width=WIDTH, height=HEIGHT, track_x=PADDING, track_width=inner, bar_y=BAR_Y, bar_height=BAR_HEIGHT,
        fill_x=min(x(salary_from), WIDTH - PADDING - fill_width), fill_width=fill_width,
        tick_top=BAR_Y + BAR_HEIGHT, tick_bottom=TICK_Y - 12, tick_y=TICK_Y,
        axis_max=axis_max,
        ticks=tuple(Tick(x=x(value), label=short_amount(value)) for value in range(0, axis_max + 1, step)),
    )
