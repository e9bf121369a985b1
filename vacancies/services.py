"""Vacancy writes: question versioning, and the snapshot an interview keeps."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from vacancies.models import Question, QuestionSet, Vacancy

QUESTIONS_MAX = 30
TOPIC_MAX = Question._meta.get_field("topic").max_length


class VacancyError(Exception):
    """A vacancy write refused with a reason a person can read; `status` is the HTTP answer."""

    status = 400

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def _clean_questions(questions: list[dict]) -> list[dict]:
    if not questions:
        raise VacancyError(_("An interview needs at least one question."))
    if len(questions) > QUESTIONS_MAX:
        raise VacancyError(_("An interview can have at most %(n)d questions.") % {"n": QUESTIONS_MAX})
    cleaned = []
    for number, question in enumerate(questions, start=1):
        text = str(question.get("text") or "").strip()
        if not text:
            raise VacancyError(_("Question %(n)d has no text.") % {"n": number})
        cleaned.append(
            {
                "text": text,
                "topic": str(question.get("topic") or "").strip()[:TOPIC_MAX],
                "ideal_answer": str(question.get("ideal_answer") or "").strip(),
            }
        )
    return cleaned


def _as_dicts(question_set: QuestionSet) -> list[dict]:
    return [
        {"text": q.text, "topic": q.topic, "ideal_answer": q.ideal_answer} for q in question_set.questions.all()
    ]


def replace_questions(*, vacancy: Vacancy, questions: list[dict]) -> QuestionSet:
    """Save `questions` (dicts with text, topic, ideal_answer; in order) as the vacancy's next version.

    Earlier versions are never touched, so an interview that snapshotted version N keeps it. Versions
    are numbered under a row lock on the vacancy, so concurrent edits get N+1 and N+2, never a clash.
    Saving the same questions as the current version creates nothing and returns the current set.
    """
    cleaned = _clean_questions(questions)
    with transaction.atomic():
        Vacancy.objects.select_for_update().filter(pk=vacancy.pk).values_list("pk").get()
        current = vacancy.current_question_set()
        if current is not None and _as_dicts(current) == cleaned:
            return current
        latest = vacancy.question_sets.aggregate(latest=Max("version"))["latest"] or 0
        question_set = QuestionSet.objects.create(vacancy=vacancy, version=latest + 1)
        Question.objects.bulk_create(
            Question(question_set=question_set, order=order, **question) for order, question in enumerate(cleaned)
        )
    return question_set


def question_set_snapshot(question_set: QuestionSet) -> dict:
    """What a chat stores as its plan: {"version", "questions": [{"id", "text", "topic", "ideal_answer"}]}."""
    return {
        "version": question_set.version,
        "questions": [
            {
                "id": str(question.pk),
                "text": question.text,
                "topic": question.topic,
                "ideal_answer": question.ideal_answer,
            }
            for question in question_set.questions.all()
        ],
    }
