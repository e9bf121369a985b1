"""The employer's own screening: their questions with rubrics, and the relevance blend, saved as versions.

Each save is a new `ScreeningVersion`; an application records the version current when it was made,
and its chat holds the questions as planned then, so editing never changes a screening that is
running or finished (nor how it is scored). No questions means the built-in plan from the
vacancy's skills (`screening.build_plan`).

Suggestions come without a model: the built-in skill questions (with their key points) and the
vacancy's practice questions (with ideal answers), for the employer to pick and edit.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from applications import screening
from applications.models import ANSWERS_WEIGHT_MAX, ANSWERS_WEIGHT_MIN, ScreeningVersion
from applications.services import ApplicationError
from vacancies.models import Vacancy

QUESTIONS_MAX = 10
TEXT_MAX, TOPIC_MAX, IDEAL_MAX, POINT_MAX = 1000, 100, 2000, 200
KEY_POINTS_MIN, KEY_POINTS_MAX = 3, 6
SUGGESTIONS_MAX = 12


def _owned(*, employer, vacancy_id: int) -> Vacancy:
    vacancy = Vacancy.objects.for_owner(employer).filter(pk=vacancy_id).first()
    if vacancy is None:
        raise ApplicationError(_("Vacancy not found."), status=404)
    return vacancy


def current_version(vacancy: Vacancy) -> ScreeningVersion | None:
    return vacancy.screening_versions.order_by("-version").first()


def setup_of(*, employer, vacancy_id: int) -> tuple[Vacancy, ScreeningVersion | None]:
    """The owner's vacancy and its current screening version (None: never customised, the defaults)."""
    vacancy = _owned(employer=employer, vacancy_id=vacancy_id)
    return vacancy, current_version(vacancy)


def _clean_question(number: int, raw: dict) -> dict:
    def text(name: str, limit: int, *, required: bool) -> str:
        value = str(raw.get(name) or "").strip()
        if required and not value:
            raise ApplicationError(_("Question %(n)d: %(field)s is required.") % {"n": number, "field": name},
                                   status=422)
        if len(value) > limit:
            raise ApplicationError(_("Question %(n)d: %(field)s can be at most %(max)d characters.")
                                   % {"n": number, "field": name, "max": limit}, status=422)
        return value

    points = [str(point).strip() for point in raw.get("key_points") or [] if str(point).strip()]
    if not KEY_POINTS_MIN <= len(points) <= KEY_POINTS_MAX:
        raise ApplicationError(_("Question %(n)d needs %(low)d to %(high)d key points; it has %(count)d.")
                               % {"n": number, "low": KEY_POINTS_MIN, "high": KEY_POINTS_MAX, "count": len(points)},
                               status=422)
    if any(len(point) > POINT_MAX for point in points):
        raise ApplicationError(_("Question %(n)d: a key point can be at most %(max)d characters.")
                               % {"n": number, "max": POINT_MAX}, status=422)
    return {"text": text("text", TEXT_MAX, required=True), "topic": text("topic", TOPIC_MAX, required=False),
            "ideal_answer": text("ideal_answer", IDEAL_MAX, required=True), "key_points": points}


def save_setup(*, employer, vacancy_id: int, questions: list[dict], answers_weight: int) -> ScreeningVersion:
    """Save a new version of the vacancy's screening (questions may be empty: the built-in plan).

    Guarantees: 0-10 questions, each with a text, an ideal answer and 3-6 key points; the answers'
    weight within ANSWERS_WEIGHT_MIN-MAX percent; earlier versions are kept as they were. Two
    parallel saves get consecutive versions (a clash on the unique version is retried once).
    """
    vacancy = _owned(employer=employer, vacancy_id=vacancy_id)
    if not ANSWERS_WEIGHT_MIN <= answers_weight <= ANSWERS_WEIGHT_MAX:
        raise ApplicationError(_("The answers' weight must be between %(low)d%% and %(high)d%%.")
                               % {"low": ANSWERS_WEIGHT_MIN, "high": ANSWERS_WEIGHT_MAX}, status=422)
    if len(questions) > QUESTIONS_MAX:
        raise ApplicationError(_("A screening has at most %(n)d questions.") % {"n": QUESTIONS_MAX}, status=422)
    cleaned = [_clean_question(number, raw) for number, raw in enumerate(questions, start=1)]
    for _attempt in range(2):
        try:
            with transaction.atomic():
                latest = vacancy.screening_versions.aggregate(latest=Max("version"))["latest"] or 0
                return ScreeningVersion.objects.create(vacancy=vacancy, version=latest + 1, questions=cleaned,
                                                       answers_weight=answers_weight)
        except IntegrityError:
            continue
    raise ApplicationError(_("Someone else saved this screening at the same moment. Please save again."),
                           status=409)


def _bank_question(question) -> dict | None:
    """A practice question as a screening suggestion, when it has an ideal answer and enough key points."""
    points = list(question.key_points or [])
    if not question.ideal_answer or len(points) < KEY_POINTS_MIN:
        return None
    return {"text": question.text, "topic": question.topic, "ideal_answer": question.ideal_answer,
            "key_points": points[:KEY_POINTS_MAX]}


def _bank(vacancy: Vacancy) -> list:
    """Practice questions: the vacancy's own, then the catalogue's for vacancies sharing most of its skills."""
    own = vacancy.current_question_set()
    found = list(own.questions.all()) if own else []
    wanted = {skill.casefold() for skill in vacancy.skills or []}
    catalogue = [(len(wanted & {skill.casefold() for skill in other.skills or []}), other)
                 for other in Vacancy.objects.filter(owner__isnull=True).exclude(pk=vacancy.pk)]
    for overlap, other in sorted(catalogue, key=lambda pair: -pair[0]):
        question_set = other.current_question_set() if overlap else None
        found += list(question_set.questions.all()) if question_set else []
        if len(found) >= SUGGESTIONS_MAX:
            break
    return found


def suggestions(*, employer, vacancy_id: int) -> list[dict]:
    """Questions to start from, each with an ideal answer and 3-6 key points, without a model: the
    question bank (the vacancy's practice questions, then the catalogue's for the same skills), then
    the built-in general questions (experience, problem solving, teamwork, motivation)."""
    vacancy = _owned(employer=employer, vacancy_id=vacancy_id)
    general = [{"text": question["text"], "topic": question["topic"],
                "ideal_answer": " ".join(question["key_points"]), "key_points": question["key_points"]}
               for question in screening.build_plan(vacancy=vacancy, matched_skills=[], missing_skills=[])]
    bank = [suggestion for suggestion in map(_bank_question, _bank(vacancy)) if suggestion]
    unique = {suggestion["text"]: suggestion for suggestion in bank[:SUGGESTIONS_MAX - len(general)] + general}
    return list(unique.values())
