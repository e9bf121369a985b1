"""A vacancy's own screening through the API: its questions with rubrics and the relevance blend (owner only)."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from applications import screening_setup
from applications.models import ANSWERS_WEIGHT_DEFAULT, ANSWERS_WEIGHT_MAX, ANSWERS_WEIGHT_MIN

router = Router(tags=["screening"])


class RubricQuestion(Schema):
    text: str = Field(min_length=1, max_length=screening_setup.TEXT_MAX)
    topic: str = Field(default="", max_length=screening_setup.TOPIC_MAX)
    ideal_answer: str = Field(min_length=1, max_length=screening_setup.IDEAL_MAX)
    key_points: list[str] = Field(min_length=screening_setup.KEY_POINTS_MIN, max_length=screening_setup.KEY_POINTS_MAX)


class ScreeningIn(Schema):
    answers_weight: int = Field(default=ANSWERS_WEIGHT_DEFAULT, ge=ANSWERS_WEIGHT_MIN, le=ANSWERS_WEIGHT_MAX,
                                description="The answers' share of the relevance score, in percent; the skill "
                                            "match has the rest.")
    questions: list[RubricQuestion] = Field(default_factory=list, max_length=screening_setup.QUESTIONS_MAX,
                                            description="Empty: the questions built from the vacancy's skills.")


class ScreeningOut(Schema):
    vacancy_id: int
    version: int | None = Field(description="null until the employer saves one: the defaults apply.")
    answers_weight: int
    questions: list[RubricQuestion]
    created_at: datetime | None


class SuggestionList(Schema):
    items: list[RubricQuestion]


def _out(vacancy, version) -> dict:
    return {"vacancy_id": vacancy.pk, "version": version.version if version else None,
            "answers_weight": version.answers_weight if version else ANSWERS_WEIGHT_DEFAULT,
            "questions": version.questions if version else [], "created_at": version.created_at if version else None}


@router.get("/vacancies/{int:vacancy_id}/screening", response=ScreeningOut)
def current(request: HttpRequest, vacancy_id: int):
    return _out(*screening_setup.setup_of(employer=request.auth, vacancy_id=vacancy_id))


@router.put("/vacancies/{int:vacancy_id}/screening", response=ScreeningOut)
def save(request: HttpRequest, vacancy_id: int, payload: ScreeningIn):
    version = screening_setup.save_setup(employer=request.auth, vacancy_id=vacancy_id,
                                         answers_weight=payload.answers_weight,
                                         questions=[question.dict() for question in payload.questions])
    return _out(version.vacancy, version)


@router.get("/vacancies/{int:vacancy_id}/screening/suggestions", response=SuggestionList)
def suggestions(request: HttpRequest, vacancy_id: int):
    return {"items": screening_setup.suggestions(employer=request.auth, vacancy_id=vacancy_id)}
