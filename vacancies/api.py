"""Vacancy catalogue endpoints: public search and detail (questions without their ideal answers)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from accounts.tokens import JWTAuth
from onlyjobless.errors import ApiError
from vacancies.models import Vacancy
from vacancies.services import question_set_snapshot

router = Router(tags=["vacancies"])

PAGE_SIZE = 20


def anonymous_without_token(request: HttpRequest):
    """Lets a request without Authorization through as anonymous; a bad token still gets 401."""
    return None if "Authorization" in request.headers else AnonymousUser()


class VacancyOut(Schema):
    id: int
    title: str
    company: str
    description: str
    skills: list[str]
    location: str
    salary_min: int | None
    salary_max: int | None
    currency: str
    employment_type: str
    language: str
    is_published: bool
    created_at: datetime
    updated_at: datetime


class QuestionOut(Schema):
    id: str
    text: str
    topic: str


class QuestionSetOut(Schema):
    version: int
    questions: list[QuestionOut]


class VacancyDetailOut(VacancyOut):
    question_set: QuestionSetOut | None


class VacancyPage(Schema):
    items: list[VacancyOut]
    count: int


class VacancyFilters(Schema):
    q: str = Field(default="", max_length=200)
    skill: str = Field(default="", max_length=100)
    location: str = Field(default="", max_length=100)
    salary_min: int | None = Field(default=None, ge=0)
    salary_max: int | None = Field(default=None, ge=0)
    currency: Literal["RUB", "USD", "EUR", ""] = ""
    page: int = Field(default=1, ge=1, le=10_000)


@router.get("/vacancies", auth=None, response=VacancyPage)
def list_vacancies(request: HttpRequest, filters: Query[VacancyFilters]):
    search = filters.dict(exclude={"page"})
    vacancies = Vacancy.objects.published().search(**search)
    start = (filters.page - 1) * PAGE_SIZE
    return {"items": list(vacancies[start : start + PAGE_SIZE]), "count": vacancies.count()}


@router.get("/vacancies/{int:vacancy_id}", auth=[JWTAuth(), anonymous_without_token], response=VacancyDetailOut)
def get_vacancy(request: HttpRequest, vacancy_id: int):
    vacancy = Vacancy.objects.visible_to(request.auth).filter(pk=vacancy_id).first()
    if vacancy is None:
        raise ApiError(404, "Vacancy not found.")
    question_set = vacancy.current_question_set()
    # QuestionOut leaves ideal answers out: they only ground hints and scoring inside an interview.
    vacancy.question_set = question_set_snapshot(question_set) if question_set else None
    return vacancy
