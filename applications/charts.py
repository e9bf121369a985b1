"""A server-rendered SVG histogram of a vacancy's relevance scores (no JS, no CDN, no inline styles)."""

from django.utils.html import escape
from django.utils.translation import gettext as _

from applications.stats import BUCKET

CHART_W, CHART_H, AXIS_H, TOP = 360, 150, 18, 16
BAR_GAP = 4


def score_histogram(buckets: list[int]) -> str:
    """One bar per BUCKET of score (0-9 … 90-100), its count above it; tall bars scale to the chart."""
    slot = CHART_W / len(buckets)
    tallest = max(buckets) or 1
    parts = []
    for index, count in enumerate(buckets):
        start = index * BUCKET
        x = index * slot + BAR_GAP / 2
        height = round((CHART_H - AXIS_H - TOP) * count / tallest)
        y = CHART_H - AXIS_H - height
        tone = "good" if start >= 70 else "mid" if start >= 40 else "low"
        if count:
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{slot - BAR_GAP:.1f}" height="{height}" rx="3" '
                         f'class="bar-{tone}"><title>{start}–{start + BUCKET - 1 if start < 90 else 100}: '
                         f'{count}</title></rect>'
                         f'<text x="{x + (slot - BAR_GAP) / 2:.1f}" y="{y - 4}" class="chart-value" '
                         f'text-anchor="middle">{count}</text>')
        parts.append(f'<text x="{x + (slot - BAR_GAP) / 2:.1f}" y="{CHART_H - 4}" class="chart-label" '
                     f'text-anchor="middle">{start}</text>')
    label = escape(_("Responses by relevance score, in steps of 10"))
    return (f'<svg class="score-chart histogram" viewBox="0 0 {CHART_W} {CHART_H}" role="img" '
            f'aria-label="{label}">{"".join(parts)}</svg>')
