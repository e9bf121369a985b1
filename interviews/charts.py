"""A server-rendered SVG bar chart of per-question scores (no JS, no inline styles)."""

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

BAR_H, GAP, LABEL_W, CHART_W = 22, 10, 150, 520


def _verdict_text(verdict: str) -> str:
    """The chart's text for a question without a score (lower case: it sits where the bar would be)."""
    if verdict == "not_answered":
        return pgettext("score chart", "not answered")
    if verdict == "not_evaluated":
        return pgettext("score chart", "not evaluated")
    return verdict.replace("_", " ")


def score_chart(questions: list[dict]) -> str:
    rows = []
    for index, question in enumerate(questions):
        y = index * (BAR_H + GAP)
        # Translators: short label of a question without a topic in the score chart, e.g. "Q3".
        fallback = pgettext("score chart", "Q%(n)d") % {"n": index + 1}
        label = escape((question.get("topic") or fallback)[:22])
        score = question.get("score")
        if score is None:
            bar = f'<text x="{LABEL_W + 4}" y="{y + 15}" class="chart-na">{escape(_verdict_text(question["verdict"]))}</text>'
        else:
            width = max(2, int((CHART_W - LABEL_W - 40) * score / 10))
            tone = "good" if score >= 7 else "mid" if score >= 4 else "low"
            bar = (f'<rect x="{LABEL_W}" y="{y}" width="{width}" height="{BAR_H}" rx="4" class="bar-{tone}"/>'
                   f'<text x="{LABEL_W + width + 6}" y="{y + 15}" class="chart-value">{score}</text>')
        rows.append(f'<text x="0" y="{y + 15}" class="chart-label">{index + 1}. {label}</text>{bar}')
    height = max(1, len(questions)) * (BAR_H + GAP)
    aria_label = escape(_("Score per question, out of 10"))
    return (f'<svg class="score-chart" viewBox="0 0 {CHART_W} {height}" role="img" '
            f'aria-label="{aria_label}">{"".join(rows)}</svg>')
