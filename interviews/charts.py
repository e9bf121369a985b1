"""A server-rendered SVG bar chart of per-question scores (no JS, no inline styles)."""

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

# Each question's label sits above its bar, so the chart stays narrow: on a phone it shrinks
# little and its text stays readable (labels beside the bars needed twice the width).
CHART_W, LABEL_H, BAR_H, GAP, LABEL_CHARS = 360, 18, 16, 12, 48
ROW_H = LABEL_H + BAR_H + GAP


def _verdict_text(verdict: str) -> str:
    """The chart's text for a question without a score (lower case: it sits where the bar would be)."""
    if verdict == "not_answered":
        return pgettext("score chart", "not answered")
    if verdict == "not_evaluated":
        return pgettext("score chart", "not evaluated")
    return verdict.replace("_", " ")


def score_chart(questions: list[dict], *, language: str = "") -> str:
    """`language`: the interview's, which its topics are written in (marked, as the page's may differ)."""
    rows = []
    for index, question in enumerate(questions):
        y = index * ROW_H + LABEL_H  # the bar's top; its label is above it
        # Translators: short label of a question without a topic in the score chart, e.g. "Q3".
        fallback = pgettext("score chart", "Q%(n)d") % {"n": index + 1}
        label = escape((question.get("topic") or fallback)[:LABEL_CHARS])
        if question.get("topic") and language:
            label = f'<tspan lang="{escape(language)}">{label}</tspan>'

        score = question.get("score")
        if score is None:
            bar = f'<text x="0" y="{y + 12}" class="chart-na">{escape(_verdict_text(question["verdict"]))}</text>'
        else:
            width = max(2, int((CHART_W - 40) * score / 10))
            tone = "good" if score >= 7 else "mid" if score >= 4 else "low"
            bar = (f'<rect x="0" y="{y}" width="{width}" height="{BAR_H}" rx="4" class="bar-{tone}"/>'
                   f'<text x="{width + 6}" y="{y + 13}" class="chart-value">{score}</text>')
        rows.append(f'<text x="0" y="{y - 5}" class="chart-label">{index + 1}. {label}</text>{bar}')
    height = max(1, len(questions)) * ROW_H - GAP
    aria_label = escape(_("Score per question, out of 10"))
    return (f'<svg class="score-chart" viewBox="0 0 {CHART_W} {height}" role="img" '
            f'aria-label="{aria_label}">{"".join(rows)}</svg>')
