"""Vacancy endpoints: public search and detail (questions without their ideal answers), and employers'
own vacancies: create, edit, publish, delete, list with response counts."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from accounts.tokens import JWTAuth
from vacancies import services
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


class ResponseCounts(Schema):
    new: int
    in_chat: int
    approved: int
    rejected: int


class OwnVacancyOut(VacancyOut):
    application_counts: ResponseCounts

    @staticmethod
    def resolve_application_counts(vacancy: Vacancy) -> dict[str, int]:
        return vacancy.response_counts()


class OwnVacancyPage(Schema):
    items: list[OwnVacancyOut]
    count: int


Currency = Literal["RUB", "USD", "EUR"]
EmploymentType = Literal["full_time", "part_time", "contract", "internship"]
Language = Literal["en", "ru"]


# Lengths, ranges and skill rules are the service's (400 with field errors), not the schema's.
class VacancyIn(Schema):
    title: str
    company: str
    description: str
    skills: list[str] = Field(default_factory=list)
    location: str = ""
    salary_min: int | None = None
    salary_max: int | None = None
    currency: Currency = "RUB"
    employment_type: EmploymentType = "full_time"
    language: Language = "en"
    # A draft (seen by its owner only) unless asked otherwise; POST /vacancies/{id}/publish publishes it later.
    is_published: bool = False


class VacancyPatch(Schema):
    """Only the fields sent are changed; `null` clears a salary bound."""

    title: str | None = None
    company: str | None = None
    description: str | None = None
    skills: list[str] | None = None
    location: str | None = None
    salary_min: int | None = None
    salary_max: int | None = None
    currency: Currency | None = None
    employment_type: EmploymentType | None = None
    language: Language | None = None
    is_published: bool | None = None


class PageQuery(Schema):
    page: int = Field(default=1, ge=1, le=10_000)


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
        raise services.VacancyNotFound
    question_set = vacancy.current_question_set()
    # QuestionOut leaves ideal answers out: they only ground hints and scoring inside an interview.
    vacancy.question_set = question_set_snapshot(question_set) if question_set else None
    return vacancy


@router.post("/vacancies", response={201: VacancyOut})
def create_vacancy(request: HttpRequest, payload: VacancyIn):
    return Status(201, services.create_vacancy(owner=request.auth, **payload.dict()))


@router.get("/vacancies/mine", response=OwnVacancyPage)
def my_vacancies(request: HttpRequest, query: Query[PageQuery]):
    """The employer's vacancies, drafts included, newest first, with their applications counted by status."""
    services.require_employer(request.auth)
    vacancies = Vacancy.objects.for_owner(request.auth)
    start = (query.page - 1) * PAGE_SIZE
    return {"items": list(vacancies.with_response_counts()[start : start + PAGE_SIZE]), "count": vacancies.count()}


@router.patch("/vacancies/{int:vacancy_id}", response=VacancyOut)
def update_vacancy(request: HttpRequest, vacancy_id: int, payload: VacancyPatch):
    return services.update_vacancy(user=request.auth, vacancy_id=vacancy_id,
                                   changes=payload.dict(exclude_unset=True))


@router.post("/vacancies/{int:vacancy_id}/publish", response=VacancyOut)
def publish_vacancy(request: HttpRequest, vacancy_id: int):
    """Candidates can find it and apply; publishing a published vacancy changes nothing."""
    return services.set_published(user=request.auth, vacancy_id=vacancy_id, is_published=True)


@router.post("/vacancies/{int:vacancy_id}/unpublish", response=VacancyOut)
def unpublish_vacancy(request: HttpRequest, vacancy_id: int):
    """Back to a draft: hidden from lists, matches and its page for everyone but the owner."""
    return services.set_published(user=request.auth, vacancy_id=vacancy_id, is_published=False)


@router.delete("/vacancies/{int:vacancy_id}", response={204: None})
def delete_vacancy(request: HttpRequest, vacancy_id: int):
    services.delete_vacancy(user=request.auth, vacancy_id=vacancy_id)
    return Status(204, None)
