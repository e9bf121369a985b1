"""A server-rendered SVG bar chart of per-question scores (no JS, no inline styles)."""

from django.utils.html import escape

BAR_H, GAP, LABEL_W, CHART_W = 22, 10, 150, 520


def score_chart(questions: list[dict]) -> str:
    rows = []
    for index, question in enumerate(questions):
        y = index * (BAR_H + GAP)
        label = escape((question.get("topic") or f"Q{index + 1}")[:22])
        score = question.get("score")
        if score is None:
            bar = f'<text x="{LABEL_W + 4}" y="{y + 15}" class="chart-na">{escape(question["verdict"].replace("_", " "))}</text>'
        else:
            width = max(2, int((CHART_W - LABEL_W - 40) * score / 10))
            tone = "good" if score >= 7 else "mid" if score >= 4 else "low"
            bar = (f'<rect x="{LABEL_W}" y="{y}" width="{width}" height="{BAR_H}" rx="4" class="bar-{tone}"/>'
                   f'<text x="{LABEL_W + width + 6}" y="{y + 15}" class="chart-value">{score}</text>')
        rows.append(f'<text x="0" y="{y + 15}" class="chart-label">{index + 1}. {label}</text>{bar}')
    height = max(1, len(questions)) * (BAR_H + GAP)
    return (f'<svg class="score-chart" viewBox="0 0 {CHART_W} {height}" role="img" '
            f'aria-label="Score per question, out of 10">{"".join(rows)}</svg>')
