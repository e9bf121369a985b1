"""Server-rendered SVG charts for the progress page: scores per topic over time, minutes per week.

No JS and no inline styles (the CSP forbids them): colours come from classes in app.css.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import formats
from django.utils.html import escape
from django.utils.translation import gettext as _

W, H = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 28, 12, 10, 26


def _x(when: datetime, *, first: datetime, last: datetime) -> float:
    span = (last - first).total_seconds()
    share = (when - first).total_seconds() / span if span else 0.5
    return LEFT + share * (W - LEFT - RIGHT)


def _y(score: float) -> float:
    return TOP + (10 - score) / 10 * (H - TOP - BOTTOM)


def topic_chart(topics: list[dict]) -> str:
    """One line per topic (score 0-10 over time), its points titled with the date and score; the legend
    is HTML beside it (`topic_legend`)."""
    points = [when for topic in topics for when, _score in topic["points"]]
    if not points:
        return ""
    first, last = min(points), max(points)
    grid = "".join(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{_y(v):.1f}" y2="{_y(v):.1f}" class="chart-grid"/>'
                   f'<text x="{LEFT - 6}" y="{_y(v) + 4:.1f}" class="chart-axis" text-anchor="end">{v}</text>'
                   for v in (0, 5, 10))
    # The first date under the axis's start, the last under its end (anchored inside the chart), once each.
    labels = {formats.date_format(first, "j M"): (LEFT, "start"), formats.date_format(last, "j M"): (W - RIGHT, "end")}
    if len(labels) == 1:
        labels = {formats.date_format(first, "j M"): (_x(first, first=first, last=last), "middle")}
    axis = "".join(f'<text x="{x:.1f}" y="{H - 6}" class="chart-axis" text-anchor="{anchor}">{escape(label)}</text>'
                   for label, (x, anchor) in labels.items())
    lines = []
    for index, topic in enumerate(topics):
        coords = [(_x(when, first=first, last=last), _y(score), when, score) for when, score in topic["points"]]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _when, _score in coords)
        dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" class="series-{index}"><title>'
                       f'{escape(topic["topic"])}: {score}/10, {escape(formats.date_format(when, "DATE_FORMAT"))}'
                       f'</title></circle>' for x, y, when, score in coords)
        lines.append(f'<polyline points="{path}" class="series-line series-{index}"/>{dots}')
    label = escape(_("Score per topic over time, out of 10"))
    return (f'<svg class="progress-chart" viewBox="0 0 {W} {H}" role="img" aria-label="{label}">'
            f'{grid}{axis}{"".join(lines)}</svg>')


def minutes_chart(weeks: list[tuple[date, int]]) -> str:
    """A bar per week (Monday's date under it) with its minutes above it."""
    if not weeks:
        return ""
    top = max(max(minutes for _week, minutes in weeks), 10)
    slot = (W - LEFT - RIGHT) / len(weeks)
    bars = []
    for index, (week, minutes) in enumerate(weeks):
        height = (H - TOP - BOTTOM - 14) * minutes / top
        x, y = LEFT + index * slot + slot * 0.15, H - BOTTOM - height
        bars.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{height:.1f}" rx="3" '
                    f'class="bar-good"/>'
                    f'<text x="{x + slot * 0.35:.1f}" y="{y - 4:.1f}" class="chart-value" text-anchor="middle">'
                    f'{minutes}</text>'
                    f'<text x="{x + slot * 0.35:.1f}" y="{H - 6}" class="chart-axis" text-anchor="middle">'
                    f'{escape(formats.date_format(week, "j M"))}</text>')
    label = escape(_("Practice minutes per week"))
    return (f'<svg class="progress-chart" viewBox="0 0 {W} {H}" role="img" aria-label="{label}">'
            f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{H - BOTTOM}" y2="{H - BOTTOM}" class="chart-grid"/>'
            f'{"".join(bars)}</svg>')
