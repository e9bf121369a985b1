"""Resume endpoints and vacancy matches: parse, call one service, answer."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from onlyjobless.errors import ServiceError
from resumes import services
from resumes.uploads import uploaded_file
from vacancies.api import VacancyOut

router = Router(tags=["resumes"])

MATCHES_PAGE_SIZE = 20


class ResumeIn(Schema):
    # Lengths and ranges are the service's rules (400 with field errors), not the schema's.
    positions: list[str] = Field(default_factory=list)
    years_experience: int | None = None
    skills: list[str] = Field(default_factory=list)
    expected_salary: int | None = None
    currency: Literal["RUB", "USD", "EUR"] = "RUB"
    region: str = ""
    languages: list[str] = Field(default_factory=list)
    education: str = ""
    summary: str = ""
    upload_id: UUID | None = Field(default=None, description="Attach the file of this upload (from POST /resume/upload).")


class ResumeOut(Schema):
    headline: str = Field(description="The owner's full name (or username) and current position, from the profile.")
    positions: list[str]
    years_experience: int | None
    skills: list[str]
    expected_salary: int | None
    currency: str
    region: str
    languages: list[str]
    education: str
    summary: str
    has_file: bool
    original_filename: str
    updated_at: datetime

    @staticmethod
    def resolve_headline(resume) -> str:
        return resume.user.headline

    @staticmethod
    def resolve_has_file(resume) -> bool:
        return bool(resume.file)


class DraftOut(Schema):
    upload_id: UUID
    kind: Literal["pdf", "docx"]
    original_filename: str
    skills: list[str]
    years_experience: int | None
    languages: list[str]
    positions: list[str]
    education: str
    summary: str
    text_preview: str


class MatchOut(Schema):
    vacancy: VacancyOut
    match: int = Field(ge=0, le=100)
    matched_skills: list[str]
    missing_skills: list[str]
    applied: bool  # the candidate has already applied to it (the page marks it too)


class MatchPage(Schema):
    items: list[MatchOut]
    count: int
    hint: str | None


class MatchQuery(Schema):
    page: int = Field(default=1, ge=1, le=10_000)


UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary", "description": "PDF or DOCX"}},
                    "required": ["file"],
                }
            }
        },
    }
}


@router.get("/resume", response=ResumeOut)
def get_resume(request: HttpRequest):
    resume = services.get_resume(user=request.auth)
    if resume is None:
        raise ServiceError(_("You have no resume yet."), status=404)
    return resume


@router.put("/resume", response=ResumeOut)
def put_resume(request: HttpRequest, payload: ResumeIn):
    data = payload.dict(exclude={"upload_id"})
    if payload.upload_id:
        return services.confirm_upload(user=request.auth, upload_id=payload.upload_id, data=data)
    return services.save_resume(user=request.auth, data=data)


# No `File` parameter: ninja would parse the multipart body before this function could
# refuse an oversized one from its Content-Length.
@router.post("/resume/upload", response=DraftOut, openapi_extra=UPLOAD_BODY)
def upload_resume(request: HttpRequest):
    services.require_candidate(request.auth)
    return services.parse_upload(user=request.auth, uploaded_file=uploaded_file(request))


@router.get("/resume/file")
def download_resume_file(request: HttpRequest):
    return services.download(user=request.auth)


@router.get("/vacancies/matches", response=MatchPage)
def vacancy_matches(request: HttpRequest, query: Query[MatchQuery]):
    ranking = services.get_matches(user=request.auth)
    start = (query.page - 1) * MATCHES_PAGE_SIZE
    items = [
        {
            "vacancy": match.vacancy,
            "match": match.percent,
            "matched_skills": match.matched_skills,
            "missing_skills": match.missing_skills,
            "applied": match.vacancy.application_id is not None,
        }
        for match in ranking.matches[start : start + MATCHES_PAGE_SIZE]
    ]
    return {"items": items, "count": len(ranking.matches), "hint": ranking.hint}
