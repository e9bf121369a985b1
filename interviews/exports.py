"""A report as a PDF (scores, each question's covered and missed points, the score chart) and a chat's
transcript as Markdown, for the owner's downloads and a shared link's.

fpdf2 writes the PDF: pure Python (its dependencies ship wheels), so it installs anywhere pip does.
PDF's built-in fonts are Latin-1 only, so the report embeds DejaVu Sans (subset to Latin and
Cyrillic, in interviews/data/fonts with its licence): Russian reports print on any machine, with no
system fonts needed. The chart is drawn with PDF shapes from the same scores as the page's SVG.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from interviews import chats, services
from interviews.errors import ChatConflict

FONTS = Path(__file__).parent / "data" / "fonts"
FONT = "DejaVu"
TONES = {"good": (46, 125, 50), "mid": (239, 108, 0), "low": (198, 40, 40)}
MUTED = (110, 110, 110)
BAR_MAX_MM, BAR_H_MM = 120, 5
ANSWER_CHARS = 1500  # per question in the PDF: the whole answer is in the transcript


def filename(chat: dict, extension: str) -> str:
    """An ASCII file name from the chat's title (browsers disagree on anything else in headers)."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", chat.get("title", "")).strip("-")[:60] or "interview"
    return f"{stem}-{chat['_id']}.{extension}"


def _tone(score: int) -> str:
    return "good" if score >= 7 else "mid" if score >= 4 else "low"


def _verdict(question: dict) -> str:
    if question["verdict"] == "scored":
        return f"{question['score']}/10"
    if question["verdict"] == "not_answered":
        return _("No real answer") if question.get("answer") else _("Not answered")
    return _("Not evaluated")


class _Document(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(True, margin=15)
        self.set_margins(18, 18, 18)

    def paragraph(self, text: str, *, size: float = 10, bold: bool = False, color=(0, 0, 0), gap: float = 1.5) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*color)
        self.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)

    def chart(self, questions: list[dict]) -> None:
        for index, question in enumerate(questions, start=1):
            if self.will_page_break(11):
                self.add_page()
            label = question.get("topic") or _("Question %(n)d") % {"n": index}
            self.set_font(FONT, "", 8)
            self.set_text_color(*MUTED)
            self.cell(0, 4, f"{index}. {label}"[:80], new_x="LMARGIN", new_y="NEXT")
            score = question.get("score")
            if score is None:
                self.cell(0, BAR_H_MM, _verdict(question), new_x="LMARGIN", new_y="NEXT")
            else:
                width = max(1.0, BAR_MAX_MM * score / 10)
                self.set_fill_color(*TONES[_tone(score)])
                self.rect(self.l_margin, self.get_y(), width, BAR_H_MM, style="F")
                self.set_x(self.l_margin + width + 2)
                self.set_text_color(0, 0, 0)
                self.cell(0, BAR_H_MM, str(score), new_x="LMARGIN", new_y="NEXT")
            self.ln(2)


def report_pdf(report: dict) -> bytes:
    """The ready report (`services.report`'s dict) as a PDF, in the active language."""
    chat = report["chat"]
    pdf = _Document()
    pdf.set_title(f"{_('Interview report')}: {chat.get('title', '')}")
    pdf.set_creator("OnlyJobless")
    pdf.add_page()
    pdf.paragraph(_("Interview report"), size=18, bold=True)
    pdf.paragraph(chat.get("title", ""), size=11, color=MUTED)
    finished = report.get("evaluated_at") or chat.get("updated_at")
    if finished:
        pdf.paragraph(formats.date_format(timezone.localtime(finished), "DATE_FORMAT"), size=9, color=MUTED, gap=4)
    overall = report.get("overall")
    pdf.paragraph(_("Overall: %(score)s/10") % {"score": overall if overall is not None else "—"}, size=14, bold=True)
    pdf.paragraph(_("%(n)d of %(m)d questions answered") % {"n": report["answered_count"],
                                                              "m": report["question_count"]}, size=10, gap=5)
    pdf.chart(report["questions"])
    for index, question in enumerate(report["questions"], start=1):
        pdf.ln(3)
        pdf.paragraph(f"{index}. {question['question']}", size=11, bold=True, gap=1)
        pdf.paragraph(_verdict(question), size=10, bold=True,
                      color=TONES[_tone(question["score"])] if question.get("score") is not None else MUTED)
        if question.get("answer"):
            pdf.paragraph(_("Your answer"), size=9, bold=True, color=MUTED, gap=0.5)
            answer = question["answer"]
            pdf.paragraph(answer if len(answer) <= ANSWER_CHARS else f"{answer[:ANSWER_CHARS]}…", size=9)
        if question.get("feedback"):
            pdf.paragraph(_("Feedback"), size=9, bold=True, color=MUTED, gap=0.5)
            pdf.paragraph(question["feedback"], size=9)
        if question.get("covered"):
            pdf.paragraph(_("What you covered"), size=9, bold=True, color=MUTED, gap=0.5)
            for covered in question["covered"]:
                pdf.paragraph(f"✓ {covered['point']} — “{covered['quote']}”", size=9, color=TONES["good"], gap=0.5)
        if question.get("missed"):
            pdf.paragraph(_("What was missing"), size=9, bold=True, color=MUTED, gap=0.5)
            for missed in question["missed"]:
                pdf.paragraph(f"✗ {missed}", size=9, color=TONES["low"], gap=0.5)
    return bytes(pdf.output())


def owner_report_pdf(*, user_id: str, chat_id: str) -> tuple[str, bytes]:
    """(file name, PDF) of the user's own ready report; 404 for another's, 409 while it is not ready."""
    result = services.report(user_id=user_id, chat_id=chat_id)
    if result["status"] != "ready":
        raise ChatConflict(_("The report is not ready yet."))
    return filename(result["chat"], "pdf"), report_pdf(result)


def transcript_markdown(*, user_id: str, chat_id: str) -> tuple[str, str]:
    """(file name, Markdown) of the user's own chat: every saved message in order, who said it, when."""
    chat = services.get_chat(user_id=user_id, chat_id=chat_id)
    speakers = {"user": _("You"), "assistant": chat.get("persona_name") or _("Interviewer")}
    lines = [f"# {chat.get('title', '')}", "",
             f"_{formats.date_format(timezone.localtime(chat['created_at']), 'DATETIME_FORMAT')}_", ""]
    for message in chats.chat_messages_for_report(chat_id=chat["_id"]):
        content = (message.get("content") or "").strip()
        if not content:
            continue
        lines += [f"**{speakers.get(message['role'], message['role'])}:**", "", content, ""]
    return filename(chat, "md"), "\n".join(lines)
