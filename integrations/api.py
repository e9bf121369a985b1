"""Endpoints for other systems, authenticated by `X-Service-Key` (not a user's token): each checks its
scope first (403), after the key (401 unknown or revoked) and its budget (429)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.security import APIKeyHeader
from pydantic import Field

from integrations import bot, keys
from integrations.models import ServiceKey
from vacancies.models import Vacancy

PAGE_SIZE = 20
Scope = ServiceKey.Scope


class ServiceKeyAuth(APIKeyHeader):
    param_name = "X-Service-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> ServiceKey | None:
        return keys.authenticate(key or "")


router = Router(tags=["service (X-Service-Key)"], auth=ServiceKeyAuth())


class VacancyItem(Schema):
    id: int
    title: str
    company: str
    location: str
    skills: list[str]
    salary_min: int | None
    salary_max: int | None
    currency: str
    employment_type: str


class VacancyQuery(Schema):
    q: str = Field(default="", max_length=200)
    skill: str = Field(default="", max_length=100)
    page: int = Field(default=1, ge=1, le=1000)


class VacancyPage(Schema):
    items: list[VacancyItem]
    count: int


class MatchItem(Schema):
    vacancy: VacancyItem
    match: int
    matched_skills: list[str]
    missing_skills: list[str]


class MatchesOut(Schema):
    username: str
    items: list[MatchItem]
    hint: str | None


class MatchQuery(Schema):
    limit: int = Field(default=10, ge=1, le=50)


class DraftIn(Schema):
    positions: list[str] = Field(default_factory=list)
    years_experience: int | None = None
    skills: list[str] = Field(default_factory=list)
    expected_salary: int | None = None
    currency: str = "RUB"
    region: str = ""
    languages: list[str] = Field(default_factory=list)
    education: str = ""
    summary: str = ""


class DraftOut(Schema):
    id: int
    detail: str


@router.get("/service/vacancies", response=VacancyPage)
def vacancies(request: HttpRequest, query: Query[VacancyQuery]):
    keys.use(key=request.auth, scope=Scope.VACANCIES_READ, request=request)
    found = Vacancy.objects.published().search(q=query.q, skill=query.skill)
    start = (query.page - 1) * PAGE_SIZE
    return {"items": list(found[start:start + PAGE_SIZE]), "count": found.count()}


@router.get("/service/users/{telegram}/matches", response=MatchesOut)
def matches(request: HttpRequest, telegram: str, query: Query[MatchQuery]):
    keys.use(key=request.auth, scope=Scope.MATCHES_READ, request=request)
    user, found, hint = bot.matches_for(telegram=telegram)
    items = [{"vacancy": match.vacancy, "match": match.percent, "matched_skills": match.matched_skills,
              "missing_skills": match.missing_skills} for match in found[:query.limit]]
    return {"username": user.username, "items": items, "hint": hint}


@router.post("/service/users/{telegram}/resume-draft", response={201: DraftOut})
def resume_draft(request: HttpRequest, telegram: str, payload: DraftIn):
    keys.use(key=request.auth, scope=Scope.RESUME_DRAFT, request=request)
    draft = bot.create_draft(telegram=telegram, key=request.auth, data=payload.dict())
    return Status(201, {"id": draft.pk, "detail": "Saved as a draft: the user confirms it in the app."})
